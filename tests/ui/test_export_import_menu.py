"""Profile ▸ Export (JSON, CSV) and Profile ▸ Import ▸ From a Groundwork export, driven
through the menus with the file dialogs patched."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.ui.import_dialog import ImportDialog
from tests.bad_exports import KINDS, SAYS, write_bad
from tests.conftest import when_modal
from tests.ui.privacy_helpers import kdf, pressing, protect_now, when_dialog  # noqa: F401 (kdf: a fixture)

LISTS = ("assessments", "drafts", "checkins", "slips", "wins", "focus", "topics", "pauses")


def data_bytes(folder: Path, session: Any = None) -> dict[str, bytes]:
    if session is not None:
        assert session.flush(10.0)  # what was saved (the demo's history) is on disk first
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and "lock" not in p.name}


def idle(startup: Any) -> bool:
    return not startup.window.transfer.busy


def export_json(qtbot, startup: Any, target: Path, monkeypatch) -> dict[str, Any]:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    startup.window.action_export.trigger()
    qtbot.waitUntil(lambda: idle(startup) and target.exists(), timeout=20_000)
    return json.loads(target.read_text("utf-8"))


def import_file(qtbot, startup: Any, path: Path, monkeypatch, *, name: str | None = None,
                seen: dict[str, str] | None = None) -> None:
    """Profile ▸ Import ▸ From a Groundwork export; into a new profile ``name``, or the
    open one when ``name`` is None."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))

    def choose(dialog: ImportDialog) -> None:
        assert isinstance(dialog, ImportDialog)
        if seen is not None:
            seen["summary"] = dialog.summary.text()
            seen["preview"] = dialog.preview.text()
        if name is None:
            dialog.into_open.setChecked(True)
        else:
            dialog.name.setText(name)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    when_modal(choose)
    startup.window.transfer.action_import.trigger()
    qtbot.waitUntil(lambda: seen is None or "summary" in seen, timeout=20_000)
    qtbot.waitUntil(lambda: idle(startup), timeout=20_000)


def records(doc: dict[str, Any]) -> dict[str, Any]:
    return {name: doc[name] for name in LISTS}


def test_round_trip_of_the_demo_profile_through_the_menus(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    startup = start_app("--demo", "--demo-years", "1")
    first = export_json(qtbot, startup, tmp_path / "first.json", monkeypatch)
    assert sum(len(first[name]) for name in LISTS) > 300
    assert "Exported" in startup.window.statusBar().currentMessage()

    seen: dict[str, str] = {}
    import_file(qtbot, startup, tmp_path / "first.json", monkeypatch, name="Copy", seen=seen)
    assert f"{len(first['checkins']):,} check-ins" in seen["summary"]
    assert f"{len(first['wins']):,} wins" in seen["summary"]
    # Into the open Demo profile it would add nothing: every record is there already.
    assert "nothing new" in seen["preview"] and "already here" in seen["preview"]
    qtbot.waitUntil(lambda: startup.session.profile.name == "Copy")
    assert "Made the profile “Copy”" in startup.window.statusBar().currentMessage()

    again = export_json(qtbot, startup, tmp_path / "again.json", monkeypatch)
    assert again["profile"]["name"] == "Copy"
    assert records(again) == records(first)  # the same records, ids and all

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(tmp_path))
    startup.window.transfer.action_csv.trigger()
    folder = tmp_path / f"Copy - Groundwork {startup.session.clock().date().isoformat()}"
    qtbot.waitUntil(lambda: idle(startup) and folder.is_dir(), timeout=20_000)
    for name in LISTS:
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) - 1 == len(first[name]), name


def test_importing_into_the_open_profile_twice_adds_nothing_the_second_time(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    startup = start_app("--demo", "--demo-years", "1")
    export_json(qtbot, startup, tmp_path / "demo.json", monkeypatch)
    demo = startup.session.profile.id
    startup.session.create_profile("Sam")
    repo = startup.session.require_repo()
    seen: dict[str, str] = {}
    import_file(qtbot, startup, tmp_path / "demo.json", monkeypatch, seen=seen)
    assert "It would add 3" in seen["preview"] and " already here;" not in seen["preview"]
    assert "nothing new" not in seen["preview"]
    counts = dict(repo.table_counts())
    assert counts.get("checkins", 0) > 100
    assert "Added to “Sam”" in startup.window.statusBar().currentMessage()
    before = data_bytes(startup.session.data_dir, startup.session)

    seen = {}
    import_file(qtbot, startup, tmp_path / "demo.json", monkeypatch, seen=seen)
    assert "nothing new" in seen["preview"]
    assert repo.table_counts() == counts
    assert data_bytes(startup.session.data_dir, startup.session) == before
    assert startup.session.profile.id != demo


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_file_is_refused_with_a_message_and_nothing_changes(
    qtbot, start_app, tmp_path: Path, monkeypatch, kind: str
) -> None:
    startup = start_app("--demo", "--demo-years", "1")
    good = tmp_path / "good.json"
    if kind == "truncated":
        export_json(qtbot, startup, good, monkeypatch)
    bad = tmp_path / "bad.json"
    write_bad(kind, bad, good)
    before = data_bytes(startup.session.data_dir, startup.session)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bad), ""))
    said: list[str] = []

    def read(box: QMessageBox) -> None:
        said.append(box.text())
        box.accept()

    when_modal(read)
    startup.window.transfer.action_import.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert SAYS[kind] in said[0] and "Nothing was added or changed" in said[0], said
    assert "Traceback" not in said[0]
    assert idle(startup)
    assert data_bytes(startup.session.data_dir, startup.session) == before


def test_export_inside_the_data_folder_is_refused(
    qtbot, start_app, monkeypatch
) -> None:
    startup = start_app("--profile", "Sam")
    data = startup.session.data_dir
    before = data_bytes(data, startup.session)
    target = data / "profiles" / "copy.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    said: list[str] = []

    def read(box: QMessageBox) -> None:
        said.append(box.text())
        box.accept()

    when_modal(read)
    startup.window.action_export.trigger()
    qtbot.waitUntil(lambda: bool(said))
    assert "inside Groundwork's data folder" in said[0]
    assert data_bytes(data) == before


def test_a_new_profile_name_that_is_taken_is_asked_again(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    startup = start_app("--profile", "Sam")
    export_json(qtbot, startup, tmp_path / "sam.json", monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_a, **_k: (str(tmp_path / "sam.json"), ""))
    seen: dict[str, str] = {}

    def choose(dialog: ImportDialog) -> None:
        seen["default"] = dialog.name.text()
        dialog.name.setText("sam")
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        seen["error"] = dialog.error.text()
        dialog.reject()

    when_modal(choose)
    startup.window.transfer.action_import.trigger()
    qtbot.waitUntil(lambda: "error" in seen and idle(startup), timeout=20_000)
    assert seen["default"] == "Sam (imported)"
    assert "cannot be used" in seen["error"]
    assert [p.name for p in startup.session.profiles.profiles] == ["Sam"]


def test_the_export_and_import_wait_for_a_profile(start_app) -> None:
    startup = start_app()
    window = startup.window
    assert not window.action_export.isEnabled()
    assert not window.transfer.export_menu.menuAction().isEnabled()
    assert window.import_menu.actions()[0] is window.transfer.action_import


@pytest.mark.usefixtures("kdf")
def test_a_csv_export_of_a_protected_profile_warns_first_and_names_the_folder(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    startup = start_app("--profile", "Sam")
    protect_now(startup)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(tmp_path))
    folder = tmp_path / f"Sam - Groundwork {startup.session.clock().date().isoformat()}"
    said: list[str] = []


    when_dialog(QMessageBox, pressing("Cancel", said))
    startup.window.transfer.action_csv.trigger()
    assert str(folder) in said[0] and "Anyone who can open that file" in said[0]
    assert not folder.exists()
    when_dialog(QMessageBox, pressing("Save the plain export", said))
    startup.window.transfer.action_csv.trigger()
    qtbot.waitUntil(lambda: idle(startup) and (folder / "checkins.csv").exists())
