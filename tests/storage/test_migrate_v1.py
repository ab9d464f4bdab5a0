"""Format 1 (one file per profile) becomes the folder layout on first open, after a backup."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.journal import Win
from desktop_app.storage.profile_files import read_merged
from desktop_app.storage.profile_store import ProfileStore
from desktop_app.storage.schema import NewerSchemaError
from tests.storage.helpers import D1, D2, NOW, StillClock

OLD: dict[str, Any] = {
    "meta": {"1": {"app": "groundwork", "schema_version": 1, "profile_name": "Sam",
                   "created_at": "2025-02-03T10:00:00+01:00", "milestones_seen": ["first-win"]}},
    "assessments": {"4": {"template_id": "grounding", "completed_at": "2025-03-01T10:00:00+01:00"}},
    "drafts": {},
    "checkins": {},
    "focus": {"1": {"key": "f1", "source_assessment": 4, "areas": []}},
    "lapses": {},
    "wins": {"1": {"at": "2025-02-04T10:00:00+01:00", "text": "first", "focus_area": None},
             "2": {"at": "2025-02-05T10:00:00+01:00", "text": "second", "focus_area": None}},
}


def old_profile(data: Path, doc: dict[str, Any] = OLD) -> Path:
    path = data / "profiles" / "profile-0a1b2c3d.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc), "utf-8")
    return path


def test_an_old_profile_is_listed_then_migrated_on_first_open(tmp_path: Path) -> None:
    path = old_profile(tmp_path)
    raw = path.read_bytes()
    store = ProfileStore(tmp_path, D1, StillClock())
    (info,), found = store.scan(NOW)
    assert (info.id, info.name, found) == ("profile-0a1b2c3d", "Sam", [])
    repo = store.open(info.id, NOW)
    assert repo.profile_id.startswith("p-") and repo.name == "Sam"
    assert repo.meta["milestones_seen"] == ["first-win"]
    wins = repo.collection("wins", Win).all()
    assert [w.item.text for w in wins] == ["first", "second"]  # the old order is kept
    # The old file is in backups, byte for byte, and nowhere else.
    assert not path.exists()
    assert [p.read_bytes() for p in (tmp_path / "profiles" / "backups").iterdir()] == [raw]
    merged = read_merged(repo.path)
    [period] = merged["focus"].values()
    assert period["source_assessment"] == next(iter(merged["assessments"]))
    # The old id still finds it (a window state or a --profile from before).
    (listed,), _ = store.scan(NOW)
    assert listed.id == repo.profile_id
    assert store.open("profile-0a1b2c3d", NOW).profile_id == repo.profile_id


def test_two_computers_migrating_one_synced_file_write_identical_versions(
    tmp_path: Path,
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    old_profile(one)
    old_profile(two)
    first = ProfileStore(one, D1, StillClock()).open("profile-0a1b2c3d", NOW)
    second = ProfileStore(two, D2, StillClock()).open("profile-0a1b2c3d", NOW)
    assert first.profile_id == second.profile_id
    # The sync engine brings each computer's folder to the other.
    shutil.copytree(second.own, first.path / D2)
    merged = read_merged(first.path)
    assert len(merged["wins"]) == 2 and len(merged["assessments"]) == 1
    mine = json.loads((first.own / "1970-01.json").read_text())
    theirs = json.loads((second.own / "1970-01.json").read_text())
    assert mine["wins"] == theirs["wins"]


def test_a_migration_finds_the_other_computer_s_folder_and_joins_it(tmp_path: Path) -> None:
    path = old_profile(tmp_path)
    done_elsewhere = ProfileStore(tmp_path / "elsewhere", D2, StillClock())
    old_profile(tmp_path / "elsewhere")
    theirs = done_elsewhere.open("profile-0a1b2c3d", NOW)
    shutil.copytree(theirs.path, tmp_path / "profiles" / theirs.profile_id)
    store = ProfileStore(tmp_path, D1, StillClock())
    (info,), _ = store.scan(NOW)  # one profile, not two
    assert info.id == theirs.profile_id
    repo = store.open(info.id, NOW)  # this computer's old file joins it first
    assert repo.profile_id == theirs.profile_id
    assert sorted(p.name for p in repo.path.iterdir()) == [D1, D2]
    assert not path.exists()


def test_a_diverged_copy_of_a_record_is_kept_as_two_not_lost(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    old_profile(one)
    edited = json.loads(json.dumps(OLD))
    edited["wins"]["2"]["text"] = "second, edited on the other computer"
    old_profile(two, edited)
    first = ProfileStore(one, D1, StillClock()).open("profile-0a1b2c3d", NOW)
    second = ProfileStore(two, D2, StillClock()).open("profile-0a1b2c3d", NOW)
    shutil.copytree(second.own, first.path / D2)
    texts = sorted(w["text"] for w in read_merged(first.path)["wins"].values())
    assert texts == ["first", "second", "second, edited on the other computer"]


def test_a_newer_old_style_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    newer = json.loads(json.dumps(OLD))
    newer["meta"]["1"]["schema_version"] = 7
    path = old_profile(tmp_path, newer)
    raw = path.read_bytes()
    store = ProfileStore(tmp_path, D1, StillClock())
    with pytest.raises(NewerSchemaError):
        store.open("profile-0a1b2c3d", NOW)
    assert path.read_bytes() == raw
    assert not (tmp_path / "profiles" / "backups").exists()


def test_a_copy_exported_in_format_1_keeps_its_focus_linked_to_its_result(
    tmp_path: Path,
) -> None:
    old_profile(tmp_path / "here")
    repo = ProfileStore(tmp_path / "here", D1, StillClock()).open("profile-0a1b2c3d", NOW)
    copy = tmp_path / "there" / "profiles" / "profile-99887766.json"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(repo.export_bytes())  # Profile ▸ Export a copy…
    exported = json.loads(copy.read_bytes())
    assert exported["focus"]["1"]["source_assessment"] == 1  # the result's key in the copy
    reopened = ProfileStore(tmp_path / "there", D2, StillClock()).open("profile-99887766", NOW)
    merged = read_merged(reopened.path)
    [period] = merged["focus"].values()
    assert period["source_assessment"] == next(iter(merged["assessments"]))
