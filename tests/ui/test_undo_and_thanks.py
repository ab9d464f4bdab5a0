"""Issue 12: an undo bar after a deletion, and a win thanked in place (no dialog each time)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from desktop_app.services.journal import SlipDraft, WinDraft
from desktop_app.ui.journal.win_dialog import WinDialog
from tests.conftest import when_modal
from tests.ui.test_journal_support import (
    add_gap_result,
    click,
    journal_of,
    modal,
    opened,
    simple_focus,
    stored,
)


def confirm_delete(box: QMessageBox) -> None:
    [delete] = [b for b in box.buttons() if b.text() == "Delete"]
    delete.click()


def journal_tab(startup, name: str):
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab(name)
    return getattr(screen, name)


def test_undo_puts_a_deleted_win_back_with_its_id(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup).log_win(WinDraft("Asked for help"))
    [before] = stored(startup)["wins"].items()
    tab = journal_tab(startup, "wins")
    tab.list.setCurrentRow(0)
    when_modal(confirm_delete)
    click(qtbot, tab.delete_button)
    bar = startup.window.notices.undo_bar
    qtbot.waitUntil(bar.isVisible)
    assert bar.label.text().strip() == "Deleted a win."
    assert bar.undo_button.accessibleName() == "Undo: Deleted a win."
    qtbot.waitUntil(lambda: stored(startup)["wins"] == {})
    assert tab.list.count() == 0
    click(qtbot, bar.undo_button)
    assert stored(startup)["wins"] == dict([before])  # the same id, the same words
    assert tab.list.count() == 1 and tab.list.item(0).text().startswith("Asked for help")
    assert "back where it was" in bar.label.text()


def test_the_bar_goes_after_ten_seconds_by_the_clock(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup).log_slip(SlipDraft("Snapped at a colleague"))
    tab = journal_tab(startup, "slips")
    tab.table.selectRow(0)
    when_modal(confirm_delete)
    click(qtbot, tab.delete_button)
    bar = startup.window.notices.undo_bar
    qtbot.waitUntil(bar.isVisible)
    assert bar.label.text().strip() == "Deleted a slip."
    clock.advance(seconds=5)
    qtbot.waitUntil(lambda: bar.timer.isActive())
    assert bar.isVisible()
    clock.advance(seconds=6)
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert stored(startup)["lapses"] == {}  # gone for good once the bar has gone


def test_undo_with_the_keyboard_alone(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    simple_focus(startup)
    journal = journal_of(startup)
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(template, {"note": "Long day."})
    tab = journal_tab(startup, "checkins")
    tab.table.selectRow(0)
    when_modal(confirm_delete)
    tab.delete_button.setFocus()
    qtbot.keyClick(tab.delete_button, Qt.Key.Key_Space)
    bar = startup.window.notices.undo_bar
    qtbot.waitUntil(bar.isVisible)
    assert bar.label.text().strip() == "Deleted a check-in."
    assert journal.checkin_count() == 0
    # Ctrl+Z from where the person is, or Tab to the button and Space.
    startup.window.activateWindow()
    qtbot.waitUntil(startup.window.isActiveWindow)
    qtbot.keySequence(tab.table, QKeySequence(QKeySequence.StandardKey.Undo))
    qtbot.waitUntil(lambda: journal.checkin_ids() == [outcome.checkin_id])  # a shown click
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.table.selectRow(0)
    when_modal(confirm_delete)
    click(qtbot, tab.delete_button)
    qtbot.waitUntil(lambda: journal.checkin_count() == 0)
    bar.undo_button.setFocus()
    qtbot.keyClick(bar.undo_button, Qt.Key.Key_Space)
    assert journal.checkin_ids() == [outcome.checkin_id]
    # Focus is not lost when the Undo button goes away; Escape closes the bar.
    assert startup.window.focusWidget() is bar.close_button
    qtbot.keyClick(bar.close_button, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_a_win_is_thanked_in_place_until_the_next_change(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = journal_of(startup)
    journal.log_win(WinDraft("A first win"))  # the first win's milestone is said already
    tab = journal_tab(startup, "wins")
    click(qtbot, tab.log_button)
    dialog = opened(qtbot, WinDialog)
    qtbot.keyClicks(dialog.form.text, "Walked instead of scrolling")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    click(qtbot, save)
    thanks = startup.window.notices.acknowledgement
    qtbot.waitUntil(thanks.isVisible)
    assert modal() is None  # no dialog to close
    assert "Thank you for noting it" in thanks.label.text()
    assert thanks.label.accessibleName() == thanks.label.text()
    assert tab.list.count() == 2
    # It stays until the next change is saved...
    qtbot.waitUntil(lambda: thanks._armed)
    journal.log_slip(SlipDraft("Snapped"))
    assert not thanks.isVisible()
    # ... or until it is closed.
    thanks.say("Again")
    click(qtbot, thanks.close_button)
    assert not thanks.isVisible()


def test_undo_a_removed_pause_and_a_deleted_result(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    current = journal.focus.current()
    assert current is not None
    key = current.item.areas[0].practices[0].key
    journal.focus.pause(key, date(2026, 3, 10), date(2026, 3, 12), "Flu")
    tab = journal_tab(startup, "slips")
    [(remove, _pause)] = tab.practices.rows[key].remove_buttons
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    click(qtbot, remove)
    bar = startup.window.notices.undo_bar
    qtbot.waitUntil(bar.isVisible)
    assert bar.label.text().strip() == "Removed a pause."
    [period] = stored(startup)["focus"].values()
    assert period["areas"][0]["practices"][0]["pauses"] == []
    click(qtbot, bar.undo_button)
    [period] = stored(startup)["focus"].values()
    assert period["areas"][0]["practices"][0]["pauses"] == [
        {"start": "2026-03-10", "end": "2026-03-12", "reason": "Flu"}
    ]
    qtbot.waitUntil(lambda: len(tab.practices.rows[key].remove_buttons) == 1)

    add_gap_result(startup, clock(), {"work": (3, 8)})
    startup.session.notify()
    startup.window.show_screen("assessments")
    page = startup.window.screens["assessments"]
    qtbot.waitUntil(lambda: len(page.delete_buttons) == 1)
    [(result_id, delete)] = page.delete_buttons.items()
    when_modal(confirm_delete)
    click(qtbot, delete)
    qtbot.waitUntil(lambda: bar.label.text().strip() == "Deleted a result.")
    assert stored(startup)["assessments"] == {}
    qtbot.waitUntil(lambda: page.delete_buttons == {})
    click(qtbot, bar.undo_button)
    assert list(stored(startup)["assessments"]) == [result_id]
    qtbot.waitUntil(lambda: list(page.delete_buttons) == [result_id])
