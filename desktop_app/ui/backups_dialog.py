"""Profile ▸ Backups…: the profile's backups and set-aside copies, to restore, view or delete.

Reading the backups (each decrypted with the open profile's key) runs off the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui.background import run_in_background
from desktop_app.ui.dates import short_date
from desktop_app.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from desktop_app.services.backups import BackupSummary
    from desktop_app.services.session import Session
    from desktop_app.services.set_aside import SetAsideCopy

RESTORE_TEXT = N_(
    "Restore the backup of {day}?\n\n"
    "First a copy of how things are now is kept (it appears here as \u201cbefore a "
    "restore\u201d), so this can be undone.\n\n"
    "Then what this computer wrote is put back as it was on {day}: what you added, changed "
    "or deleted on this computer since then is undone.\n\n"
    "What your other computers wrote is not touched. It stays, and comes back through your "
    "sync: a record changed on another computer after {day} keeps that newer change."
)


def show_backups(window: Any) -> None:
    """Open the dialog over ``window`` (the main window: its ``session``)."""
    dialog = BackupsDialog(window, window.session)
    dialog.open()


def _table(name: str, accessible: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class BackupsDialog(QDialog):
    def __init__(self, parent: QWidget, session: Session) -> None:
        super().__init__(parent)
        from desktop_app.services.backups import BackupService
        from desktop_app.services.set_aside import SetAsideService

        self.session = session
        self.service = BackupService(session)
        self.set_aside = SetAsideService(session)
        self.backups: list[BackupSummary] = []
        self.copies: list[SetAsideCopy] = []
        self.setObjectName("backupsDialog")
        self.setWindowTitle(_("Backups"))
        fit_to_screen(self, QSize(760, 560))
        layout = QVBoxLayout(self)
        intro = QLabel(_(
            "Groundwork keeps a checked copy of this profile when you open and close it, at "
            "most once a day: the last 7 days, 4 weeks and 12 months. They sit in the data "
            "folder and sync with it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.status = QLabel(_("Reading the backups\u2026"))
        self.status.setObjectName("backupsStatus")
        layout.addWidget(self.status)
        # Translators: column headers of the table of backups.
        headers = [_("Date"), _("Taken on"), _("Results"), _("Check-ins"), _("Wins"), _("Note")]
        self.table = _table("backupTable", _("Backups"), headers)
        layout.addWidget(self.table, 3)
        row = QHBoxLayout()
        self.restore_button = QPushButton(_("&Restore\u2026"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        aside = QLabel(_("<b>Set-aside copies</b>: files that could not be read when they were "
                         "found, copied here byte for byte (the original was left in place)."))
        aside.setWordWrap(True)
        layout.addWidget(aside)
        # Translators: column headers of the table of set-aside copies.
        headers = [_("From"), _("Records"), _("Why")]
        self.aside_table = _table("setAsideTable", _("Set-aside copies"), headers)
        layout.addWidget(self.aside_table, 2)
        row = QHBoxLayout()
        self.view_button = QPushButton(_("&Open read-only\u2026"))
        self.view_button.setObjectName("viewSetAside")
        self.bring_button = QPushButton(_("&Bring back\u2026"))
        self.bring_button.setObjectName("restoreSetAside")
        self.delete_button = QPushButton(_("&Delete\u2026"))
        self.delete_button.setObjectName("deleteSetAside")
        for button, slot in ((self.view_button, self.view_copy),
                             (self.bring_button, self.bring_back),
                             (self.delete_button, self.delete_copy)):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.aside_table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    # --- reading (off the UI thread) --------------------------------------------------
    def reload(self) -> None:
        self.status.setText(_("Reading the backups\u2026"))
        self.status.show()
        self.restore_button.setEnabled(False)
        for button in (self.view_button, self.bring_button, self.delete_button):
            button.setEnabled(False)

        def read() -> tuple[list[BackupSummary], list[SetAsideCopy]]:
            return self.service.summaries(), self.set_aside.copies()

        run_in_background(self, read, self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(_("The backups could not be read: {reason}").format(reason=error))

    def _show(self, found: tuple[list[BackupSummary], list[SetAsideCopy]]) -> None:
        self.backups, self.copies = found
        self.table.setRowCount(len(self.backups))
        for n, item in enumerate(self.backups):
            note = _("before a restore") if item.backup.safety else ""
            if item.problems:
                note = _("Cannot all be read: {problems}").format(problems="; ".join(item.problems))
            cells: list[Any] = [short_date(item.day), item.computer, item.results,
                                item.checkins, item.wins, note]
            for column, value in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(str(value)))
        self.aside_table.setRowCount(len(self.copies))
        for n, copy in enumerate(self.copies):
            records = str(copy.count) if copy.readable else _("cannot be read")
            for column, value in enumerate([copy.original, records, copy.reason]):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)  # the full reason and name, when the column is narrow
                self.aside_table.setItem(n, column, cell)
        self.table.resizeColumnsToContents()
        self.aside_table.resizeColumnsToContents()
        self.aside_table.setColumnWidth(0, min(self.aside_table.columnWidth(0), 240))
        if self.backups:
            self.table.selectRow(0)
        if self.copies:
            self.aside_table.selectRow(0)
        self.status.setText("" if self.backups else _("No backup yet: one is taken when you "
                                                      "open or close this profile."))
        self.status.setVisible(not self.backups)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self._chosen() is not None)
        copy = self._chosen_copy()
        self.view_button.setEnabled(copy is not None and copy.readable)
        self.bring_button.setEnabled(copy is not None and copy.readable)
        self.delete_button.setEnabled(copy is not None)

    def _chosen(self) -> BackupSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows and self.backups else None

    def _chosen_copy(self) -> SetAsideCopy | None:
        rows = self.aside_table.selectionModel().selectedRows()
        return self.copies[rows[0].row()] if rows and self.copies else None

    # --- actions ----------------------------------------------------------------------
    def _ask(self, title: str, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setObjectName("backupsQuestion")
        go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    def _tell(self, title: str, text: str, warning: bool = False) -> None:
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, title, text, parent=self)
        box.setObjectName("backupsMessage")
        box.exec()

    def restore(self) -> None:
        from desktop_app.storage.backups import BackupError

        chosen = self._chosen()
        if chosen is None:
            return
        day = short_date(chosen.day)
        if not self._ask(_("Restore a backup"), _(RESTORE_TEXT).format(day=day), _("Restore")):
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            outcome = self.service.restore(chosen.backup)
        except (BackupError, OSError) as error:
            QGuiApplication.restoreOverrideCursor()
            self._tell(_("Restore a backup"), _("The backup was not restored: {reason}. Nothing "
                                                "was changed.").format(reason=error), warning=True)
            return
        QGuiApplication.restoreOverrideCursor()
        others = outcome.other_computers
        text = _("This computer's files are back as they were on {day}. How things were "
                 "just before is kept as a backup ({before}, before a restore).")
        if others:
            text = ngettext(
                "This computer's files are back as they were on {day}. How things were just "
                "before is kept as a backup ({before}, before a restore).\n\nWhat {n} other "
                "computer wrote still counts, and newer changes from it keep winning.",
                "This computer's files are back as they were on {day}. How things were just "
                "before is kept as a backup ({before}, before a restore).\n\nWhat {n} other "
                "computers wrote still counts, and newer changes from them keep winning.",
                others)
        self._tell(_("Restore a backup"),
                   text.format(day=day, before=short_date(outcome.safety.day), n=others))
        self.reload()

    def view_copy(self) -> None:
        copy = self._chosen_copy()
        if copy is None or not copy.readable:
            return
        view = QDialog(self)
        view.setObjectName("setAsideView")
        view.setWindowTitle(_("Set-aside copy of {file} (read-only)").format(file=copy.original))
        view.resize(640, 480)
        layout = QVBoxLayout(view)
        text = QPlainTextEdit(self.set_aside.view(copy))
        text.setObjectName("setAsideText")
        text.setReadOnly(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(view.reject)
        layout.addWidget(buttons)
        view.open()

    def bring_back(self) -> None:
        from desktop_app.services.set_aside import SetAsideError

        copy = self._chosen_copy()
        if copy is None or not self._ask(
                _("Bring back a set-aside copy"),
                ngettext("Add the {n} record of this copy that the profile does not have? "
                         "Records the profile already has are kept as they are.",
                         "Add the {n} records of this copy that the profile does not have? "
                         "Records the profile already has are kept as they are.",
                         copy.count).format(n=copy.count), _("Bring back")):
            return
        try:
            added = self.set_aside.restore(copy)
        except (SetAsideError, OSError) as error:
            self._tell(_("Bring back a set-aside copy"),
                       _("Nothing was added: {reason}.").format(reason=error), warning=True)
            return
        self._tell(_("Bring back a set-aside copy"),
                   ngettext("{n} record added.", "{n} records added.", added).format(n=added)
                   if added else
                   _("The profile already has every record of this copy; nothing was added."))
        self.reload()

    def delete_copy(self) -> None:
        from desktop_app.services.set_aside import SetAsideError

        copy = self._chosen_copy()
        if copy is None or not self._ask(
                _("Delete a set-aside copy"),
                _("Delete the set-aside copy of {file}? The file it was copied from is "
                  "not touched.").format(file=copy.original), _("Delete")):
            return
        try:
            self.set_aside.delete(copy)
        except SetAsideError as error:
            self._tell(_("Delete a set-aside copy"),
                       _("It was not deleted: {reason}.").format(reason=error), warning=True)
            return
        self.reload()
