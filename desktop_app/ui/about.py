"""Help ▸ About: versions (with Copy details), where the data lives, and what Groundwork is not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from desktop_app import __version__, diagnostics
from desktop_app.i18n import _
from desktop_app.ui.copy_details import CopyDetails
from desktop_app.ui.method_text import NOT_A_CRISIS_TOOL
from desktop_app.ui.version_details import version_details
from desktop_app.ui.widgets import heading, paragraph


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Closing frees it: a dialog made per open would otherwise live as long as its parent.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("About Groundwork"))
        self.setObjectName("aboutDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Groundwork {__version__}", 2))
        layout.addWidget(
            paragraph(_("An offline self-assessment and practice journal for doing the work."))
        )
        where = QLabel(_("Your data lives in:\n{folder}").format(folder=data_dir))
        where.setObjectName("dataLocation")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        layout.addWidget(where)
        layout.addWidget(
            paragraph(_("Nothing is sent anywhere. Only an export leaves this computer."))
        )
        logged = diagnostics.active()
        if logged is not None:
            logs = paragraph(
                _("Notes about errors (never anything you wrote) are kept in:\n{folder}")
                .format(folder=logged.log_dir)
            )
            logs.setObjectName("logLocation")
            layout.addWidget(logs)
        note = paragraph(_(NOT_A_CRISIS_TOOL))
        note.setObjectName("notACrisisTool")
        layout.addWidget(note)
        layout.addSpacing(6)
        layout.addWidget(heading(_("Versions"), 3))
        self.details = paragraph(version_details())
        self.details.setObjectName("versionDetails")
        layout.addWidget(self.details)
        self.copy = CopyDetails(
            self, layout, _("Copies these versions and the platform, for a bug report"),
            self.details.text, _("Copied."),
        )
        self.copied, self.copy_button = self.copy.copied, self.copy.button
        self.resize(480, 0)
        self.copy.fit()

    def copy_details(self) -> None:
        self.copy.copy()
