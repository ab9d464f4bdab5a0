"""The journal's edit dialogs share one shape: a form, an inline error line, Save and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.services.errors import InputError
from desktop_app.services.session import Session
from desktop_app.ui.pending_save import PendingSave
from desktop_app.ui.widgets import ErrorLabel


class SaveDialog(QDialog):
    """Save calls :meth:`store` and closes once the write is on disk; refused input or a
    failed write is shown inline, and the dialog stays open with everything the person
    typed still in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Closing frees it: a dialog made per open would otherwise live as long as its parent.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def add_save_buttons(self, layout: QVBoxLayout, session: Session,
                         save_text: str | None = None) -> None:
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        if save_text:
            save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
            if save is not None:
                save.setText(save_text)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.saving = QLabel()
        self.saving.setObjectName("savingStatus")
        layout.addWidget(self.saving)
        self.saving.hide()
        self.pending = PendingSave(self, session, [self.buttons], self._status)

    def _status(self, text: str) -> None:
        self.saving.setText(text)
        self.saving.setVisible(bool(text))

    def reject(self) -> None:
        if not self.pending.waiting:  # Esc while saving: the save decides
            super().reject()

    def store(self) -> object:
        """Write through the services; raise an input error with a sentence for the person."""
        raise NotImplementedError

    def stored(self, result: object) -> None:
        """After a successful save and close (e.g. a warm word about a milestone)."""

    def save(self) -> None:
        try:
            result = self.store()
        except InputError as error:
            self.error.show_error(str(error))
            return
        except OSError as error:
            self._failed(error)
            return
        self.error.clear_error()
        if self.pending.wait(lambda: self._landed(result), self._failed):
            self._landed(result)

    def _landed(self, result: object) -> None:
        self.accept()
        self.stored(result)

    def _failed(self, error: OSError) -> None:
        self.error.show_error(_(
            "Groundwork could not save this: {reason}. "
            "Nothing you typed is lost; try again once there is room."
        ).format(reason=error.strerror or error))
