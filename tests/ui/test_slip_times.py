"""Slip times: a slip in the check-in says when it happened; its return is told honestly,
and the return chart has an axis with units where a one-minute return still shows."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt, QTime
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolTip, QWizard

from desktop_app.domain.consistency import ReturnPoint
from desktop_app.domain.return_time import DAY, MINUTE, ReturnTime
from desktop_app.services.journal import SlipDraft
from desktop_app.ui.journal.slip_dialog import SlipDialog
from desktop_app.ui.journal.strips import MIN_BAR, ReturnTrend, trend_summary, value_axis
from tests.ui.test_checkin_flow import ANSWERS, answer, open_wizard, practices_page
from tests.ui.test_journal_slips import slips_tab
from tests.ui.test_journal_support import button, click, modal, opened, simple_focus, stored


def checkin_with_a_slip(qtbot, startup):
    """Open the check-in from Home, answer it, and open the slip part of its last page."""
    click(qtbot, startup.window.screens["home"].checkin_button)
    wizard = open_wizard(qtbot)
    answer(wizard, ANSWERS)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    page = practices_page(wizard)
    page.log_slip.setFocus()
    qtbot.keyClick(page.log_slip, Qt.Key.Key_Space)
    qtbot.keyClicks(page.slip_form.old_pattern, "Snapped at Alex")
    return wizard, page


def finish(qtbot, wizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is wizard.review_page
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: modal() is not wizard)
    if (thanks := modal()) is not None:
        thanks.reject()


def test_a_checkin_slip_known_to_the_day_returns_the_same_day(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    simple_focus(startup)
    wizard, page = checkin_with_a_slip(qtbot, startup)
    when = page.slip_form.when
    # Asked, with today as the answer until changed, and the time left out.
    assert when.isVisibleTo(page) and when.chosen_day() == date(2026, 3, 14)
    assert not when.knows_time.isChecked() and not when.time.isEnabled()
    page.slip_form.back.setFocus()
    qtbot.keyClick(page.slip_form.back, Qt.Key.Key_Space)  # back on track already
    finish(qtbot, wizard)

    [checkin] = stored(startup)["checkins"].values()
    [slip] = stored(startup)["lapses"].values()
    assert checkin["at"] == "2026-03-14T09:30:00+01:00"
    assert slip["at"] == "2026-03-14T00:00:00+01:00"  # the day, not the check-in's moment
    assert slip["time_known"] is False
    assert slip["back_on_track_at"] == checkin["at"]  # the return is the check-in
    tab = slips_tab(startup)
    assert tab.table.item(0, 0).text() == "14 Mar 2026"  # no made-up time of day
    assert tab.table.item(0, 1).text() == "the same day"  # never "after 1 minute"
    assert tab.summary.text() == "Time back on track so far: the same day."


def test_a_checkin_slip_from_last_night_at_a_time(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    simple_focus(startup)
    wizard, page = checkin_with_a_slip(qtbot, startup)
    when = page.slip_form.when
    when.day.setFocus()
    qtbot.keyClick(when.day, Qt.Key.Key_Down)  # the keyboard moves it to yesterday
    qtbot.keyClick(when.knows_time, Qt.Key.Key_Space)
    assert when.time.isEnabled()
    when.time.setTime(QTime(20, 30))
    page.slip_form.back.setChecked(True)
    finish(qtbot, wizard)

    [slip] = stored(startup)["lapses"].values()
    assert slip["at"] == "2026-03-13T20:30:00+01:00"
    assert slip["time_known"] is True
    assert slip["back_on_track_at"] == "2026-03-14T09:30:00+01:00"
    tab = slips_tab(startup)
    assert tab.table.item(0, 0).text() == "13 Mar 2026, 20:30"
    assert tab.table.item(0, 1).text() == "after 13 hours"


def test_a_time_not_yet_come_leads_to_the_time_field(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    simple_focus(startup)
    tab = slips_tab(startup)
    click(qtbot, button(tab, "logSlip"))
    dialog = opened(qtbot, SlipDialog)
    qtbot.keyClicks(dialog.form.old_pattern, "Doomscrolling")
    dialog.form.when.time.setTime(QTime(23, 0))  # the clock reads 09:30
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert "has not come yet" in dialog.error.text()
    assert dialog.focusWidget() is dialog.form.when.time
    assert stored(startup)["lapses"] == {}
    # Leaving the time out puts it right: the message goes at once.
    qtbot.keyClick(dialog.form.when.knows_time, Qt.Key.Key_Space)
    assert dialog.error.isHidden()
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    [slip] = stored(startup)["lapses"].values()
    assert slip["at"] == "2026-03-14T00:00:00+01:00" and slip["time_known"] is False


def test_few_and_many_returns_in_the_tab_and_the_chart(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    # The case: one return of a minute, one of two days.
    for took in (timedelta(minutes=1), timedelta(days=2)):
        doc_id, _ = journal.log_slip(SlipDraft("Doomscrolling"))
        clock.now += took
        journal.back_on_track(doc_id)
        clock.advance(days=1)
    tab = slips_tab(startup)
    assert tab.summary.text() == "Time back on track so far: 1 minute and 2 days."
    assert tab.trend is not None
    assert "Time back on track so far: 1 minute and 2 days." in tab.trend.accessibleDescription()
    assert tab.trend.axis.unit == "hours"
    for hours in (1, 3, 6, 20, 72):
        doc_id, _ = journal.log_slip(SlipDraft("Doomscrolling"))
        clock.advance(hours=hours)
        journal.back_on_track(doc_id)
        clock.advance(days=1)
    assert tab.summary.text() == (
        "Typical time back on track: about 6 hours; from 1 minute to 3 days over your "
        "last 7 returns."
    )
    assert tab.trend.axis.unit == "days"


def test_the_chart_axis_and_a_one_minute_bar(qtbot) -> None:
    day = date(2026, 3, 1)
    points = [
        ReturnPoint(day, MINUTE / DAY, MINUTE / DAY, ReturnTime(MINUTE)),
        ReturnPoint(day + timedelta(days=3), 3.0, 1.5, ReturnTime(3 * DAY)),
        ReturnPoint(day + timedelta(days=9), 0.5, 1.5, ReturnTime(0.0, 0)),
    ]
    chart = ReturnTrend(points)
    qtbot.addWidget(chart)
    chart.resize(420, 160)
    chart.show()
    qtbot.waitExposed(chart)
    assert chart.axis.unit == "days" and chart.axis.top >= 3
    assert "in days" in chart.accessibleName()
    minute, three_days, same_day = chart.bar_rects()
    assert minute.height() >= MIN_BAR  # visible beside a bar of three days
    assert three_days.height() > 50 * minute.height() / 10
    assert "Time back on track so far: 1 minute, 3 days and the same day." in trend_summary(points)
    centre = minute.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, chart.mapToGlobal(centre))
    QApplication.sendEvent(chart, event)
    assert QToolTip.text() == "Slip of 1 Mar 2026: back on track after 1 minute"
    centre = same_day.center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, centre,
                                             chart.mapToGlobal(centre)))
    assert QToolTip.text() == "Slip of 10 Mar 2026: back on track the same day"
    QToolTip.hideText()


def test_the_axis_picks_hours_or_days_by_range() -> None:
    assert value_axis(MINUTE) == ("hours", 3600.0, 0.25, 0.25)
    assert value_axis(5 * 3600.0)[:2] == ("hours", 3600.0)
    assert value_axis(5 * 3600.0).top == 6
    assert value_axis(2 * DAY).unit == "hours"
    assert value_axis(3 * DAY)[0::3] == ("days", 3)
    assert value_axis(40 * DAY).top >= 40
