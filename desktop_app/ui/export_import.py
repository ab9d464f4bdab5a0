"""Profile ▸ Export (JSON, CSV) and Profile ▸ Import ▸ From a Groundwork export.

The slow parts run on a worker (``ui.background``): an export decodes a snapshot of the
profile taken on the UI thread (``services.profile_snapshot``) and writes the file; an import
reads and checks the file, and counts what it would add against such a snapshot. A new
profile is made on the worker through a profile list of its own; records added to the open
profile are written on the worker too, as a new file of this computer's, which the window's
repository then takes in (``repo.adopt``: a merge, no write). Services are imported on first
use, so the menu costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
)

from desktop_app.i18n import N_, _, ngettext
from desktop_app.services.session import Session
from desktop_app.ui.background import run_in_background
from desktop_app.ui.plain_export import may_write_plain_copy
from desktop_app.ui.worker_calm import gentle

if TYPE_CHECKING:
    from desktop_app.services.import_file import Addition, ExportFile, ImportResult
    from desktop_app.services.privacy import PreparedKey
    from desktop_app.storage.repository import ProfileRepository

MakeAction = Callable[..., QAction]
NOTHING_CHANGED = N_("Nothing was added or changed in your profiles.")


class _Progress(QObject):
    """Lives on the UI thread; the worker emits, the dialog hears it queued."""

    step = Signal(int, int, str)


class ExportImport(QObject):
    """The Export submenu and the import item, for one main window."""

    def __init__(self, window: QMainWindow, session: Session, make_action: MakeAction,
                 profile_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.busy = False
        self.progress: QProgressDialog | None = None
        self.export_menu = QMenu(_("&Export"), profile_menu)
        self.export_menu.setObjectName("exportMenu")
        profile_menu.addMenu(self.export_menu)
        self.action_json = make_action(self.export_menu, _("As &JSON…"),
                                       lambda: self.export("json"), "Ctrl+Shift+E")
        self.action_json.setObjectName("exportJson")
        self.action_csv = make_action(self.export_menu, _("As &CSV (a folder of spreadsheets)…"),
                                      lambda: self.export("csv"))
        self.action_csv.setObjectName("exportCsv")
        self.action_import: QAction | None = None

    def add_import_action(self, import_menu: QMenu) -> None:
        """First in Profile ▸ Import, above the other apps."""
        action = QAction(_("From a &Groundwork export (JSON)…"), self.window)
        action.setObjectName("importGroundwork")
        action.triggered.connect(lambda _checked=False: self.import_file())
        others = import_menu.actions()
        if others:
            import_menu.insertAction(others[0], action)
            import_menu.insertSeparator(others[0])
        else:
            import_menu.addAction(action)
        self.action_import = action

    def actions(self) -> list[QAction]:
        """What needs an open profile."""
        return [self.export_menu.menuAction(), self.action_json, self.action_csv]

    # --- progress -------------------------------------------------------------------
    def _start(self, title: str, text: str) -> _Progress:
        self.busy = True
        dialog = QProgressDialog(text, "", 0, 0, self.window)
        dialog.setObjectName("transferProgress")
        dialog.setWindowTitle(title)
        dialog.setCancelButton(None)  # the worker cannot be stopped half way; it is short
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.show()
        self.progress = dialog
        relay = _Progress(self)
        relay.step.connect(self._step)
        return relay

    def _step(self, done: int, total: int, text: str) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(text)

    def _stop(self) -> None:
        self.busy = False
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _refuse(self, title: str, message: str) -> None:
        self._stop()
        QMessageBox.warning(self.window, title, message)

    # --- export ---------------------------------------------------------------------
    def export(self, kind: str) -> None:
        from desktop_app.services import export
        from desktop_app.services.profile_snapshot import ProfileSnapshot, let_go

        repo, info = self.session.repo, self.session.profile
        if repo is None or info is None or self.busy:
            return
        target = self._ask_target(kind, info.name)
        if target is None:
            return
        try:
            export.outside_data_folder(target, self.session.data_dir)
        except export.ExportError as error:
            QMessageBox.warning(self.window, _("Choose another place"), f"{error}.")
            return
        if not may_write_plain_copy(self.window, self.session, "export", target):
            return
        snapshot = ProfileSnapshot(repo, tuple(spec.table for spec in export.LISTS))
        clock = self.session.clock
        relay = self._start(_("Exporting"), _("Reading your records…"))
        reading, writing = _("Reading your records…"), _("Writing the file…")

        def work() -> tuple[int, int]:
            with gentle():
                made = export.build_export(
                    snapshot, clock, progress=lambda done, total: relay.step.emit(
                        done, total + 1, reading))
                relay.step.emit(len(export.LISTS), len(export.LISTS) + 1, writing)
                if kind == "json":
                    export.write_json_file(target, made.document)
                else:
                    export.write_csv_folder(target, made.document)
                records = sum(len(made.document[s.name]) for s in export.LISTS)
                let_go(made.document)
            return records, made.unreadable

        run_in_background(self, work, lambda done: self._exported(target, done),
                          lambda error: self._export_failed(target, error))

    def _ask_target(self, kind: str, name: str) -> Path | None:
        today = self.session.clock().date().isoformat()
        if kind == "json":
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window, _("Export as JSON"), str(Path.home() / f"{name} - Groundwork "
                                                      f"{today}.json"),
                _("Groundwork export (*.json)"))
            if not chosen:
                return None
            path = Path(chosen)
            return path if path.suffix else path.with_suffix(".json")
        parent = QFileDialog.getExistingDirectory(
            self.window, _("Where to put the folder of spreadsheets"), str(Path.home()))
        if not parent:
            return None
        return _fresh(Path(parent), f"{name} - Groundwork {today}")

    def _exported(self, target: Path, done: tuple[int, int]) -> None:
        self._stop()
        records, unreadable = done
        count, bad = f"{records:,}", f"{unreadable:,}"
        if unreadable:
            text = ngettext("Exported {n} record to {target} ({bad} could not be read and are "
                            "not in it)",
                            "Exported {n} records to {target} ({bad} could not be read and are "
                            "not in it)", records).format(n=count, target=target, bad=bad)
        else:
            text = ngettext("Exported {n} record to {target}", "Exported {n} records to {target}",
                            records).format(n=count, target=target)
        self.window.statusBar().showMessage(text, 10_000)

    def _export_failed(self, target: Path, error: BaseException) -> None:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        self._refuse(_("The export was not written"),
                     _("Groundwork could not write {target}: {reason}.\n\nNothing else was "
                       "changed.").format(target=target, reason=reason))

    # --- import ---------------------------------------------------------------------
    def import_file(self) -> None:
        from desktop_app.services import export
        from desktop_app.services.import_file import oldest_month, preview, read_export
        from desktop_app.services.profile_snapshot import ProfileSnapshot

        if self.busy:
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import a Groundwork export"), str(Path.home()),
            _("Groundwork export (*.json);;All files (*)"))
        if not chosen:
            return
        path = Path(chosen)
        repo = self.session.repo
        snapshot = (None if repo is None
                    else ProfileSnapshot(repo, tuple(spec.table for spec in export.LISTS)))
        self._start(_("Importing"), _("Reading {file}…").format(file=path.name))

        def work() -> tuple[ExportFile, ImportResult | None, date | None]:
            with gentle():
                found = read_export(path)
                return (found, None if snapshot is None else preview(snapshot, found),
                        oldest_month(found))

        run_in_background(self, work, lambda got: self._ask_where(path, *got),
                          self._import_failed)

    def _import_failed(self, error: BaseException) -> None:
        from desktop_app.domain.profiles import ProfileNameError
        from desktop_app.services.import_file import ImportFileError

        if isinstance(error, ImportFileError | ProfileNameError):
            reason = f"{str(error)[:1].upper()}{str(error)[1:]}."
        elif isinstance(error, OSError):
            reason = _("It could not be saved: {reason}.").format(reason=error.strerror or error)
        else:
            reason = _("It could not be read ({kind}).").format(kind=type(error).__name__)
        self._refuse(_("This file cannot be imported"), f"{reason}\n\n{_(NOTHING_CHANGED)}")

    def _ask_where(self, path: Path, found: ExportFile, preview: ImportResult | None,
                   oldest: date | None) -> None:
        from desktop_app.ui.import_dialog import ImportDialog

        self._stop()
        if self.session.repo is None:
            preview = None  # the profile was closed (locked) meanwhile
        self.session.profiles.refresh()
        dialog = ImportDialog(path.name, found, preview, self.session.profiles.check_name,
                              self.window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        name, passphrase = dialog.chosen_name, dialog.chosen_passphrase
        dialog.deleteLater()
        if not accepted:
            return
        if name is None:
            self._add_to_open(found, oldest)
        else:
            self._make_profile(name, found, passphrase)

    def _make_profile(self, name: str, found: ExportFile, passphrase: str | None) -> None:
        from desktop_app.services.import_file import import_as_new_profile

        session = self.session
        data_dir, clock, device = session.data_dir, session.clock, session.device.id
        privacy = session.privacy
        making = _("Making the profile “{name}”…").format(name=name)
        relay = self._start(_("Importing"), _("Protecting…") if passphrase else making)

        def work() -> tuple[ImportResult, PreparedKey | None]:
            prepared = None
            if passphrase is not None:
                # The slow part (key derivation), here: the profile is encrypted from its
                # first file, as Profile ▸ New makes it.
                prepared = privacy.prepare_protect(passphrase)
            relay.step.emit(0, 0, making)
            with gentle():
                if prepared is None:
                    return import_as_new_profile(data_dir, clock, device, name, found), None
                cipher, write_key = privacy.new_profile_key(prepared)
                return import_as_new_profile(data_dir, clock, device, name, found,
                                             cipher=cipher, key_writer=write_key), prepared

        run_in_background(self, work, lambda done: self._made(*done), self._import_failed)

    def _made(self, result: ImportResult, prepared: PreparedKey | None) -> None:
        from desktop_app.services.privacy import UnlockedKey
        from desktop_app.ui.import_dialog import counted

        self._stop()
        session = self.session
        session.profiles.refresh()
        made = session.profiles.find(result.profile_name)
        said = _("Made the profile “{name}” with {records}.").format(
            name=result.profile_name, records=counted(result.added))
        if made is not None and prepared is not None:
            session.privacy.take_recovery_key()  # shown below, from ``prepared``
            try:
                session.open_profile(made.id, UnlockedKey(made.id, prepared.cipher))
            except Exception as error:  # it is made and whole: it opens from Switch
                said = _("Made the profile “{name}” with {records}. It could not be opened now "
                         "({kind}).").format(name=result.profile_name,
                                             records=counted(result.added),
                                             kind=type(error).__name__)
            else:
                shower: Any = getattr(getattr(self.window, "privacy", None),
                                      "show_recovery_key", None)
                if shower is not None:
                    shower(prepared.recovery_key)
        elif made is not None:
            switch: Any = getattr(self.window, "switch_profile", None)
            if switch is not None:
                switch(made.id)
        self.window.statusBar().showMessage(said, 10_000)

    def _add_to_open(self, found: ExportFile, oldest: date | None) -> None:
        from desktop_app.services import export
        from desktop_app.services.import_file import add_elsewhere
        from desktop_app.services.profile_snapshot import ProfileSnapshot

        session = self.session
        repo = session.repo
        if repo is None:
            return
        place = repo.history_place(oldest or session.clock().date())
        snapshot = ProfileSnapshot(repo, tuple(spec.table for spec in export.LISTS))
        clock = session.clock
        self._start(_("Importing"), _("Adding to “{name}”…").format(name=repo.name))

        def work() -> tuple[Addition | None, ImportResult]:
            with gentle():
                return add_elsewhere(snapshot, found, clock, place)

        run_in_background(self, work, lambda done: self._adopt(repo, *done),
                          self._import_failed)

    def _adopt(self, repo: ProfileRepository, addition: Addition | None,
               result: ImportResult) -> None:
        from desktop_app.services.import_file import take_in

        if addition is not None and self.session.repo is repo:
            take_in(repo, addition)
        # else the profile was closed (locked) meanwhile: the file is on disk, and is read
        # when the profile next opens. The screens refresh in a turn of their own, so the
        # window paints in between.
        QTimer.singleShot(0, self, lambda: self._added(result))

    def _added(self, result: ImportResult) -> None:
        from desktop_app.ui.import_dialog import would_add

        self._stop()
        self.session.notify()
        self.window.statusBar().showMessage(
            _("Added to “{name}”: {records}.").format(name=result.profile_name,
                                                      records=would_add(result)), 10_000)


def _fresh(parent: Path, stem: str) -> Path:
    """``parent/stem``, or ``stem (2)``… when that is taken: an export never replaces one."""
    candidate = parent / stem
    number = 2
    while candidate.exists():
        candidate = parent / f"{stem} ({number})"
        number += 1
    return candidate


def add_export_import(window: QMainWindow, session: Session, make_action: MakeAction,
                      profile_menu: QMenu) -> ExportImport:
    """Profile ▸ Export; call ``add_import_action`` once the Import submenu exists."""
    return ExportImport(window, session, make_action, profile_menu)

