"""A delete the disk refuses: a plain message, the record stays stored and on screen."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop_app.services.journal import SlipDraft, WinDraft
from tests.conftest import when_modal
from tests.ui.test_journal_support import (
    button,
    click,
    closed_gap,
    journal_of,
    simple_focus,
    stored,
)


def no_space(_fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def confirm_delete(box: QMessageBox) -> None:
    [delete] = [b for b in box.buttons() if b.text() == "Delete"]
    delete.click()


def refused(qtbot, monkeypatch: pytest.MonkeyPatch, press) -> str:
    """Press delete with a full disk, confirm, and return the message the person reads."""
    monkeypatch.setattr(os, "fsync", no_space)
    when_modal(confirm_delete)
    press()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None
                    and QApplication.activeModalWidget().objectName() == "writeError")
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    text = box.text()
    box.close()
    monkeypatch.undo()
    return text


def journal_tab(startup, name: str):
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab(name)
    return getattr(screen, name)


def test_a_win(qtbot, start_app, monkeypatch: pytest.MonkeyPatch) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup).log_win(WinDraft("Asked for help"))
    tab = journal_tab(startup, "wins")
    tab.list.setCurrentRow(0)
    before = stored(startup)["wins"]
    text = refused(qtbot, monkeypatch, lambda: click(qtbot, tab.delete_button))
    assert "No space left on device" in text and "Nothing was changed" in text
    assert stored(startup)["wins"] == before
    assert tab.list.count() == 1 and tab.list.item(0).text().startswith("Asked for help")
    tab.reload()
    assert tab.list.count() == 1


def test_a_slip(qtbot, start_app, monkeypatch: pytest.MonkeyPatch) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup).log_slip(SlipDraft("Snapped at a colleague"))
    tab = journal_tab(startup, "slips")
    tab.table.selectRow(0)
    before = stored(startup)["lapses"]
    text = refused(qtbot, monkeypatch, lambda: click(qtbot, tab.delete_button))
    assert "No space left" in text
    assert stored(startup)["lapses"] == before
    tab.reload()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 2).text() == "Snapped at a colleague"


def test_a_checkin(qtbot, start_app, monkeypatch: pytest.MonkeyPatch) -> None:
    startup = start_app("--profile", "Sam")
    journal = journal_of(startup)
    template = journal.checkin_template()
    assert template is not None
    journal.complete_checkin(template, {"distress": 4, "note": "A rough one"})
    tab = journal_tab(startup, "checkins")
    tab.table.selectRow(0)
    before = stored(startup)["checkins"]
    text = refused(qtbot, monkeypatch, lambda: click(qtbot, tab.delete_button))
    assert "No space left" in text
    assert stored(startup)["checkins"] == before
    tab.reload()
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, tab.model.columnCount() - 1).data() == "A rough one"


def test_the_current_focus_and_an_earlier_one(
    qtbot, start_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    startup = start_app("--profile", "Sam")
    simple_focus(startup)
    simple_focus(startup)  # the first one becomes history
    tab = journal_tab(startup, "focus")
    before = stored(startup)["focus"]
    assert "No space left" in refused(
        qtbot, monkeypatch, lambda: click(qtbot, tab.delete_button)
    )
    tab.history.setCurrentItem(tab.history.topLevelItem(0))
    assert "No space left" in refused(
        qtbot, monkeypatch, lambda: click(qtbot, tab.delete_history_button)
    )
    assert stored(startup)["focus"] == before
    tab.reload()
    assert tab.findChild(QLabel, "intention-work") is not None
    assert tab.history.topLevelItemCount() == 1


def test_home_thanks_for_a_milestone(qtbot, start_app, clock, monkeypatch) -> None:
    startup = start_app("--profile", "Sam")
    closed_gap(startup, clock.now)
    assert startup.session.flush()  # the results are on disk before the disk fills up
    home = startup.window.screens["home"]
    monkeypatch.setattr(os, "fsync", no_space)
    click(qtbot, button(home, "acknowledgeMilestones"))
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    box = QApplication.activeModalWidget()
    assert box.objectName() == "writeError" and "No space left" in box.text()
    box.close()
    monkeypatch.undo()
    assert "milestones_seen" not in stored(startup)["meta"]["1"]
    texts = " ".join(label.text() for label in home.findChildren(QLabel))
    assert "Closer in Work" in texts


def test_deleting_a_profile_the_disk_refuses(
    qtbot, start_app, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup).log_win(WinDraft("Kept a boundary"))
    window = startup.window
    path = startup.session.require_repo().path

    def busy(*_args: object) -> None:
        raise OSError(errno.EBUSY, "Device or resource busy")

    # The whole profile folder goes with one rename; the disk refuses it.
    monkeypatch.setattr(os, "rename", busy)
    seen: list[str] = []

    def answer(box: QMessageBox) -> None:
        if box.objectName() == "confirmDelete":
            [delete] = [b for b in box.buttons() if b.text() == "Delete profile"]
            delete.click()
            when_modal(answer)
        else:
            seen.append(box.text())
            box.close()

    when_modal(answer)
    window.action_delete.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    monkeypatch.undo()
    assert "Device or resource busy" in seen[0] and "still open" in seen[0]
    assert path.exists()
    assert startup.session.profile is not None and startup.session.profile.name == "Sam"
    assert window.windowTitle() == "Sam — Groundwork"
    assert [w["text"] for w in stored(startup)["wins"].values()] == ["Kept a boundary"]
    journal_of(startup).log_win(WinDraft("Still writes"))  # the profile is still usable
    assert len(stored(startup)["wins"]) == 2
