"""Backfilling in the window: a check-in for an earlier day (picked, or the missed day the
tab points at), moving a check-in to another day, a win with its own day."""

from __future__ import annotations

from datetime import date, timedelta

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget, QWizard

from desktop_app.services.backfill import missed_checkin_days
from desktop_app.ui.journal.backfill import ChangeDayDialog, CheckInDayDialog
from desktop_app.ui.journal.win_dialog import WinDialog
from desktop_app.ui.wizard.template_wizard import TemplateWizard
from tests.ui.test_checkin_flow import ANSWERS, answer, open_wizard
from tests.ui.test_journal_support import button, click, journal_of, opened, stored

TODAY = date(2026, 3, 14)  # the fixed clock: Saturday 14 March 2026, 09:30 in Paris


def closed(dialog: QWidget) -> bool:
    """Saved and closed: a journal dialog frees itself once it closes."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def checkins_tab(startup):
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab("checkins")
    return screen.checkins


def with_checkin_days_ago(startup, *days_ago: int):
    journal = journal_of(startup)
    template = journal.checkin_template()
    assert template is not None
    for back in days_ago:
        journal.complete_checkin(template, {"distress": 1}, for_day=TODAY - timedelta(back))
    return journal


def finish(qtbot, wizard: TemplateWizard) -> None:
    answer(wizard, ANSWERS)
    while wizard.currentPage() is not wizard.review_page:
        click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def stored_days(startup) -> list[str]:
    return sorted(c["for_day"] for c in stored(startup)["checkins"].values())


def test_check_in_for_a_day_picked_in_the_checkins_tab(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    with_checkin_days_ago(startup, 4)
    tab = checkins_tab(startup)
    # Three days missed since (11, 12, 13 March): the latest is offered.
    assert tab.missed_label.isVisible()
    assert tab.missed_label.text() == (
        "There is no check-in for yesterday. (2 more days in the last two weeks.)"
    )
    click(qtbot, button(tab, "checkInEarlier"))
    dialog = opened(qtbot, CheckInDayDialog)
    assert dialog.day.date() == qdate(TODAY - timedelta(1))  # yesterday by default
    assert dialog.day.maximumDate() == qdate(TODAY)  # no days to come
    dialog.day.setDate(qdate(TODAY + timedelta(3)))
    assert dialog.day.date() == qdate(TODAY)
    dialog.day.setDate(qdate(date(2026, 3, 10)))
    assert dialog.note.isVisible()  # there is one for that day already
    assert "already checked in for Tuesday 10 March" in dialog.note.text()
    dialog.day.setDate(qdate(date(2026, 3, 12)))
    assert not dialog.note.isVisible()
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))

    wizard = open_wizard(qtbot)
    assert wizard.windowTitle().endswith("for Thursday 12 March")
    assert "This check-in is for Thursday 12 March" in wizard.currentPage().notice.text()
    asked = " ".join(label.text() for label in wizard.currentPage().findChildren(QLabel))
    assert "How much distress was I carrying then?" in asked  # that day, not "right now"
    finish(qtbot, wizard)
    assert stored_days(startup) == ["2026-03-10", "2026-03-12"]
    qtbot.waitUntil(lambda: len(tab.model.ids) == 2)
    shown = [tab.model.data(tab.model.index(r, 0)) for r in range(2)]
    assert shown == ["12 Mar 2026, 20:00", "10 Mar 2026, 20:00"]
    # 11 March stands alone now: no two missed in a row before yesterday.
    assert tab.missed_label.text() == (
        "There is no check-in for yesterday. (1 more day in the last two weeks.)"
    )


def test_the_missed_day_button_fills_that_day(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    with_checkin_days_ago(startup, 2)
    tab = checkins_tab(startup)
    missed = button(tab, "checkInForMissed")
    assert missed.text() == "Check in for yesterday…"
    click(qtbot, missed)
    finish(qtbot, open_wizard(qtbot))
    assert stored_days(startup) == ["2026-03-12", "2026-03-13"]
    qtbot.waitUntil(lambda: not tab.missed_button.isVisible())
    assert not tab.missed_label.isVisible()
    # Home counts it too: the check-in for yesterday was done, today's comes tonight.
    home = startup.window.screens["home"]
    startup.window.show_screen("home")
    assert "today at 20:00" in home.due_label.text()


def test_change_the_day_of_a_check_in(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal = with_checkin_days_ago(startup, 0)
    tab = checkins_tab(startup)
    tab.table.selectRow(0)
    click(qtbot, button(tab, "changeCheckInDay"))
    dialog = opened(qtbot, ChangeDayDialog)
    assert dialog.day.date() == qdate(TODAY)
    dialog.day.setDate(qdate(date(2026, 3, 11)))
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: closed(dialog))
    assert stored_days(startup) == ["2026-03-11"]
    [checkin] = stored(startup)["checkins"].values()
    assert checkin["answers"] == {"distress": 1}  # the answers stay
    assert checkin["at"].startswith("2026-03-11T09:30")  # and its time of day
    assert tab.model.data(tab.model.index(0, 0)) == "11 Mar 2026, 09:30"
    assert missed_checkin_days(journal) == [TODAY - timedelta(1), TODAY - timedelta(2)]


def test_a_day_to_come_is_refused_with_a_message_and_nothing_changes(
    qtbot, start_app, clock
) -> None:
    startup = start_app("--profile", "Sam")
    with_checkin_days_ago(startup, 1)
    tab = checkins_tab(startup)
    tab.table.selectRow(0)
    click(qtbot, button(tab, "changeCheckInDay"))
    dialog = opened(qtbot, ChangeDayDialog)
    dialog.day.setDate(qdate(TODAY))
    clock.advance(days=-2)  # the computer's clock is put back: today is now two days later
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert dialog.isVisible()
    assert "not for a day still to come" in dialog.error.text()
    assert stored_days(startup) == ["2026-03-13"]


def test_a_win_gets_a_day_today_by_default_and_never_later(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab("wins")
    click(qtbot, button(screen.wins, "logWin"))
    dialog = opened(qtbot, WinDialog)
    day = dialog.form.day
    assert day is not None and day.date() == qdate(TODAY)
    assert day.accessibleName() == "Day of the win"
    day.setDate(qdate(TODAY + timedelta(1)))
    assert day.date() == qdate(TODAY)
    day.setDate(qdate(date(2026, 3, 9)))
    qtbot.keyClicks(dialog.form.text, "Said no kindly")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: closed(dialog))
    [win] = stored(startup)["wins"].values()
    assert win["at"].startswith("2026-03-09")
    qtbot.waitUntil(lambda: screen.wins.list.count() == 1)
    assert "Monday 9 March" in screen.wins.list.item(0).text()

    # Editing shows its day and can move it.
    screen.wins.list.setCurrentRow(0)
    click(qtbot, screen.wins.edit_button)
    edit = opened(qtbot, WinDialog)
    assert edit.form.day is not None and edit.form.day.date() == qdate(date(2026, 3, 9))
    edit.form.day.setDate(qdate(date(2026, 3, 12)))
    click(qtbot, edit.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: closed(edit))
    [win] = stored(startup)["wins"].values()
    assert win["at"].startswith("2026-03-12") and win["text"] == "Said no kindly"


def test_backfilling_with_the_keyboard_alone(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    with_checkin_days_ago(startup, 5)
    tab = checkins_tab(startup)
    earlier = button(tab, "checkInEarlier")
    assert earlier.text() == "Check in for an &earlier day…"
    earlier.setFocus()
    qtbot.keyClick(earlier, Qt.Key.Key_Space)
    dialog = opened(qtbot, CheckInDayDialog)
    assert dialog.day.accessibleName() == "Day to check in for"
    dialog.day.setFocus()
    qtbot.keyClick(dialog.day, Qt.Key.Key_Down)  # one day further back
    assert dialog.chosen() == TODAY - timedelta(2)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Up)  # today is the last day it offers
    assert dialog.chosen() == TODAY
    qtbot.keyClick(dialog.day, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
    wizard = open_wizard(qtbot)
    assert wizard.windowTitle().endswith("for yesterday")
    finish(qtbot, wizard)
    assert stored_days(startup) == ["2026-03-09", "2026-03-13"]
