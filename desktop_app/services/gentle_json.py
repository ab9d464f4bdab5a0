"""Big JSON read and written on a worker thread in small steps, so the UI thread keeps its turns.

``json.loads`` and ``json.dumps`` hold the interpreter for the whole document: for a
20-year export (3 MB) that is 100–300 ms during which the window cannot paint. Here the
top-level object and its lists are walked in Python and each record is one short C call;
the interpreter changes threads between calls. The results are exactly those of
``json.loads`` and of ``tinydb_storage.encode_tables``; anything unusual (another encoding,
damage) goes to ``json.loads``, which decides and words the error as before.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class _Unusual(Exception):
    """Not the shape walked here: ``json.loads`` reads it whole."""


def loads(raw: bytes) -> Any:
    """``json.loads(raw)``, in short steps for an object of lists (an export)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return json.loads(raw)
    if text.startswith("\ufeff"):
        return json.loads(raw)
    try:
        return _object(text)
    except (_Unusual, ValueError, RecursionError):
        return json.loads(raw)


def _skip(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    assert match is not None  # it matches the empty string
    return match.end()


def _object(text: str) -> dict[str, Any]:
    at = _skip(text, 0)
    if text[at:at + 1] != "{":
        raise _Unusual
    at = _skip(text, at + 1)
    found: dict[str, Any] = {}
    if text[at:at + 1] == "}":
        at += 1
    else:
        while True:
            if text[at:at + 1] != '"':
                raise _Unusual
            key, at = _DECODER.raw_decode(text, at)
            at = _skip(text, at)
            if text[at:at + 1] != ":":
                raise _Unusual
            at = _skip(text, at + 1)
            if text[at:at + 1] == "[":
                found[key], at = _list(text, at)
            else:
                found[key], at = _DECODER.raw_decode(text, at)
            at = _skip(text, at)
            if text[at:at + 1] == "}":
                at += 1
                break
            if text[at:at + 1] != ",":
                raise _Unusual
            at = _skip(text, at + 1)
    if _skip(text, at) != len(text):
        raise _Unusual
    return found


def _list(text: str, at: int) -> tuple[list[Any], int]:
    at = _skip(text, at + 1)
    items: list[Any] = []
    if text[at:at + 1] == "]":
        return items, at + 1
    while True:
        item, at = _DECODER.raw_decode(text, at)
        items.append(item)
        at = _skip(text, at)
        if text[at:at + 1] == "]":
            return items, at + 1
        if text[at:at + 1] != ",":
            raise _Unusual
        at = _skip(text, at + 1)


def encode_tables(tables: dict[str, dict[str, Any]]) -> bytes:
    """The bytes ``tinydb_storage.encode_tables`` makes, one document at a time."""
    dumps = _ENCODER.encode
    parts = []
    for name, table in tables.items():
        inner = ",".join(f"{dumps(key)}:{dumps(doc)}" for key, doc in table.items())
        parts.append(f"{dumps(name)}:{{{inner}}}")
    return ("{" + ",".join(parts) + "}").encode("utf-8")
