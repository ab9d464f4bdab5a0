"""Every optional answer can go back to "not answered": a Clear button, or Delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton

from desktop_app.domain.templates import Option, Question
from desktop_app.ui.wizard.question_block import QuestionBlock

OPTIONS = (Option(1, "One"), Option(2, "Two"))
OPTIONAL = [
    (Question("s", "scale", "How much?", min=1, max=5, required=False), "point3", 3),
    (Question("c", "choice", "Which?", options=OPTIONS, required=False), "option2", 2),
    (Question("m", "multi", "Who?", options=OPTIONS, required=False), "option1", [1]),
    (Question("y", "yes_no", "Did I?", required=False), "yes", True),
]


@pytest.mark.parametrize(("question", "button", "value"), OPTIONAL, ids=lambda p: str(p)[:8])
def test_delete_and_the_clear_button_take_an_optional_answer_back(
    qtbot, question: Question, button: str, value: object
) -> None:
    block = QuestionBlock(question)
    qtbot.addWidget(block)
    block.show()
    clear = block.findChild(QPushButton, f"{question.id}.clear")
    status = block.findChild(QLabel, f"{question.id}.status")
    assert clear.accessibleName() == f"Clear answer: {question.prompt} (optional)"
    assert "Delete key" in clear.accessibleDescription()
    chosen = block.input.findChild(QAbstractButton, button)
    qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)
    assert block.answer() == value
    assert clear.isEnabled() and status.isHidden()
    chosen.setFocus()
    qtbot.keyClick(chosen, Qt.Key.Key_Delete)
    assert block.answer() is None
    assert status.isVisible() and status.accessibleName() == "Not answered"
    assert block.input.accessibleDescription().startswith("Not answered.")
    assert not clear.isEnabled()
    qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert block.answer() is None
    assert block.focusWidget() is not clear  # focus goes back to the options


def test_a_required_answer_has_no_clear_button_and_delete_does_nothing(qtbot) -> None:
    block = QuestionBlock(Question("s", "scale", "How much?", min=1, max=5))
    qtbot.addWidget(block)
    block.show()
    assert block.findChild(QPushButton, "s.clear") is None
    point = block.input.findChild(QAbstractButton, "point2")
    qtbot.mouseClick(point, Qt.MouseButton.LeftButton)
    qtbot.keyClick(point, Qt.Key.Key_Delete)
    assert block.answer() == 2
