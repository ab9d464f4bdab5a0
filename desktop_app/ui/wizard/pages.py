"""The wizard's own pages: an introduction, and one page per template page."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from desktop_app.domain.answers import Answer
from desktop_app.domain.templates import Page, Template
from desktop_app.i18n import _, ngettext
from desktop_app.ui.widgets import ErrorLabel, paragraph
from desktop_app.ui.wizard.question_block import QuestionBlock

_INFO_STYLE = (
    "#wizardNotice { background: palette(alternate-base); border: 1px solid palette(mid);"
    " border-radius: 4px; padding: 6px; }"
)
_ERROR_STYLE = _INFO_STYLE.replace("palette(mid)", "#b3261e")


def page_title(text: str) -> str:
    """A page title a little larger than body text (titles are rich text in TemplateWizard)."""
    return f"<span style='font-size: 13pt'>{html.escape(text)}</span>"


class BasePage(QWizardPage):
    """A page with a notice line (for saving trouble or resumed drafts) above its content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.notice = QLabel()
        self.notice.setObjectName("wizardNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()
        outer.addWidget(self.notice)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QWidget()
        self.content = QVBoxLayout(self.body)
        self.content.setContentsMargins(4, 4, 12, 4)
        self.content.setSpacing(12)
        scroll.setWidget(self.body)
        self.scroller = scroll
        outer.addWidget(scroll, 1)
        self.summary = ErrorLabel()
        self.summary.setProperty("pageProblems", True)
        outer.addWidget(self.summary)

    def set_part(self, number: int, total: int, day: str = "") -> None:
        """Say which part of the wizard this is (and for which day, when not today)."""
        part = (_("Part {number} of {total} · for {day}") if day
                else _("Part {number} of {total}")).format(number=number, total=total, day=day)
        self.setSubTitle(part + self.part_note())

    def part_note(self) -> str:
        """Words after "Part n of m" in the subtitle (a page's own short instruction)."""
        return ""

    def set_notice(self, text: str, *, error: bool = False) -> None:
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.setStyleSheet(_ERROR_STYLE if error else _INFO_STYLE)
        self.notice.setVisible(bool(text))

    def cleanupPage(self) -> None:
        """Going Back keeps this page's answers (Qt's default would reset fields)."""


class IntroPage(BasePage):
    """What the assessment is about, and that answers are kept as one goes."""

    def __init__(self, template: Template, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("introPage")
        self.setTitle(page_title(template.title))
        if template.description:
            self.content.addWidget(paragraph(template.description.strip()))
        pages = len(template.pages)
        self.content.addWidget(
            paragraph(ngettext(
                "There is one part, then a page to look over your answers before you finish. "
                "Your answers are saved on this computer as you go, so you can close this "
                "window at any time and carry on later.",
                "There are {n} parts, then a page to look over your answers before you finish. "
                "Your answers are saved on this computer as you go, so you can close this "
                "window at any time and carry on later.",
                pages,
            ).format(n=pages))
        )
        self.content.addWidget(
            paragraph(_(
                "This is a way to reflect, not a test or a diagnosis. There are no right or "
                "wrong answers; a rough, honest guess is enough."
            ))
        )
        self.content.addWidget(
            paragraph(_("Keyboard: Tab moves between questions, arrow keys and Space choose, "
                        "a number key picks that point on a scale (1 then 0 quickly for 10), "
                        "Enter goes on."))
        )
        self.content.addStretch(1)


class QuestionPage(BasePage):
    """One template page: its questions, checked when the person moves on."""

    changed = Signal()

    def __init__(
        self, page: Page, number: int, total: int, parent: QWidget | None = None,
        *, past: bool = False,
    ) -> None:
        super().__init__(parent)
        self.page = page
        self.quiet = False
        self.setObjectName(f"page{number}")
        self.setTitle(page_title(page.title))
        self.set_part(number, total)
        intro = page.intro_for(past)
        if intro:
            self.content.addWidget(paragraph(intro.strip()))
        self.blocks: list[QuestionBlock] = []
        for question in page.questions:
            block = QuestionBlock(question, past=past)
            block.changed.connect(self._changed)
            self.blocks.append(block)
            self.content.addWidget(block)
        self.content.addStretch(1)

    def answers(self) -> dict[str, Answer | None]:
        return {block.question.id: block.answer() for block in self.blocks}

    def set_answers(self, answers: dict[str, Answer | None]) -> None:
        for block in self.blocks:
            if block.question.id in answers:
                block.set_answer(answers[block.question.id])

    def show_alerts(self, texts: dict[str, str]) -> None:
        """Show each question's pointer to help (question id → text); hide the others."""
        for block in self.blocks:
            block.show_alert(texts.get(block.question.id, ""))

    def initializePage(self) -> None:
        self.focus_first()

    def focus_first(self, blocks: list[QuestionBlock] | None = None) -> None:
        chosen = blocks or self.blocks
        if chosen:
            target = chosen[0].first_input()
            target.setFocus(Qt.FocusReason.TabFocusReason)
            self.scroller.ensureWidgetVisible(chosen[0])

    def validatePage(self) -> bool:
        """Stay on the page, saying why, while a required answer is missing or does not fit."""
        waiting: list[QuestionBlock] = []
        for block in self.blocks:
            problem = block.problem()
            if problem is None:
                block.error.clear_error()
                continue
            waiting.append(block)
            if not self.quiet:
                block.error.show_error(problem)
        if not waiting:
            self.summary.clear_error()
            return True
        if not self.quiet:
            self.summary.show_error(ngettext(
                "One question on this page still needs an answer (marked above).",
                "{n} questions on this page still need an answer (marked above).",
                len(waiting)).format(n=len(waiting)))
            self.focus_first(waiting)
        return False

    def _changed(self) -> None:
        if self.summary.isVisible() and all(b.problem() is None for b in self.blocks):
            self.summary.clear_error()
        self.changed.emit()
