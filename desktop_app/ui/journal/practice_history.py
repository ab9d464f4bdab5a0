"""One practice's own history: a month calendar (any month), what each day was, and its
rhythm in words. Daily practices are judged by the day, the others by the week."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.consistency import DayStatus, calendar_weeks
from desktop_app.domain.journal import CadenceKind
from desktop_app.domain.practice_history import COMPLETE, OPEN, PAUSED_WEEK, SHORT
from desktop_app.i18n import N_, _, ngettext, npgettext
from desktop_app.locale_format import format_day, weekday_names
from desktop_app.services.journal import JournalService
from desktop_app.services.practice_history import (
    PracticeHistory,
    PracticeHistoryService,
    shift_month,
)
from desktop_app.ui.dates import short_date
from desktop_app.ui.journal.strips import day_colours, status_count
from desktop_app.ui.journal.text import cadence_text
from desktop_app.ui.undo_bar import announce
from desktop_app.ui.widgets import heading, paragraph

SYMBOLS = {
    DayStatus.DONE: "✓",
    DayStatus.MISSED: "○",
    DayStatus.PAUSED: "‖",
    DayStatus.NOT_DUE: "·",
    DayStatus.FUTURE: "",
}
WORDS = {
    DayStatus.DONE: N_("done"),
    DayStatus.MISSED: N_("missed"),
    DayStatus.PAUSED: N_("paused"),
    DayStatus.NOT_DUE: N_("not due"),
    DayStatus.FUTURE: N_("still open"),
}
WEEK_WORDS = {
    COMPLETE: N_("complete"), OPEN: N_("still open"), SHORT: N_("short"),
    PAUSED_WEEK: N_("paused"),
}
LEGEND = N_("✓ done    ○ missed    ‖ paused    · not due    (blank) still open")


def rule_text(history: PracticeHistory) -> str:
    """The practice's rhythm, and how it is judged, in words."""
    cadence = history.practice.cadence
    words = cadence_text(cadence)
    if cadence.kind is CadenceKind.DAILY:
        return _("Every day: each day counts on its own.")
    n = cadence.per_week_target
    return ngettext(
        "{rhythm}, any days of the week: a week with one day done is "
        "complete, and no single day of it counts as missed.",
        "{rhythm}, any days of the week: a week with {n} days done is "
        "complete, and no single day of it counts as missed.", n,
    ).format(rhythm=words[:1].upper() + words[1:], n=n)


def month_title(month: date) -> str:
    return format_day(month, "month_year")


def summary_text(history: PracticeHistory, month: date) -> str:
    title = month_title(month)
    if not history.statuses:
        return _("In {month} this was not yet one of your practices.").format(month=title)
    if history.by_week:
        judged = [w for w in history.weeks if w.verdict in (COMPLETE, SHORT)]
        complete = sum(1 for w in judged if w.verdict == COMPLETE)
        days = history.count(DayStatus.DONE)
        # Translators: how many days a practice was done: "done on {days}".
        done = npgettext("days done", "{n} day", "{n} days", days).format(n=days)
        if not judged:
            return _("In {month}: done on {days}; no week is over yet.").format(
                month=title, days=done)
        return ngettext(
            "In {month}: done on {days}; {complete} of {n} week complete.",
            "In {month}: done on {days}; {complete} of {n} weeks complete.", len(judged),
        ).format(month=title, days=done, complete=complete, n=len(judged))
    parts = [
        status_count(s, history.count(s))
        for s in (DayStatus.DONE, DayStatus.MISSED, DayStatus.PAUSED)
        if history.count(s)
    ]
    if not parts:
        return _("In {month}: nothing to count yet.").format(month=title)
    return _("In {month}: {counts}.").format(month=title, counts=", ".join(parts))


def twice_text(history: PracticeHistory) -> str:
    if not history.missed_twice:
        return ""
    first, last = history.missed_twice[-1]
    if history.by_week:
        text = _("Short two weeks in a row, {first} to {last}. That "
                 "happens; the next time is a good moment to pick it up again.")
    else:
        text = _("Missed twice in a row, {first} to {last}. That "
                 "happens; the next time is a good moment to pick it up again.")
    return text.format(first=short_date(first), last=short_date(last))


class PracticeHistoryDialog(QDialog):
    """A practice's calendar, a month at a time; Page Up and Page Down change the month."""

    def __init__(self, journal: JournalService, practice_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceHistory")
        self.service = PracticeHistoryService(journal)
        self.key = practice_key
        self.month = journal.today().replace(day=1)
        found = self.service.find(practice_key)
        what = found[0].what if found else _("this practice")
        self.setWindowTitle(_("History of “{practice}”").format(practice=what))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(what, level=2))
        self.rule = paragraph("")
        self.rule.setObjectName("practiceRule")
        layout.addWidget(self.rule)
        nav = QHBoxLayout()
        self.previous = QPushButton(_("◀ &Previous month"))
        self.previous.setObjectName("previousMonth")
        self.previous.setAccessibleName(_("Previous month"))
        self.previous.clicked.connect(lambda: self.go(-1))
        self.month_label = QLabel()
        self.month_label.setObjectName("monthShown")
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next = QPushButton(_("&Next month ▶"))
        self.next.setObjectName("nextMonth")
        self.next.setAccessibleName(_("Next month"))
        self.next.clicked.connect(lambda: self.go(1))
        self.this_month = QPushButton(_("&This month"))
        self.this_month.setObjectName("thisMonth")
        self.this_month.clicked.connect(lambda: self.show_month(journal.today().replace(day=1)))
        nav.addWidget(self.previous)
        nav.addWidget(self.month_label, 1)
        nav.addWidget(self.next)
        nav.addWidget(self.this_month)
        layout.addLayout(nav)
        self.table = QTableWidget()
        self.table.setObjectName("practiceCalendar")
        self.table.setAccessibleName(
            _("Calendar of {practice}, a week to a row").format(practice=what))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(260)
        layout.addWidget(self.table, 1)
        legend = QLabel(_(LEGEND))
        legend.setObjectName("practiceLegend")
        legend.setAccessibleName(
            _("Legend: {legend}").format(legend=_(LEGEND).replace("    ", ", ")))
        layout.addWidget(legend)
        self.summary = paragraph("")
        self.summary.setObjectName("practiceSummary")
        layout.addWidget(self.summary)
        self.twice = paragraph("")
        self.twice.setObjectName("practiceTwice")
        layout.addWidget(self.twice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 560)
        self.show_month(self.month)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.go(-1 if event.key() == Qt.Key.Key_PageUp else 1)
            return
        super().keyPressEvent(event)

    def go(self, months: int) -> None:
        self.show_month(shift_month(self.month, months))

    def show_month(self, month: date) -> None:
        self.month = month
        history = self.service.month(self.key, month)
        title = month_title(month)
        self.month_label.setText(f"<b>{title}</b>")
        self.month_label.setAccessibleName(title)
        if history is None:
            self.rule.setText(_("This practice is no longer part of any focus."))
            self.table.clear()
            return
        self.rule.setText(rule_text(history))
        self.next.setEnabled(month <= history.today.replace(day=1))
        self.previous.setEnabled(month > history.since.replace(day=1))
        self._fill(history)
        self.table.setAccessibleDescription(title)
        self.summary.setText(summary_text(history, month))
        self.twice.setText(twice_text(history))
        self.twice.setVisible(bool(history.missed_twice))
        announce(self.summary, f"{title}. {self.summary.text()}")

    def _fill(self, history: PracticeHistory) -> None:
        weeks = calendar_weeks(history.start, history.end)
        by_week = history.by_week
        columns = weekday_names("abbreviated") + ([_("Week")] if by_week else [])
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(len(weeks))
        self.table.setHorizontalHeaderLabels(columns)
        colours = day_colours(self.palette())
        verdicts = {w.first: w for w in history.weeks}
        for row, week in enumerate(weeks):
            for column, day in enumerate(week):
                self.table.setItem(row, column, self._day_item(history, day, colours))
            verdict = verdicts.get(week[0])
            if by_week and verdict is not None:
                word = _(WEEK_WORDS[verdict.verdict])
                # "6 of 5" reads oddly: a week past its target says how many days it had.
                count = (_("{done} done").format(done=verdict.done)
                         if verdict.done > verdict.target
                         else _("{done} of {target}").format(
                             done=verdict.done, target=verdict.target))
                item = QTableWidgetItem(f"{count}\n{word}")
                item.setData(Qt.ItemDataRole.AccessibleTextRole, ngettext(
                    "Week of {date}: {n} day done of {target}, {verdict}",
                    "Week of {date}: {n} days done of {target}, {verdict}", verdict.done,
                ).format(date=short_date(week[0]), n=verdict.done, target=verdict.target,
                         verdict=word))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, 7, item)

    def _day_item(self, history: PracticeHistory, day: date,
                  colours: dict[DayStatus, str]) -> QTableWidgetItem:
        item = QTableWidgetItem()
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if not history.start <= day <= history.end:
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            return item
        name = format_day(day, "weekday_short")
        status = history.statuses.get(day)
        if status is None:
            item.setText(f"{day.day}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         _("{day}: not yet one of your practices").format(day=name))
            return item
        item.setText(f"{day.day}\n{SYMBOLS[status]}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name}: {_(WORDS[status])}")
        item.setToolTip(_(WORDS[status]))
        item.setData(Qt.ItemDataRole.UserRole, status.value)
        if status is not DayStatus.FUTURE:
            colour = QColor(colours[status])
            colour.setAlpha(110)  # the symbol and the day stay readable on top
            item.setBackground(QBrush(colour))
        return item
