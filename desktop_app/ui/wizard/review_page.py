"""The last page: every answer at a glance, with a way back to change any part."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.answers import Answer
from desktop_app.domain.templates import Page, Template
from desktop_app.i18n import _
from desktop_app.ui.widgets import heading, paragraph
from desktop_app.ui.wizard.formatting import answer_text
from desktop_app.ui.wizard.pages import BasePage, page_title


def answers_form(
    page: Page, answers: Mapping[str, Answer | None], *, past: bool = False
) -> QVBoxLayout:
    """Prompt and answer, one pair per question; shared with the read-only result view."""
    form = QVBoxLayout()
    form.setSpacing(2)
    for question in page.questions:
        prompt = paragraph(question.prompt_for(past))
        prompt.setStyleSheet("color: palette(placeholder-text);")
        value = paragraph(answer_text(question, answers.get(question.id)))
        value.setObjectName(f"{question.id}.review")
        value.setAccessibleName(question.prompt_for(past))
        value.setAccessibleDescription(value.text())
        value.setContentsMargins(12, 0, 0, 6)
        form.addWidget(prompt)
        form.addWidget(value)
    return form


class ReviewPage(BasePage):
    """Shows the answers so far; Finish stores them (through the launcher, not here)."""

    def __init__(
        self,
        template: Template,
        answers: Callable[[], Mapping[str, Answer | None]],
        jump: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self.template = template
        self._answers = answers
        self._jump = jump
        self.past = False  # editing an earlier day: the prompts say "that day"
        self.setTitle(page_title(_("Look over your answers")))
        self.setSubTitle(_("Change anything you like, then press Finish to see your results."))
        self.change_buttons: list[QPushButton] = []
        self._sections: list[QWidget] = []

    def initializePage(self) -> None:
        for section in self._sections:
            self.content.removeWidget(section)
            section.deleteLater()
        self._sections = []
        self.change_buttons = []
        while self.content.count():
            item = self.content.takeAt(0)  # the old trailing stretch
            del item
        answers = self._answers()
        for index, page in enumerate(self.template.pages):
            section = QWidget()
            column = QVBoxLayout(section)
            column.setContentsMargins(0, 0, 0, 0)
            top = QHBoxLayout()
            top.addWidget(heading(page.title, level=3), 1)
            change = QPushButton(_("Change"))
            change.setObjectName(f"change{index + 1}")
            change.setAccessibleName(_("Change the answers in {page}").format(page=page.title))
            change.setAutoDefault(False)
            change.clicked.connect(lambda _c=False, i=index: self._jump(i))
            top.addWidget(change, 0, Qt.AlignmentFlag.AlignTop)
            column.addLayout(top)
            column.addLayout(answers_form(page, answers, past=self.past))
            self.change_buttons.append(change)
            self._sections.append(section)
            self.content.addWidget(section)
        for extra in getattr(self.wizard(), "extra_pages", ()):
            self._add_extra_section(extra)
        self.content.addStretch(1)

    def _add_extra_section(self, page: object) -> None:
        """A page a feature added (e.g. the check-in's practices) shows its own summary."""
        review_lines = getattr(page, "review_lines", None)
        if not callable(review_lines):
            return
        section = QWidget()
        column = QVBoxLayout(section)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading(str(getattr(page, "title", lambda: "")()), level=3))
        for line in review_lines():
            text = paragraph(line)
            text.setContentsMargins(12, 0, 0, 6)
            column.addWidget(text)
        column.addWidget(paragraph(_("To change these, use Back.")))
        self._sections.append(section)
        self.content.addWidget(section)
