"""Journal screen (being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.ui.context import ScreenContext
from desktop_app.ui.widgets import heading


class JournalScreen(QWidget):
    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("journalScreen")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Journal"))
        layout.addWidget(QLabel("Coming soon."))
        layout.addStretch(1)
