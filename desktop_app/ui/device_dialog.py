"""Settings ▸ This computer: see and change this computer's name, see its id."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import N_, _
from desktop_app.services.this_computer import ThisComputer
from desktop_app.ui.widgets import ErrorLabel, heading, paragraph

INTRO = N_(
    "If you keep your data folder in step between computers (with Syncthing, Nextcloud or "
    "Dropbox), each computer writes its own files, named by its id. The name is only for "
    "you: it helps you tell your computers apart. It stays on this computer, in its "
    "settings, and is not part of your data."
)


class DeviceDialog(QDialog):
    """Shows the name (editable) and the id (fixed); Save keeps the dialog open on any error."""

    def __init__(self, computer: ThisComputer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.computer = computer
        self.setObjectName("deviceDialog")
        self.setWindowTitle(_("This computer"))
        device = computer.device
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("This computer"), level=2))
        layout.addWidget(paragraph(_(INTRO)))
        form = QFormLayout()
        self.name = QLineEdit(device.name if device else "")
        self.name.setObjectName("deviceName")
        self.name.setAccessibleName(_("This computer's name"))
        self.name.selectAll()
        name_label = QLabel(_("&Name"))
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        self.id_label = QLabel(device.id if device else "")
        self.id_label.setObjectName("deviceId")
        self.id_label.setAccessibleName(_("This computer's id"))
        # Selectable by keyboard too, so the id can be copied into a bug report.
        self.id_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.id_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        form.addRow(_("Id"), self.id_label)
        layout.addLayout(form)
        self.error = ErrorLabel()  # its object name carries its style; tests use .error
        self.error.setAccessibleName(_("Problem with the name"))
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.name.textEdited.connect(lambda _t: self._refuse(""))
        self.name.setFocus()
        self.resize(460, self.sizeHint().height())

    def save(self) -> None:
        try:
            self.computer.rename(self.name.text())
        except ValueError as error:
            self._refuse(str(error))
            return
        except OSError as error:
            self._refuse(
                _("Groundwork could not save the name ({reason}). "
                  "Nothing was changed; your text is still here to try again.")
                .format(reason=error.strerror or error)
            )
            return
        self.accept()

    def _refuse(self, message: str) -> None:
        """Say what is wrong under the field ("" clears it), and keep the person's text."""
        self.error.show_error(message)
        self.name.setAccessibleDescription(message)
        if message:
            self.name.setFocus()


def open_device_dialog(parent: QWidget, computer: ThisComputer) -> DeviceDialog:
    """Window-modal without a nested event loop; freed once closed."""
    dialog = DeviceDialog(computer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
