"""A question on a wizard page: prompt, help, the answer widget(s) and why it needs attention."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.answers import Answer, GapAnswer, check_answer
from desktop_app.domain.templates import Question
from desktop_app.i18n import N_, _
from desktop_app.ui.widgets import ErrorLabel, paragraph
from desktop_app.ui.wizard.answer_widgets import (
    CLEARABLE,
    AnswerWidget,
    create_answer_widget,
    focus_target,
    scale_widget,
)
from desktop_app.ui.wizard.formatting import gap_sentence
from desktop_app.ui.wizard.gap_bar import GapBar

NOW_LABEL = N_("Where I am now")
_ALERT_STYLE = (
    "background: palette(alternate-base); border: 1px solid palette(mid);"
    " border-radius: 4px; padding: 8px;"
)
IDEAL_LABEL = N_("Where I want to be")


def _small(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


class GapQuestion(QWidget):
    """Two linked scales, now and ideal, with the distance between them shown as they change."""

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{question.id}.question")
        self.current = scale_widget(question, f"{question.prompt} {_(NOW_LABEL)}")
        self.current.setObjectName(f"{question.id}.current")
        self.ideal = scale_widget(question, f"{question.prompt} {_(IDEAL_LABEL)}")
        self.ideal.setObjectName(f"{question.id}.ideal")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        for row, (text, widget) in enumerate(
            ((NOW_LABEL, self.current), (IDEAL_LABEL, self.ideal))
        ):
            label = QLabel(_(text))
            label.setBuddy(widget)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, 1)
            widget.answerChanged.connect(self._update)
        assert question.min is not None and question.max is not None
        self.bar = GapBar(question.min, question.max)
        self.bar.setObjectName(f"{question.id}.bar")
        self.distance = QLabel()
        self.distance.setObjectName(f"{question.id}.distance")
        self.distance.setWordWrap(True)
        grid.addWidget(QLabel(_("Distance")), 2, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.addWidget(self.bar)
        column.addWidget(self.distance)
        grid.addLayout(column, 2, 1)
        grid.setColumnStretch(1, 1)
        self._update()

    def parts(self) -> tuple[int | None, int | None]:
        return self.current.value(), self.ideal.value()

    def value(self) -> GapAnswer | None:
        current, ideal = self.parts()
        return None if current is None or ideal is None else GapAnswer(current, ideal)

    def set_value(self, value: object) -> None:
        gap = value if isinstance(value, GapAnswer) else None
        self.current.set_value(gap.current if gap else None)
        self.ideal.set_value(gap.ideal if gap else None)

    def _update(self) -> None:
        current, ideal = self.parts()
        self.bar.set_values(current, ideal)
        if current is None or ideal is None:
            self.distance.setText(_("Mark both to see the distance between them."))
        else:
            self.distance.setText(gap_sentence(current, ideal))
        self.changed.emit()


class QuestionBlock(QWidget):
    """Everything about one question on its page."""

    changed = Signal()

    def __init__(
        self, question: Question, parent: QWidget | None = None, *, past: bool = False
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"{question.id}.block")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        prompt, help_text = question.prompt_for(past), question.help_for(past)
        if not question.required:
            prompt = _("{prompt} (optional)").format(prompt=prompt)
        self.help_text = help_text
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.prompt.font())
        font.setBold(True)
        self.prompt.setFont(font)
        layout.addWidget(self.prompt)
        if help_text:
            layout.addWidget(_small(help_text))
        self.input: GapQuestion | AnswerWidget
        if question.type == "gap":
            self.input = GapQuestion(question)
            self.prompt.setBuddy(self.input.current)
            self.input.changed.connect(self._changed)
        else:
            self.input = create_answer_widget(question, prompt)
            if help_text:
                self.input.setAccessibleDescription(help_text)
            self.prompt.setBuddy(self.input)
            self.input.answerChanged.connect(self._changed)
        layout.addWidget(self.input)
        self.clear_button: QPushButton | None = None
        self.status = QLabel(self)
        self.status.setObjectName(f"{question.id}.status")
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.status.hide()
        if not question.required and isinstance(self.input, CLEARABLE):
            self._add_clear(layout, question)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.alert = paragraph("")
        self.alert.setObjectName(f"{question.id}.alert")
        self.alert.setStyleSheet(_ALERT_STYLE)
        self.alert.hide()
        layout.addWidget(self.alert)

    def show_alert(self, text: str) -> None:
        """A calm pointer to help under the answer that raised it; "" hides it."""
        if text == self.alert.text():
            return
        self.alert.setText(text)
        self.alert.setAccessibleName(text)
        self.alert.setVisible(bool(text))

    def _add_clear(self, layout: QVBoxLayout, question: Question) -> None:
        """An optional answer can go back to "not answered": a button, or Delete."""
        assert isinstance(self.input, CLEARABLE)
        self.input.clearable = True
        button = QPushButton(_("Clear answer"))
        button.setObjectName(f"{question.id}.clear")
        button.setAccessibleName(_("Clear answer: {question}").format(question=self.prompt.text()))
        button.setAccessibleDescription(_(
            "Leaves this optional question unanswered. The Delete key does the same."
        ))
        button.setToolTip(_("Leave this question unanswered (Delete)"))
        button.setAutoDefault(False)
        button.clicked.connect(self._clear)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(button)
        row.addWidget(self.status)
        row.addStretch(1)
        layout.addLayout(row)
        self.clear_button = button
        self._sync_clear()

    def _clear(self) -> None:
        if isinstance(self.input, CLEARABLE):
            self.input.clear()
            self.first_input().setFocus(Qt.FocusReason.OtherFocusReason)

    def _sync_clear(self) -> None:
        """Enable Clear only with an answer; say "Not answered" so screen readers hear it."""
        if self.clear_button is None:
            return
        answered = self.answer() is not None
        self.clear_button.setEnabled(answered)
        text = "" if answered else _("Not answered")
        if self.status.text() != text:
            self.status.setText(text)
            self.status.setAccessibleName(text)
            self.status.setVisible(bool(text))
            described = self.help_text or ""
            self.input.setAccessibleDescription(
                described if answered else _("Not answered. {help}").format(help=described))
            if QAccessible.isActive():
                QAccessible.updateAccessibility(
                    QAccessibleEvent(self.input, QAccessible.Event.DescriptionChanged)
                )

    def answer(self) -> Answer | None:
        return self.input.value()

    def set_answer(self, value: object) -> None:
        self.input.set_value(value)

    def problem(self) -> str | None:
        """Why this answer cannot be accepted yet, in words; None when it is fine."""
        if isinstance(self.input, GapQuestion) and self.question.required:
            current, ideal = self.input.parts()
            if current is None and ideal is None:
                return _("Please mark where you are now and where you want to be.")
            if current is None:
                return _("Please also mark where you are now.")
            if ideal is None:
                return _("Please also mark where you want to be.")
        return check_answer(self.question, self.answer())

    def first_input(self) -> QWidget:
        """The widget keyboard focus goes to first."""
        if isinstance(self.input, GapQuestion):
            return focus_target(self.input.current)
        return focus_target(self.input)

    def _changed(self) -> None:
        self._sync_clear()
        if self.error.isVisible() and self.problem() is None:
            self.error.clear_error()
        self.changed.emit()
