"""Never miss twice: each current practice over its recent days (as many as the width holds),
with its history, pause and resume."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.consistency import DayStatus
from desktop_app.domain.journal import Pause
from desktop_app.domain.practice_history import judged_by_week
from desktop_app.i18n import N_, _
from desktop_app.services.consistency import PracticeView
from desktop_app.services.focus import FocusInputError
from desktop_app.services.journal import JournalService
from desktop_app.services.practice_history import PracticeHistoryService
from desktop_app.ui.dates import day_text
from desktop_app.ui.journal.common import open_dialog, written
from desktop_app.ui.journal.pause_dialog import PauseDialog
from desktop_app.ui.journal.practice_history import PracticeHistoryDialog
from desktop_app.ui.journal.practice_strip import SYMBOLS, FittingDayStrip
from desktop_app.ui.journal.strips import day_colours
from desktop_app.ui.journal.text import cadence_text
from desktop_app.ui.journal.undo import delete_with_undo
from desktop_app.ui.widgets import heading, paragraph

INTRO = N_(
    "One missed day is normal. Two in a row is the moment to notice, gently, and pick the "
    "practice up again. Pausing a practice for a holiday or an illness keeps those days from "
    "counting at all."
)


def legend() -> QLabel:
    # Each status has its symbol as well as its colour: colour alone tells nothing to some.
    parts = []
    colours = day_colours()
    for status, word in (
        (DayStatus.DONE, _("done")), (DayStatus.MISSED, _("missed")),
        (DayStatus.PAUSED, _("paused")), (DayStatus.NOT_DUE, _("not due that day")),
    ):
        parts.append(f'<span style="color:{colours[status]}">■</span> {SYMBOLS[status]} {word}')
    label = QLabel("&nbsp;&nbsp;".join(parts) + "&nbsp;&nbsp;□ " + _("still open"))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(_(
        "Legend: ✓ done, ○ missed, ‖ paused, · not due that day, an empty square still open"
    ))
    return label


def status_line(view: PracticeView, today: date) -> str:
    if view.paused_today:
        # When and why are on the pause's own line below: said once, not twice.
        return _("Paused now. Paused days never count as missed.")
    by_week = judged_by_week(view.practice.cadence)
    week = ""
    if by_week:
        monday = today - timedelta(days=today.weekday())
        done = sum(1 for d, s in view.statuses.items() if d >= monday and s is DayStatus.DONE)
        week = _("This week: {done} of {target} done.").format(
            done=done, target=view.practice.cadence.per_week_target) + " "
    if view.missed_twice:
        first, last = view.missed_twice[-1]
        if by_week:
            text = _("Short of its days two weeks in a row, from {first} to {last}. "
                     "That happens; the next time is a good moment to pick it up again.")
        else:
            text = _("Missed twice in a row, from {first} to {last}. "
                     "That happens; the next time is a good moment to pick it up again.")
        return week + text.format(first=day_text(first, today), last=day_text(last, today))
    first_day = min(view.statuses) if view.statuses else today
    if by_week:
        text = _("Not short two weeks in a row since {day}.")
    else:
        text = _("Not missed twice in a row since {day}.")
    return week + text.format(day=day_text(first_day, today))


class PracticeRow(QFrame):
    """A practice, its recent days, what they say, and Pause or Resume."""

    def __init__(self, view: PracticeView, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        practice = view.practice
        top = QHBoxLayout()
        title = QLabel(
            f"<b>{_escape(practice.what)}</b> · {_escape(view.area_title)} · "
            f"{cadence_text(practice.cadence)}"
        )
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        top.addWidget(title, 1)
        if view.paused_today:
            self.button = QPushButton(_("Resume"))
            self.button.setObjectName(f"resume-{practice.key}")
            self.button.setAccessibleName(_("Resume {practice}").format(practice=practice.what))
        else:
            self.button = QPushButton(_("Pause…"))
            self.button.setObjectName(f"pause-{practice.key}")
            self.button.setAccessibleName(_("Pause {practice}").format(practice=practice.what))
        top.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        # Issue 12: the practice's own calendar over any month.
        self.history_button = QPushButton(_("History…"))
        self.history_button.setObjectName(f"history-{practice.key}")
        self.history_button.setAccessibleName(
            _("History of {practice}").format(practice=practice.what))
        top.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.strip = FittingDayStrip(view.statuses)
        layout.addWidget(self.strip)
        self.status = paragraph(status_line(view, today))
        self.status.setObjectName(f"status-{practice.key}")
        layout.addWidget(self.status)
        # Every pause stays visible and can be taken back, e.g. one entered by mistake.
        self.remove_buttons: list[tuple[QPushButton, Pause]] = []
        for pause in sorted(practice.pauses, key=lambda p: p.start):
            line = QHBoxLayout()
            line.addWidget(paragraph(pause_text(pause, today)), 1)
            remove = QPushButton(_("Remove pause…"))
            remove.setObjectName(f"remove-pause-{practice.key}-{pause.start.isoformat()}")
            remove.setAccessibleName(_("Remove the pause from {day}").format(
                day=day_text(pause.start, today)))
            line.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(line)
            self.remove_buttons.append((remove, pause))


def pause_text(pause: Pause, today: date) -> str:
    start = day_text(pause.start, today)
    end = day_text(pause.end, today) if pause.end else ""
    if pause.end and pause.reason:
        text = _("Paused from {start} to {end} ({reason}).")
    elif pause.end:
        text = _("Paused from {start} to {end}.")
    elif pause.reason:
        text = _("Paused from {start}, until resumed ({reason}).")
    else:
        text = _("Paused from {start}, until resumed.")
    return text.format(start=start, end=end, reason=pause.reason)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PracticesView(QWidget):
    """Every current practice; rebuilt by ``reload``."""

    def __init__(self, journal: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setObjectName("practicesView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("Never miss twice"), level=2))
        layout.addWidget(paragraph(_(INTRO)))
        layout.addWidget(legend())
        self.rows_layout = QVBoxLayout()
        layout.addLayout(self.rows_layout)
        self.rows: dict[str, PracticeRow] = {}
        self.empty = paragraph(_(
            "Once you choose a focus (under Focus), each practice shows here with its "
            "recent days."
        ))
        layout.addWidget(self.empty)

    def reload(self) -> None:
        for row in self.rows.values():
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = {}
        views = PracticeHistoryService(self.journal).strips()
        today = self.journal.today()
        for view in views:
            row = PracticeRow(view, today)
            key = view.practice.key
            if view.paused_today:
                row.button.clicked.connect(lambda _c=False, k=key: self.resume(k))
            else:
                row.button.clicked.connect(lambda _c=False, v=view: self.pause(v))
            row.history_button.clicked.connect(lambda _c=False, k=key: self.history(k))
            for remove, pause in row.remove_buttons:
                remove.clicked.connect(
                    lambda _c=False, k=key, p=pause: self.remove_pause(k, p)
                )
            self.rows[key] = row
            self.rows_layout.addWidget(row)
        self.empty.setVisible(not views)

    def history(self, practice_key: str) -> None:
        open_dialog(PracticeHistoryDialog(self.journal, practice_key, self))

    def pause(self, view: PracticeView) -> None:
        PauseDialog(self.journal.focus, view.practice, self.journal.today(), self).exec()

    def remove_pause(self, practice_key: str, pause: Pause) -> None:
        today = self.journal.today()
        answer = QMessageBox.question(
            self,
            _("Remove this pause?"),
            _("{pause}\n\nWithout it, those days count as usual again: "
              "done where you did the practice, missed where you did not.").format(
                pause=pause_text(pause, today)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        current = self.journal.focus.current()
        try:
            delete_with_undo(
                self, self.journal.session, "focus", current.id if current else "",
                _("Removed a pause."), _("The pause was not removed"),
                lambda: self.journal.focus.remove_pause(practice_key, pause),
            )
        except FocusInputError as error:
            QMessageBox.warning(self, _("The pause was not removed"), str(error))
            self.reload()

    def resume(self, practice_key: str) -> None:
        try:
            written(self, _("The practice was not resumed"),
                    lambda: self.journal.focus.resume(practice_key), self.journal.session)
        except FocusInputError:
            self.reload()
