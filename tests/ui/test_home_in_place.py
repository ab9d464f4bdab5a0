"""Home updates its cards in place: the clicked button survives its own click, keeps focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from shiboken6 import isValid

from desktop_app.services.journal import WinDraft
from desktop_app.ui.journal.win_dialog import WinDialog
from tests.ui.test_journal_support import (
    button,
    closed_gap,
    journal_of,
    modal,
    opened,
    simple_focus,
)


def focused() -> object:
    return QApplication.focusWidget()


def flush_deletes() -> None:
    """Run deletions queued with deleteLater, so a deleted widget would show as invalid."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def tab_to(qtbot, target: QPushButton) -> None:
    """Press Tab until ``target`` has focus, as a keyboard user would (a bounded number)."""
    for _ in range(12):
        if focused() is target:
            return
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is target


def test_logging_a_win_from_home_with_the_keyboard(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup).log_win(WinDraft("Slept eight hours"))
    clock.advance(hours=1)
    startup.session.notify()
    window = startup.window
    home = window.screens["home"]
    qtbot.waitUntil(lambda: home.isVisible())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    log = button(home, "logWin")
    buttons = home.findChildren(QPushButton)
    destroyed: list[str] = []
    for each in buttons:
        name = each.objectName()
        each.destroyed.connect(lambda _o=None, name=name: destroyed.append(name))
    log.setFocus(Qt.FocusReason.TabFocusReason)
    assert focused() is log

    qtbot.keyClick(log, Qt.Key.Key_Space)
    dialog = opened(qtbot, WinDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.form.text.setFocus()
    qtbot.keyClicks(dialog.form.text, "Asked for help at work")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    tab_to(qtbot, save)
    qtbot.keyClick(save, Qt.Key.Key_Space)
    # Issue 12: the thanks is said in place, above Home, with no dialog to close.
    thanks = window.notices.acknowledgement
    qtbot.waitUntil(thanks.isVisible)
    assert "Thank you for noting it" in thanks.label.text()
    qtbot.waitUntil(lambda: modal() is None)
    flush_deletes()

    assert home.win_label.text() == "“Asked for help at work”"
    assert isValid(log) and button(home, "logWin") is log
    # The window's own focus widget is what has focus again once the window is active (the
    # offscreen platform does not reactivate it by itself, as a window manager does).
    assert window.focusWidget() is log
    window.activateWindow()
    qtbot.waitUntil(lambda: focused() is log)
    assert destroyed == []  # no button of Home was deleted, the clicked one least of all


def test_the_thanks_button_outlives_its_click(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    simple_focus(startup)
    closed_gap(startup, clock.now)
    home = startup.window.screens["home"]
    thanks = button(home, "acknowledgeMilestones")
    checkin = button(home, "checkInNow")
    assert home.milestone_card.isVisible()
    qtbot.mouseClick(thanks, Qt.MouseButton.LeftButton)
    flush_deletes()
    assert isValid(thanks) and not home.milestone_card.isVisible()
    assert isValid(checkin) and button(home, "checkInNow") is checkin


def test_choosing_a_focus_replaces_the_button_with_the_journal_link(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup).log_win(WinDraft("Went outside"))
    startup.session.notify()
    home = startup.window.screens["home"]
    choose = button(home, "chooseFocus")
    assert choose.isVisible() and not button(home, "openJournal").isVisible()
    startup.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is startup.window)
    choose.setFocus()
    simple_focus(startup)  # as if the dialog had saved: the session tells every screen
    assert not choose.isVisible() and button(home, "openJournal").isVisible()
    assert focused() is button(home, "openJournal")
    assert [label.text() for label in home.focus_labels] == ["Work: Answer from calm"]
