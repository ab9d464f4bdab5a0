"""A full disk: a plain message, the words stay where they were typed, nothing is lost."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.services.journal import JournalService
from desktop_app.ui.journal.win_dialog import WinDialog
from tests.disk import folder_bytes, stored


def no_space(_fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_first_profile_on_a_full_disk(
    qtbot, start_app, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start_app().window
    welcome = window.welcome
    qtbot.keyClicks(welcome.name_edit, "Sam")
    monkeypatch.setattr(os, "fsync", no_space)
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert "could not save" in welcome.error.text()
    assert "No space left" in welcome.error.text()
    assert welcome.name_edit.text() == "Sam"
    assert window.pages.currentWidget() is welcome
    assert list((data_dir / "profiles").iterdir()) == []  # no half-written file or temp

    monkeypatch.undo()
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.workspace


def test_a_win_on_a_full_disk_keeps_its_words(
    qtbot, start_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    startup = start_app("--profile", "Sam")
    journal = JournalService(startup.session)
    before = folder_bytes(startup.session.repo)
    # A child of the window (freed with it): once saved, it deletes itself on closing.
    dialog = WinDialog(journal, parent=startup.window)
    dialog.form.text.setPlainText("Said no to the extra shift, kindly.")
    monkeypatch.setattr(os, "fsync", no_space)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "could not save" in dialog.error.text())  # the ticket failed
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.buttons.isEnabled()
    assert dialog.form.text.toPlainText() == "Said no to the extra shift, kindly."
    assert folder_bytes(startup.session.repo) == before
    assert journal.wins() == []  # memory was read from disk again

    monkeypatch.undo()
    with qtbot.waitSignal(dialog.accepted):
        dialog.save()
    wins = stored(startup.session.repo)["wins"]
    assert [w["text"] for w in wins.values()] == ["Said no to the extra shift, kindly."]
