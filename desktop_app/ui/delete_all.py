"""Settings ▸ Delete all my data: what goes, a typed confirmation, then what remains."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import N_, _
from desktop_app.services.data_removal import Place, existing
from desktop_app.ui.screen_fit import fit_to_screen
from desktop_app.ui.widgets import ErrorLabel, heading, paragraph

# Translators: the word the person types, in capitals, to confirm deleting everything.
CONFIRM_WORD = N_("DELETE")


class DeleteAllDialog(QDialog):
    """Lists every place that will be removed; Delete works once DELETE is typed."""

    def __init__(self, places: list[Place], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deleteAllDialog")
        self.setWindowTitle(_("Delete all my data"))
        self.word = _(CONFIRM_WORD)
        self.places = existing(places)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Delete all my data from this computer"), 2))
        layout.addWidget(paragraph(_(
            "This removes every profile, backup, log and setting Groundwork wrote on this "
            "computer, for good. Copies in a folder that syncs to other computers are removed "
            "there too, by the sync. It cannot be undone. If you may want your notes later, "
            "export them first."
        )))
        layout.addWidget(QLabel(_("What will be removed:")))
        listing = QPlainTextEdit()
        listing.setObjectName("placesToDelete")
        listing.setReadOnly(True)
        listing.setPlainText("\n".join(f"{p.path}\n    {p.what}" for p in self.places)
                             or _("Nothing: Groundwork has no data on this computer."))
        layout.addWidget(listing)
        ask = QLabel(_("To confirm, type {word} here:").format(word=self.word))
        self.typed = QLineEdit()
        self.typed.setObjectName("confirmDeleteAll")
        self.typed.setAccessibleName(_("Type {word} to confirm").format(word=self.word))
        ask.setBuddy(self.typed)
        layout.addWidget(ask)
        layout.addWidget(self.typed)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.delete = self.buttons.addButton(
            _("Delete everything"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete.setObjectName("deleteEverything")
        self.delete.setEnabled(False)
        keep = self.buttons.addButton(_("Keep my data"), QDialogButtonBox.ButtonRole.RejectRole)
        keep.setDefault(True)
        layout.addWidget(self.buttons)
        self.typed.textChanged.connect(
            lambda text: self.delete.setEnabled(text.strip() == self.word)
        )
        self.delete.clicked.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        fit_to_screen(self, QSize(640, 480))

    def _confirm(self) -> None:
        if self.typed.text().strip() != self.word:
            self.error.show_error(
                _("Please type {word} in capitals to confirm.").format(word=self.word)
            )
            return
        self.accept()


def show_what_remains(parent: QWidget, left: list[Path], others: list[Path]) -> None:
    box = QMessageBox(parent)
    box.setObjectName("whatRemains")
    box.setWindowTitle(_("Your data is deleted"))
    box.setIcon(QMessageBox.Icon.Information)
    if left:
        box.setText(_("Some of it could not be removed."))
        box.setInformativeText(
            _("Still there:\n{files}\n\nYou can delete these yourself.")
            .format(files="\n".join(str(p) for p in left))
        )
    else:
        box.setText(_("Groundwork's data is gone from this computer. Nothing of it remains."))
        text = _("Groundwork will close now.")
        if others:
            text = _("The data folder still holds files that are not Groundwork's, left as they "
                     "were:\n{files}\n\nGroundwork will close now.").format(
                files="\n".join(str(p) for p in others))
        box.setInformativeText(text)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
    box.deleteLater()
