"""The Profile menu's actions: each asks the person, calls a service, and shows the outcome."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from desktop_app.i18n import _
from desktop_app.services.session import Session
from desktop_app.storage.schema import ProfileFileError
from desktop_app.ui.profile_dialogs import NameDialog, confirm_delete


def report_unreadable(parent: QWidget, detail: str) -> None:
    QMessageBox.warning(
        parent,
        _("A profile could not be opened"),
        _("{detail}\n\nGroundwork has not changed this file.").format(detail=detail),
    )


class ProfileActions:
    """The Profile menu for one main window; the window holds one and calls it directly."""

    def __init__(self, window: QMainWindow, session: Session, settings: QSettings) -> None:
        self.window = window
        self.session = session
        self.settings = settings

    def new_profile(self) -> None:
        from desktop_app.ui.new_profile_dialog import NewProfileDialog

        dialog = NewProfileDialog(self.session, self.window)
        dialog.exec()
        key, dialog.recovery_key = dialog.recovery_key, None
        dialog.deleteLater()
        window = getattr(self.window, "privacy", None)
        if key and window is not None:
            window.show_recovery_key(key)

    def switch_profile(self, profile_id: str) -> None:
        if self.session.privacy.is_protected(profile_id):
            from desktop_app.ui.unlock import UnlockDialog

            UnlockDialog(self.session, profile_id, self.window).exec()
            return
        try:
            self.session.open_profile(profile_id)
        except ProfileFileError as error:
            self.session.profiles.refresh()
            report_unreadable(self.window, str(error))

    def rename_profile(self) -> None:
        if self.session.profile is None:
            return
        NameDialog(
            _("Rename profile"),
            _("The new name only changes what Groundwork shows; your notes stay as they are."),
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
        from desktop_app.services.data_removal import profile_leftovers, remove_files

        old_file = repo.meta.get("v1_file")
        leftovers = profile_leftovers(session.data_dir, info.id,
                                      old_file if isinstance(old_file, str) else None)
        if not confirm_delete(self.window, info.name, session.profiles.summary(repo), leftovers):
            return
        try:
            session.delete_profile()
        except OSError as error:
            QMessageBox.warning(
                self.window, _("The profile was not deleted"),
                _("Groundwork could not delete “{name}”: {reason}.\n\n"
                  "It is still open, with everything in it.")
                .format(name=info.name, reason=error.strerror or error),
            )
            return
        failed = remove_files(leftovers)
        if failed:
            QMessageBox.warning(
                self.window, _("Some copies are still there"),
                _("The profile is deleted, but these copies of it could not be removed:\n{files}")
                .format(files="\n".join(f"{path} ({error.strerror or error})"
                                        for path, error in failed)),
            )
        self.settings.remove("last_profile")
        remaining = session.profiles.profiles
        if remaining:
            self.switch_profile(remaining[0].id)
