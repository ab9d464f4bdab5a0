"""Dialogs of the Profile menu: name a profile, confirm a delete."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.profiles import MAX_NAME_LENGTH, ProfileNameError
from desktop_app.i18n import _, ngettext
from desktop_app.services.profiles import ProfileSummary
from desktop_app.services.session import Session
from desktop_app.ui.pending_save import PendingSave
from desktop_app.ui.widgets import ErrorLabel, paragraph


class NameDialog(QDialog):
    """Ask for a profile name; ``accept_name`` decides, and its error shows inline."""

    def __init__(
        self,
        title: str,
        prompt: str,
        accept_name: Callable[[str], object],
        initial: str = "",
        parent: QWidget | None = None,
        session: Session | None = None,
    ) -> None:
        super().__init__(parent)
        # Closing frees it: a dialog made per open would otherwise live as long as its parent.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.setObjectName("nameDialog")
        self._accept_name = accept_name
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(prompt))
        self.edit = QLineEdit(initial)
        self.edit.setObjectName("profileName")
        self.edit.setAccessibleName(_("Profile name"))
        self.edit.setMaxLength(MAX_NAME_LENGTH * 4)
        self.edit.selectAll()
        layout.addWidget(self.edit)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        # The name lands on the writer thread: the dialog waits for it before closing.
        self.pending = None if session is None else PendingSave(
            self, session, [self.buttons, self.edit],
            lambda text: self.error.show_error(text),
        )
        self.edit.textEdited.connect(lambda _t: self.error.clear_error())
        self.resize(420, self.sizeHint().height())

    def _try_accept(self) -> None:
        try:
            self._accept_name(self.edit.text())
        except ProfileNameError as error:
            self.error.show_error(str(error))
            self.edit.setFocus()
            return
        except OSError as error:
            self._failed(error)
            return
        if self.pending is None or self.pending.wait(self.accept, self._failed):
            self.accept()

    def _failed(self, error: OSError) -> None:
        self.error.show_error(_("Groundwork could not save this: {reason}").format(reason=error))

    def reject(self) -> None:
        if self.pending is None or not self.pending.waiting:
            super().reject()


def describe_loss(name: str, summary: ProfileSummary) -> str:
    parts = [
        (summary.assessments, ngettext("{n} assessment result", "{n} assessment results",
                                       summary.assessments)),
        (summary.checkins, ngettext("{n} check-in", "{n} check-ins", summary.checkins)),
        (summary.slips, ngettext("{n} logged slip", "{n} logged slips", summary.slips)),
        (summary.wins, ngettext("{n} win", "{n} wins", summary.wins)),
        (summary.focus_periods, ngettext("{n} focus period", "{n} focus periods",
                                         summary.focus_periods)),
        (summary.drafts, ngettext("{n} unfinished draft", "{n} unfinished drafts",
                                  summary.drafts)),
    ]
    held = [text.format(n=n) for n, text in parts if n]
    if not held:
        return _("“{name}” holds nothing yet. Deleting it removes the profile.").format(name=name)
    listed = held[-1] if len(held) == 1 else _("{items} and {last}").format(
        # Translators: the separator between the items of a list, before its "and".
        items=_(", ").join(held[:-1]), last=held[-1])
    return _(
        "Deleting “{name}” removes everything in it for good: {listed}. "
        "This cannot be undone. If you might want these notes later, export the profile first."
    ).format(name=name, listed=listed)


def describe_leftovers(leftovers: Sequence[Path]) -> str:
    if not leftovers:
        return ""
    listed = "\n".join(f"• {path.parent.name}/{path.name}" for path in leftovers)
    count = len(leftovers)
    return "\n\n" + ngettext(
        "It also removes {count} copy of its files "
        "that Groundwork kept aside (backups and set-aside copies):\n{listed}",
        "It also removes {count} copies of its files "
        "that Groundwork kept aside (backups and set-aside copies):\n{listed}",
        count,
    ).format(count=count, listed=listed)


# A title bar's icon and buttons take about this much beside the title itself.
TITLE_BAR_EXTRAS = 160


def room_for_title(box: QMessageBox) -> None:
    """Widen ``box`` so its whole title shows: a narrow box had "Delete pr…oundwork"."""
    title = f"{box.windowTitle()} — {QApplication.applicationDisplayName()}"
    needed = box.fontMetrics().horizontalAdvance(title) + TITLE_BAR_EXTRAS
    layout = box.layout()
    if isinstance(layout, QGridLayout):  # QMessageBox ignores resize(); a spacer it obeys
        spacer = QSpacerItem(needed, 0, QSizePolicy.Policy.Minimum,
                             QSizePolicy.Policy.Expanding)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())


def confirm_delete(parent: QWidget, name: str, summary: ProfileSummary,
                   leftovers: Sequence[Path] = ()) -> bool:
    box = QMessageBox(parent)
    box.setObjectName("confirmDelete")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Delete profile"))
    box.setText(_("Delete the profile “{name}”?").format(name=name))
    box.setInformativeText(describe_loss(name, summary) + describe_leftovers(leftovers))
    delete = box.addButton(_("Delete profile"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    room_for_title(box)
    box.exec()
    confirmed = box.clickedButton() is delete
    box.deleteLater()  # read first: with WA_DeleteOnClose exec() would delete it itself
    return confirmed
