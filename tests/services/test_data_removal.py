"""What a profile delete and "Delete all my data" remove: exactly Groundwork's own files."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.local_state import LocalFolders
from desktop_app.services.data_removal import (
    delete_places,
    existing,
    groundwork_places,
    profile_leftovers,
    remove_files,
    tidy_data_dir,
)

PID = "p-3f9c0a6e12d47b85"
OTHER = "p-aaaaaaaaaaaaaaaa"


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_leftovers_are_the_profiles_own_set_aside_copies_and_backups(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    mine = [
        touch(profiles / "set-aside" / f"{PID}.d-0000000000000001.2026-03.17-40.json"),
        touch(profiles / "backups" / "profile-1a2b3c4d.v1.json"),
        touch(profiles / "backups" / "profile-1a2b3c4d.v1-2.json"),
    ]
    theirs = [
        touch(profiles / "set-aside" / f"{OTHER}.d-0000000000000001.2026-03.17-40.json"),
        touch(profiles / "backups" / "profile-99999999.v1.json"),
        touch(profiles / "set-aside" / "odd.17-3.json"),
    ]
    assert profile_leftovers(tmp_path, PID, "profile-1a2b3c4d") == sorted(mine)
    assert profile_leftovers(tmp_path, PID) == mine[:1]
    assert remove_files(mine) == []
    assert all(not p.exists() for p in mine) and all(p.exists() for p in theirs)
    assert profile_leftovers(tmp_path / "missing", PID) == []


def test_delete_all_removes_groundworks_folders_and_nothing_else(tmp_path: Path) -> None:
    data = tmp_path / "Sync" / "journal"
    touch(data / "profiles" / PID / "d-1" / "profile.json")
    touch(data / "templates" / "mine.toml")
    touch(data / "ui-state.ini")
    mine_elsewhere = touch(data / "my-own-notes.txt")
    local = LocalFolders(tmp_path / "config" / "Groundwork", tmp_path / "state" / "Groundwork",
                         tmp_path / "run" / "Groundwork")
    touch(local.config / "device.json")
    touch(local.state / "ui-state-abc.ini")
    log_dir = local.state / "log"
    touch(log_dir / "groundwork.log")
    outside = touch(tmp_path / "elsewhere" / "keep.txt")
    os.symlink(outside.parent, tmp_path / "config" / "Groundwork" / "link")
    places = groundwork_places(data, local, log_dir, tmp_path / "cache" / "Groundwork")
    assert {p.path for p in existing(places)} == {
        data / "profiles", data / "templates", data / "ui-state.ini", local.config, local.state,
        log_dir,
    }
    assert delete_places(places) == []
    assert [p for p in existing(places)] == []
    assert outside.exists()  # a link inside is removed, never followed
    assert tidy_data_dir(data) == [mine_elsewhere]  # not Groundwork's: left as it was
    assert data.exists()


def test_a_folder_not_named_groundwork_is_never_removed_whole(tmp_path: Path) -> None:
    home = tmp_path / "home"
    local = LocalFolders(home, home, None)
    places = groundwork_places(tmp_path / "data", local, home)
    assert all(p.path.parent == tmp_path / "data" for p in places)


def test_the_default_data_folder_goes_too_once_empty(tmp_path: Path) -> None:
    data = tmp_path / "Groundwork"
    data.mkdir()
    assert tidy_data_dir(data) == []
    assert not data.exists()


def test_a_profiles_daily_backups_go_with_it_and_no_other_profiles(tmp_path: Path) -> None:
    backups = tmp_path / "profiles" / "backups"
    daily = touch(backups / PID / "d-0000000000000001" / "2026-03-14" / "2026-03.json").parents[2]
    other = touch(backups / OTHER / "d-0000000000000001" / "2026-03-14" / "2026-03.json")
    assert profile_leftovers(tmp_path, PID) == [daily]
    assert remove_files([daily]) == []
    assert not daily.exists() and other.exists()
