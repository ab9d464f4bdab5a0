"""Issue 12: each practice's own history, a month at a time, judged the way its rhythm asks."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.domain.journal import Cadence, CheckIn
from desktop_app.services.focus import AreaDraft, PracticeDraft
from desktop_app.ui.journal.practice_history import PracticeHistoryDialog
from desktop_app.ui.journal.practice_strip import FittingDayStrip
from tests.ui.test_journal_support import click, journal_of, opened

PARIS_WINTER = timezone(timedelta(hours=1))


def practised(startup, days_by_practice: dict[str, list[date]]) -> None:
    """Check-ins at noon on the given days, each recording the practices done that day."""
    by_day: dict[date, list[str]] = {}
    for key, days in days_by_practice.items():
        for day in days:
            by_day.setdefault(day, []).append(key)
    collection = startup.session.require_repo().collection("checkins", CheckIn)
    for day, keys in sorted(by_day.items()):
        at = datetime(day.year, day.month, day.day, 12, 0, tzinfo=PARIS_WINTER)
        collection.add(CheckIn(at, "check-in", 1, {}, tuple(keys)))
    startup.session.notify()


def focus_with_two_practices(startup, clock) -> tuple[str, str]:
    """A focus begun on Monday 2 February 2026 (today is Saturday 14 March)."""
    journal = journal_of(startup)
    clock.advance(days=-40)
    journal.focus.change_focus([AreaDraft("work", "Answer from calm", (
        PracticeDraft("Three breaths", Cadence.daily()),
        PracticeDraft("A walk at lunch", Cadence.per_week(3)),
    ))])
    clock.advance(days=40)
    current = journal.focus.current()
    assert current is not None
    breathe, walk = current.item.areas[0].practices
    return breathe.key, walk.key


def practices_view(startup):
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab("slips")
    return screen.slips.practices


def cells(dialog: PracticeHistoryDialog) -> dict[int, str]:
    """Day of the month -> what a screen reader hears for it."""
    found = {}
    table = dialog.table
    for row in range(table.rowCount()):
        for column in range(7):
            item = table.item(row, column)
            if item is not None and item.text():
                day = int(item.text().split("\n")[0])
                found[day] = str(item.data(Qt.ItemDataRole.AccessibleTextRole))
    return found


def test_three_days_a_week_is_judged_by_the_week(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    _breathe, walk = focus_with_two_practices(startup, clock)
    practised(startup, {walk: [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 4),
                               date(2026, 3, 6), date(2026, 3, 9)]})
    view = practices_view(startup)
    row = view.rows[walk]
    assert "This week: 1 of 3 done." in row.status.text()
    button = row.history_button
    assert button.accessibleName() == "History of A walk at lunch"
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = opened(qtbot, PracticeHistoryDialog)
    assert dialog.month_label.accessibleName() == "March 2026"
    assert dialog.table.accessibleName() == "Calendar of A walk at lunch, a week to a row"
    assert dialog.rule.text().startswith("3 days a week, any days of the week: a week with 3 "
                                         "days done is complete")
    heard = cells(dialog)
    assert heard[4] == "Wednesday 4 Mar 2026: done"
    assert heard[5] == "Thursday 5 Mar 2026: not due"  # never "missed" one day at a time
    assert heard[14] == "Saturday 14 Mar 2026: still open"
    assert not any(text.endswith("missed") for text in heard.values())
    weeks = [dialog.table.item(r, 7) for r in range(dialog.table.rowCount())]
    assert [w.text() for w in weeks if w is not None][:3] == [
        "1 of 3\nshort", "3 of 3\ncomplete", "1 of 3\nstill open",
    ]
    assert dialog.summary.text() == (
        "In March 2026: done on 4 days; 1 of 2 weeks complete."
    )
    # Page Up: February, with the week that fell short; the focus began on 2 February.
    qtbot.keyClick(dialog, Qt.Key.Key_PageUp)
    assert dialog.month_label.accessibleName() == "February 2026"
    assert not dialog.previous.isEnabled()  # nothing before the practice existed
    assert dialog.summary.text().startswith("In February 2026: done on 1 day")
    assert "Short two weeks in a row" in dialog.twice.text()
    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)
    assert dialog.month_label.accessibleName() == "March 2026"
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_daily_practice_shows_missed_days_and_its_legend(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    breathe, _walk = focus_with_two_practices(startup, clock)
    practised(startup, {breathe: [date(2026, 3, d) for d in (2, 3, 4, 12, 13)]})
    view = practices_view(startup)
    row = view.rows[breathe]
    click(qtbot, row.history_button)
    dialog = opened(qtbot, PracticeHistoryDialog)
    assert dialog.rule.text() == "Every day: each day counts on its own."
    heard = cells(dialog)
    assert heard[2].endswith(": done") and heard[5].endswith(": missed")
    assert dialog.table.item(0, 0).text() == ""  # 23 February sits outside March
    text_of = {dialog.table.item(r, c).text() for r in range(5) for c in range(7)}
    assert "5\n○" in text_of and "2\n✓" in text_of  # a symbol, not colour alone
    assert "○ missed" in dialog.findChild(type(dialog.rule), "practiceLegend").text()
    assert dialog.summary.text() == "In March 2026: 5 done, 8 missed."
    assert "Missed twice in a row" in dialog.twice.text()
    assert dialog.table.columnCount() == 7  # no week column for a daily practice
    # Next month is the last one there is to see.
    click(qtbot, dialog.next)
    assert dialog.month_label.accessibleName() == "April 2026"
    assert not dialog.next.isEnabled()
    click(qtbot, dialog.this_month)
    assert dialog.month_label.accessibleName() == "March 2026"
    dialog.done(QDialog.DialogCode.Rejected)


def test_the_strip_spans_what_the_width_holds(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    breathe, _walk = focus_with_two_practices(startup, clock)
    practised(startup, {breathe: [date(2026, 3, d) for d in (2, 3, 4)]})
    view = practices_view(startup)
    strip = view.rows[breathe].strip
    assert len(strip.all_days) == 41  # since the focus began, 2 February to today
    assert strip.accessibleDescription().startswith("41 days, 2 Feb 2026 to 14 Mar 2026")
    # On its own, shown: as many days as the width holds, the latest on the right.
    alone = FittingDayStrip(strip.statuses)
    qtbot.addWidget(alone)
    alone.resize(41 * 17, 16)
    alone.show()
    qtbot.waitExposed(alone)
    assert len(alone.days) == 41
    alone.resize(20 * 17, 16)
    qtbot.waitUntil(lambda: alone.accessibleDescription().startswith("20 days, 23 Feb"))
    assert len(alone.days) == 20 and alone.days[-1] == date(2026, 3, 14)
    assert "3 done" in alone.accessibleDescription()
