"""Home's building blocks: a titled card whose lines change with the data, a row of
buttons, a button bound to a slot, a muted hint line."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.widgets import heading, paragraph


class Card(QFrame):
    """A titled panel; ``lines`` holds the part that changes with the data."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#{name} {{ background: palette(base); border-radius: 6px; }}")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 12, 16, 12)
        self.layout_.addWidget(heading(title, level=2))
        self.lines = QVBoxLayout()
        self.layout_.addLayout(self.lines)

    def set_lines(self, widgets: Sequence[QWidget]) -> None:
        """Replace the changing lines (labels only: buttons live as long as the card)."""
        while (item := self.lines.takeAt(0)) is not None:
            old = item.widget()
            if old is not None:
                old.hide()
                old.deleteLater()
        for widget in widgets:
            self.lines.addWidget(widget)


def button_row(*buttons: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def push_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def hint(text: str) -> QLabel:
    label = paragraph(text)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label
