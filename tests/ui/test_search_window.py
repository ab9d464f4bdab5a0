"""Issue 12: Ctrl+F finds words across what the person wrote; Enter opens the record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop_app.services.journal import SlipDraft, WinDraft
from desktop_app.ui.search import SearchDialog
from tests.ui.test_journal_support import journal_of, simple_focus


def search_window(qtbot, startup) -> SearchDialog:
    window = startup.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keySequence(window, QKeySequence(QKeySequence.StandardKey.Find))
    found = window.findChild(SearchDialog)
    qtbot.waitUntil(lambda: isinstance(found, SearchDialog) and found.isVisible())
    assert isinstance(found, SearchDialog)
    return found


def test_find_a_win_and_open_it_with_the_keyboard(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    journal.log_win(WinDraft("Spoke up at the Café meeting"))
    journal.log_win(WinDraft("Went for a walk"))
    journal.log_slip(SlipDraft("Snapped", trigger="the cafe was loud"))
    dialog = search_window(qtbot, startup)
    assert dialog.field.accessibleName() == "Search"
    assert QApplication.focusWidget() is dialog.field or dialog.focusWidget() is dialog.field
    qtbot.keyClicks(dialog.field, "CAFE")
    qtbot.waitUntil(lambda: dialog.results.count() == 2)
    assert dialog.status.text() == "2 matches."
    first, second = (dialog.results.item(i) for i in range(2))
    assert first.text().startswith("Slip · ") and "the cafe was loud" in first.text()
    assert second.text().startswith("Win · ") and "Spoke up at the Café meeting" in second.text()
    assert "Win" in second.data(Qt.ItemDataRole.AccessibleTextRole)
    # Down into the list, Down to the win, Enter: the Wins tab opens with it selected.
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    assert dialog.results.currentRow() == 0
    qtbot.keyClick(dialog.results, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert startup.window.current_screen_key() == "journal"
    wins = startup.window.screens["journal"].wins
    assert startup.window.screens["journal"].tabs.currentWidget() is wins
    assert wins.list.currentItem().text().startswith("Spoke up at the Café meeting")
    # Hidden, it keeps nothing the person wrote on show; Ctrl+F brings the search back.
    assert dialog.results.count() == 0
    again = search_window(qtbot, startup)
    assert again is dialog and dialog.field.text() == "CAFE" and dialog.results.count() == 2


def test_enter_in_the_field_opens_the_latest_match(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(template, {"note": "Budget talk went calmly"})
    clock.advance(days=1)
    dialog = search_window(qtbot, startup)
    qtbot.keyClicks(dialog.field, "budget")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    checkins = startup.window.screens["journal"].checkins
    qtbot.waitUntil(lambda: checkins.selected_id() == outcome.checkin_id)
    assert not dialog.isVisible()


def test_nothing_found_says_so(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup).log_win(WinDraft("Went for a walk"))
    dialog = search_window(qtbot, startup)
    qtbot.keyClicks(dialog.field, "walrus")
    qtbot.waitUntil(lambda: dialog.status.text() == "Nothing found.")
    assert dialog.results.count() == 0
    dialog.reject()
