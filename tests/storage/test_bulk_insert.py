"""Collection.add_many: many documents, one atomic write."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop_app.storage import repository as repository_module
from desktop_app.storage.repository import ProfileRepository

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))


@dataclass(frozen=True)
class Note:
    at: datetime
    text: str


@pytest.fixture
def repo(tmp_path: Path) -> ProfileRepository:
    return ProfileRepository.create(tmp_path / "p.json", "Sam", NOW)


def count_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = repository_module.AtomicJSONStorage.write

    def counting(self: object, data: dict[str, dict[str, object]]) -> None:
        calls.append(1)
        real(self, data)  # type: ignore[arg-type]

    monkeypatch.setattr(repository_module.AtomicJSONStorage, "write", counting)
    return calls


def test_add_many_stores_all_items_in_one_write(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = repo.collection("wins", Note)
    first = notes.add(Note(NOW, "before"))
    writes = count_writes(monkeypatch)
    items = [Note(NOW + timedelta(days=i), f"note {i}") for i in range(1200)]
    ids = notes.add_many(items)
    assert len(writes) == 1
    assert len(ids) == 1200
    assert ids == list(range(first + 1, first + 1201))
    on_disk = json.loads(repo.path.read_text("utf-8"))["wins"]
    assert len(on_disk) == 1201
    assert on_disk[str(ids[-1])]["text"] == "note 1199"
    reopened = ProfileRepository.open(repo.path, now=NOW).collection("wins", Note)
    assert [s.item for s in reopened.all()][1:] == items


def test_add_many_keeps_counting_ids_after_single_adds(repo: ProfileRepository) -> None:
    notes = repo.collection("wins", Note)
    ids = notes.add_many([Note(NOW, "a"), Note(NOW, "b")])
    after = notes.add(Note(NOW, "c"))
    assert after == ids[-1] + 1


def test_add_many_with_nothing_writes_nothing(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = count_writes(monkeypatch)
    assert repo.collection("wins", Note).add_many([]) == []
    assert writes == []


def test_a_bad_item_writes_nothing(repo: ProfileRepository) -> None:
    notes = repo.collection("wins", Note)
    before = repo.path.read_bytes()
    naive = datetime(2026, 5, 1, 8, 0)
    with pytest.raises(ValueError):
        notes.add_many([Note(NOW, "fine"), Note(naive, "no time zone")])
    assert repo.path.read_bytes() == before
    assert len(notes) == 0
