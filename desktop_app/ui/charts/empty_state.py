"""What a chart shows instead of itself when there is nothing to draw."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.widgets import paragraph


class EmptyState(QWidget):
    """A sentence that says what to do to see the chart, and a button that does it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.message = paragraph("")
        self.message.setObjectName("emptyMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.button = QPushButton()
        self.button.setObjectName("emptyAction")
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self._action: Callable[[], None] | None = None
        self.button.clicked.connect(self._run)

    def set(self, message: str, action: tuple[str, Callable[[], None]] | None) -> None:
        self.message.setText(message)
        self.message.setAccessibleName(message)
        self._action = action[1] if action else None
        self.button.setText(action[0] if action else "")
        self.button.setVisible(action is not None)

    def _run(self) -> None:
        if self._action is not None:
            self._action()


