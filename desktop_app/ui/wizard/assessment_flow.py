"""Taking an assessment: offer a saved draft, run the wizard, autosave, store, show the result.

Each step calls ``AssessmentService``; the wizard and the result view only show things.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.domain.answers import Answer
from desktop_app.domain.templates import Template
from desktop_app.i18n import N_, _, ngettext
from desktop_app.services.assessments import (
    AssessmentService,
    IncompleteAnswersError,
    ResumableDraft,
)
from desktop_app.services.journal_settings import read_support
from desktop_app.services.session import Session
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.dates import long_date_time
from desktop_app.ui.pending_save import PendingSave
from desktop_app.ui.wizard.draft_autosave import DraftAutosave
from desktop_app.ui.wizard.formatting import os_reason
from desktop_app.ui.wizard.result_view import ResultView
from desktop_app.ui.wizard.template_wizard import TemplateWizard
from desktop_app.ui.wizard.wizard_save import WizardSave, wizard_buttons

# The button texts double as the choice returned (compared untranslated).
RESUME = N_("Resume")
START_AGAIN = N_("Start again")


def running_flow(session: Session, template_id: str) -> AssessmentFlow | None:
    """The open wizard's flow of this template in this session: one at a time.

    Found among the open windows rather than kept in a registry, so a closed wizard (and
    its window, session and profile) is never held on to.
    """
    for window in QApplication.topLevelWidgets():
        if isinstance(window, TemplateWizard) and window.isVisible():
            flow = window.findChild(AssessmentFlow)
            if (
                flow is not None and flow.template.id == template_id
                and flow.ctx.session is session
            ):
                return flow
    return None


def ask_about_draft(parent: QWidget, template: Template, saved: ResumableDraft) -> str | None:
    """Resume, start again, or None when the person cancels."""
    box = QMessageBox(parent)
    box.setObjectName("resumeDraft")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Carry on where you left off?"))
    box.setText(
        _("You started “{title}” on {date} and have not finished it yet.").format(
            title=template.title, date=long_date_time(saved.draft.started_at))
    )
    box.setInformativeText(
        _("Resume brings back your answers, last saved {date}. Start again discards them.")
        .format(date=long_date_time(saved.draft.updated_at))
    )
    resume = box.addButton(_(RESUME), QMessageBox.ButtonRole.AcceptRole)
    again = box.addButton(_(START_AGAIN), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(resume)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()  # read first: with WA_DeleteOnClose exec() would delete it itself
    if clicked is resume:
        return RESUME
    if clicked is again:
        return START_AGAIN
    return None


def dropped_notice(template: Template, dropped: tuple[str, ...]) -> str:
    """Says which saved answers were left out because the assessment changed."""
    prompts = [
        _("“{prompt}”").format(prompt=question.prompt) if (question := template.question(qid))
        else _("a removed question")
        for qid in dropped
    ]
    listed = "; ".join(dict.fromkeys(prompts))
    return ngettext(
        "This assessment has changed since you saved your answers, so one answer no longer "
        "fit and were left out: {listed}. Everything else is back in place.",
        "This assessment has changed since you saved your answers, so {n} answers no longer "
        "fit and were left out: {listed}. Everything else is back in place.",
        len(dropped),
    ).format(n=len(dropped), listed=listed)


def start_assessment(
    parent: QWidget, ctx: ScreenContext, template: Template
) -> TemplateWizard | None:
    """Open the wizard for ``template`` (or bring its open one forward)."""
    session = ctx.session
    existing = running_flow(session, template.id)
    if existing is not None:
        existing.wizard.show()
        existing.wizard.raise_()
        existing.wizard.activateWindow()
        return existing.wizard
    service = AssessmentService(session)
    saved = service.load_draft(template)
    answers: Mapping[str, Answer | None] | None = None
    start_page, started_at = 0, session.clock()
    dropped: tuple[str, ...] = ()
    if saved is not None:
        choice = ask_about_draft(parent, template, saved)
        if choice is None:
            return None
        if choice == RESUME:
            answers, start_page = saved.draft.answers, saved.draft.page
            started_at, dropped = saved.draft.started_at, saved.dropped
        else:
            try:
                service.discard_draft(template.id)
            except OSError as error:
                QMessageBox.warning(parent, _("Could not start again"), _save_failed(error))
                return None
    wizard = TemplateWizard(template, answers=answers, start_page=start_page, parent=parent)
    AssessmentFlow(ctx, template, wizard, started_at, has_draft=answers is not None)
    wizard.set_support_lines(read_support(session.require_repo()).lines())
    if dropped:
        wizard.show_notice(dropped_notice(template, dropped))
    wizard.show()
    wizard.raise_()
    return wizard


def _save_failed(error: OSError) -> str:
    reason = os_reason(error)
    return _(
        "Groundwork could not write to your profile ({reason}). Nothing you entered is lost: "
        "it is all still in the window. If the disk is full, free some space and try again."
    ).format(reason=reason)


class AssessmentFlow(QObject):
    """Owns one open wizard: drafts while it is open, the result when it is finished."""

    def __init__(
        self,
        ctx: ScreenContext,
        template: Template,
        wizard: TemplateWizard,
        started_at: datetime,
        *,
        has_draft: bool,
    ) -> None:
        super().__init__(wizard)
        self.ctx = ctx
        self.template = template
        self.wizard = wizard
        self.started_at = started_at
        self.service = AssessmentService(ctx.session)
        # The profile this assessment belongs to; nothing is written once another is open.
        self.repo = ctx.session.require_repo()
        self.has_draft = has_draft
        self.result_view: ResultView | None = None
        wizard.setWindowModality(Qt.WindowModality.NonModal)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.autosave = DraftAutosave(wizard, self._save_draft, ctx.session)
        self._may_close = False
        # The autosave says on the wizard whether the draft landed; this only waits.
        self._close_wait = PendingSave(wizard, ctx.session, wizard_buttons(wizard),
                                       lambda _text: None)
        WizardSave(wizard, ctx.session, self._finish, self._finish_failed, close=self._close)
        wizard.finished.connect(self._closed)
        self._result_id: str | None = None
        wizard.accepted.connect(self._show_result)

    def _profile_open(self) -> bool:
        return self.ctx.session.repo is self.repo

    def _save_draft(self, answers: Mapping[str, Answer | None], page: int) -> None:
        if not self._profile_open():
            return  # Switched or closed: the drafts saved so far stay in that profile.
        if not self.has_draft and all(value is None for value in answers.values()):
            return  # Paging through without answering leaves nothing worth resuming.
        self.service.save_draft(self.template, answers, self.started_at, page)
        self.has_draft = True

    def _finish(self) -> bool:
        if not self._profile_open():
            QMessageBox.information(
                self.wizard,
                _("This profile is no longer open"),
                _("This assessment was started in another profile, which has since been closed. "
                  "Your answers so far are kept there as a draft; open that profile to finish "
                  "it."),
            )
            return False
        try:
            result_id, _result = self.service.complete(
                self.template, self.wizard.answers(), self.started_at
            )
        except IncompleteAnswersError as error:
            titles = [
                page.title
                for page in self.template.pages
                if any(q.id in error.problems for q in page.questions)
            ]
            self.wizard.show_page_error(
                _("Some answers are still missing, in: {pages}. Use Change "
                  "to go back to them.").format(pages=_(", ").join(titles))
            )
            return False
        except OSError as error:
            self._finish_failed(error)
            return False
        self.autosave.stop()  # a draft saved after the result would bring the draft back
        self._result_id = result_id
        self.ctx.session.notify()
        return True

    def _finish_failed(self, error: OSError) -> None:
        self._result_id = None
        self.wizard.show_page_error(_("Your answers could not be saved yet. Please try again."))
        QMessageBox.warning(self.wizard, _("Your answers could not be saved"),
                            _save_failed(error))

    def _close(self) -> bool:
        """Save what is pending before the window closes; ask if saving fails.

        The draft lands on the writer thread: the wizard stays open until it has, then
        closes (or asks, if it did not land)."""
        if self._may_close:
            return True
        if self._close_wait.waiting:
            return False
        if not self.autosave.flush():
            return self._discard_anyway()
        return self._close_wait.wait(self._close_now, lambda _error: self._close_failed())

    def _close_now(self) -> None:
        self._may_close = True
        self.wizard.reject()

    def _close_failed(self) -> None:
        if self._discard_anyway():
            self._close_now()

    def _discard_anyway(self) -> bool:
        answer = QMessageBox.warning(
            self.wizard,
            _("Your answers are not saved"),
            _("Groundwork could not save your latest answers. If you close now, they are "
              "lost.\n\nKeep the window open to try again later?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _closed(self) -> None:
        if self.has_draft and self._result_id is None:
            self.ctx.session.notify()  # the Assessments screen shows the draft

    def _show_result(self) -> None:
        if self._result_id is None:
            return
        window = self.wizard.parentWidget()
        view = open_result_view(self.ctx, self._result_id, window, fresh=True)
        self.result_view = view


def open_result_view(
    ctx: ScreenContext, result_id: str, parent: QWidget | None, *, fresh: bool = False
) -> ResultView | None:
    """Show a stored result, read-only; None (after saying so) when it is gone."""
    service = AssessmentService(ctx.session)
    result = service.get(result_id)
    if result is None:
        QMessageBox.information(
            parent, _("Result not found"), _("This result is no longer in your profile.")
        )
        return None
    view = ResultView(service.report(result), fresh=fresh, parent=parent,
                      make_focus=lambda areas: ctx.navigator.choose_focus(areas, view))
    view.show()
    view.raise_()
    return view
