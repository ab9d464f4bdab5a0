from __future__ import annotations

import errno
import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from tinydb import TinyDB

from desktop_app.storage.atomic import StorageWriteError
from desktop_app.storage.repository import ProfileRepository
from desktop_app.storage.schema import SCHEMA_VERSION, TABLES

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))


@dataclass(frozen=True)
class Note:
    at: datetime
    text: str


@pytest.fixture
def repo(tmp_path: Path) -> ProfileRepository:
    return ProfileRepository.create(tmp_path / "p.json", "Sam", NOW)


def test_new_profile_has_every_table_and_meta(repo: ProfileRepository) -> None:
    data = json.loads(repo.path.read_text("utf-8"))
    assert set(data) == set(TABLES)
    meta = data["meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION
    assert meta["profile_name"] == "Sam"
    assert meta["created_at"] == "2026-05-01T08:00:00+02:00"
    assert repo.name == "Sam"


def test_round_trip_add_update_remove(repo: ProfileRepository) -> None:
    notes = repo.collection("wins", Note)
    first = notes.add(Note(NOW, "walked"))
    second = notes.add(Note(NOW, "called my sister"))
    notes.update(first, Note(NOW, "walked twice"))
    notes.remove(second)
    reopened = ProfileRepository.open(repo.path, now=NOW)
    stored = reopened.collection("wins", Note).all()
    assert [(s.id, s.item.text) for s in stored] == [(first, "walked twice")]


def test_update_replaces_the_whole_document(repo: ProfileRepository) -> None:
    @dataclass(frozen=True)
    class Maybe:
        text: str
        note: str | None = None

    coll = repo.collection("wins", Maybe)
    doc_id = coll.add(Maybe("a", "extra"))
    coll.update(doc_id, Maybe("b"))
    assert json.loads(repo.path.read_text())["wins"][str(doc_id)] == {"text": "b", "note": None}
    with pytest.raises(KeyError):
        coll.update(999, Maybe("c"))


def test_file_stays_readable_by_plain_tinydb(repo: ProfileRepository) -> None:
    repo.collection("wins", Note).add(Note(NOW, "ünïcode ✓"))
    repo.close()
    db = TinyDB(repo.path)
    assert db.table("wins").all() == [{"at": NOW.isoformat(), "text": "ünïcode ✓"}]
    db.close()


def test_create_never_overwrites(repo: ProfileRepository) -> None:
    with pytest.raises(FileExistsError):
        ProfileRepository.create(repo.path, "Other", NOW)
    assert ProfileRepository.open(repo.path, now=NOW).name == "Sam"


def test_unknown_table_is_refused(repo: ProfileRepository) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        repo.collection("secrets", Note)


def test_full_disk_keeps_the_old_file_and_the_data(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = repo.collection("wins", Note)
    notes.add(Note(NOW, "kept"))
    before = repo.path.read_bytes()

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StorageWriteError, match="No space left"):
        notes.add(Note(NOW, "lost to a full disk"))
    monkeypatch.undo()
    assert repo.path.read_bytes() == before
    assert not [p for p in repo.path.parent.iterdir() if p.name.endswith(".tmp")]
    # The in-memory state follows the file again, so the next save is consistent.
    assert [s.item.text for s in notes.all()] == ["kept"]
    notes.add(Note(NOW, "after space was freed"))
    assert [s.item.text for s in notes.all()] == ["kept", "after space was freed"]


def test_a_batch_is_one_write_and_lands_whole(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop_app.storage.tinydb_storage as tinydb_storage

    writes: list[int] = []
    real = tinydb_storage.atomic_write_bytes
    monkeypatch.setattr(
        tinydb_storage, "atomic_write_bytes",
        lambda path, payload: (writes.append(1), real(path, payload))[1],
    )
    with repo.batch():
        repo.collection("wins", Note).add(Note(NOW, "one"))
        repo.collection("lapses", Note).add(Note(NOW, "two"))
        assert writes == []
    assert writes == [1]
    data = json.loads(repo.path.read_text("utf-8"))
    assert [d["text"] for d in data["wins"].values()] == ["one"]
    assert [d["text"] for d in data["lapses"].values()] == ["two"]


def test_a_failed_batch_leaves_file_and_memory_as_they_were(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.collection("wins", Note).add(Note(NOW, "kept"))
    before = repo.path.read_bytes()

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StorageWriteError), repo.batch():
        repo.collection("wins", Note).add(Note(NOW, "lost"))
        repo.collection("lapses", Note).add(Note(NOW, "lost too"))
    monkeypatch.undo()
    assert repo.path.read_bytes() == before
    assert [s.item.text for s in repo.collection("wins", Note).all()] == ["kept"]
    assert repo.collection("lapses", Note).all() == []

    with pytest.raises(RuntimeError), repo.batch():
        repo.collection("wins", Note).add(Note(NOW, "dropped"))
        raise RuntimeError("a bug half-way")
    assert repo.path.read_bytes() == before
    assert [s.item.text for s in repo.collection("wins", Note).all()] == ["kept"]
