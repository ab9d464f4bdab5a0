"""Reading stays exact while it does less: versions decoded once, files parsed by msgspec with
``json.loads`` deciding what msgspec refuses, counts without sorting."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from desktop_app.storage import collection as collection_module
from desktop_app.storage.layout import KINDS
from desktop_app.storage.repository import ProfileRepository
from tests.storage.helpers import D1, D2, NOW, Note, new_profile, open_as


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Every document the codec is asked to decode."""
    seen: list[dict[str, object]] = []
    real = collection_module.from_json

    def counting(cls: type, data: dict[str, object]) -> object:
        seen.append(data)
        return real(cls, data)

    monkeypatch.setattr(collection_module, "from_json", counting)
    return seen


def texts(repo: ProfileRepository) -> list[str]:
    return [s.item.text for s in repo.collection("wins", Note).all()]


def test_a_list_read_again_after_a_save_decodes_only_the_new_version(
    tmp_path: Path, decodes: list[dict[str, object]]
) -> None:
    repo = new_profile(tmp_path)
    notes = repo.collection("wins", Note)
    notes.add_many([Note(NOW, f"win {n}") for n in range(50)])
    assert len(texts(repo)) == 50 and len(decodes) == 50
    decodes.clear()
    notes.add(Note(NOW, "one more"))
    assert texts(repo)[-1] == "one more"
    assert [d["text"] for d in decodes] == ["one more"]
    assert texts(repo) == texts(open_as(repo, D1))


def test_an_edit_from_another_computer_is_decoded_afresh(tmp_path: Path) -> None:
    mine = new_profile(tmp_path)
    rid = mine.collection("wins", Note).add(Note(NOW, "walked"))
    assert texts(mine) == ["walked"]
    theirs = open_as(mine, D2)
    theirs.collection("wins", Note).update(rid, Note(NOW, "walked, edited on the laptop"))
    assert theirs.flush(10)  # their file lands on their writer's thread
    assert mine.refresh_from_disk() is True
    assert texts(mine) == ["walked, edited on the laptop"]
    assert mine.collection("wins", Note).get(rid) == Note(NOW, "walked, edited on the laptop")
    theirs.collection("wins", Note).remove(rid)
    assert theirs.flush(10)  # their file lands on their writer's thread
    assert mine.refresh_from_disk() is True
    assert texts(mine) == [] and mine.collection("wins", Note).get(rid) is None


def test_a_record_that_does_not_decode_is_skipped_at_every_read_and_told_once(
    tmp_path: Path,
) -> None:
    repo = new_profile(tmp_path)
    notes = repo.collection("wins", Note)
    fine = notes.add(Note(NOW, "fine"))
    odd = repo.write_version("wins", None, {"at": "not a time", "text": "odd"})
    assert texts(repo) == ["fine"]
    [told] = repo.unreported_skips()
    assert told.key == odd
    assert texts(repo) == ["fine"] and notes.get(odd) is None
    assert repo.unreported_skips() == []
    reopened = open_as(repo, D1)
    assert texts(reopened) == ["fine"] and [r.key for r in reopened.unreported_skips()] == [odd]
    assert notes.get(fine) == Note(NOW, "fine")


def test_counts_are_the_visible_records(tmp_path: Path) -> None:
    repo = new_profile(tmp_path)
    notes = repo.collection("wins", Note)
    ids = notes.add_many([Note(NOW, str(n)) for n in range(5)])
    notes.remove(ids[1])
    assert repo.table_counts() == {kind: len(repo.visible(kind)) for kind in KINDS}
    assert repo.count("wins") == 4 == len(notes)
    laptop = open_as(repo, D2)
    laptop.collection("wins", Note).remove(ids[0])
    assert laptop.flush(10)
    assert repo.count("wins") == 4  # not read yet
    assert repo.refresh_from_disk() is True
    assert repo.count("wins") == 3 == len(repo.visible("wins"))


def shard(repo: ProfileRepository) -> Path:
    """The month's file, once every write of ``repo`` landed (on its writer's thread)."""
    assert repo.flush(10)
    return repo.own / "2026-05.json"


@pytest.mark.parametrize(
    ("value", "written", "check"),
    [
        # What msgspec refuses and json.loads reads: NaN, a float beyond range, a lone
        # surrogate, an integer beyond 64 bits. Each opens exactly as json.loads reads it.
        ("nan", "NaN", lambda v: isinstance(v, float) and math.isnan(v)),
        ("huge float", "1e400", lambda v: v == math.inf),
        ("lone surrogate", '"\\ud800"', lambda v: v == "\ud800"),
        ("huge int", "1" + "0" * 30, lambda v: v == 10**30),
    ],
)
def test_what_msgspec_refuses_reads_as_json_loads_reads_it(
    tmp_path: Path, value: str, written: str, check: object
) -> None:
    repo = new_profile(tmp_path)
    rid = repo.collection("wins", Note).add(Note(NOW, "walked"))
    raw = shard(repo).read_text("utf-8")
    marker = '"text":"walked"'
    assert marker in raw, value
    shard(repo).write_text(raw.replace(marker, f'{marker}, "extra": {written}'), "utf-8")
    reopened = open_as(repo, D1)
    version = reopened.winner("wins", rid)
    assert version is not None and callable(check) and check(version.doc["extra"])
    assert texts(reopened) == ["walked"]


def test_a_damaged_file_is_named_with_json_s_words(tmp_path: Path) -> None:
    repo = new_profile(tmp_path)
    repo.collection("wins", Note).add(Note(NOW, "walked"))
    shard(repo).write_bytes(shard(repo).read_bytes()[:-20])
    reopened = open_as(repo, D1)
    [told] = reopened.unreported_set_aside()
    assert "the file is damaged or cut short" in told.reason
    with pytest.raises(json.JSONDecodeError):
        json.loads(shard(repo).read_bytes())
