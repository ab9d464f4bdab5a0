"""The check-in: the template's questions, then today's practices, and a slip or a win if any.

The wizard stores nothing itself: Finish calls the journal service through the wizard's
finish handler, and the acknowledgement is shown once the wizard has closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QMainWindow, QMessageBox, QWidget, QWizard

from desktop_app.domain.journal import FocusPeriod
from desktop_app.domain.templates import Template
from desktop_app.services.journal import (
    CheckInOutcome,
    JournalInputError,
    JournalService,
    SlipDraft,
    WinDraft,
)
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.journal.acknowledge import acknowledge
from desktop_app.ui.journal.backfill import backfill_titles
from desktop_app.ui.journal.slip_dialog import SlipForm
from desktop_app.ui.journal.text import cadence_text
from desktop_app.ui.journal.win_dialog import WinForm
from desktop_app.ui.widgets import heading, paragraph
from desktop_app.ui.wizard.pages import BasePage
from desktop_app.ui.wizard.template_wizard import TemplateWizard
from desktop_app.ui.wizard.wizard_save import WizardSave

PRACTICES_QUESTION = "practices"
"""The check-in template's yes/no question about practices; "yes" ticks them all at first."""


class PracticesPage(BasePage):
    """Which focus practices I did today, and (when checking in) a slip or a win to log."""

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
        self.setTitle("Practices" if editing else "Today's practices")
        self.setSubTitle(
            "Tick what you did that day." if editing
            else "Tick what you did today. If you like, log a slip or a win as well."
        )
        self.journal = journal
        self.editing = editing
        self._touched = editing
        self._setting = False
        self.boxes: dict[str, QCheckBox] = {}
        today = journal.today()
        if period is None:
            self.content.addWidget(paragraph(
                "You have not chosen a focus yet, so there are no practices to tick. In the "
                "Journal, under Focus, you can pick up to three areas and the practices that "
                "go with them."
            ))
        for area in period.areas if period else ():
            self.content.addWidget(heading(journal.focus.title_of(area.area), level=3))
            for practice in area.practices:
                paused = practice.is_paused(today) and not editing
                text = f"{practice.what}  ({cadence_text(practice.cadence)})"
                box = QCheckBox(text + ("  — paused" if paused else ""))
                box.setObjectName(f"practice-{practice.key}")
                box.setAccessibleName(f"I did this: {practice.what}")
                box.setChecked(practice.key in done)
                box.setEnabled(not paused or practice.key in done)
                box.toggled.connect(self._touch)
                self.boxes[practice.key] = box
                self.content.addWidget(box)
        # Practices of a focus that has since been edited away stay recorded as they were.
        self._kept = [key for key in done if key not in self.boxes]
        self.log_slip = QCheckBox("I want to log a slip back into an old pattern")
        self.log_slip.setObjectName("logSlip")
        self.slip_form = SlipForm(journal, with_times=False)
        self.log_win = QCheckBox("I want to log a win: something that went well")
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

    def _touch(self) -> None:
        if not self._setting:
            self._touched = True

    def initializePage(self) -> None:
        # Until the person ticks anything here, the boxes follow the answer to "did I do
        # my practices": a starting point, not a record they have to undo.
        wizard = self.wizard()
        if self._touched or not isinstance(wizard, TemplateWizard):
            return
        said = wizard.answers().get(PRACTICES_QUESTION) is True
        self._setting = True
        try:
            for box in self.boxes.values():
                if box.isEnabled():
                    box.setChecked(said)
        finally:
            self._setting = False

    def review_lines(self) -> list[str]:
        """What this page adds to the check-in, for the review page."""
        done = [
            box.text().split("  (")[0] for box in self.boxes.values() if box.isChecked()
        ]
        lines = [
            "Practices done: " + ", ".join(done) if done
            else "No practices ticked." if self.boxes else "No focus practices yet."
        ]
        slip, win = self.slip_draft(), self.win_draft()
        if slip is not None:
            lines.append(f"A slip to log: {slip.old_pattern or '(no pattern written yet)'}")
        if win is not None:
            lines.append(f"A win to log: {win.text or '(no words yet)'}")
        return lines

    def practices_done(self) -> list[str]:
        ticked = [key for key, box in self.boxes.items() if box.isChecked()]
        return ticked + self._kept

    def slip_draft(self) -> SlipDraft | None:
        return self.slip_form.draft() if self.log_slip.isChecked() else None

    def win_draft(self) -> WinDraft | None:
        return self.win_form.draft() if self.log_win.isChecked() else None

    def validatePage(self) -> bool:
        problems = []
        if self.log_slip.isChecked() and (problem := self.slip_form.problem()):
            problems.append(problem)
            self.slip_form.old_pattern.setFocus()
        if self.log_win.isChecked() and (problem := self.win_form.problem()):
            problems.append(problem)
            if len(problems) == 1:
                self.win_form.text.setFocus()
        if problems:
            self.summary.show_error(" ".join(problems))
            return False
        self.summary.clear_error()
        return True


def _prepare(wizard: TemplateWizard, finish_text: str) -> None:
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # A check-in keeps no draft: closing it early saves nothing, and says so.
    wizard.setButtonText(QWizard.WizardButton.CancelButton, "Cancel")
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    cancel.setToolTip("Nothing from this check-in is saved.")
    wizard.review_page.setSubTitle(finish_text)


def start_checkin(
    parent: QWidget, ctx: ScreenContext, template: Template, day: date | None = None
) -> TemplateWizard:
    """Open the check-in wizard (not blocking); Finish stores it and says what is worth saying.

    ``day`` checks in for an earlier day (backfilling); None is today.
    """
    journal = JournalService(ctx.session)
    current = journal.focus.current()
    page = PracticesPage(journal, current.item if current else None)
    wizard = TemplateWizard(template, extra_pages=[page], start_page=1, parent=parent)
    _prepare(wizard, "Change anything you like, then press Finish to save your check-in.")
    if day is not None:
        backfill_titles(wizard, page, day, journal.today())
    outcomes: list[CheckInOutcome] = []

    def finish() -> bool:
        try:
            outcome = journal.complete_checkin(
                template, wizard.answers(), page.practices_done(),
                page.slip_draft(), page.win_draft(), for_day=day,
            )
        except JournalInputError as error:
            wizard.show_page_error(str(error))
            return False
        except OSError as error:
            wizard.show_page_error(f"Groundwork could not save this check-in: {error}")
            return False
        outcomes.append(outcome)
        return True

    def failed(error: OSError) -> None:
        outcomes.clear()  # it did not land: nothing to thank for
        wizard.show_page_error(f"Groundwork could not save this check-in: {error}")

    def closed() -> None:
        if not outcomes:
            return
        outcome = outcomes[0]
        window = parent.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage("Check-in saved. Thank you for taking the time.", 8000)
        acknowledge(
            parent,
            win=outcome.win_id is not None,
            milestones=outcome.milestones,
            alerts=outcome.alerts,
        )

    WizardSave(wizard, ctx.session, finish, failed)
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
            "This check-in cannot be edited",
            f"The check-in template “{checkin.template_id}” is no longer installed, so its "
            "questions cannot be shown. You can still delete this check-in.",
        )
        return None
    period = journal.focus.period_at(checkin.at)
    page = PracticesPage(journal, period, done=checkin.practices_done, editing=True)
    wizard = TemplateWizard(
        template, answers=checkin.answers, extra_pages=[page], start_page=1, parent=parent
    )
    wizard.setWindowTitle(f"{template.title} (editing)")
    _prepare(wizard, "Change anything you like, then press Finish to save the changes.")

    def finish() -> bool:
        try:
            journal.update_checkin(doc_id, wizard.answers(), page.practices_done())
        except (JournalInputError, OSError) as error:
            wizard.show_page_error(f"Groundwork could not save the changes: {error}")
            return False
        return True

    def failed(error: OSError) -> None:
        wizard.show_page_error(f"Groundwork could not save the changes: {error}")

    WizardSave(wizard, ctx.session, finish, failed)
    wizard.open()
    return wizard
