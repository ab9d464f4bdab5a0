"""The step-by-step JSON reader and writer give exactly what ``json`` gives, or its error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.services import gentle_json
from desktop_app.storage.tinydb_storage import encode_tables

SCALARS = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)


@given(st.dictionaries(st.text(), VALUES | st.lists(VALUES, max_size=6), max_size=6),
       st.sampled_from([None, 1, 2]))
def test_reads_what_json_reads(document: dict[str, Any], indent: int | None) -> None:
    raw = json.dumps(document, indent=indent, ensure_ascii=indent == 2).encode()
    assert gentle_json.loads(raw) == json.loads(raw)


@pytest.mark.parametrize("raw", [
    b"", b"{", b'{"a": [1, 2', b'{"a": [1, 2,]}', b'{"a": 1} x', b"[1, 2]", b"\xff\xfe{",
    b'\xef\xbb\xbf{"a": 1}', b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"a": 1, "a": 2}', b'{"a": [{"b": NaN}]}', b"  {  }  ", b'{"a":[]}',
])
def test_odd_or_damaged_input_reads_or_fails_as_json_does(raw: bytes) -> None:
    try:
        expected: Any = json.loads(raw)
    except (ValueError, RecursionError) as error:
        with pytest.raises(type(error)) as raised:
            gentle_json.loads(raw)
        assert str(raised.value) == str(error)
        return
    got = gentle_json.loads(raw)
    assert json.dumps(got) == json.dumps(expected)


@given(st.dictionaries(st.text(), st.dictionaries(st.text(), VALUES, max_size=5), max_size=5))
def test_writes_the_bytes_tinydb_storage_writes(tables: dict[str, dict[str, Any]]) -> None:
    assert gentle_json.encode_tables(tables) == encode_tables(tables)
