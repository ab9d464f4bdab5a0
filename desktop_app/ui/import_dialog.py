"""What a Groundwork export holds, and where to put it: a new profile (with a passphrase, if
the person wants one, as Profile ▸ New offers) or the open one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _, ngettext
from desktop_app.ui.passphrase_dialogs import NO_BACK_DOOR, NewPassphrase
from desktop_app.ui.widgets import heading, paragraph

if TYPE_CHECKING:
    from desktop_app.services.import_file import ExportFile, ImportResult

# How each list is named to a person, with its count (translated when called).
WORDS: dict[str, Callable[[int], str]] = {
    "checkins": lambda n: ngettext("{n} check-in", "{n} check-ins", n),
    "wins": lambda n: ngettext("{n} win", "{n} wins", n),
    "slips": lambda n: ngettext("{n} slip", "{n} slips", n),
    "assessments": lambda n: ngettext("{n} assessment", "{n} assessments", n),
    "drafts": lambda n: ngettext("{n} unfinished assessment", "{n} unfinished assessments", n),
    "focus": lambda n: ngettext("{n} focus period", "{n} focus periods", n),
    "topics": lambda n: ngettext("{n} thing to bring up", "{n} things to bring up", n),
}


def counted(counts: dict[str, int]) -> str:
    """"412 check-ins, 80 wins, 1 slip" (lists with nothing are left out)."""
    said = [WORDS[name](counts[name]).format(n=f"{counts[name]:,}")
            for name in WORDS if counts.get(name)]
    # Translators: the separator between the counts of "412 check-ins, 80 wins, 1 slip".
    return _(", ").join(said) if said else _("no records")


def holds(export: ExportFile) -> str:
    return counted({name: len(rows) for name, rows in export.lists.items()})


def would_add(result: ImportResult) -> str:
    """"300 check-ins, 2 wins; 12 already here" for the open profile."""
    text = counted(result.added) if result.total_added else _("nothing new")
    if result.already_there:
        text = _("{records}; {n} already here").format(records=text,
                                                       n=f"{result.already_there:,}")
    if result.deleted_here:
        text = ngettext("{records}; {n} you deleted here stay deleted",
                        "{records}; {n} you deleted here stay deleted",
                        result.deleted_here).format(records=text, n=f"{result.deleted_here:,}")
    return text


class ImportDialog(QDialog):
    """Import into a new profile (its name asked) or the open one; Import or Cancel."""

    def __init__(self, file_name: str, export: ExportFile, preview: ImportResult | None,
                 check_name: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importExportDialog")
        self.setWindowTitle(_("Import a Groundwork export"))
        self.setMinimumWidth(520)
        self.check_name = check_name
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Import a Groundwork export"), 2))
        self.summary = paragraph(
            _("{file} is an export of “{name}”. It holds {records}.").format(
                file=file_name, name=export.profile_name, records=holds(export))
        )
        self.summary.setObjectName("importSummary")
        layout.addWidget(self.summary)

        self.as_new = QRadioButton(_("Into a &new profile, called:"))
        self.as_new.setObjectName("importAsNew")
        self.name = QLineEdit(self._free_name(export.profile_name))
        self.name.setObjectName("importName")
        self.name.setAccessibleName(_("Name of the new profile"))
        self.into_open = QRadioButton()
        self.into_open.setObjectName("importIntoOpen")
        group = QButtonGroup(self)
        group.addButton(self.as_new)
        group.addButton(self.into_open)
        layout.addWidget(self.as_new)
        layout.addWidget(self.name)
        # As Profile ▸ New offers: the new profile encrypted from its first file.
        self.protect = QCheckBox(_("&Protect the new profile with a passphrase"))
        self.protect.setObjectName("importProtect")
        self.no_back_door = paragraph(_(NO_BACK_DOOR))
        self.passphrase = NewPassphrase()
        layout.addWidget(self.protect)
        layout.addWidget(self.no_back_door)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.into_open)
        self.preview = paragraph("")
        self.preview.setObjectName("importPreview")
        layout.addWidget(self.preview)
        if preview is None:
            self.into_open.setVisible(False)
            self.preview.setVisible(False)
        else:
            self.into_open.setText(_("&Add to “{name}”, the open profile")
                                   .format(name=preview.profile_name))
            self.preview.setText(_("It would add {records}. Records already "
                                   "here are never added twice.").format(
                records=would_add(preview)))
        self.as_new.setChecked(True)
        self.as_new.toggled.connect(self.name.setEnabled)
        self.as_new.toggled.connect(self.protect.setEnabled)
        self.as_new.toggled.connect(lambda _on: self._show_passphrase())
        self.protect.toggled.connect(lambda _on: self._show_passphrase())
        self._show_passphrase()
        note = QLabel(_("Nothing is changed until you press Import."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = paragraph("")
        self.error.setObjectName("importError")
        self.error.setStyleSheet("color: palette(highlight);")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importGo")
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.chosen_name: str | None = None
        self.chosen_passphrase: str | None = None

    def _show_passphrase(self) -> None:
        on = self.as_new.isChecked() and self.protect.isChecked()
        self.no_back_door.setVisible(on)
        self.passphrase.setVisible(on)
        self.adjustSize()

    def _free_name(self, name: str) -> str:
        """The export's name, or "NAME (imported)" when a profile has it already."""
        for candidate in (name, _("{name} (imported)").format(name=name),
                          *(_("{name} (imported {n})").format(name=name, n=n)
                            for n in range(2, 50))):
            try:
                return self.check_name(candidate)
            except ValueError:
                continue
        return ""

    def accept(self) -> None:
        if self.as_new.isChecked():
            try:
                self.chosen_name = self.check_name(self.name.text())
            except ValueError as error:
                self.error.setText(_("This name cannot be used: {reason}.").format(reason=error))
                self.error.setVisible(True)
                self.name.setFocus()
                return
            self.chosen_passphrase = None
            if self.protect.isChecked():
                problem = self.passphrase.problem()
                if problem:
                    self.error.setText(problem)
                    self.error.setVisible(True)
                    self.passphrase.first.setFocus()
                    return
                self.chosen_passphrase = self.passphrase.first.text()
        else:
            self.chosen_name = None
            self.chosen_passphrase = None
        super().accept()
