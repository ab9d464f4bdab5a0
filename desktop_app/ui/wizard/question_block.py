"""A question on a wizard page: prompt, help, the answer widget(s) and why it needs attention."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.answers import Answer, GapAnswer, check_answer
from desktop_app.domain.templates import Question
from desktop_app.ui.widgets import ErrorLabel
from desktop_app.ui.wizard.answer_widgets import (
    AnswerWidget,
    create_answer_widget,
    focus_target,
    scale_widget,
)
from desktop_app.ui.wizard.formatting import gap_sentence
from desktop_app.ui.wizard.gap_bar import GapBar

NOW_LABEL = "Where I am now"
IDEAL_LABEL = "Where I want to be"


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
        self.current = scale_widget(question, f"{question.prompt} {NOW_LABEL}")
        self.current.setObjectName(f"{question.id}.current")
        self.ideal = scale_widget(question, f"{question.prompt} {IDEAL_LABEL}")
        self.ideal.setObjectName(f"{question.id}.ideal")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        for row, (text, widget) in enumerate(
            ((NOW_LABEL, self.current), (IDEAL_LABEL, self.ideal))
        ):
            label = QLabel(text)
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
        grid.addWidget(QLabel("Distance"), 2, 0, Qt.AlignmentFlag.AlignTop)
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
            self.distance.setText("Mark both to see the distance between them.")
        else:
            self.distance.setText(gap_sentence(current, ideal))
        self.changed.emit()


class QuestionBlock(QWidget):
    """Everything about one question on its page."""

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"{question.id}.block")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        optional = "" if question.required else " (optional)"
        self.prompt = QLabel(question.prompt + optional)
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.prompt.font())
        font.setBold(True)
        self.prompt.setFont(font)
        layout.addWidget(self.prompt)
        if question.help:
            layout.addWidget(_small(question.help))
        self.input: GapQuestion | AnswerWidget
        if question.type == "gap":
            self.input = GapQuestion(question)
            self.prompt.setBuddy(self.input.current)
            self.input.changed.connect(self._changed)
        else:
            self.input = create_answer_widget(question, question.prompt + optional)
            if question.help:
                self.input.setAccessibleDescription(question.help)
            self.prompt.setBuddy(self.input)
            self.input.answerChanged.connect(self._changed)
        layout.addWidget(self.input)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

    def answer(self) -> Answer | None:
        return self.input.value()

    def set_answer(self, value: object) -> None:
        self.input.set_value(value)

    def problem(self) -> str | None:
        """Why this answer cannot be accepted yet, in words; None when it is fine."""
        if isinstance(self.input, GapQuestion) and self.question.required:
            current, ideal = self.input.parts()
            if current is None and ideal is None:
                return "Please mark where you are now and where you want to be."
            if current is None:
                return "Please also mark where you are now."
            if ideal is None:
                return "Please also mark where you want to be."
        return check_answer(self.question, self.answer())

    def first_input(self) -> QWidget:
        """The widget keyboard focus goes to first."""
        if isinstance(self.input, GapQuestion):
            return focus_target(self.input.current)
        return focus_target(self.input)

    def _changed(self) -> None:
        if self.error.isVisible() and self.problem() is None:
            self.error.clear_error()
        self.changed.emit()
