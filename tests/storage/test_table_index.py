"""The C-level index of a file's tables gives exactly what going doc by doc gives, on tables as
Groundwork writes them and on every kind of oddity (keys, ids, stamps, duplicates)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.storage import shards
from desktop_app.storage.merge import MergedView
from desktop_app.storage.schema import SCHEMA_VERSION
from desktop_app.storage.table_index import latest_stamp

PATH = Path("/profiles/p-1/d-0000000000000001/2026-05.json")
DEVICE = "d-0000000000000001"
BASE = datetime(2026, 5, 1, 6, 0, tzinfo=UTC)
ODD_STAMPS = ["2026-05-01T06:00:00Z", "2026-05-01 08:00:00+02:00", "2026-05-01T06:00:00",
              "2026-02-31T06:00:00+00:00", "soon", 5, None]
ODD_IDS = ["", 7, None, "dup"]


@st.composite
def stamp(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 12)) == 0:
        return draw(st.sampled_from(ODD_STAMPS))
    moment = BASE + timedelta(seconds=draw(st.integers(0, 4)),
                              microseconds=draw(st.sampled_from([0, 7])))
    zone = draw(st.sampled_from([UTC, timezone(timedelta(hours=2)),
                                 timezone(timedelta(hours=-3, minutes=-30))]))
    return moment.astimezone(zone).isoformat()


@st.composite
def table(draw: st.DrawFn) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for index in range(draw(st.integers(0, 8))):
        key = str(index + 1) if draw(st.integers(0, 15)) else "x"
        rid = (f"r{index}" if draw(st.integers(0, 10)) else draw(st.sampled_from(ODD_IDS)))
        found[key] = {"_id": rid, "_updated_at": draw(stamp()), "n": index}
    return found


def parsed(tables: dict[str, Any], fast: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    head = {"app": "groundwork", "schema_version": SCHEMA_VERSION, "profile": "p-1",
            "device": DEVICE}
    raw = json.dumps({"meta": {"1": head}, **tables}).encode()
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(shards, "index_table", lambda *_args: None)
        return shards.parse_file(PATH, raw, DEVICE)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["wins", "checkins", "focus"]), table(), max_size=3))
def test_the_fast_index_equals_going_doc_by_doc(tables: dict[str, Any]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, slow = parsed(tables, True, monkeypatch), parsed(tables, False, monkeypatch)
    assert fast.versions == slow.versions
    assert fast.keys == slow.keys
    assert fast.odd == slow.odd
    for kind, versions in fast.versions.items():
        for rid, version in versions.items():
            assert version.at.tzinfo is slow.versions[kind][rid].at.tzinfo
    view = MergedView()
    view.put_file(PATH, fast.versions)
    assert latest_stamp(view, DEVICE) == view.latest_stamp(DEVICE)
    assert latest_stamp(view, "d-other") is None
