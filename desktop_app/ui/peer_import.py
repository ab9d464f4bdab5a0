"""Profile ▸ Import: bring in a Loop Habit Tracker or Daylio export.

Pick the file, read what it holds, show what would be added, and add it only when the person
says so. The reading and mapping are in ``services.import_peers``; this module only asks and
shows. Reading and writing run on a worker (``ui.background``), with a busy dialog.
Services are imported on first use, so building the menu costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import N_, _, ngettext
from desktop_app.ui.background import run_in_background

if TYPE_CHECKING:
    from desktop_app.services.import_file import Addition
    from desktop_app.services.import_peers import ImportOutcome, PeerImport
    from desktop_app.services.profile_snapshot import ProfileSnapshot
    from desktop_app.services.session import Session
    from desktop_app.storage.repository import ProfileRepository

Source = Literal["loop", "daylio"]
TITLES = {"loop": "Loop Habit Tracker", "daylio": "Daylio"}
HOW = {
    "loop": N_(
        "Each habit becomes a practice under “Habits”, in a focus period that covers these "
        "days and has already ended, so what you work on now stays as it is. Each day with a "
        "check-mark becomes a check-in at noon that records those practices as done."
    ),
    "daylio": N_(
        "Each entry becomes a check-in at its date and time. Its mood, activities and note go "
        "into the check-in's note, in Daylio's own words; no scores are made up from them."
    ),
}


def add_import_menu(window: QMainWindow, session: Session, profile_menu: QMenu) -> QMenu:
    """The Profile ▸ Import submenu, with one item per app."""
    menu = QMenu(_("&Import"), profile_menu)
    menu.setObjectName("importMenu")
    items: tuple[tuple[Source, str], ...] = (
        ("loop", _("From &Loop Habit Tracker…")), ("daylio", _("From &Daylio…")),
    )
    for source, text in items:
        action = menu.addAction(text)
        action.setObjectName(f"importFrom_{source}")
        action.triggered.connect(_starter(window, session, source))
    profile_menu.addMenu(menu)
    return menu


def _starter(window: QMainWindow, session: Session, source: Source) -> Callable[[], None]:
    return lambda *_args: import_from(window, session, source)


def import_from(window: QMainWindow, session: Session, source: Source) -> None:
    """Ask for the file, show what it would add, and add it when the person agrees."""
    if session.repo is None:
        return
    title = TITLES[source]
    if source == "loop":
        chosen, _filter = QFileDialog.getOpenFileNames(
            window, _("Import from {app}").format(app=title), str(Path.home()),
            _("Loop export: the zip, or Habits.csv and Checkmarks.csv (*.zip *.csv);;"
              "All files (*)"),
        )
        paths = [Path(p) for p in chosen]
    else:
        one, _filter = QFileDialog.getOpenFileName(
            window, _("Import from {app}").format(app=title), str(Path.home()),
            _("Daylio CSV export (*.csv);;All files (*)"),
        )
        paths = [Path(one)] if one else []
    if not paths or window.findChild(_Run) is not None:  # one import at a time
        return
    _Run(window, session, source, paths).read()


class _Run(QObject):
    """One import: the file read and previewed on a worker, the person asked, the records
    written on a worker, then taken in by the window (``services.import_file.take_in``)."""

    def __init__(self, window: QMainWindow, session: Session, source: Source,
                 paths: list[Path]) -> None:
        super().__init__(window)
        from desktop_app.services.import_peers import PeerImportService

        self.window, self.session, self.source, self.paths = window, session, source, paths
        self.service = PeerImportService(session)
        self.busy: QProgressDialog | None = None

    def _snapshot(self) -> ProfileSnapshot:
        from desktop_app.services.import_peers import CHECKIN_TABLE, FOCUS_TABLE
        from desktop_app.services.profile_snapshot import ProfileSnapshot

        return ProfileSnapshot(self.session.require_repo(), (FOCUS_TABLE, CHECKIN_TABLE))

    def _show_busy(self, text: str) -> None:
        busy = QProgressDialog(text, "", 0, 0, self.window)
        busy.setObjectName("peerImportProgress")
        busy.setWindowTitle(_("Import from {app}").format(app=TITLES[self.source]))
        busy.setCancelButton(None)
        busy.setMinimumDuration(0)
        busy.show()
        self.busy = busy

    def _drop_busy(self) -> None:
        if self.busy is not None:
            self.busy.close()
            self.busy.deleteLater()
            self.busy = None

    def _end(self) -> None:
        self._drop_busy()
        self.deleteLater()

    def read(self) -> None:
        service, source, paths = self.service, self.source, self.paths
        snapshot = self._snapshot()
        self._show_busy(_("Reading {file}…").format(file=paths[0].name))

        def work() -> tuple[PeerImport, ImportOutcome]:
            plan = service.read_loop(paths) if source == "loop" else service.read_daylio(paths[0])
            return plan, service.preview(plan, snapshot)

        run_in_background(self, work, lambda got: self._ask(*got), self._unreadable)

    def _unreadable(self, error: BaseException) -> None:
        from desktop_app.services.import_peers import PeerFileError

        self._end()
        said = (str(error) if isinstance(error, PeerFileError)
                else _("It could not be read ({kind}).").format(kind=type(error).__name__))
        QMessageBox.warning(self.window, _("This file cannot be imported"),
                            _("{reason}\n\nNothing was added or changed in your profile.")
                            .format(reason=said))

    def _ask(self, plan: PeerImport, preview: ImportOutcome) -> None:
        self._drop_busy()
        session = self.session
        if session.repo is None:  # closed (locked) meanwhile
            self._end()
            return
        dialog = PeerImportDialog(plan, preview, session.profile.name if session.profile
                                  else "", self.window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted or session.repo is None:
            self._end()
            return
        self._add(plan)

    def _add(self, plan: PeerImport) -> None:
        from desktop_app.services.import_file import Recorder

        repo = self.session.require_repo()
        place = repo.history_place(plan.first or self.session.clock().date())
        recorder = Recorder(self._snapshot(), self.session.clock, *place)
        service = self.service
        self._show_busy(_("Adding…"))
        run_in_background(self, lambda: service.add_elsewhere(plan, recorder),
                          lambda done: self._added(repo, plan, *done), self._not_added)

    def _added(self, repo: ProfileRepository, plan: PeerImport, addition: Addition | None,
               outcome: ImportOutcome) -> None:
        from desktop_app.services.import_file import take_in

        self._end()
        if addition is not None and self.session.repo is repo:
            take_in(repo, addition)
            self.session.notify()
        self.window.statusBar().showMessage(
            _("Imported from {app}: {done}").format(app=TITLES[plan.source], done=_done(outcome)),
            8000)

    def _not_added(self, error: BaseException) -> None:
        self._end()
        reason = (getattr(error, "strerror", None) or str(error)
                  if isinstance(error, OSError) else type(error).__name__)
        QMessageBox.warning(
            self.window, _("The import did not finish"),
            _("Groundwork could not save: {reason}.\n\nNothing from the file was added.")
            .format(reason=reason),
        )


def _done(outcome: ImportOutcome) -> str:
    added, updated = f"{outcome.added:,}", f"{outcome.updated:,}"
    if outcome.updated:
        return ngettext("{n} check-in added, {updated} brought up to date.",
                        "{n} check-ins added, {updated} brought up to date.",
                        outcome.added).format(n=added, updated=updated)
    return ngettext("{n} check-in added.", "{n} check-ins added.", outcome.added).format(n=added)


class PeerImportDialog(QDialog):
    """What the file holds and what importing it would add; Import or Cancel."""

    def __init__(
        self, plan: PeerImport, preview: ImportOutcome, profile: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("peerImportDialog")
        title = TITLES[plan.source]
        self.setWindowTitle(_("Import from {app}").format(app=title))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        # Imported here: it loads Qt's namespace enums, which the window must not wait for.
        from desktop_app.ui.widgets import heading, paragraph

        layout.addWidget(heading(_("Import from {app}").format(app=title), 2))
        layout.addWidget(paragraph(_("{file} holds:").format(file=plan.file_name)))
        self.summary = paragraph(plan.summary())
        self.summary.setObjectName("peerSummary")
        layout.addWidget(self.summary)
        self.preview = paragraph(_("Into “{name}”: {summary}").format(
            name=profile, summary=preview.summary()))
        self.preview.setObjectName("peerPreview")
        layout.addWidget(self.preview)
        how = QLabel(_(HOW[plan.source]))
        how.setWordWrap(True)
        how.setObjectName("peerHow")
        layout.addWidget(how)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("peerImport")
        nothing = not preview.added and not preview.updated and not preview.period_added
        self.import_button.setEnabled(not nothing)
        self.import_button.setDefault(not nothing)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
