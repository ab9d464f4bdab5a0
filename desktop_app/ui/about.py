"""Help ▸ About: version, where the data lives, and what Groundwork is not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app import __version__
from desktop_app.ui.method_text import NOT_A_CRISIS_TOOL
from desktop_app.ui.widgets import heading, paragraph


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Closing frees it: a dialog made per open would otherwise live as long as its parent.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("About Groundwork")
        self.setObjectName("aboutDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Groundwork {__version__}", 2))
        layout.addWidget(
            paragraph("An offline self-assessment and practice journal for doing the work.")
        )
        where = QLabel(f"Your data lives in:\n{data_dir}")
        where.setObjectName("dataLocation")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        layout.addWidget(where)
        layout.addWidget(
            paragraph("Nothing is sent anywhere. Only an export leaves this computer.")
        )
        note = paragraph(NOT_A_CRISIS_TOOL)
        note.setObjectName("notACrisisTool")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())
