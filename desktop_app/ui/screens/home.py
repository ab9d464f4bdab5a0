"""Home: what the person is working on now; for a new profile, where to begin.

Redrawn from the services when data changes, but only while it is on show (otherwise the next
time it is shown), so a change elsewhere never waits on Home.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.assessments import AssessmentService
from desktop_app.services.journal import DueStatus, JournalService
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.journal.focus_dialog import FocusDialog
from desktop_app.ui.journal.text import day_text, moment_text, rhythm_text, waiting_text
from desktop_app.ui.journal.win_dialog import WinDialog
from desktop_app.ui.method_text import METHOD_LINES
from desktop_app.ui.widgets import heading, paragraph

FIRST_TEMPLATE = "life-areas"


def card(title: str, name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet(f"#{name} {{ background: palette(base); border-radius: 6px; }}")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.addWidget(heading(title, level=2))
    return frame, layout


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def due_text(due: DueStatus, journal: JournalService) -> str:
    today = journal.today()
    if due.overdue:
        return waiting_text(due.waiting_days)
    when = moment_text(journal.local(due.next_due), today)
    return f"Your next check-in is due {when}. You check in {rhythm_text(due.settings)}."


class HomeScreen(QScrollArea):
    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("homeScreen")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.journal = JournalService(ctx.session)
        self._stale = False
        # The main window builds Home only after its first paint, so reading the journal
        # here never delays the window (``ready`` stays for callers that wait on it).
        self.ready = False
        self._build()

    def refresh(self) -> None:
        if self.isVisible():
            self._build()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._build()

    def _build(self) -> None:
        self._stale = False
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        profile = self.ctx.session.profile
        name = profile.name if profile else ""
        self.greeting = heading(f"Hello, {name}" if name else "Hello")
        self.greeting.setObjectName("greeting")
        layout.addWidget(self.greeting)
        self._add_unfinished(layout)
        repo = self.ctx.session.repo
        self.has_history = (
            repo is not None and self.ctx.session.profiles.summary(repo).has_history
        )
        if self.has_history:
            self._add_working_state(layout)
        else:
            self._add_empty_state(layout)
        self.ready = True
        layout.addStretch(1)
        self.setWidget(body)

    # --- a new profile ------------------------------------------------------------------
    def _add_empty_state(self, layout: QVBoxLayout) -> None:
        layout.addWidget(paragraph("Groundwork follows one simple method:"))
        for number, line in enumerate(METHOD_LINES, start=1):
            layout.addWidget(paragraph(f"{number}.  {line}"))
        layout.addWidget(
            paragraph(
                "A good first step is an honest look at where you are now and where you "
                "want to be, area by area. It takes about ten minutes, and you can stop and "
                "come back at any point."
            )
        )
        self.first_button = QPushButton("Take your first assessment")
        self.first_button.setObjectName("firstAssessment")
        self.first_button.clicked.connect(
            lambda: self.ctx.navigator.start_template(FIRST_TEMPLATE)
        )
        layout.addLayout(button_row(self.first_button))

    # --- a profile in use ---------------------------------------------------------------
    def _add_working_state(self, layout: QVBoxLayout) -> None:
        self._add_checkin(layout)
        self._add_focus(layout)
        self._add_milestones(layout)
        self._add_win(layout)
        self._add_assessment(layout)

    def _add_unfinished(self, layout: QVBoxLayout) -> None:
        """Drafts left by a closed wizard or a crash: offered again, first thing."""
        self.continue_buttons: dict[str, QPushButton] = {}
        if self.ctx.session.repo is None:
            return
        unfinished = AssessmentService(self.ctx.session).unfinished()
        if not unfinished:
            return
        frame, box = card("Unfinished", "unfinishedCard")
        today = self.journal.today()
        for template, saved_at in unfinished:
            when = moment_text(self.journal.local(saved_at), today)
            box.addWidget(paragraph(f"{template.title}: your answers were saved {when}."))
            button = QPushButton("Continue")
            button.setObjectName(f"continue-{template.id}")
            button.setAccessibleName(f"Continue {template.title}")
            button.clicked.connect(
                lambda _c=False, tid=template.id: self.ctx.navigator.start_template(tid)
            )
            self.continue_buttons[template.id] = button
            box.addLayout(button_row(button))
        layout.addWidget(frame)

    def _add_milestones(self, layout: QVBoxLayout) -> None:
        pending = self.journal.milestones.pending()
        if not pending:
            return
        frame, box = card("Worth noticing", "milestoneCard")
        if len(pending) > 2:
            # Many areas closing at once read better as one sentence than as a long list.
            names = ", ".join(m.title.removeprefix("Closer in ") for m in pending)
            box.addWidget(paragraph(
                f"Since your first assessment, the distance between where you are and where "
                f"you want to be has narrowed by two points or more in {len(pending)} areas: "
                f"{names}. That change is yours."
            ))
        for milestone in pending if len(pending) <= 2 else ():
            box.addWidget(heading(milestone.title, level=3))
            box.addWidget(paragraph(milestone.message))
        thanks = QPushButton("Thank you")
        thanks.setObjectName("acknowledgeMilestones")
        thanks.setAccessibleName("Thank you, I have read this")
        keys = [m.key for m in pending]
        thanks.clicked.connect(lambda: self.journal.milestones.acknowledge(keys))
        box.addLayout(button_row(thanks))
        layout.addWidget(frame)

    def _add_checkin(self, layout: QVBoxLayout) -> None:
        frame, box = card("Check-in", "checkInCard")
        due = self.journal.due()
        self.due_label = paragraph(due_text(due, self.journal))
        self.due_label.setObjectName("overdueNote" if due.overdue else "nextCheckIn")
        self.overdue = due.overdue
        box.addWidget(self.due_label)
        self.checkin_button = QPushButton("Check in now")
        self.checkin_button.setObjectName("checkInNow")
        self.checkin_button.clicked.connect(self._start_checkin)
        box.addLayout(button_row(self.checkin_button))
        layout.addWidget(frame)

    def _start_checkin(self) -> None:
        template = self.journal.checkin_template()
        self.ctx.navigator.start_template(template.id if template else "check-in")

    def _add_focus(self, layout: QVBoxLayout) -> None:
        frame, box = card("What I am working on", "focusCard")
        current = self.journal.focus.current()
        if current is None:
            # Made only when shown: a button in no layout is a hidden top-level window that
            # outlives Home, and its slot keeps the whole window alive.
            self.focus_button = QPushButton("Choose your focus…")
            self.focus_button.setObjectName("chooseFocus")
            self.focus_button.clicked.connect(lambda: FocusDialog(self.ctx, parent=self).exec())
            box.addWidget(paragraph(
                "You have not chosen a focus yet. Pick up to three areas from your latest "
                "assessment, with an intention in your own words and a practice or two."
            ))
            box.addLayout(button_row(self.focus_button))
        else:
            self.focus_labels: list[QLabel] = []
            for area in current.item.areas:
                title = self.journal.focus.title_of(area.area)
                label = paragraph(f"{title}: {area.intention}")
                label.setObjectName(f"focus-{area.area}")
                self.focus_labels.append(label)
                box.addWidget(label)
                practices = ", ".join(p.what for p in area.practices)
                hint = paragraph(f"Practising: {practices}")
                hint.setStyleSheet("color: palette(placeholder-text);")
                box.addWidget(hint)
            journal_button = QPushButton("See it in the Journal")
            journal_button.setObjectName("openJournal")
            journal_button.clicked.connect(lambda: self.ctx.navigator.show_screen("journal"))
            box.addLayout(button_row(journal_button))
        layout.addWidget(frame)

    def _add_win(self, layout: QVBoxLayout) -> None:
        frame, box = card("Latest win", "winCard")
        win = self.journal.latest_win()
        if win is None:
            box.addWidget(paragraph(
                "No wins written down yet. When something goes well, however small, note it: "
                "it is the change you are making."
            ))
        else:
            day = day_text(self.journal.local(win.at).date(), self.journal.today())
            self.win_label = paragraph(f"“{win.text}”")
            self.win_label.setObjectName("latestWin")
            box.addWidget(self.win_label)
            box.addWidget(paragraph(day[:1].upper() + day[1:]))
        log = QPushButton("Log a win…")
        log.setObjectName("logWin")
        log.clicked.connect(lambda: WinDialog(self.journal, parent=self).exec())
        box.addLayout(button_row(log))
        layout.addWidget(frame)

    def _add_assessment(self, layout: QVBoxLayout) -> None:
        latest = self.journal.latest_assessment()
        if latest is None:
            text = (
                "You have not taken an assessment yet. “Where I am, where I want to be” "
                "suggests where to focus."
            )
        else:
            title, when = latest
            day = day_text(self.journal.local(when).date(), self.journal.today())
            text = f"Your latest assessment: {title}, {day}."
        self.assessment_label = paragraph(text)
        self.assessment_label.setObjectName("latestAssessment")
        again = QPushButton("Take an assessment")
        again.setObjectName("openAssessments")
        again.clicked.connect(lambda: self.ctx.navigator.show_screen("assessments"))
        row = QHBoxLayout()
        row.addWidget(self.assessment_label, 1)
        row.addWidget(again)
        layout.addLayout(row)
