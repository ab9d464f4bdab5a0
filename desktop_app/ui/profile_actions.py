"""The Profile menu's actions: each asks the person, calls a service, and shows the outcome."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.storage.schema import ProfileFileError
from desktop_app.ui.profile_dialogs import NameDialog, confirm_delete

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


def report_unreadable(parent: QWidget, detail: str) -> None:
    QMessageBox.warning(
        parent,
        "A profile could not be opened",
        f"{detail}\n\nGroundwork has not changed this file.",
    )


def new_profile(window: MainWindow) -> None:
    NameDialog(
        "New profile",
        "A profile keeps one person's assessments and journal apart from the others.",
        window.session.create_profile,
        parent=window,
    ).exec()


def switch_profile(window: MainWindow, profile_id: str) -> None:
    try:
        window.session.open_profile(profile_id)
    except ProfileFileError as error:
        window.session.profiles.refresh()
        report_unreadable(window, str(error))


def rename_profile(window: MainWindow) -> None:
    if window.session.profile is None:
        return
    NameDialog(
        "Rename profile",
        "The new name only changes what Groundwork shows; your notes stay as they are.",
        window.session.rename_profile,
        initial=window.session.profile.name,
        parent=window,
    ).exec()


def delete_profile(window: MainWindow) -> None:
    session = window.session
    repo, info = session.repo, session.profile
    if repo is None or info is None:
        return
    if not confirm_delete(window, info.name, session.profiles.summary(repo)):
        return
    try:
        session.delete_profile()
    except OSError as error:
        QMessageBox.warning(
            window, "The profile was not deleted",
            f"Groundwork could not delete “{info.name}”: {error.strerror or error}.\n\n"
            "It is still open, with everything in it.",
        )
        return
    window.settings.remove("last_profile")
    remaining = session.profiles.profiles
    if remaining:
        switch_profile(window, remaining[0].id)


def export_profile(window: MainWindow) -> None:
    session = window.session
    repo, info = session.repo, session.profile
    if repo is None or info is None:
        return
    suggested = str(Path.home() / f"{info.name} - Groundwork.json")
    target, _filter = QFileDialog.getSaveFileName(
        window, "Export a copy of this profile", suggested, "Groundwork profile (*.json)"
    )
    if not target:
        return
    try:
        session.profiles.export_copy(repo, Path(target))
    except OSError as error:
        QMessageBox.warning(
            window, "Export failed", f"Could not write the copy: {error.strerror or error}"
        )
        return
    window.statusBar().showMessage(f"Saved a copy to {target}", 6000)
