"""Saves land on the writer thread: forms wait for them, quitting waits (with a bound), and
the UI thread never waits for fsync."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QWidget

from desktop_app.services.journal import JournalService, WinDraft
from desktop_app.storage import pending_writes
from desktop_app.storage.atomic import StorageWriteError
from desktop_app.storage.shards import commit_bytes
from desktop_app.ui import quit_wait
from desktop_app.ui.journal.common import open_dialog
from desktop_app.ui.journal.win_dialog import WinDialog
from desktop_app.ui.wizard import TemplateWizard
from desktop_app.ui.wizard.assessment_flow import running_flow
from desktop_app.ui.wizard_launcher import start_template
from tests.conftest import when_modal
from tests.disk import stored
from tests.ui.test_wizard_widgets import ALL_TYPES

TEXT = "Asked for help before it got too much."


class Disk:
    """The commit step, held shut or made to fail by the test."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.open.set()
        self.full = False

    def commit(self, path: Path, payload: bytes) -> object:
        assert self.open.wait(30)
        if self.full:
            raise StorageWriteError(errno.ENOSPC, f"Could not save {path.name}: "
                                                  "No space left on device")
        return commit_bytes(path, payload)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    held = Disk()
    monkeypatch.setattr(pending_writes, "commit_bytes", held.commit)
    yield held
    held.open.set()  # never leave the writer stuck for the next test


def win_dialog(startup) -> WinDialog:
    dialog = WinDialog(JournalService(startup.session), parent=startup.window)
    open_dialog(dialog)
    dialog.form.text.setPlainText(TEXT)
    return dialog


def press_save(qtbot, dialog: WinDialog) -> None:
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_a_dialog_waits_for_its_save_then_closes(qtbot, start_app, disk: Disk) -> None:
    startup = start_app("--profile", "Sam")
    dialog = win_dialog(startup)
    disk.open.clear()  # a slow disk
    press_save(qtbot, dialog)
    assert dialog.isVisible() and not dialog.buttons.isEnabled()
    qtbot.waitUntil(lambda: dialog.saving.isVisible())
    assert dialog.saving.text() == "Saving…"
    # Memory has it already: the screens can show it.
    assert [w.item.text for w in JournalService(startup.session).wins()] == [TEXT]
    with qtbot.waitSignal(dialog.accepted):
        disk.open.set()
    assert [w["text"] for w in stored(startup.session)["wins"].values()] == [TEXT]


def test_a_failed_save_keeps_the_form_and_the_next_one_works(
    qtbot, start_app, disk: Disk
) -> None:
    startup = start_app("--profile", "Sam")
    dialog = win_dialog(startup)
    disk.full = True
    press_save(qtbot, dialog)
    qtbot.waitUntil(lambda: "could not save" in dialog.error.text())
    assert "No space left on device" in dialog.error.text()
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    assert dialog.form.text.toPlainText() == TEXT
    assert JournalService(startup.session).wins() == []  # memory read again: as on disk
    assert stored(startup.session)["wins"] == {}

    disk.full = False  # space is back
    with qtbot.waitSignal(dialog.accepted):
        press_save(qtbot, dialog)
    assert [w["text"] for w in stored(startup.session)["wins"].values()] == [TEXT]


def test_escape_while_saving_does_not_drop_the_verdict(qtbot, start_app, disk: Disk) -> None:
    startup = start_app("--profile", "Sam")
    dialog = win_dialog(startup)
    disk.open.clear()
    disk.full = True
    press_save(qtbot, dialog)
    dialog.reject()  # Esc: the save decides
    assert dialog.isVisible()
    disk.open.set()
    qtbot.waitUntil(lambda: "could not save" in dialog.error.text())
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.text.toPlainText() == TEXT
    dialog.reject()


def test_quit_with_a_stuck_disk_closes_within_its_bound_and_says_so(
    qtbot, start_app, disk: Disk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quit_wait, "QUIT_WAIT_S", 0.2)
    startup = start_app("--profile", "Sam")
    window = startup.window
    window.show()
    disk.open.clear()  # the disk never answers while Groundwork quits
    JournalService(startup.session).log_win(WinDraft(TEXT))
    told: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        told.append(box.text())
        box.accept()

    when_modal(read_and_close)
    window.close()
    assert window.isVisible()  # held: "Saving…"
    assert window.statusBar().currentMessage() == "Saving…"
    qtbot.waitUntil(lambda: not window.isVisible())
    assert "may not be saved" in told[0]
    assert window.quit_wait.abandoned
    disk.open.set()
    assert startup.session.flush(30)  # once the disk answers, it lands after all


def test_quit_waits_for_a_slow_write_then_closes(qtbot, start_app, disk: Disk) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    window.show()
    disk.open.clear()
    JournalService(startup.session).log_win(WinDraft(TEXT))
    window.close()
    assert window.isVisible()
    disk.open.set()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert not window.quit_wait.abandoned
    assert [w["text"] for w in stored(startup.session)["wins"].values()] == [TEXT]


def test_autosave_never_fsyncs_on_the_ui_thread(
    qtbot, start_app, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "all-types.toml").write_text(ALL_TYPES, "utf-8")
    startup = start_app("--profile", "Sam")
    threads: list[threading.Thread] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (threads.append(threading.current_thread()),
                                                 real(fd))[1])
    wizard = start_template(startup.window, startup.window.ctx, "all-types")
    assert isinstance(wizard, TemplateWizard)
    wizard.next()
    mood = wizard.findChild(QWidget, "mood")
    flow = running_flow(startup.session, "all-types")
    assert mood is not None and flow is not None
    with qtbot.waitSignal(flow.autosave.saved):  # 400 ms after the answer, and landed
        qtbot.mouseClick(mood.findChild(QAbstractButton, "point4"), Qt.MouseButton.LeftButton)
    [draft] = stored(startup.session)["drafts"].values()
    assert draft["answers"]["mood"] == 4
    assert threads and threading.main_thread() not in threads
    with qtbot.waitSignal(wizard.finished):
        wizard.reject()
