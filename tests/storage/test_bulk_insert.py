"""Collection.add_many: many records, one atomic write."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.storage import pending_writes
from desktop_app.storage.repository import ProfileRepository
from tests.disk import folder_bytes, stored
from tests.storage.helpers import D1, NOW, Note, new_profile, open_as


@pytest.fixture
def repo(tmp_path: Path) -> ProfileRepository:
    return new_profile(tmp_path)


def count_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = pending_writes.commit_bytes

    def counting(path: Path, payload: bytes) -> object:
        calls.append(1)
        return real(path, payload)

    monkeypatch.setattr(pending_writes, "commit_bytes", counting)
    return calls


def test_add_many_stores_all_items_in_one_write(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = repo.collection("wins", Note)
    first = notes.add(Note(NOW, "before"))
    writes = count_writes(monkeypatch)
    items = [Note(NOW + timedelta(days=i), f"note {i}") for i in range(1200)]
    ids = notes.add_many(items)
    repo.flush()
    assert len(writes) == 1
    assert len(ids) == 1200
    assert ids == sorted(ids) and ids[0] > first and len(set(ids)) == 1200
    on_disk = stored(repo)["wins"]
    assert len(on_disk) == 1201
    assert on_disk[ids[-1]]["text"] == "note 1199"
    reopened = open_as(repo, D1).collection("wins", Note)
    assert [s.item for s in reopened.all()][1:] == items


def test_add_many_keeps_counting_ids_after_single_adds(repo: ProfileRepository) -> None:
    notes = repo.collection("wins", Note)
    ids = notes.add_many([Note(NOW, "a"), Note(NOW, "b")])
    after = notes.add(Note(NOW, "c"))
    assert after > ids[-1]


def test_add_many_with_nothing_writes_nothing(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = count_writes(monkeypatch)
    assert repo.collection("wins", Note).add_many([]) == []
    assert writes == []


def test_a_bad_item_writes_nothing(repo: ProfileRepository) -> None:
    notes = repo.collection("wins", Note)
    before = folder_bytes(repo)
    naive = datetime(2026, 5, 1, 8, 0)
    with pytest.raises(ValueError):
        notes.add_many([Note(NOW, "fine"), Note(naive, "no time zone")])
    assert folder_bytes(repo) == before
    assert len(notes) == 0
