from __future__ import annotations

import errno
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from tinydb import TinyDB

from desktop_app.storage import shards
from desktop_app.storage.atomic import StorageWriteError
from desktop_app.storage.repository import ProfileRepository
from desktop_app.storage.schema import SCHEMA_VERSION
from tests.disk import folder_bytes, land
from tests.storage.helpers import D1, NOW, Note, StillClock, new_profile, open_as


@pytest.fixture
def repo(tmp_path: Path) -> ProfileRepository:
    return new_profile(tmp_path)


def shard_of(repo: ProfileRepository) -> Path:
    repo.flush()  # the saves so far are on disk
    return repo.own / "2026-05.json"  # NOW is 1 May 2026, 06:00 UTC


def test_a_new_profile_is_a_folder_with_this_device_s_profile_file(
    repo: ProfileRepository,
) -> None:
    assert repo.path.parent.name == "profiles" and repo.path.name.startswith("p-")
    assert [p.name for p in repo.path.iterdir()] == [D1]
    data = json.loads((repo.own / "profile.json").read_text("utf-8"))
    assert data["meta"]["1"] == {"app": "groundwork", "schema_version": SCHEMA_VERSION,
                                 "profile": repo.profile_id, "device": D1}
    records = {d["_id"]: d for d in data["profile"].values()}
    assert records["profile_name"]["value"] == "Sam"
    assert records["created_at"]["value"] == "2026-05-01T08:00:00+02:00"
    assert repo.name == "Sam" and repo.created_at == NOW


def test_round_trip_add_update_remove(repo: ProfileRepository) -> None:
    notes = repo.collection("wins", Note)
    first = notes.add(Note(NOW, "walked"))
    second = notes.add(Note(NOW, "called my sister"))
    notes.update(first, Note(NOW, "walked twice"))
    notes.remove(second)
    reopened = open_as(repo, D1)
    stored = reopened.collection("wins", Note).all()
    assert [(s.id, s.item.text) for s in stored] == [(first, "walked twice")]
    assert reopened.collection("wins", Note).get(second) is None


def test_one_shard_keeps_the_newest_version_and_a_tombstone(repo: ProfileRepository) -> None:
    notes = repo.collection("wins", Note)
    first = notes.add(Note(NOW, "a"))
    notes.update(first, Note(NOW, "b"))
    second = notes.add(Note(NOW, "c"))
    notes.remove(second)
    docs = list(json.loads(shard_of(repo).read_text())["wins"].values())
    assert [(d["_id"], d.get("text"), d.get("_deleted")) for d in docs] == [
        (first, "b", None), (second, None, True)]
    stamps = [d["_updated_at"] for d in docs]
    assert stamps[0] < stamps[1]  # the clock stood still; the stamps still move on


def test_ids_are_unique_and_sort_by_creation(repo: ProfileRepository) -> None:
    notes = repo.collection("wins", Note)
    ids = [notes.add(Note(NOW, str(n))) for n in range(20)]
    assert ids == sorted(ids) and len(set(ids)) == 20
    assert all(len(i) == 20 and int(i, 16) >= 0 for i in ids)
    notes.remove(ids[-1])
    assert notes.add(Note(NOW, "again")) not in ids


def test_update_writes_every_known_field_none_included(repo: ProfileRepository) -> None:
    @dataclass(frozen=True)
    class Maybe:
        text: str
        note: str | None = None

    coll = repo.collection("wins", Maybe)
    doc_id = coll.add(Maybe("a", "extra"))
    coll.update(doc_id, Maybe("b"))
    [doc] = [d for d in json.loads(shard_of(repo).read_text())["wins"].values()]
    assert {k: v for k, v in doc.items() if not k.startswith("_")} == {"text": "b", "note": None}
    with pytest.raises(KeyError):
        coll.update("nothing-like-it", Maybe("c"))


def test_files_stay_readable_by_plain_tinydb(repo: ProfileRepository) -> None:
    repo.collection("wins", Note).add(Note(NOW, "ünïcode ✓"))
    repo.close()
    with TinyDB(shard_of(repo), access_mode="r") as db:
        [doc] = db.table("wins").all()
        assert doc["text"] == "ünïcode ✓" and doc["at"] == NOW.isoformat()
        assert db.table("meta").all()[0]["device"] == D1


def test_create_never_overwrites(repo: ProfileRepository) -> None:
    with pytest.raises(FileExistsError):
        ProfileRepository.create(repo.path, "Other", NOW, device=D1, clock=StillClock())
    assert open_as(repo, D1).name == "Sam"


def test_unknown_table_is_refused(repo: ProfileRepository) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        repo.collection("secrets", Note)


def no_space(_fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_full_disk_keeps_the_old_files_and_the_data(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = repo.collection("wins", Note)
    notes.add(Note(NOW, "kept"))
    before = folder_bytes(repo)
    monkeypatch.setattr(os, "fsync", no_space)
    notes.add(Note(NOW, "lost to a full disk"))
    assert [s.item.text for s in notes.all()] == ["kept", "lost to a full disk"]  # at once
    with pytest.raises(StorageWriteError, match="No space left"):
        repo.ticket().result()
    # Until memory is read again, nothing more is written (it would carry the lost one).
    notes.add(Note(NOW, "queued behind the failure"))
    with pytest.raises(StorageWriteError, match="No space left"):
        repo.ticket().result()
    monkeypatch.undo()
    assert isinstance(repo.recover(), StorageWriteError)
    assert folder_bytes(repo) == before
    assert not [p for p in repo.own.iterdir() if p.name.endswith(".tmp")]
    # Memory follows the files again, so the next save is consistent.
    assert [s.item.text for s in notes.all()] == ["kept"]
    notes.add(Note(NOW, "after space was freed"))
    assert [s.item.text for s in notes.all()] == ["kept", "after space was freed"]


def test_a_batch_is_one_write_of_one_file_and_lands_whole(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[Path] = []
    real = shards.atomic_write_bytes
    monkeypatch.setattr(
        shards, "atomic_write_bytes",
        lambda path, payload: (writes.append(path), real(path, payload))[1],
    )
    with repo.batch():
        repo.collection("wins", Note).add(Note(NOW, "one"))
        repo.collection("lapses", Note).add(Note(NOW, "two"))
        repo.set_meta(milestones_seen=["first-win"])  # rides in the same file
        assert writes == []
    repo.flush()
    assert writes == [shard_of(repo)]
    data = json.loads(shard_of(repo).read_text("utf-8"))
    assert [d["text"] for d in data["wins"].values()] == ["one"]
    assert [d["text"] for d in data["lapses"].values()] == ["two"]
    assert open_as(repo, D1).meta["milestones_seen"] == ["first-win"]


def test_a_failed_batch_leaves_files_and_memory_as_they_were(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.collection("wins", Note).add(Note(NOW, "kept"))
    before = folder_bytes(repo)
    monkeypatch.setattr(os, "fsync", no_space)
    with repo.batch():
        repo.collection("wins", Note).add(Note(NOW, "lost"))
        repo.collection("lapses", Note).add(Note(NOW, "lost too"))
    with pytest.raises(StorageWriteError):
        land(repo)
    monkeypatch.undo()
    assert folder_bytes(repo) == before
    assert [s.item.text for s in repo.collection("wins", Note).all()] == ["kept"]
    assert repo.collection("lapses", Note).all() == []

    with pytest.raises(RuntimeError), repo.batch():
        repo.collection("wins", Note).add(Note(NOW, "dropped"))
        raise RuntimeError("a bug half-way")
    assert folder_bytes(repo) == before
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
    assert repo.flush()  # the batch is on disk before the disk fills up
    monkeypatch.setattr(os, "fsync", no_space)
    repo.collection("wins", Note).add(Note(NOW, "lost"))
    with pytest.raises(StorageWriteError):
        land(repo)
    monkeypatch.undo()
    # A failed write rereads everything: every table counts as changed.
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
    notes.update(doc_id, Note(NOW, "b"))
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
    notes = repo.collection("wins", Note)
    fine = notes.add(Note(NOW, "fine"))
    data = json.loads(shard_of(repo).read_text("utf-8"))
    odd = {
        "abc": {"at": "2026-04-02T10:00:00+02:00", "text": "odd key"},
        "7": {"at": "2026-04-05T10:00:00+02:00", "text": "no envelope"},
        "8": {"at": "2026-04-03T10:00:00", "text": "no offset", "_id": "x",
              "_updated_at": "2026-04-03T10:00:00+02:00"},
    }
    data["wins"].update(odd)
    shard_of(repo).write_text(json.dumps(data), "utf-8")
    repo = open_as(repo, D1)
    notes = repo.collection("wins", Note)
    assert [(s.id, s.item.text) for s in notes.all()] == [(fine, "fine")]
    assert notes.get("x") is None
    new_id = notes.add(Note(NOW, "new"))
    notes.update(fine, Note(NOW, "fine, edited"))
    notes.remove(new_id)
    skipped = {(r.key.split("#")[-1], r.day.isoformat() if r.day else None)
               for r in repo.unreported_skips()}
    assert skipped == {("abc", "2026-04-02"), ("7", "2026-04-05"), ("x", "2026-04-03")}
    assert repo.unreported_skips() == []
    on_disk = json.loads(shard_of(repo).read_text("utf-8"))["wins"]
    for key, doc in odd.items():
        assert on_disk[key] == doc
