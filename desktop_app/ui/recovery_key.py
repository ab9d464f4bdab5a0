"""The recovery key, shown once: printable, never copied to the clipboard or logged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _
from desktop_app.ui.widgets import ErrorLabel, heading, paragraph


def in_lines(key: str, groups: int = 4) -> str:
    """The key as lines of ``groups`` groups: easier to copy by hand than one long line."""
    parts = key.split("-")
    return "\n".join("-".join(parts[i:i + groups]) for i in range(0, len(parts), groups))


def recovery_document(profile_name: str, key: str) -> QTextDocument:
    """What is printed: the key and a line on what it is for."""
    doc = QTextDocument()
    doc.setPlainText(
        _("Groundwork recovery key for the profile “{name}”\n\n{key}\n\n"
          "This key opens the profile if the passphrase is forgotten. Keep it somewhere safe, "
          "away from the computer. Anyone who has it can read this profile.")
        .format(name=profile_name, key=in_lines(key))
    )
    return doc


class RecoveryKeyDialog(QDialog):
    """Shows the key once; Done only after the person says they kept it."""

    def __init__(self, profile_name: str, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(_("Your recovery key"))
        self.profile_name = profile_name
        self._key = key
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Your recovery key"), 2))
        layout.addWidget(paragraph(_(
            "If you ever forget your passphrase, this key is the only other way to open "
            "“{name}”. Groundwork shows it this once and keeps no copy it could show "
            "again. Print it or write it down, and keep it somewhere safe, away from this "
            "computer."
        ).format(name=profile_name)))
        self.key_label = QLabel(in_lines(key))
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setAccessibleName(_("Recovery key"))
        # Not selectable: the key must not travel through the clipboard.
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.key_label.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setWordWrap(True)
        self.key_label.setStyleSheet(
            "#recoveryKey { padding: 14px; border: 1px solid palette(mid); }"
        )
        layout.addWidget(self.key_label)
        self.kept = QCheckBox(_("I have printed or written down my recovery key"))
        self.kept.setObjectName("keptRecoveryKey")
        layout.addWidget(self.kept)
        self.note = ErrorLabel()
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("printRecoveryKey")
        row.addWidget(self.print_button)
        row.addStretch(1)
        self.done_button = QPushButton(_("Done"))
        self.done_button.setObjectName("recoveryDone")
        self.done_button.setEnabled(False)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        self.kept.toggled.connect(self.done_button.setEnabled)
        self.kept.toggled.connect(lambda _on: self.note.clear_error())
        self.done_button.clicked.connect(self.accept)
        self.print_button.clicked.connect(self.print_key)
        self.resize(520, self.sizeHint().height())

    def reject(self) -> None:
        if not self.kept.isChecked():
            self.note.show_error(_(
                "Please keep the key first: once this window closes it cannot be shown again. "
                "Tick the box when you have it."
            ))
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous():  # the person closing it: reject() asks to keep the key first
            super().closeEvent(event)
            return
        # The app quitting: never held up by this window (it would cancel the quit).
        self.done(QDialog.DialogCode.Rejected)
        event.accept()

    def accept(self) -> None:
        self._forget()
        super().accept()

    def done(self, result: int) -> None:
        self._forget()
        super().done(result)

    def _forget(self) -> None:
        self._key = ""
        self.key_label.clear()

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print your recovery key"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: object) -> None:
        recovery_document(self.profile_name, self._key).print_(printer)  # type: ignore[arg-type]
