"""The Profile menu's actions: each asks the person, calls a service, and shows the outcome."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from desktop_app.services.session import Session
from desktop_app.storage.schema import ProfileFileError
from desktop_app.ui.profile_dialogs import NameDialog, confirm_delete


def report_unreadable(parent: QWidget, detail: str) -> None:
    QMessageBox.warning(
        parent,
        "A profile could not be opened",
        f"{detail}\n\nGroundwork has not changed this file.",
    )


class ProfileActions:
    """The Profile menu for one main window; the window holds one and calls it directly."""

    def __init__(self, window: QMainWindow, session: Session, settings: QSettings) -> None:
        self.window = window
        self.session = session
        self.settings = settings

    def new_profile(self) -> None:
        NameDialog(
            "New profile",
            "A profile keeps one person's assessments and journal apart from the others.",
            self.session.create_profile,
            parent=self.window,
        ).exec()

    def switch_profile(self, profile_id: str) -> None:
        try:
            self.session.open_profile(profile_id)
        except ProfileFileError as error:
            self.session.profiles.refresh()
            report_unreadable(self.window, str(error))

    def rename_profile(self) -> None:
        if self.session.profile is None:
            return
        NameDialog(
            "Rename profile",
            "The new name only changes what Groundwork shows; your notes stay as they are.",
            self.session.rename_profile,
            initial=self.session.profile.name,
            parent=self.window,
            session=self.session,
        ).exec()

    def delete_profile(self) -> None:
        session = self.session
        repo, info = session.repo, session.profile
        if repo is None or info is None:
            return
        if not confirm_delete(self.window, info.name, session.profiles.summary(repo)):
            return
        try:
            session.delete_profile()
        except OSError as error:
            QMessageBox.warning(
                self.window, "The profile was not deleted",
                f"Groundwork could not delete “{info.name}”: {error.strerror or error}.\n\n"
                "It is still open, with everything in it.",
            )
            return
        self.settings.remove("last_profile")
        remaining = session.profiles.profiles
        if remaining:
            self.switch_profile(remaining[0].id)

    def export_profile(self) -> None:
        session = self.session
        repo, info = session.repo, session.profile
        if repo is None or info is None:
            return
        suggested = str(Path.home() / f"{info.name} - Groundwork.json")
        target, _filter = QFileDialog.getSaveFileName(
            self.window, "Export a copy of this profile", suggested, "Groundwork profile (*.json)"
        )
        if not target:
            return
        try:
            session.profiles.export_copy(repo, Path(target))
        except OSError as error:
            QMessageBox.warning(
                self.window, "Export failed",
                f"Could not write the copy: {error.strerror or error}",
            )
            return
        self.window.statusBar().showMessage(f"Saved a copy to {target}", 6000)
