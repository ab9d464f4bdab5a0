"""The check-in: the template's questions, then today's practices, and a slip or a win if any.

The wizard stores nothing itself: Finish calls the journal service through the wizard's
finish handler, and the acknowledgement is shown once the wizard has closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.domain.journal import FocusPeriod
from desktop_app.domain.templates import Template
from desktop_app.i18n import N_, _
from desktop_app.services.checkin_drafts import CheckInDraft, CheckInDrafts, CheckInWork
from desktop_app.services.journal import (
    CheckInOutcome,
    JournalInputError,
    JournalService,
    SlipDraft,
    WinDraft,
)
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.dates import day_text, long_date, long_date_time
from desktop_app.ui.journal.acknowledge import acknowledge
from desktop_app.ui.journal.backfill import backfill_titles
from desktop_app.ui.journal.checkin_keeper import CheckInKeeper, fill_slip, support_lines
from desktop_app.ui.journal.slip_dialog import SlipForm
from desktop_app.ui.journal.text import cadence_text
from desktop_app.ui.journal.win_dialog import WinForm
from desktop_app.ui.widgets import heading, paragraph
from desktop_app.ui.wizard.answer_widgets import YesNoAnswer
from desktop_app.ui.wizard.pages import BasePage
from desktop_app.ui.wizard.template_wizard import TemplateWizard
from desktop_app.ui.wizard.wizard_save import WizardSave

PRACTICES_QUESTION = "practices"
"""The check-in template's yes/no question about practices; "yes" ticks them all at first."""
FOLLOWS_TICKS = N_(
    "Your answer to “Did I do my practices?” follows these ticks: with any practice ticked "
    "it is yes, with none it is no."
)


class PracticesPage(BasePage):
    """Which focus practices I did today, and (when checking in) a slip or a win to log."""

    changed = Signal()  # any tick or keystroke here: the draft follows it

    def __init__(
        self,
        journal: JournalService,
        period: FocusPeriod | None,
        *,
        done: Sequence[str] = (),
        editing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("practicesPage")
        self.setTitle(_("Practices") if editing else _("Today's practices"))
        self._note = (
            _("Tick what you did that day.") if editing
            else _("Tick what you did today. If you like, log a slip or a win as well.")
        )
        self.setSubTitle(self._note)
        self.journal = journal
        self.editing = editing
        self._touched = editing
        self._setting = False
        self.boxes: dict[str, QCheckBox] = {}
        today = journal.today()
        if period is None:
            self.content.addWidget(paragraph(_(
                "You have not chosen a focus yet, so there are no practices to tick. In the "
                "Journal, under Focus, you can pick up to three areas and the practices that "
                "go with them."
            )))
        for area in period.areas if period else ():
            self.content.addWidget(heading(journal.focus.title_of(area.area), level=3))
            for practice in area.practices:
                paused = practice.is_paused(today) and not editing
                how_often = cadence_text(practice.cadence)
                # Translators: keep the two spaces and the bracket: the review reads the
                # practice's name up to "  (".
                text = (_("{practice}  ({how_often})  — paused") if paused
                        else "{practice}  ({how_often})")
                box = QCheckBox(text.format(practice=practice.what, how_often=how_often))
                box.setObjectName(f"practice-{practice.key}")
                box.setAccessibleName(_("I did this: {practice}").format(practice=practice.what))
                box.setChecked(practice.key in done)
                box.setEnabled(not paused or practice.key in done)
                box.toggled.connect(self._touch)
                self.boxes[practice.key] = box
                self.content.addWidget(box)
        if self.boxes:
            # The ticks are the record; the first page's yes or no follows them, so the
            # two can never contradict each other (see follow_ticks).
            self.content.addWidget(paragraph(_(FOLLOWS_TICKS)))
        # Practices of a focus that has since been edited away stay recorded as they were.
        self._kept = [key for key in done if key not in self.boxes]
        self.log_slip = QCheckBox(_("I want to log a slip back into an old pattern"))
        self.log_slip.setObjectName("logSlip")
        self.slip_form = SlipForm(journal, with_times=False)
        self.log_win = QCheckBox(_("I want to log a win: something that went well"))
        self.log_win.setObjectName("logWin")
        self.win_form = WinForm(journal)
        if editing:
            # Not offered when editing. Hidden children, not hidden windows of their own that
            # outlive the wizard until Python's garbage collector happens to run.
            for widget in (self.log_slip, self.slip_form, self.log_win, self.win_form):
                widget.setParent(self)
                widget.hide()
        else:
            for box, form in ((self.log_slip, self.slip_form), (self.log_win, self.win_form)):
                self.content.addSpacing(8)
                self.content.addWidget(box)
                self.content.addWidget(form)
                form.setVisible(False)
                box.toggled.connect(form.setVisible)
        self.content.addStretch(1)
        self._watch_edits()

    def _watch_edits(self) -> None:
        """Every box and field on the page (the slip and win forms' too) reports changes."""
        for box in self.findChildren(QCheckBox):
            box.toggled.connect(self.changed)
        for line in self.findChildren(QLineEdit):
            line.textEdited.connect(self.changed)
        for text in self.findChildren(QPlainTextEdit):
            text.textChanged.connect(self.changed)
        for combo in self.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self.changed)
        for moment in self.findChildren(QDateTimeEdit):
            moment.dateTimeChanged.connect(self.changed)

    def part_note(self) -> str:
        return f". {self._note}"

    def _touch(self) -> None:
        if not self._setting:
            self._touched = True
            self.follow_ticks()

    def follow_ticks(self) -> None:
        """"Did I do my practices?" becomes yes with any practice ticked, no with none.

        A person who ticks a practice after answering "No" has changed their mind (or
        remembered one); the tick is the more exact answer, so the summary follows it.
        """
        wizard = self.wizard()
        if not self.boxes or not isinstance(wizard, TemplateWizard):
            return  # nothing to tick: the yes or no is all there is
        widget = wizard.question_widget(PRACTICES_QUESTION)
        if isinstance(widget, YesNoAnswer):
            done = bool(self.practices_done())
            if widget.value() is not done:
                widget.set_value(done)

    @property
    def touched(self) -> bool:
        """Whether the ticks are the person's own rather than following "did I do them"."""
        return self._touched

    def restore(self, draft: CheckInDraft) -> None:
        """Put a saved draft's ticks, slip and win back as they were."""
        self._setting = True
        try:
            for key, box in self.boxes.items():
                box.setChecked(key in draft.practices)
        finally:
            self._setting = False
        self._touched = draft.practices_touched
        self._kept = [key for key in draft.practices if key not in self.boxes]
        if draft.slip is not None and not self.editing:
            fill_slip(self.slip_form, draft.slip)
            self.log_slip.setChecked(True)
        if draft.win is not None and not self.editing:
            self.win_form.text.setPlainText(draft.win.text)
            self.win_form.area.set_key(draft.win.focus_area)
            self.log_win.setChecked(True)

    def initializePage(self) -> None:
        # Until the person ticks anything here, the boxes follow the answer to "did I do
        # my practices": a starting point, not a record they have to undo.
        # Once ticked by hand they stay, unless the answer was changed since to disagree
        # with them (No with ticks, Yes with none): the latest word wins.
        wizard = self.wizard()
        if not isinstance(wizard, TemplateWizard):
            return
        said = wizard.answers().get(PRACTICES_QUESTION) is True
        if self._touched and said == bool(self.practices_done()):
            return
        self._setting = True
        try:
            for box in self.boxes.values():
                if box.isEnabled():
                    box.setChecked(said)
            if not said:
                self._kept = []
        finally:
            self._setting = False

    def review_lines(self) -> list[str]:
        """What this page adds to the check-in, for the review page."""
        done = [
            box.text().split("  (")[0] for box in self.boxes.values() if box.isChecked()
        ]
        lines = [
            _("Practices done: {practices}").format(practices=", ".join(done)) if done
            else _("No practices ticked.") if self.boxes else _("No focus practices yet.")
        ]
        slip, win = self.slip_draft(), self.win_draft()
        if slip is not None:
            lines.append(_("A slip to log: {pattern}").format(
                pattern=slip.old_pattern or _("(no pattern written yet)")))
        if win is not None:
            lines.append(_("A win to log: {win}").format(win=win.text or _("(no words yet)")))
        return lines

    def practices_done(self) -> list[str]:
        ticked = [key for key, box in self.boxes.items() if box.isChecked()]
        return ticked + self._kept

    def slip_draft(self) -> SlipDraft | None:
        return self.slip_form.draft() if self.log_slip.isChecked() else None

    def win_draft(self) -> WinDraft | None:
        return self.win_form.draft() if self.log_win.isChecked() else None

    def validatePage(self) -> bool:
        # The slip's message leads to its field (the pattern, or a time still to come) and
        # goes once that field is right, as in the slip dialog.
        if self.log_slip.isChecked() and self.slip_form.lead_to_problem(self.summary):
            return False
        if self.log_win.isChecked() and (problem := self.win_form.problem()):
            self.summary.show_error(problem)
            self.win_form.text.setFocus()
            return False
        self.summary.clear_error()
        return True


def _prepare(wizard: TemplateWizard, finish_text: str) -> None:
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.review_page.setSubTitle(finish_text)


def start_checkin(
    parent: QWidget, ctx: ScreenContext, template: Template, day: date | None = None
) -> TemplateWizard:
    """Open the check-in wizard (not blocking), carrying on with its draft if there is one;
    Finish stores it and says what is worth saying.

    ``day`` checks in for an earlier day (backfilling); None is today.
    """
    journal = JournalService(ctx.session)
    current = journal.focus.current()
    page = PracticesPage(journal, current.item if current else None)
    drafts = CheckInDrafts(ctx.session)
    saved = drafts.load(template)
    if saved is not None and saved.for_day != day:
        # One draft per check-in: the unfinished one comes first, so no word of it is lost.
        started = long_date_time(saved.started_at)
        if day:
            text = _("You started a check-in on {started} and have not "
                     "finished it yet. It opens now, as you left it: finish or discard it "
                     "first, then check in for {day}.").format(
                started=started, day=day_text(day, journal.today()))
        else:
            text = _("You started a check-in on {started} and have not "
                     "finished it yet. It opens now, as you left it: finish or discard it "
                     "first.").format(started=started)
        QMessageBox.information(parent, _("An unfinished check-in first"), text)
    day = saved.for_day if saved is not None else day
    if saved is not None:
        page.restore(saved)
    today = journal.today()
    earlier = day is not None and day < today
    wizard = TemplateWizard(
        template, answers=saved.answers if saved else None, extra_pages=[page],
        start_page=max(saved.page, 1) if saved else 1,
        # A check-in for an earlier day asks about "that day", not "today".
        past_day=day_text(day, today) if earlier and day is not None else "", parent=parent,
    )
    if saved is not None:
        wizard.show_notice(
            _("Your check-in from {started} is back as you left it.").format(
                started=long_date_time(saved.started_at))
        )
    _prepare(wizard, _("Change anything you like, then press Finish to save your check-in."))
    if day is not None:
        backfill_titles(wizard, page, day, journal.today())
    wizard.set_support_lines(support_lines(ctx))
    outcomes: list[CheckInOutcome] = []

    def work(index: int) -> CheckInWork:
        return CheckInWork(
            wizard.answers(), index, page.practices_done(), page.touched,
            page.slip_draft(), page.win_draft(), for_day=day,
        )

    keeper = CheckInKeeper(
        ctx.session, template, wizard, work,
        saved.started_at if saved else ctx.session.clock(), has_draft=saved is not None,
    )

    def finish() -> bool:
        repo = ctx.session.require_repo()
        try:
            with repo.batch():  # the check-in lands and its draft goes, or neither
                outcome = journal.complete_checkin(
                    template, wizard.answers(), page.practices_done(),
                    page.slip_draft(), page.win_draft(), for_day=day,
                )
                if keeper.has_draft:
                    drafts.discard(template.id)
        except JournalInputError as error:
            wizard.show_page_error(str(error))
            return False
        except OSError as error:
            wizard.show_page_error(
                _("Groundwork could not save this check-in: {reason}").format(reason=error))
            return False
        keeper.finished()
        outcomes.append(outcome)
        return True

    def failed(error: OSError) -> None:
        outcomes.clear()  # it did not land: nothing to thank for
        wizard.show_page_error(
            _("Groundwork could not save this check-in: {reason}").format(reason=error))

    def closed() -> None:
        if not outcomes:
            if keeper.has_draft:
                ctx.session.notify()  # Home lists the draft under Unfinished
            return
        outcome = outcomes[0]
        window = parent.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                _("Check-in saved. Thank you for taking the time."), 8000)
        alerts = list(outcome.alerts)
        if alerts:
            alerts += support_lines(ctx)
        acknowledge(
            parent,
            win=outcome.win_id is not None,
            milestones=outcome.milestones,
            alerts=alerts,
        )

    page.changed.connect(keeper.autosave.schedule)
    WizardSave(wizard, ctx.session, finish, failed, close=keeper.close)
    wizard.finished.connect(lambda _result: closed())
    wizard.open()
    return wizard


def edit_checkin(parent: QWidget, ctx: ScreenContext, doc_id: str) -> TemplateWizard | None:
    """Reopen a stored check-in with its answers and practices; Finish rewrites it."""
    journal = JournalService(ctx.session)
    checkin = journal.checkin(doc_id)
    if checkin is None:
        return None
    template = ctx.session.templates.get(checkin.template_id)
    if template is None:
        QMessageBox.information(
            parent,
            _("This check-in cannot be edited"),
            _("The check-in template “{template}” is no longer installed, so its "
              "questions cannot be shown. You can still delete this check-in.").format(
                template=checkin.template_id),
        )
        return None
    period = journal.focus.period_at(checkin.at)
    page = PracticesPage(journal, period, done=checkin.practices_done, editing=True)
    day = journal.local(checkin.at).date()
    today = journal.today()
    wizard = TemplateWizard(
        template, answers=checkin.answers, extra_pages=[page], start_page=1,
        past_day="" if day == today else day_text(day, today), parent=parent,
    )
    wizard.setWindowTitle(_("{title} of {date} (editing)").format(
        title=template.title, date=long_date(day)))
    page.follow_ticks()  # an older record may say "no" beside ticks: the ticks are exact
    _prepare(wizard, _("Change anything you like, then press Finish to save the changes."))

    def finish() -> bool:
        try:
            journal.update_checkin(doc_id, wizard.answers(), page.practices_done())
        except (JournalInputError, OSError) as error:
            wizard.show_page_error(
                _("Groundwork could not save the changes: {reason}").format(reason=error))
            return False
        return True

    def failed(error: OSError) -> None:
        wizard.show_page_error(
            _("Groundwork could not save the changes: {reason}").format(reason=error))

    # As the wizard shows it at first (the ticks may have corrected the yes/no answer).
    before = (dict(wizard.answers()), sorted(page.practices_done()))

    def close() -> bool:
        """Changes are never thrown away unasked; the stored check-in stays as it was."""
        if (dict(wizard.answers()), sorted(page.practices_done())) == before:
            return True
        return ask_discard_changes(wizard)

    WizardSave(wizard, ctx.session, finish, failed, close)
    wizard.open()
    return wizard


def ask_discard_changes(wizard: TemplateWizard) -> bool:
    """True to close without the changes; Escape on the question goes back, the safe way."""
    box = QMessageBox(wizard)
    box.setObjectName("discardCheckInChanges")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Close without saving?"))
    box.setText(_("You changed this check-in. Close without saving the changes?"))
    box.setInformativeText(_("The check-in stays as it was. Go back to save them with Finish."))
    discard = box.addButton(_("Discard the changes"), QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton(_("Go back"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    closing = box.clickedButton() is discard
    box.deleteLater()
    return closing
