"""This computer's copy of Home's inputs: used only while every file is as it was, written
privately and atomically, and never trusted when damaged or foreign."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from desktop_app import home_snapshot
from desktop_app.home_snapshot import (
    CheckInRhythm,
    Draft,
    FocusLine,
    HomeInputs,
    MilestoneNote,
    load,
    load_with_texts,
    snapshot_key,
    store,
)

PROFILE = "p-0123456789abcdef"
INPUTS = HomeInputs(
    profile_id=PROFILE, name="Sam", has_history=True,
    drafts=(Draft("life-areas", "Where I am", "2026-03-14T09:30:00+01:00"),),
    rhythm=CheckInRhythm("weekly", 6, "19:30", "Europe/Berlin"),
    last_checkin_day="2026-03-08",
    focus=(FocusLine("work", "Work", "Answer from calm", ("Three breaths",)),),
    milestones=(MilestoneNote("gap-closed:work", "A gap closed", "That change is yours.", "Work"),),
    win=("Said no to an extra shift", "2026-03-13T18:00:00+01:00"),
    assessment=("Where I am", "2026-03-12T20:00:00+01:00"),
)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    data, resources = tmp_path / "data", tmp_path / "resources"
    device = data / "profiles" / PROFILE / "d-0000000000000001"
    device.mkdir(parents=True)
    (device / "profile.json").write_text("{}", "utf-8")
    (device / "2026-03.json").write_text("{}", "utf-8")
    (resources / "assessments").mkdir(parents=True)
    (resources / "assessments" / "life-areas.toml").write_text("id = 1", "utf-8")
    return data, resources


def stored(tmp_path: Path, folders: tuple[Path, Path]) -> Path:
    path = tmp_path / "state" / "home-key.json"
    store(path, INPUTS, snapshot_key(*folders, PROFILE))
    return path


def loaded(path: Path, folders: tuple[Path, Path]) -> HomeInputs | None:
    return load(path, PROFILE, snapshot_key(*folders, PROFILE))


def test_the_copy_round_trips_and_is_private(tmp_path, folders) -> None:
    path = stored(tmp_path, folders)
    assert loaded(path, folders) == INPUTS
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left


def test_it_is_for_one_profile(tmp_path, folders) -> None:
    path = stored(tmp_path, folders)
    assert load(path, "p-other", snapshot_key(*folders, PROFILE)) is None


@pytest.mark.parametrize("change", [
    "changed profile file", "added profile file", "removed profile file",
    "changed template", "added own template", "removed template",
])
def test_any_changed_added_or_removed_file_makes_it_unused(tmp_path, folders, change) -> None:
    path = stored(tmp_path, folders)
    data, resources = folders
    device = data / "profiles" / PROFILE / "d-0000000000000001"
    template = resources / "assessments" / "life-areas.toml"
    if change == "changed profile file":
        (device / "2026-03.json").write_text('{"a": 1}', "utf-8")
    elif change == "added profile file":  # another computer's folder, delivered by sync
        (device.parent / "d-0000000000000002").mkdir()
        (device.parent / "d-0000000000000002" / "profile.json").write_text("{}", "utf-8")
    elif change == "removed profile file":
        (device / "2026-03.json").unlink()
    elif change == "changed template":
        os.utime(template, ns=(1, 1))
    elif change == "added own template":
        (data / "templates").mkdir()
        (data / "templates" / "mine.toml").write_text("id = 2", "utf-8")
    else:
        template.unlink()
    assert loaded(path, folders) is None


def test_a_file_replaced_by_another_of_the_same_size_and_time_is_noticed(
    tmp_path, folders
) -> None:
    path = stored(tmp_path, folders)
    month = folders[0] / "profiles" / PROFILE / "d-0000000000000001" / "2026-03.json"
    before = month.stat()
    replacement = month.with_suffix(".new")
    replacement.write_text("[]", "utf-8")
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, month)  # a new inode, as an atomic write makes
    assert loaded(path, folders) is None


def test_another_version_or_language_makes_it_unused(tmp_path, folders, monkeypatch) -> None:
    path = stored(tmp_path, folders)
    monkeypatch.setattr("desktop_app.__version__", "9.9.9")
    assert loaded(path, folders) is None
    monkeypatch.undo()
    assert loaded(path, folders) == INPUTS
    monkeypatch.setattr("desktop_app.i18n._language", "de")
    assert loaded(path, folders) is None


@pytest.mark.parametrize("damage", [
    b"", b"\x00\x01garbage", b"[]", b'{"format": "something-else"}', b'"text"',
    b"truncated",
])
def test_a_damaged_or_foreign_file_is_ignored(tmp_path, folders, damage) -> None:
    path = stored(tmp_path, folders)
    text = path.read_bytes()
    path.write_bytes(damage if damage != b"truncated" else text[: len(text) // 2])
    assert loaded(path, folders) is None


@pytest.mark.parametrize("field, value", [
    ("name", 3), ("has_history", "yes"), ("drafts", [{"template_id": "x"}]),
    ("rhythm", {"cadence": "hourly", "weekday": 0, "reminder_time": "20:00",
                "timezone": "UTC"}),
    ("rhythm", {"cadence": "daily", "weekday": 9, "reminder_time": "20:00",
                "timezone": "UTC"}),
    ("rhythm", {"cadence": "daily", "weekday": 0, "reminder_time": "25:99",
                "timezone": "UTC"}),
    ("rhythm", {"cadence": "daily", "weekday": 0, "reminder_time": "20:00",
                "timezone": "Mars/Olympus"}),
    ("rhythm", None), ("last_checkin_day", "yesterday"),
    ("win", ["text", "2026-03-13T18:00:00"]), ("win", ["text"]), ("focus", 5),
    ("milestones", [{"key": "k"}]), ("assessment", [1, 2]),
])
def test_a_record_home_could_not_draw_is_ignored(tmp_path, folders, field, value) -> None:
    path = stored(tmp_path, folders)
    raw = json.loads(path.read_text("utf-8"))
    raw["inputs"][field] = value
    path.write_text(json.dumps(raw), "utf-8")
    assert loaded(path, folders) is None


def test_a_file_someone_else_owns_is_never_trusted(tmp_path, folders, monkeypatch) -> None:
    path = stored(tmp_path, folders)
    monkeypatch.setattr(home_snapshot.os, "getuid", lambda: os.getuid() + 1)
    assert loaded(path, folders) is None


def test_a_copy_that_cannot_be_written_leaves_none(tmp_path, folders) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    store(blocked / "home.json", INPUTS, snapshot_key(*folders, PROFILE))
    assert blocked.read_text("utf-8") == "not a folder"


def test_the_texts_home_wrote_are_kept_with_the_copy(tmp_path, folders) -> None:
    path = tmp_path / "state" / "home-key.json"
    texts = {"day weekday_day 2026-03-13": "Friday 13 March", "clock 19:30": "19:30"}
    store(path, INPUTS, snapshot_key(*folders, PROFILE), texts)
    assert load_with_texts(path, PROFILE, snapshot_key(*folders, PROFILE)) == (INPUTS, texts)


@pytest.mark.parametrize("texts", [["Friday 13 March"], {"clock 19:30": 1930}, "19:30", None])
def test_damaged_texts_leave_the_copy_usable_without_them(tmp_path, folders, texts) -> None:
    path = stored(tmp_path, folders)
    raw = json.loads(path.read_text("utf-8"))
    raw["texts"] = texts
    path.write_text(json.dumps(raw), "utf-8")
    assert load_with_texts(path, PROFILE, snapshot_key(*folders, PROFILE)) == (INPUTS, {})


def test_a_copy_written_before_texts_were_kept_is_still_used(tmp_path, folders) -> None:
    path = stored(tmp_path, folders)
    raw = json.loads(path.read_text("utf-8"))
    del raw["texts"]
    path.write_text(json.dumps(raw), "utf-8")
    assert load_with_texts(path, PROFILE, snapshot_key(*folders, PROFILE)) == (INPUTS, {})
