from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.storage.profile_store import ProfileStore
from tests.storage.helpers import D1, D2, NOW, StillClock, open_as


def test_profiles_are_listed_by_name_with_random_folder_names(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path, D1, StillClock())
    for name in ("zoe", "Adam", "../../x"):
        store.create(name, NOW).close()
    profiles, found = store.scan(NOW)
    assert [p.name for p in profiles] == ["../../x", "Adam", "zoe"]
    assert found == []
    assert all(p.path.parent == store.folder for p in profiles)
    assert all(p.path.name.startswith("p-") and len(p.path.name) == 18 for p in profiles)


def test_the_list_reads_only_profile_files_and_merges_every_computer_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProfileStore(tmp_path, D1, StillClock())
    repo = store.create("Sam", NOW)
    later = StillClock(NOW.replace(hour=9))
    other = open_as(repo, D2, later)
    other.set_meta(profile_name="Sam B.")  # renamed on the other computer
    other.flush()
    (repo.own / "2026-05.json").write_bytes(b"not read by the list")
    read: list[str] = []
    from desktop_app.storage import profile_store as module

    real = module.read_profile_file
    monkeypatch.setattr(module, "read_profile_file", lambda p: (read.append(p.name), real(p))[1])
    (info,), found = store.scan(NOW)
    assert info.name == "Sam B." and found == []
    assert read == ["profile.json", "profile.json"]


def test_an_empty_or_half_synced_folder_is_not_listed(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path, D1, StillClock())
    store.ensure()
    (store.folder / "p-0123456789abcdef" / D2).mkdir(parents=True)
    (store.folder / "p-0123456789abcdef" / D2 / ".syncthing.profile.json.tmp").write_text("{")
    assert store.scan(NOW) == ([], [])


def test_delete_removes_the_whole_folder_at_once(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path, D1, StillClock())
    repo = store.create("Sam", NOW)
    other = open_as(repo, D2)
    other.set_meta(note="the other computer's file goes too")
    other.close()  # its write landed; closed, it writes nothing more
    store.delete(repo.profile_id)
    assert list(store.folder.iterdir()) == []
    assert store.scan(NOW) == ([], [])


def test_open_sees_a_change_made_after_the_scan(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path, D1, StillClock())
    repo = store.create("Sam", NOW)
    (info,), _ = store.scan(NOW)
    path = repo.own / "profile.json"
    data = json.loads(path.read_text())
    for doc in data["profile"].values():
        if doc["_id"] == "profile_name":
            doc["value"] = "Changed outside"
            doc["_updated_at"] = "2026-05-01T09:00:00+02:00"
    path.write_text(json.dumps(data))
    assert store.open(info.id, NOW).name == "Changed outside"


def test_ids_cannot_escape_the_folder(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path, D1, StillClock())
    for bad in ("../outside", "", ".p-0123456789abcdef.deleted"):
        with pytest.raises(ValueError):
            store.path_of(bad)


def test_a_read_only_store_lists_and_opens_but_never_writes(tmp_path: Path) -> None:
    from desktop_app.storage.repository import ReadOnlyError

    store = ProfileStore(tmp_path, D1, StillClock())
    repo = store.create("Sam", NOW)
    own = repo.own
    repo.close()
    (own / "2026-04.json").write_text("{half", "utf-8")  # the app would copy it aside
    (store.folder / f".p-0000000000000000.{D2}.migrating").mkdir()
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    reader = ProfileStore(tmp_path, D2, StillClock(), read_only=True)
    profiles, _found = reader.scan(NOW)
    opened = reader.open(profiles[0].id, NOW)
    assert opened.read_only and opened.name == "Sam"
    assert [s.copied_to for s in opened.unreported_set_aside()] == [None]  # reported, not copied
    with pytest.raises(ReadOnlyError):
        reader.create("Other", NOW)
    with pytest.raises(ReadOnlyError):
        reader.delete(profiles[0].id)
    with pytest.raises(ReadOnlyError):
        opened.set_meta(profile_name="Other")
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
