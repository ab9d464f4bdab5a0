"""Sync debris: conflict copies merged then tidied by their owner only; temp files ignored."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.storage.layout import Entry, classify, conflict_base
from tests.storage.helpers import D1, D2, NOW, Note, StillClock, new_profile, open_as


@pytest.mark.parametrize(("name", "base"), [
    ("2026-05.sync-conflict-20260501-101010-ABCDEFG.json", "2026-05.json"),
    ("profile.sync-conflict-20260501-101010-ABCDEFG.json", "profile.json"),
    ("2026-05 (conflicted copy 2026-05-01 101010).json", "2026-05.json"),
    ("2026-05 (Sam's conflicted copy 2026-05-01).json", "2026-05.json"),
    ("2026-05 (Sam's conflicted copy 2026-05-01) (1).json", "2026-05.json"),
    ("notes.sync-conflict-20260501-101010-ABCDEFG.json", None),
])
def test_conflict_copies_are_recognised_by_name(name: str, base: str | None) -> None:
    assert conflict_base(name) == base
    assert classify(name) == (Entry.CONFLICT if base else Entry.FOREIGN)


@pytest.mark.parametrize("name", [
    ".syncthing.2026-05.json.tmp", "~syncthing~2026-05.json.tmp", "2026-05.json.part",
    ".~lock.2026-05.json#", ".2026-05.json.abc123.tmp", ".DS_Store",
])
def test_temp_files_are_not_looked_at(tmp_path: Path, name: str) -> None:
    assert classify(name) == Entry.TEMP
    repo = new_profile(tmp_path)
    (repo.own / name).write_bytes(b"{half")
    reopened = open_as(repo, D1)
    assert reopened.unreported_set_aside() == []
    assert (repo.own / name).exists()


def test_the_owner_merges_its_conflict_copy_then_deletes_it(tmp_path: Path) -> None:
    repo = new_profile(tmp_path)
    notes = repo.collection("wins", Note)
    kept = notes.add(Note(NOW, "in both"))
    shard = repo.own / "2026-05.json"
    repo.flush()
    older = shard.read_bytes()
    late = notes.add(Note(NOW, "only in the file"))
    # A sync engine wrote a copy holding a version the file lost (restored from a backup…).
    data = json.loads(older)
    data["wins"]["9"] = {"at": NOW.isoformat(), "text": "only in the copy",
                         "_id": "0000000000001abcdef0", "_updated_at": NOW.isoformat()}
    copy = repo.own / "2026-05.sync-conflict-20260501-101010-ABCDEFG.json"
    copy.write_text(json.dumps(data))
    other = open_as(repo, D2)  # another computer reads it but never touches it
    assert len(other.collection("wins", Note).all()) == 3
    assert copy.exists()
    again = open_as(repo, D1)
    texts = sorted(s.item.text for s in again.collection("wins", Note).all())
    assert texts == ["in both", "only in the copy", "only in the file"]
    assert not copy.exists()
    merged = json.loads(shard.read_text())["wins"]
    assert {d["_id"] for d in merged.values()} == {kept, late, "0000000000001abcdef0"}


def test_a_conflict_copy_never_brings_back_a_deleted_record(tmp_path: Path) -> None:
    clock = StillClock()
    repo = new_profile(tmp_path, clock=clock)
    notes = repo.collection("wins", Note)
    rid = notes.add(Note(NOW, "walked"))
    repo.flush()
    before_delete = (repo.own / "2026-05.json").read_bytes()
    clock.now += timedelta(minutes=1)
    notes.remove(rid)
    (repo.own / "2026-05 (conflicted copy 2026-05-01 101010).json").write_bytes(before_delete)
    repo.flush()  # a copy is tidied only once no write of this computer is on its way
    assert repo.refresh_from_disk() is False  # merged: nothing visible changes
    assert notes.all() == []
    assert not list(repo.own.glob("*conflicted copy*"))
