"""A profile file that is a symbolic link is saved through the link, never replaced by a file."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.storage.atomic import StorageWriteError, atomic_write_bytes
from desktop_app.storage.profile_store import ProfileStore
from desktop_app.storage.repository import ProfileRepository

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


def linked_profile(tmp_path: Path, *, relative: bool) -> tuple[ProfileStore, Path, Path]:
    synced = tmp_path / "Sync" / "groundwork"
    synced.mkdir(parents=True)
    ProfileRepository.create(synced / "mine.json", "Sam", NOW).close()
    store = ProfileStore(tmp_path / "data")
    store.ensure()
    link = store.folder / "profile-link.json"
    target = synced / "mine.json"
    link.symlink_to(os.path.relpath(target, link.parent) if relative else target)
    return store, link, target


def temp_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("relative", [False, True])
def test_saves_go_through_the_link(tmp_path: Path, relative: bool) -> None:
    store, link, target = linked_profile(tmp_path, relative=relative)
    (info,), found = store.scan(NOW)
    assert found == []
    repo = store.open(info.id, NOW)
    repo.set_meta(profile_name="Sam B.")
    repo.set_meta(focus_note="twice, so the second save goes through the link too")
    assert link.is_symlink()
    assert os.readlink(link) == (os.path.relpath(target, link.parent) if relative else str(target))
    meta = json.loads(target.read_bytes())["meta"]["1"]
    assert meta["profile_name"] == "Sam B."
    assert meta["focus_note"].startswith("twice")
    assert temp_files(link.parent, target.parent) == []
    repo.close()
    assert store.open(info.id, NOW).name == "Sam B."


def test_a_chain_of_links_reaches_the_file(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_bytes(b"old")
    middle = tmp_path / "middle.json"
    middle.symlink_to(target)
    first = tmp_path / "first.json"
    first.symlink_to(middle)
    atomic_write_bytes(first, b"new")
    assert first.is_symlink() and middle.is_symlink()
    assert target.read_bytes() == b"new"


def test_a_link_whose_file_vanished_is_refused_not_recreated(tmp_path: Path) -> None:
    store, link, target = linked_profile(tmp_path, relative=False)
    (info,), _ = store.scan(NOW)
    repo = store.open(info.id, NOW)
    target.unlink()
    with pytest.raises(StorageWriteError, match="no longer a file"):
        repo.set_meta(profile_name="Lost")
    assert link.is_symlink() and not target.exists()
    assert temp_files(link.parent, target.parent) == []


def test_stale_temp_files_are_cleaned_beside_the_target(tmp_path: Path) -> None:
    store, _link, target = linked_profile(tmp_path, relative=False)
    leftover = target.parent / f".{target.name}.abc123.tmp"
    leftover.write_bytes(b"half")
    (info,), _ = store.scan(NOW)
    store.open(info.id, NOW).close()
    assert not leftover.exists()
