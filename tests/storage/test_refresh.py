"""refresh_from_disk: files another computer wrote are merged in; nothing changed costs a stat."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.storage import profile_files
from tests.storage.helpers import D1, D2, NOW, Note, new_profile, open_as


def test_a_second_computer_s_writes_are_seen_and_bump_the_revision(tmp_path: Path) -> None:
    mine = new_profile(tmp_path)
    theirs = open_as(mine, D2)
    builds: list[int] = []

    def texts() -> list[str]:
        builds.append(1)
        return sorted(s.item.text for s in mine.collection("wins", Note).all())

    assert mine.memo("wins", ("wins",), texts) == []
    rid = theirs.collection("wins", Note).add(Note(NOW, "from the laptop"))
    theirs.flush()
    before = mine.revision(("wins",))
    assert mine.refresh_from_disk() is True
    assert mine.revision(("wins",)) > before
    assert mine.memo("wins", ("wins",), texts) == ["from the laptop"] and len(builds) == 2
    theirs.collection("wins", Note).remove(rid)
    theirs.flush()
    assert mine.refresh_from_disk() is True
    assert mine.collection("wins", Note).all() == []
    theirs.set_meta(profile_name="Sam B.")
    theirs.flush()
    meta_before = mine.revision(("meta",))
    assert mine.refresh_from_disk() is True
    assert mine.name == "Sam B." and mine.revision(("meta",)) > meta_before


def test_nothing_changed_is_a_stat_per_file_and_false(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = new_profile(tmp_path)
    mine.collection("wins", Note).add(Note(NOW, "mine"))
    theirs = open_as(mine, D2)
    theirs.collection("wins", Note).add(Note(NOW, "theirs"))
    theirs.flush()
    assert mine.refresh_from_disk() is True
    revision = mine.revision(("wins", "meta"))
    opened: list[str] = []
    real = profile_files.read_profile_file
    monkeypatch.setattr(profile_files, "read_profile_file",
                        lambda p: (opened.append(p.name), real(p))[1])
    assert mine.refresh_from_disk() is False
    assert opened == [] and mine.revision(("wins", "meta")) == revision
    # Its own writes are not read back as news either.
    mine.collection("wins", Note).add(Note(NOW, "mine again"))
    assert mine.refresh_from_disk() is False and opened == []  # on its way: not looked at
    mine.flush()
    assert mine.refresh_from_disk() is False and opened == []  # landed: its stamp is known


def test_a_file_that_goes_away_takes_its_versions_with_it(tmp_path: Path) -> None:
    mine = new_profile(tmp_path)
    theirs = open_as(mine, D2)
    theirs.collection("wins", Note).add(Note(NOW, "theirs"))
    theirs.flush()
    assert mine.refresh_from_disk() is True
    os.remove(theirs.own / "2026-05.json")
    assert mine.refresh_from_disk() is True
    assert mine.collection("wins", Note).all() == []


def test_watched_paths_are_the_profile_and_every_device_folder(tmp_path: Path) -> None:
    mine = new_profile(tmp_path)
    assert mine.watched_paths() == [mine.path, mine.own]
    theirs = open_as(mine, D2)
    theirs.collection("wins", Note).add(Note(NOW, "theirs"))
    theirs.flush()
    assert mine.watched_paths() == [mine.path, mine.path / D1, mine.path / D2]
    assert D1 < D2
