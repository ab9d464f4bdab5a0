"""Profile ▸ Import ▸ From Loop Habit Tracker… / From Daylio…, driven as a person does it:
the file dialog (patched to return a sample), the summary, Import; then what is stored and
what the Journal shows."""

from __future__ import annotations

import errno
import os
import threading
import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.services.import_peers import PeerImportService
from desktop_app.ui.peer_import import PeerImportDialog
from tests.conftest import when_modal
from tests.disk import folder_bytes
from tests.disk import stored as disk_tables
from tests.ui.test_checkin_columns import table

SAMPLES = Path(__file__).parent.parent / "peer_samples"


def menu_item(startup: Any, source: str) -> QAction:
    action = startup.window.import_menu.findChild(QAction, f"importFrom_{source}")
    assert action is not None and action.isEnabled()
    return action


def loop_zip(tmp_path: Path) -> Path:
    target = tmp_path / "Loop Habits CSV 2026-03-14.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for name in ("Habits.csv", "Checkmarks.csv"):
            archive.write(SAMPLES / "loop" / name, name)
    return target


def run_import(qtbot, startup: Any, source: str, click: str) -> dict[str, Any]:
    """Trigger the menu item; answer the summary dialog with ``click``; return what it said."""
    seen: dict[str, Any] = {}

    def answer(dialog: Any) -> None:
        assert isinstance(dialog, PeerImportDialog)
        seen.update(
            title=dialog.windowTitle(), summary=dialog.summary.text(),
            preview=dialog.preview.text(), enabled=dialog.import_button.isEnabled(),
        )
        if click == "import" and dialog.import_button.isEnabled():
            dialog.import_button.click()
        else:
            dialog.reject()

    when_modal(answer)
    before = startup.window.statusBar().currentMessage()
    menu_item(startup, source).trigger()
    qtbot.waitUntil(lambda: "title" in seen)
    if click == "import" and seen["enabled"]:
        # Written on a worker; the message comes once the window has taken the records in.
        qtbot.waitUntil(lambda: startup.window.statusBar().currentMessage() != before
                        and "Imported from" in startup.window.statusBar().currentMessage())
    qtbot.waitUntil(lambda: startup.window.findChild(QObject, "peerImportProgress") is None)
    return seen


def test_loop_import_from_the_menu(qtbot, start_app, tmp_path: Path, monkeypatch) -> None:
    startup = start_app("--profile", "Sam")
    zipped = loop_zip(tmp_path)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(zipped)], "")
    )
    seen = run_import(qtbot, startup, "loop", "import")
    assert seen["title"] == "Import from Loop Habit Tracker"
    assert seen["summary"] == (
        "3 habits with 15 done days from 1 Mar 2026 to 13 Mar 2026, as practices and "
        "13 check-ins."
    )
    assert seen["preview"] == "Into “Sam”: 13 new check-ins."
    data = disk_tables(startup.session.repo)
    assert len(data["checkins"]) == 13
    [period] = data["focus"].values()
    assert [p["what"] for p in period["areas"][0]["practices"]] == [
        "Meditate", "Walk, outside", "Call a friend",
    ]
    assert startup.window.statusBar().currentMessage() == (
        "Imported from Loop Habit Tracker: 13 check-ins added."
    )
    # The Journal lists them, each with its practices done.
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab("checkins")
    cells = table(screen.checkins)
    assert len(cells["Date"]) == 13

    # The same file again: the summary says nothing will change, and Import is off.
    again = run_import(qtbot, startup, "loop", "import")
    assert again["preview"] == (
        "Into “Sam”: Everything in this file is already in this profile; nothing will change."
    )
    assert again["enabled"] is False
    assert len(disk_tables(startup.session.repo)["checkins"]) == 13


def test_daylio_import_from_the_menu(qtbot, start_app, monkeypatch) -> None:
    startup = start_app("--profile", "Sam")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName",
        lambda *_a, **_k: (str(SAMPLES / "daylio_export.csv"), ""),
    )
    seen = run_import(qtbot, startup, "daylio", "import")
    assert seen["summary"] == (
        "4 check-ins from 10 Mar 2026 to 13 Mar 2026, with mood and notes. "
        "1 row could not be used and will be left out."
    )
    data = disk_tables(startup.session.repo)
    assert len(data["checkins"]) == 4
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab("checkins")
    cells = table(screen.checkins)
    # The table shows a note's first line; its tooltip holds the whole note.
    assert sorted(cells["Note"]) == [
        "Mood in Daylio: awful", "Mood in Daylio: good", "Mood in Daylio: meh",
        "Mood in Daylio: rad",
    ]
    model = screen.checkins.model
    column = list(cells).index("Note")
    tips = [model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
            for row in range(model.rowCount())]
    assert any("Finished the course!" in tip for tip in tips)
    assert any("We talked about \"the plan\" and it felt lighter." in tip for tip in tips)


def test_cancel_adds_nothing(qtbot, start_app, monkeypatch) -> None:
    startup = start_app("--profile", "Sam")
    before = folder_bytes(startup.session.data_dir)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName",
        lambda *_a, **_k: (str(SAMPLES / "daylio_export.csv"), ""),
    )
    seen = run_import(qtbot, startup, "daylio", "cancel")
    assert seen["enabled"] is True
    assert folder_bytes(startup.session.data_dir) == before


def test_a_foreign_file_is_refused_with_a_message(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    startup = start_app("--profile", "Sam")
    before = folder_bytes(startup.session.data_dir)
    foreign = tmp_path / "notes.csv"
    foreign.write_text("name,age\nSam,3\n", "utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(foreign), ""))
    said: list[str] = []

    def close(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()

    when_modal(close)
    menu_item(startup, "daylio").trigger()
    qtbot.waitUntil(lambda: bool(said))
    assert said[0].startswith("notes.csv is not a Daylio export")
    assert said[0].endswith("Nothing was added or changed in your profile.")
    assert folder_bytes(startup.session.data_dir) == before


def test_a_full_disk_adds_nothing_and_says_so(qtbot, start_app, monkeypatch) -> None:
    startup = start_app("--profile", "Sam")
    before = folder_bytes(startup.session.data_dir)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName",
        lambda *_a, **_k: (str(SAMPLES / "daylio_export.csv"), ""),
    )
    read_on: list[str] = []
    read = PeerImportService.read_daylio

    def noting(self: Any, path: Path) -> Any:
        read_on.append(threading.current_thread().name)
        return read(self, path)

    monkeypatch.setattr(PeerImportService, "read_daylio", noting)

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    said: list[str] = []

    def answer(dialog: Any) -> None:
        assert isinstance(dialog, PeerImportDialog)
        monkeypatch.setattr(os, "fsync", no_space)
        when_modal(lambda box: (said.append(box.text()), box.accept()))
        dialog.import_button.click()

    when_modal(answer)
    menu_item(startup, "daylio").trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    monkeypatch.undo()
    assert read_on and threading.main_thread().name not in read_on
    assert "could not save" in said[0] and "No space left on device" in said[0]
    assert "Nothing from the file was added." in said[0]
    assert folder_bytes(startup.session.data_dir) == before
    assert startup.session.require_repo().count("checkins") == 0


def test_the_import_menu_waits_for_a_profile(start_app) -> None:
    startup = start_app()
    assert not startup.window.import_menu.menuAction().isEnabled()


def test_imported_days_show_on_the_practice_calendar(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    startup = start_app("--profile", "Sam")
    zipped = loop_zip(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(zipped)], ""))
    run_import(qtbot, startup, "loop", "import")
    startup.window.resize(1100, 780)
    startup.window.show_screen("progress")
    screen = startup.window.screens["progress"]
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    panel = screen.panel
    panel.setCurrentWidget(panel.consistency)
    panel.consistency.kind.setCurrentIndex(panel.consistency.kind.findData("practices"))
    qtbot.waitUntil(lambda: panel.consistency.data is not None
                    and panel.consistency.data.kind == "practices")
    statuses = panel.consistency.data.statuses
    done = sorted(day.day for day, status in statuses.items() if status == "done")
    assert done == list(range(1, 14))  # every day with a check-mark, 1 to 13 March
    assert min(statuses).isoformat() == "2026-03-01"
