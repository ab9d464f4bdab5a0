"""Editing a record keeps the fields this version does not know (a newer version's, a hand
edit's); it still drops what the code removed on purpose (a cleared answer, a None field)."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.journal import (
    Cadence,
    CheckIn,
    FocusArea,
    FocusPeriod,
    Practice,
    Slip,
    Win,
)
from desktop_app.storage.merge import ENVELOPE
from desktop_app.storage.repository import ProfileRepository
from tests.disk import stored
from tests.storage.helpers import D1, new_profile, open_as

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=6,
)


def extras_for(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    known = {f.name for f in dataclasses.fields(cls)}
    return st.dictionaries(
        st.text(min_size=1, max_size=12).filter(lambda k: k not in known and k not in ENVELOPE),
        json_values,
        max_size=4,
    )


def tables(repo: ProfileRepository) -> dict[str, Any]:
    return stored(repo)


def edit(repo: ProfileRepository, table: str, rid: str,
         change: Callable[[dict[str, Any]], None]) -> None:
    """Change this computer's stored version of a record, as a newer version or a person
    would (the caller reopens the profile)."""
    repo.flush()
    path = repo.own / "2026-05.json"
    data = json.loads(path.read_text("utf-8"))
    [doc] = [d for d in data[table].values() if d.get("_id") == rid]
    change(doc)
    path.write_text(json.dumps(data), "utf-8")


def hand_add(repo: ProfileRepository, table: str, rid: str, doc: dict[str, Any]) -> None:
    edit(repo, table, rid, lambda stored: stored.update(doc))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extras=extras_for(Win), text=st.text(min_size=1, max_size=20).filter(str.strip))
def test_extra_keys_survive_an_edit(tmp_path: Path, extras: dict[str, Any], text: str) -> None:
    folder = tmp_path / f"d{abs(hash((text, json.dumps(extras, sort_keys=True))))}"
    repo = new_profile(folder)
    doc_id = repo.collection("wins", Win).add(Win(NOW, "first words", "area-key"))
    hand_add(repo, "wins", doc_id, extras)
    reopened = open_as(repo, D1)
    wins = reopened.collection("wins", Win)
    wins.update(doc_id, Win(NOW, text, None))
    stored = tables(reopened)["wins"][doc_id]
    assert {k: stored[k] for k in extras} == extras
    assert stored["text"] == text and stored["focus_area"] is None
    assert wins.get(doc_id) == Win(NOW, text, None)
    shutil.rmtree(folder)


def test_known_fields_removed_on_purpose_are_dropped(tmp_path: Path) -> None:
    """The stale fields a plain merge would keep: a cleared answer, a pause taken back."""
    repo = new_profile(tmp_path)
    checkins = repo.collection("checkins", CheckIn)
    doc_id = checkins.add(CheckIn(NOW, "check-in", 1, {"distress": 4, "note": "private"}))
    hand_add(repo, "checkins", doc_id, {"mood_v2": {"x": 1}})
    repo = open_as(repo, D1)
    edited = CheckIn(NOW, "check-in", 1, {"distress": 2})
    repo.collection("checkins", CheckIn).update(doc_id, edited)
    stored = tables(repo)["checkins"][doc_id]
    assert stored["answers"] == {"distress": 2}  # answer keys are data: the note is gone
    assert stored["mood_v2"] == {"x": 1}

    slips = repo.collection("lapses", Slip)
    slip_id = slips.add(Slip("k", NOW, None, "snapped", back_on_track_at=NOW, note="n"))
    slips.update(slip_id, Slip("k", NOW, None, "snapped"))
    assert tables(repo)["lapses"][slip_id]["back_on_track_at"] is None


def test_nested_records_keep_their_unknown_fields_by_key(tmp_path: Path) -> None:
    repo = new_profile(tmp_path)
    focus = repo.collection("focus", FocusPeriod)
    practice = Practice("p1", "Three breaths", Cadence.daily())
    areas = (
        FocusArea("a1", "work", "Calm", (practice,)),
        FocusArea("a2", "body", "Move", (Practice("p3", "Stretch", Cadence.daily()),)),
    )
    stretch = Practice("p4", "Stretch", Cadence.daily())
    doc_id = focus.add(FocusPeriod("f1", NOW, None, areas))

    def hand(doc: dict[str, Any]) -> None:
        doc["colour"] = "green"
        doc["areas"][0]["why"] = "for Alex"
        doc["areas"][0]["practices"][0]["reminder"] = "08:00"
        doc["areas"][1]["why"] = "dropped with its area"

    edit(repo, "focus", doc_id, hand)
    repo = open_as(repo, D1)

    edited = dataclasses.replace(
        areas[0], intention="Calm, still",
        practices=(practice, Practice("p2", "A walk", Cadence.daily())),
    )
    repo.collection("focus", FocusPeriod).update(
        doc_id,
        FocusPeriod("f1", NOW, NOW, (FocusArea("a3", "mind", "Notice", (stretch,)), edited)),
    )
    stored = tables(repo)["focus"][doc_id]
    assert stored["colour"] == "green" and stored["ended_at"] == NOW.isoformat()
    mind, work = stored["areas"]
    assert "why" not in mind  # a removed area's fields do not move to another one
    assert work["why"] == "for Alex" and work["intention"] == "Calm, still"
    assert work["practices"][0]["reminder"] == "08:00"
    assert "reminder" not in work["practices"][1]
    assert repo.collection("focus", FocusPeriod).get(doc_id) is not None
