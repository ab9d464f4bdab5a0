"""Help ▸ Template guide: the authoring guide, readable inside the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.ui.screen_fit import fit_to_screen


def guide_path(resources: Path) -> Path | None:
    """The guide ships in the wheel under resources/docs; a checkout has it in docs/."""
    for folder in (resources, resources.parent):
        candidate = folder / "docs" / "templates.md"
        if candidate.is_file():
            return candidate
    return None


class GuideDialog(QDialog):
    def __init__(self, resources: Path, templates_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Closing frees it: a dialog made per open would otherwise live as long as its parent.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Writing your own templates"))
        self.setObjectName("guideDialog")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(_("Template guide"))
        self.browser.setOpenExternalLinks(True)
        path = guide_path(resources)
        if path is None:
            self.browser.setPlainText(_("The template guide is missing from this installation."))
        else:
            self.browser.setMarkdown(path.read_text("utf-8"))
        layout.addWidget(self.browser)
        where = QTextBrowser()
        where.setMaximumHeight(56)
        where.setPlainText(
            _("Put your own .toml templates in: {folder}").format(folder=templates_dir)
        )
        where.setAccessibleName(_("Where your templates go"))
        layout.addWidget(where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(760, 640))
