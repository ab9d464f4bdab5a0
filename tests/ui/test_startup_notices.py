"""Unreadable profile files at start: a clear message, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.conftest import when_modal
from tests.disk import folder_bytes
from tests.storage.odd_entries import ODD, fingerprint


def test_corrupt_profile_is_set_aside_and_reported(qtbot, start_app, data_dir: Path) -> None:
    profiles = data_dir / "profiles"
    profiles.mkdir()
    broken = profiles / "profile-0000.json"
    broken.write_bytes(b'{"meta": {"1": {"app": "groundwork", "schema')
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(read)
    startup = start_app()
    qtbot.waitUntil(lambda: bool(seen))
    # The file's id means nothing to a person, and the name did not survive.
    assert seen[0].startswith("A profile could not be read (")
    assert "“profile-0000.json”" not in seen[0]
    assert "unchanged" in seen[0]
    moved = list((profiles / "set-aside").iterdir())
    assert [m.read_bytes() for m in moved] == [b'{"meta": {"1": {"app": "groundwork", "schema']
    # Not opened as an empty profile: the person is asked to create one instead.
    assert startup.window.pages.currentWidget() is startup.window.welcome
    # Copied, never moved: in a synced folder a move would travel as a delete.
    assert broken.read_bytes() == b'{"meta": {"1": {"app": "groundwork", "schema'


@pytest.mark.parametrize("name", ["Sam", "Élodie \\ “the” one"])
def test_a_damaged_first_format_profile_is_named_by_its_name(
    qtbot, start_app, data_dir: Path, name: str
) -> None:
    profiles = data_dir / "profiles"
    profiles.mkdir()
    whole = json.dumps({"meta": {"1": {"app": "groundwork", "schema_version": 1,
                                       "profile_name": name}},
                        "checkins": {"1": {"note": "x" * 50}}})
    damaged = whole[: whole.index("x" * 50) + 10].encode()  # cut short after the name
    (profiles / "profile-0000.json").write_bytes(damaged)
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(read)
    start_app()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith(f"The profile “{name}” could not be read (")
    assert "profile-0000.json” could" not in seen[0] and "Unterminated" not in seen[0]
    assert "unchanged" in seen[0]
    assert (profiles / "profile-0000.json").read_bytes() == damaged


def test_profile_from_a_newer_version_is_left_alone(qtbot, start_app, data_dir: Path) -> None:
    first = start_app("--profile", "Sam")
    repo = first.session.repo
    path = repo.own / "profile.json"
    first.window.close()
    first.shutdown()
    data = json.loads(path.read_text())
    data["meta"]["1"]["schema_version"] = 99
    path.write_text(json.dumps(data))
    before = folder_bytes(repo)
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(read)
    start_app()
    qtbot.waitUntil(lambda: bool(seen))
    assert "newer Groundwork" in seen[0]
    assert folder_bytes(repo) == before


@pytest.mark.parametrize("case", list(ODD))
def test_odd_entry_never_blanks_the_window(
    qtbot, start_app, data_dir: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    first = start_app("--profile", "Sam")
    first.window.close()
    first.shutdown()
    odd = ODD[case]
    entry = data_dir / "profiles" / "profile-odd.json"
    odd.make(entry, monkeypatch)
    before = None if odd.moved else fingerprint(entry)
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(read)
    startup = start_app()
    qtbot.waitUntil(lambda: bool(seen))
    assert startup.session.profile.name == "Sam"
    assert startup.window.windowTitle() == "Sam — Groundwork"
    assert startup.window.isVisible()
    assert len(seen) == 1
    assert "profile-odd.json" in seen[0] and odd.words in seen[0]
    if odd.moved:
        assert "copied, unchanged" in seen[0]
    else:
        assert "left it where it is" in seen[0]
        assert fingerprint(entry) == before
