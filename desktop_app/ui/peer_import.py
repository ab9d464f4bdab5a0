"""Profile ▸ Import: bring in a Loop Habit Tracker or Daylio export.

Pick the file, read what it holds, show what would be added, and add it only when the person
says so. The reading and mapping are in ``services.import_peers``; this module only asks and
shows. Services are imported on first use, so building the menu costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop_app.services.import_peers import ImportOutcome, PeerImport, PeerImportService
    from desktop_app.services.session import Session

Source = Literal["loop", "daylio"]
TITLES = {"loop": "Loop Habit Tracker", "daylio": "Daylio"}
HOW = {
    "loop": (
        "Each habit becomes a practice under “Habits”, in a focus period that covers these "
        "days and has already ended, so what you work on now stays as it is. Each day with a "
        "check-mark becomes a check-in at noon that records those practices as done."
    ),
    "daylio": (
        "Each entry becomes a check-in at its date and time. Its mood, activities and note go "
        "into the check-in's note, in Daylio's own words; no scores are made up from them."
    ),
}


def add_import_menu(window: QMainWindow, session: Session, profile_menu: QMenu) -> QMenu:
    """The Profile ▸ Import submenu, with one item per app."""
    menu = QMenu("&Import", profile_menu)
    menu.setObjectName("importMenu")
    items: tuple[tuple[Source, str], ...] = (
        ("loop", "From &Loop Habit Tracker…"), ("daylio", "From &Daylio…"),
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
    from desktop_app.services.import_peers import PeerFileError, PeerImportService

    if session.repo is None:
        return
    title = TITLES[source]
    if source == "loop":
        chosen, _filter = QFileDialog.getOpenFileNames(
            window, f"Import from {title}", str(Path.home()),
            "Loop export: the zip, or Habits.csv and Checkmarks.csv (*.zip *.csv);;All files (*)",
        )
        paths = [Path(p) for p in chosen]
    else:
        one, _filter = QFileDialog.getOpenFileName(
            window, f"Import from {title}", str(Path.home()),
            "Daylio CSV export (*.csv);;All files (*)",
        )
        paths = [Path(one)] if one else []
    if not paths:
        return
    service = PeerImportService(session)
    try:
        plan = service.read_loop(paths) if source == "loop" else service.read_daylio(paths[0])
        preview = service.preview(plan)
    except PeerFileError as error:
        QMessageBox.warning(
            window, "This file cannot be imported",
            f"{error}\n\nNothing was added or changed in your profile.",
        )
        return
    dialog = PeerImportDialog(plan, preview, session.profile.name if session.profile else "",
                              window)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if accepted:
        _add(window, service, plan)


def _add(window: QMainWindow, service: PeerImportService, plan: PeerImport) -> None:
    try:
        outcome = service.add(plan)
    except OSError as error:
        QMessageBox.warning(
            window, "The import did not finish",
            f"Groundwork could not save: {error.strerror or error}.\n\n"
            "Nothing from the file was added.",
        )
        return
    window.statusBar().showMessage(f"Imported from {TITLES[plan.source]}: {_done(outcome)}",
                                   8000)


def _done(outcome: ImportOutcome) -> str:
    text = f"{outcome.added:,} check-ins added"
    if outcome.updated:
        text += f", {outcome.updated:,} brought up to date"
    return text + "."


class PeerImportDialog(QDialog):
    """What the file holds and what importing it would add; Import or Cancel."""

    def __init__(
        self, plan: PeerImport, preview: ImportOutcome, profile: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("peerImportDialog")
        title = TITLES[plan.source]
        self.setWindowTitle(f"Import from {title}")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        # Imported here: it loads Qt's namespace enums, which the window must not wait for.
        from desktop_app.ui.widgets import heading, paragraph

        layout.addWidget(heading(f"Import from {title}", 2))
        layout.addWidget(paragraph(f"{plan.file_name} holds:"))
        self.summary = paragraph(plan.summary())
        self.summary.setObjectName("peerSummary")
        layout.addWidget(self.summary)
        self.preview = paragraph(f"Into “{profile}”: {preview.summary()}")
        self.preview.setObjectName("peerPreview")
        layout.addWidget(self.preview)
        how = QLabel(HOW[plan.source])
        how.setWordWrap(True)
        how.setObjectName("peerHow")
        layout.addWidget(how)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("peerImport")
        nothing = not preview.added and not preview.updated and not preview.period_added
        self.import_button.setEnabled(not nothing)
        self.import_button.setDefault(not nothing)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
