"""Home: what the person is working on now; for a new profile, where to begin.

Every card is built once and updated in place when data changes (only while Home is on show,
otherwise the next time it is shown). A button is never deleted while its own click runs,
and keyboard focus stays where the person left it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.home_snapshot import HomeInputs
from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.method_text import METHOD_LINES
from desktop_app.ui.screens.home_parts import Card, button_row, hint, push_button
from desktop_app.ui.screens.home_time import HomeTime
from desktop_app.ui.widgets import heading, paragraph

if TYPE_CHECKING:
    from desktop_app.services.journal import JournalService

FIRST_TEMPLATE = "life-areas"
NO_FOCUS = N_(
    "You have not chosen a focus yet. Pick up to three areas from your latest assessment, "
    "with an intention in your own words and a practice or two."
)
NO_WIN = N_(
    "No wins written down yet. When something goes well, however small, note it: it is the "
    "change you are making."
)


def _held_until_open(screen: HomeScreen, slot: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        if screen.ctx.session.repo is None:
            screen._held.append(slot)  # Home drawn from the remembered copy: done once open
            return None
        return slot()

    return run


class HomeScreen(QScrollArea):
    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # What this computer remembered Home showing, drawn until the profile is open
        # (``home_snapshot``); clicks made meanwhile are held, then carried out in order.
        self.preview: HomeInputs | None = getattr(ctx.navigator, "home_preview", None)
        # Dates and times the copy kept as written (``home_time``): no Babel to draw them.
        self.known_texts: dict[str, str] = dict(getattr(ctx.navigator, "home_texts", None) or {})
        self._held: list[Callable[[], object]] = []
        self.inputs: HomeInputs | None = None
        self._from_profile = False
        self.setObjectName("homeScreen")
        self.setAccessibleName(_("Home"))
        # Tab goes straight to the first button, not to an empty scroll area first.
        self.setProperty("focusPolicy", "NoFocus")  # by name: see ``widgets.paragraph``
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._journal: JournalService | None = None
        self._stale = False
        # The main window builds Home only after its first paint, so reading the journal
        # here never delays the window (``ready`` stays for callers that wait on it).
        self.ready = False
        self.has_history = False
        self.overdue = False
        self.focus_labels: list[QLabel] = []
        self.continue_buttons: dict[str, QPushButton] = {}
        self._continue_rows: dict[str, tuple[QWidget, QLabel]] = {}
        self._milestone_keys: list[str] = []
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        self.greeting = heading(_("Hello"))
        self.greeting.setObjectName("greeting")
        layout.addWidget(self.greeting)
        self.unfinished_card = Card(_("Unfinished"), "unfinishedCard")
        layout.addWidget(self.unfinished_card)
        self.first_steps = self._build_first_steps()
        layout.addWidget(self.first_steps)
        self.working = self._build_working()
        layout.addWidget(self.working)
        layout.addStretch(1)
        self.setWidget(body)
        self._update()

    @property
    def journal(self) -> JournalService:
        """The journal service, made on first use (not while Home shows the copy)."""
        if self._journal is None:
            from desktop_app.services.journal import JournalService

            self._journal = JournalService(self.ctx.session)
        return self._journal

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        return push_button(text, name, _held_until_open(self, slot))

    # --- building, once -----------------------------------------------------------------
    def _build_first_steps(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(paragraph(_("Groundwork follows one simple method:")))
        for number, line in enumerate(METHOD_LINES, start=1):
            layout.addWidget(paragraph(f"{number}.  {_(line)}"))
        layout.addWidget(paragraph(_(
            "A good first step is an honest look at where you are now and where you want to "
            "be, area by area. It takes about ten minutes, and you can stop and come back at "
            "any point."
        )))
        self.first_button = self._button(
            _("Take your first assessment"), "firstAssessment",
            lambda: self.ctx.navigator.start_template(FIRST_TEMPLATE),
        )
        layout.addLayout(button_row(self.first_button))
        return box

    def _build_working(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)

        self.checkin_card = Card(_("Check-in"), "checkInCard")
        self.due_label = paragraph("")
        self.checkin_card.layout_.addWidget(self.due_label)
        self.checkin_button = self._button(_("Check in now"), "checkInNow", self._start_checkin)
        self.checkin_card.layout_.addLayout(button_row(self.checkin_button))
        layout.addWidget(self.checkin_card)

        self.focus_card = Card(_("What I am working on"), "focusCard")
        self.focus_button = self._button(_("Choose your focus…"), "chooseFocus", self.choose_focus)
        self.journal_button = self._button(
            _("See it in the Journal"), "openJournal",
            lambda: self.ctx.navigator.show_screen("journal"),
        )
        self.focus_card.layout_.addLayout(button_row(self.focus_button, self.journal_button))
        layout.addWidget(self.focus_card)

        self.milestone_card = Card(_("Worth noticing"), "milestoneCard")
        self.thanks_button = self._button(
            _("Thank you"), "acknowledgeMilestones", self._acknowledge_milestones
        )
        self.thanks_button.setAccessibleName(_("Thank you, I have read this"))
        self.milestone_card.layout_.addLayout(button_row(self.thanks_button))
        layout.addWidget(self.milestone_card)

        self.win_card = Card(_("Latest win"), "winCard")
        self.no_win = paragraph(_(NO_WIN))
        self.win_label = paragraph("")
        self.win_label.setObjectName("latestWin")
        self.win_day = paragraph("")
        for label in (self.no_win, self.win_label, self.win_day):
            self.win_card.layout_.addWidget(label)
        self.win_button = self._button(_("Log a win…"), "logWin", self.log_win)
        self.win_card.layout_.addLayout(button_row(self.win_button))
        layout.addWidget(self.win_card)

        self.assessment_label = paragraph("")
        self.assessment_label.setObjectName("latestAssessment")
        self.assessment_button = self._button(
            _("Take an assessment"), "openAssessments",
            lambda: self.ctx.navigator.show_screen("assessments"),
        )
        row = QHBoxLayout()
        row.addWidget(self.assessment_label, 1)
        row.addWidget(self.assessment_button)
        layout.addLayout(row)
        return box

    # --- updating, in place -------------------------------------------------------------
    def refresh(self) -> None:
        if self.isVisible():
            self._update()
        else:
            self._stale = True

    def entered(self) -> None:
        """Shown by navigation: ``showEvent`` already redraws a stale Home."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._update()

    def drawn_from_profile(self) -> HomeInputs | None:
        """What Home shows, if it is drawn from the open profile and up to date."""
        inputs, repo = self.inputs, self.ctx.session.repo
        if self._stale or inputs is None or repo is None or inputs.profile_id != repo.profile_id:
            return None
        return inputs if self._from_profile else None

    def _read_inputs(self) -> HomeInputs:
        session = self.ctx.session
        if session.repo is not None:
            from desktop_app.services.home_inputs import home_inputs

            return home_inputs(session, self.journal)
        if self.preview is not None:
            return self.preview
        return HomeInputs("", "", has_history=False)

    def _update(self) -> None:
        self._stale = False
        focused = QApplication.focusWidget()
        inputs = self.inputs = self._read_inputs()
        self._from_profile = self.ctx.session.repo is not None
        clock = HomeTime(inputs, self.ctx.session.clock(), self.known_texts)
        self.greeting.setText(
            _("Hello, {name}").format(name=inputs.name) if inputs.name else _("Hello"))
        self._update_unfinished(inputs, clock)
        self.has_history = inputs.has_history
        self.first_steps.setVisible(not self.has_history)
        self.working.setVisible(self.has_history)
        if self.has_history:
            self._update_checkin(inputs, clock)
            self._update_focus(inputs)
            self._update_milestones(inputs)
            self._update_win(inputs, clock)
            self._update_assessment(inputs, clock)
        self._keep_focus(focused)
        self.ready = True
        if self.ctx.session.repo is not None and self._held:
            held, self._held = self._held, []
            for slot in held:
                slot()

    def _keep_focus(self, focused: QWidget | None) -> None:
        """If the focused button was just hidden, focus the one that took its place."""
        if focused is None or focused.isVisible() or not self.isAncestorOf(focused):
            return
        parent = focused.parentWidget()
        while parent is not None and parent is not self:
            candidates = [b for b in parent.findChildren(QPushButton) if b.isVisibleTo(self)]
            if candidates:
                candidates[0].setFocus()
                return
            parent = parent.parentWidget()

    def _update_unfinished(self, inputs: HomeInputs, clock: HomeTime) -> None:
        """Drafts left by a closed wizard or a crash: offered again, first thing.

        A row is kept while its draft is, so a Continue button outlives its own click.
        """
        keep = {draft.template_id for draft in inputs.drafts}
        for template_id in [t for t in self._continue_rows if t not in keep]:
            row, _label = self._continue_rows.pop(template_id)
            del self.continue_buttons[template_id]
            self.unfinished_card.lines.removeWidget(row)
            row.hide()
            row.deleteLater()
        for draft in inputs.drafts:
            when = clock.moment_text(clock.local(draft.saved_at))
            text = _("{title}: your answers were saved {when}.").format(
                title=draft.title, when=when)
            if draft.template_id in self._continue_rows:
                self._continue_rows[draft.template_id][1].setText(text)
                continue
            row = QWidget()
            row_layout = QVBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            label = paragraph(text)
            row_layout.addWidget(label)
            button = self._button(
                _("Continue"), f"continue-{draft.template_id}", self._continue(draft.template_id)
            )
            button.setAccessibleName(_("Continue {title}").format(title=draft.title))
            row_layout.addLayout(button_row(button))
            self.unfinished_card.lines.addWidget(row)
            self._continue_rows[draft.template_id] = (row, label)
            self.continue_buttons[draft.template_id] = button
        self.unfinished_card.setVisible(bool(inputs.drafts))

    def _update_checkin(self, inputs: HomeInputs, clock: HomeTime) -> None:
        # An unfinished check-in (a draft) is carried on, and the button says so.
        started = "check-in" in self._continue_rows
        self.checkin_button.setText(_("Continue my check-in") if started else _("Check in now"))
        self.checkin_button.setAccessibleName(self.checkin_button.text())
        self.overdue, text = clock.due_text(inputs.last_checkin_day)
        self.due_label.setText(text)
        self.due_label.setObjectName("overdueNote" if self.overdue else "nextCheckIn")

    def _update_focus(self, inputs: HomeInputs) -> None:
        lines: list[QWidget] = []
        self.focus_labels = []
        if inputs.focus is None:
            lines.append(paragraph(_(NO_FOCUS)))
        for area in inputs.focus or ():
            label = paragraph(f"{area.title}: {area.intention}")
            label.setObjectName(f"focus-{area.area}")
            self.focus_labels.append(label)
            lines.append(label)
            lines.append(hint(_("Practising: {practices}").format(
                practices=", ".join(area.practices))))
        self.focus_card.set_lines(lines)
        self.focus_button.setVisible(inputs.focus is None)
        self.journal_button.setVisible(inputs.focus is not None)

    def _update_milestones(self, inputs: HomeInputs) -> None:
        pending = inputs.milestones
        self._milestone_keys = [m.key for m in pending]
        lines: list[QWidget] = []
        if len(pending) > 2:
            # Many areas closing at once read better as one sentence than as a long list.
            # The area from the key ("gap-closed:<area>"), not from the title, which is
            # a translated sentence.
            names = ", ".join(m.area_title or m.title for m in pending)
            lines.append(paragraph(ngettext(
                "Since your first assessment, the distance between where you are and where "
                "you want to be has narrowed by two points or more in {n} area: "
                "{areas}. That change is yours.",
                "Since your first assessment, the distance between where you are and where "
                "you want to be has narrowed by two points or more in {n} areas: "
                "{areas}. That change is yours.", len(pending),
            ).format(n=len(pending), areas=names)))
        for milestone in pending if len(pending) <= 2 else ():
            lines.append(heading(milestone.title, level=3))
            lines.append(paragraph(milestone.message))
        self.milestone_card.set_lines(lines)
        self.milestone_card.setVisible(bool(pending))

    def _update_win(self, inputs: HomeInputs, clock: HomeTime) -> None:
        win = inputs.win
        self.no_win.setVisible(win is None)
        self.win_label.setVisible(win is not None)
        self.win_day.setVisible(win is not None)
        if win is not None:
            text, at = win
            day = clock.day_text(clock.local(at).date())
            # Translators: the latest win, quoted in the person's own words.
            self.win_label.setText(_("“{text}”").format(text=text))
            self.win_day.setText(day[:1].upper() + day[1:])

    def _update_assessment(self, inputs: HomeInputs, clock: HomeTime) -> None:
        if inputs.assessment is None:
            text = _(
                "You have not taken an assessment yet. “Where I am, where I want to be” "
                "suggests where to focus."
            )
        else:
            title, when = inputs.assessment
            day = clock.day_text(clock.local(when).date())
            text = _("Your latest assessment: {title}, {day}.").format(title=title, day=day)
        self.assessment_label.setText(text)

    # --- actions ------------------------------------------------------------------------
    def _continue(self, template_id: str) -> Callable[[], None]:
        return lambda: self.ctx.navigator.start_template(template_id)

    def _start_checkin(self) -> None:
        template = self.journal.checkin_template()
        self.ctx.navigator.start_template(template.id if template else "check-in")

    # The dialogs are imported on first use: Home is filled sooner at start without them.
    def choose_focus(self) -> None:
        from desktop_app.ui.journal.common import open_dialog
        from desktop_app.ui.journal.focus_dialog import FocusDialog

        open_dialog(FocusDialog(self.ctx, parent=self))

    def log_win(self) -> None:
        from desktop_app.ui.journal.common import open_dialog
        from desktop_app.ui.journal.win_dialog import WinDialog

        open_dialog(WinDialog(self.journal, parent=self))

    def _acknowledge_milestones(self) -> None:
        from desktop_app.ui.journal.common import written

        keys = list(self._milestone_keys)
        written(self, _("Not saved"), lambda: self.journal.milestones.acknowledge(keys),
                self.journal.session)
