"""Home: what the person is working on now; for a new profile, where to begin."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop_app.ui.context import ScreenContext
from desktop_app.ui.method_text import METHOD_LINES
from desktop_app.ui.widgets import heading, paragraph

FIRST_TEMPLATE = "life-areas"


class HomeScreen(QScrollArea):
    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("homeScreen")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.refresh()

    def refresh(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        profile = self.ctx.session.profile
        name = profile.name if profile else ""
        self.greeting = heading(f"Hello, {name}" if name else "Hello")
        self.greeting.setObjectName("greeting")
        layout.addWidget(self.greeting)
        self._add_empty_state(layout)
        layout.addStretch(1)
        self.setWidget(body)

    def _add_empty_state(self, layout: QVBoxLayout) -> None:
        layout.addWidget(paragraph("Groundwork follows one simple method:"))
        for number, line in enumerate(METHOD_LINES, start=1):
            layout.addWidget(paragraph(f"{number}.  {line}"))
        layout.addWidget(
            paragraph(
                "A good first step is an honest look at where you are now and where you "
                "want to be, area by area. It takes about ten minutes, and you can stop and "
                "come back at any point."
            )
        )
        row = QHBoxLayout()
        self.first_button = QPushButton("Take your first assessment")
        self.first_button.setObjectName("firstAssessment")
        self.first_button.clicked.connect(
            lambda: self.ctx.navigator.start_template(FIRST_TEMPLATE)
        )
        row.addWidget(self.first_button)
        row.addStretch(1)
        layout.addLayout(row)
