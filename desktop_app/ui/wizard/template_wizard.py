"""A QWizard built from a template: intro, one page per template page, extras, review.

The wizard stores nothing. Whoever opens it listens to ``answers_changed`` and page changes
(to save drafts) and may install a finish handler that calls a service when Finish is pressed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget, QWizard, QWizardPage

from desktop_app.domain.answers import Answer
from desktop_app.domain.scoring import triggered_alerts
from desktop_app.domain.template_model import split_item
from desktop_app.domain.templates import Template
from desktop_app.i18n import _
from desktop_app.ui.screen_fit import fit_to_screen
from desktop_app.ui.wizard.pages import BasePage, IntroPage, QuestionPage
from desktop_app.ui.wizard.question_block import GapQuestion
from desktop_app.ui.wizard.review_page import ReviewPage

Handler = Callable[[], bool]


class TemplateWizard(QWizard):
    """Every answer widget is named by its question id and keeps its answer in its user property."""

    answers_changed = Signal()  # emitted on every answer edit

    def __init__(
        self,
        template: Template,
        *,
        answers: Mapping[str, Answer | None] | None = None,
        extra_pages: Sequence[QWizardPage] = (),
        start_page: int = 0,
        past_day: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``past_day`` names the earlier day being edited: the pages say so, and questions
        use the template's wording for the past ("that day" rather than "today")."""
        super().__init__(parent)
        self.template = template
        self._finish_handler: Handler | None = None
        self._close_handler: Handler | None = None
        self._setting = False
        # Set by a review page's Change: Next goes straight back to the review.
        self._to_review = False
        self._next_text = ""
        self._support: list[str] = []
        self.setObjectName(f"wizard-{template.id}")
        self.setWindowTitle(template.title)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setTitleFormat(Qt.TextFormat.RichText)  # see pages.page_title
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Close for now"))
        cancel = self.button(QWizard.WizardButton.CancelButton)
        cancel.setToolTip(_("Your answers so far are kept, and you can carry on later."))
        self.setMinimumSize(640, 520)
        fit_to_screen(self, QSize(780, 680))

        self.intro_page = IntroPage(template)
        self.addPage(self.intro_page)
        # Extra pages (a check-in's practices) are parts too: "Part 1 of 1" would be untrue.
        total = len(template.pages) + len(extra_pages)
        past = bool(past_day)
        self.question_pages: list[QuestionPage] = []
        for number, page in enumerate(template.pages, start=1):
            question_page = QuestionPage(page, number, total, past=past)
            question_page.set_part(number, total, past_day)
            question_page.changed.connect(self._answer_edited)
            self.question_pages.append(question_page)
            self.addPage(question_page)
        self.extra_pages = list(extra_pages)
        for number, extra in enumerate(self.extra_pages, start=len(template.pages) + 1):
            if isinstance(extra, BasePage):
                extra.set_part(number, total, past_day)
            self.addPage(extra)
        self.review_page = ReviewPage(template, self.answers, self.go_to_template_page)
        self.review_page.past = past
        self.addPage(self.review_page)
        if answers:
            self.set_answers(answers)
        if start_page > 0:
            self._advance_to(start_page)

    # --- answers ----------------------------------------------------------------------
    def answers(self) -> dict[str, Answer | None]:
        """Every question id with its current answer (None when unanswered)."""
        found: dict[str, Answer | None] = {}
        for page in self.question_pages:
            found.update(page.answers())
        return found

    def draft_answers(self) -> dict[str, Answer | None]:
        """The answers plus half-answered gap questions, as ``<id>.current`` or ``<id>.ideal``.

        A gap answer needs both numbers, but a draft must not lose the one already marked.
        """
        found = self.answers()
        for gap in self.findChildren(GapQuestion):
            current, ideal = gap.parts()
            if (current is None) != (ideal is None):
                part = gap.current if ideal is None else gap.ideal
                found[part.objectName()] = current if ideal is None else ideal
        return found

    def set_answers(self, answers: Mapping[str, Answer | None]) -> None:
        """Put answers into their widgets (ids the template lacks are ignored); half gap
        answers (``<id>.current`` / ``<id>.ideal``) go into that half."""
        self._setting = True
        try:
            for page in self.question_pages:
                page.set_answers(dict(answers))
            for gap in self.findChildren(GapQuestion):
                for part in (gap.current, gap.ideal):
                    if isinstance(answers.get(part.objectName()), int):
                        part.set_value(answers[part.objectName()])
        finally:
            self._setting = False
        self._update_alerts()
        self.answers_changed.emit()

    def _answer_edited(self) -> None:
        if not self._setting:
            self._update_alerts()
            self.answers_changed.emit()

    def set_support_lines(self, lines: Sequence[str]) -> None:
        """The person's own contacts, shown with every pointer to help."""
        self._support = list(lines)
        self._update_alerts()

    def _update_alerts(self) -> None:
        """An answer that raises an alert shows its calm message at once, under it; a
        cleared or changed answer takes it away again."""
        texts: dict[str, str] = {}
        for alert in triggered_alerts(self.template, self.answers()):
            question_id = split_item(alert.item)[0]
            parts = [texts.get(question_id, ""), alert.message.strip(), *self._support]
            texts[question_id] = "\n\n".join(p for p in parts if p)
        for page in self.question_pages:
            page.show_alerts(texts)

    # --- navigation -------------------------------------------------------------------
    def _advance_to(self, page_index: int) -> None:
        """Open at a later page with the earlier ones in the history, so Back still works.

        Stops early at a page whose answers are incomplete (say, dropped from a draft).
        """
        self.restart()
        last = len(self.pageIds()) - 1
        for page in self.question_pages:
            page.quiet = True
        try:
            while self.currentId() < min(page_index, last):
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break
        finally:
            for page in self.question_pages:
                page.quiet = False

    def go_to_template_page(self, index: int) -> None:
        """Go back to the page of ``template.pages[index]`` (from the review page); Next
        then leads straight back to the review, not through every later page."""
        target = self.pageIds()[index + 1]
        while self.currentId() > target:
            before = self.currentId()
            self.back()
            if self.currentId() == before:
                break
        if self.currentPage() is not self.review_page and not self._to_review:
            self._to_review = True
            self._next_text = self.buttonText(QWizard.WizardButton.NextButton)
            self.setButtonText(QWizard.WizardButton.NextButton, _("Back to the &review"))
            self.currentIdChanged.connect(self._arrived)

    def nextId(self) -> int:
        if self._to_review and self.currentPage() is not self.review_page:
            return self.pageIds()[-1]  # the review: the later pages were answered already
        return super().nextId()

    def _arrived(self, _page_id: int) -> None:
        if self.currentPage() is self.review_page and self._to_review:
            self._to_review = False
            self.setButtonText(QWizard.WizardButton.NextButton, self._next_text)
            self.currentIdChanged.disconnect(self._arrived)

    def set_finish_handler(self, handler: Handler | None) -> None:
        """Run ``handler`` when Finish is pressed; the wizard stays open if it returns False."""
        self._finish_handler = handler

    def set_close_handler(self, handler: Handler | None) -> None:
        """Run ``handler`` on Close, Escape or the window's close button; False keeps it open."""
        self._close_handler = handler

    def done(self, result: int) -> None:
        closing = result == QDialog.DialogCode.Rejected.value
        if closing and self._close_handler is not None and not self._close_handler():
            return
        super().done(result)

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        if self.currentPage() is self.review_page and self._finish_handler is not None:
            return self._finish_handler()
        return True

    def show_notice(self, text: str, *, error: bool = False) -> None:
        """A line above every page, e.g. that saving failed or a draft came back changed."""
        for page_id in self.pageIds():
            page = self.page(page_id)
            if isinstance(page, BasePage):
                page.set_notice(text, error=error)

    def show_page_error(self, text: str) -> None:
        """A message under the current page, e.g. when Finish could not store the answers."""
        page = self.currentPage()
        if isinstance(page, BasePage):
            page.summary.show_error(text)

    def question_widget(self, name: str) -> QWidget | None:
        """The answer widget named ``name`` (a question id, or ``<id>.current``/``.ideal``)."""
        return self.findChild(QWidget, name, Qt.FindChildOption.FindChildrenRecursively)
