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


def test_update_writes_every_known_field_none_included(repo: ProfileRepository) -> None:
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
    import desktop_app.storage.shards as shards

    writes: list[int] = []
    real = shards.atomic_write_bytes
    monkeypatch.setattr(
        shards, "atomic_write_bytes",
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


def test_every_change_moves_the_revision_of_the_tables_it_touched(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    wins, lapses = ("wins",), ("lapses",)
    start_wins, start_lapses = repo.revision(wins), repo.revision(lapses)
    repo.collection("wins", Note).add(Note(NOW, "one"))
    assert repo.revision(wins) > start_wins and repo.revision(lapses) == start_lapses

    with repo.batch():
        before = repo.revision(lapses)
        repo.collection("lapses", Note).add(Note(NOW, "two"))
        assert repo.revision(lapses) > before  # memory changed, so memos must see it now
    after_batch = repo.revision(wins + lapses)

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StorageWriteError):
        repo.collection("wins", Note).add(Note(NOW, "lost"))
    monkeypatch.undo()
    # A failed write drops everything in memory: every table counts as changed.
    assert repo.revision(lapses) > after_batch
    assert repo.revision(("meta",)) > after_batch


def test_memos_follow_the_revision_and_go_with_the_profile(repo: ProfileRepository) -> None:
    notes = repo.collection("wins", Note)
    builds: list[int] = []

    def build() -> list[str]:
        builds.append(1)
        return [s.item.text for s in notes.all()]

    assert repo.memo("texts", ("wins",), build) == []
    assert repo.memo("texts", ("wins",), build) == [] and len(builds) == 1
    repo.collection("lapses", Note).add(Note(NOW, "elsewhere"))
    assert repo.memo("texts", ("wins",), build) == [] and len(builds) == 1
    doc_id = notes.add(Note(NOW, "a"))
    assert repo.memo("texts", ("wins",), build) == ["a"] and len(builds) == 2
    notes.update(doc_id, Note(NOW, "b"))  # same size, new content
    assert repo.memo("texts", ("wins",), build) == ["b"]

    since = repo.revision(("wins",))
    notes.add(Note(NOW, "c"))
    repo.carry("texts", since, lambda texts: texts.append("c"))
    assert repo.memo("texts", ("wins",), build) == ["b", "c"] and len(builds) == 3
    repo.carry("texts", since, lambda texts: texts.append("stale"))  # not current: dropped
    assert repo.recall("texts") is None
    repo.close()
    assert repo._memos == {}


def test_odd_documents_are_skipped_remembered_and_kept(repo: ProfileRepository) -> None:
    data = json.loads(repo.path.read_text("utf-8"))
    data["wins"] = {
        "1": {"at": NOW.isoformat(), "text": "fine"},
        "abc": {"at": "2026-04-02T10:00:00+02:00", "text": "odd key"},
        "007": {"at": NOW.isoformat(), "text": "not the key we would write"},
        "3": {"at": "2026-04-03T10:00:00", "text": "no offset"},
    }
    repo.path.write_text(json.dumps(data), "utf-8")
    repo = ProfileRepository.open(repo.path, now=NOW)
    notes = repo.collection("wins", Note)
    assert [(s.id, s.item.text) for s in notes.all()] == [(1, "fine")]
    assert notes.get(3) is None
    new_id = notes.add(Note(NOW, "new"))
    assert new_id == 4
    notes.update(1, Note(NOW, "fine, edited"))
    notes.remove(new_id)
    skipped = {(r.key, r.day.isoformat() if r.day else None) for r in repo.unreported_skips()}
    assert skipped == {("abc", "2026-04-02"), ("007", "2026-05-01"), ("3", "2026-04-03")}
    assert repo.unreported_skips() == []
    on_disk = json.loads(repo.path.read_text("utf-8"))["wins"]
    for key in ("abc", "007", "3"):
        assert on_disk[key] == data["wins"][key]
    assert on_disk["1"]["text"] == "fine, edited" and "4" not in on_disk


def test_ids_are_not_handed_out_twice_in_a_session(repo: ProfileRepository) -> None:
    notes = repo.collection("wins", Note)
    first = notes.add(Note(NOW, "a"))
    notes.remove(first)
    assert notes.add(Note(NOW, "b")) == first + 1
