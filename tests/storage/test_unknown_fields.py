"""Editing a record keeps the fields this version does not know (a newer version's, a hand
edit's); it still drops what the code removed on purpose (a cleared answer, a None field)."""

from __future__ import annotations

import dataclasses
import json
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
from desktop_app.storage.repository import ProfileRepository

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
        st.text(min_size=1, max_size=12).filter(lambda k: k not in known), json_values,
        max_size=4,
    )


def tables(repo: ProfileRepository) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(repo.path.read_text("utf-8"))
    return data


def hand_add(repo: ProfileRepository, table: str, key: str, doc: dict[str, Any]) -> None:
    """Add fields to one stored document as a newer version or a person would, and reopen."""
    data = tables(repo)
    data[table][key].update(doc)
    repo.path.write_text(json.dumps(data), "utf-8")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extras=extras_for(Win), text=st.text(min_size=1, max_size=20).filter(str.strip))
def test_extra_keys_survive_an_edit(tmp_path: Path, extras: dict[str, Any], text: str) -> None:
    path = tmp_path / f"p-{abs(hash((text, json.dumps(extras, sort_keys=True))))}.json"
    repo = ProfileRepository.create(path, "Sam", NOW)
    doc_id = repo.collection("wins", Win).add(Win(NOW, "first words", "area-key"))
    hand_add(repo, "wins", str(doc_id), extras)
    reopened = ProfileRepository.open(path, now=NOW)
    wins = reopened.collection("wins", Win)
    wins.update(doc_id, Win(NOW, text, None))
    stored = tables(reopened)["wins"][str(doc_id)]
    assert {k: stored[k] for k in extras} == extras
    assert stored["text"] == text and stored["focus_area"] is None
    assert wins.get(doc_id) == Win(NOW, text, None)
    path.unlink()


def test_known_fields_removed_on_purpose_are_dropped(tmp_path: Path) -> None:
    """The stale fields a plain merge would keep: a cleared answer, a pause taken back."""
    repo = ProfileRepository.create(tmp_path / "p.json", "Sam", NOW)
    checkins = repo.collection("checkins", CheckIn)
    doc_id = checkins.add(CheckIn(NOW, "check-in", 1, {"distress": 4, "note": "private"}))
    hand_add(repo, "checkins", str(doc_id), {"mood_v2": {"x": 1}})
    repo = ProfileRepository.open(repo.path, now=NOW)
    edited = CheckIn(NOW, "check-in", 1, {"distress": 2})
    repo.collection("checkins", CheckIn).update(doc_id, edited)
    stored = tables(repo)["checkins"][str(doc_id)]
    assert stored["answers"] == {"distress": 2}  # answer keys are data: the note is gone
    assert stored["mood_v2"] == {"x": 1}

    slips = repo.collection("lapses", Slip)
    slip_id = slips.add(Slip("k", NOW, None, "snapped", back_on_track_at=NOW, note="n"))
    slips.update(slip_id, Slip("k", NOW, None, "snapped"))
    assert tables(repo)["lapses"][str(slip_id)]["back_on_track_at"] is None


def test_nested_records_keep_their_unknown_fields_by_key(tmp_path: Path) -> None:
    repo = ProfileRepository.create(tmp_path / "p.json", "Sam", NOW)
    focus = repo.collection("focus", FocusPeriod)
    practice = Practice("p1", "Three breaths", Cadence.daily())
    areas = (
        FocusArea("a1", "work", "Calm", (practice,)),
        FocusArea("a2", "body", "Move", (Practice("p3", "Stretch", Cadence.daily()),)),
    )
    stretch = Practice("p4", "Stretch", Cadence.daily())
    doc_id = focus.add(FocusPeriod("f1", NOW, None, areas))
    data = tables(repo)
    doc = data["focus"][str(doc_id)]
    doc["colour"] = "green"
    doc["areas"][0]["why"] = "for Alex"
    doc["areas"][0]["practices"][0]["reminder"] = "08:00"
    doc["areas"][1]["why"] = "dropped with its area"
    repo.path.write_text(json.dumps(data), "utf-8")
    repo = ProfileRepository.open(repo.path, now=NOW)

    edited = dataclasses.replace(
        areas[0], intention="Calm, still",
        practices=(practice, Practice("p2", "A walk", Cadence.daily())),
    )
    repo.collection("focus", FocusPeriod).update(
        doc_id,
        FocusPeriod("f1", NOW, NOW, (FocusArea("a3", "mind", "Notice", (stretch,)), edited)),
    )
    stored = tables(repo)["focus"][str(doc_id)]
    assert stored["colour"] == "green" and stored["ended_at"] == NOW.isoformat()
    mind, work = stored["areas"]
    assert "why" not in mind  # a removed area's fields do not move to another one
    assert work["why"] == "for Alex" and work["intention"] == "Calm, still"
    assert work["practices"][0]["reminder"] == "08:00"
    assert "reminder" not in work["practices"][1]
    assert repo.collection("focus", FocusPeriod).get(doc_id) is not None
