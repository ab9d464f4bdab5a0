"""The "Copy details" row of About and of the error dialog: one place, so both behave alike."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from desktop_app.i18n import _
from desktop_app.ui.version_details import copy_to_clipboard


class CopyDetails:
    """A "copied" note and a Close button box with "Copy details", added to ``layout``.

    ``details()`` gives the text copied; ``note`` is what the person reads once it is.
    """

    def __init__(self, dialog: QDialog, layout: QVBoxLayout, tooltip: str,
                 details: Callable[[], str], note: str) -> None:
        self.dialog = dialog
        self._details = details
        self._note = note
        self.copied = QLabel("")
        self.copied.setObjectName("copiedNote")
        self.copied.hide()
        layout.addWidget(self.copied)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.button: QPushButton = self.buttons.addButton(
            _("Copy details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.button.setObjectName("copyDetails")
        self.button.setToolTip(tooltip)
        self.button.clicked.connect(self.copy)
        self.buttons.rejected.connect(dialog.reject)
        layout.addWidget(self.buttons)

    def copy(self) -> None:
        copy_to_clipboard(self._details())
        self.copied.setText(self._note)
        self.copied.show()
        self.fit()

    def fit(self) -> None:
        # sizeHint() wraps the paragraphs at a narrow guess; ask for the height at this width.
        width = self.dialog.width()
        self.dialog.resize(
            width, max(self.dialog.heightForWidth(width), self.dialog.minimumSizeHint().height())
        )
