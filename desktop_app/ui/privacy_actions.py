"""The privacy entries of the Profile and Settings menus, and what each one does.

Dialogs are imported when first used, after the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop_app.i18n import _
from desktop_app.services.session import Session
from desktop_app.ui.privacy_bridge import current_is_protected

if TYPE_CHECKING:
    from desktop_app.ui.app_lock import AppLock
    from desktop_app.ui.unlock import UnlockScreen

AddAction = Callable[[QMenu, str, Callable[[], object], "str | None"], QAction]


class PrivacyActions:
    """Protect, change, remove, lock; the idle lock setting; delete all my data."""

    def __init__(self, window: QMainWindow, session: Session, settings: QSettings,
                 add_action: AddAction) -> None:
        self.window = window
        self.session = session
        self.settings = settings
        self.add_action = add_action
        self._app_lock: AppLock | None = None
        self._unlock: UnlockScreen | None = None
        # Set by "Delete all my data": nothing may be written on the way out.
        self.forgetting = False

    @property
    def app_lock(self) -> AppLock:
        if self._app_lock is None:
            from desktop_app.ui.app_lock import AppLock

            self._app_lock = AppLock(self.window, self.session, self.settings)
        return self._app_lock

    def unlock_screen(self, profile_id: str) -> UnlockScreen:
        """The main window's page while locked, asking for ``profile_id``."""
        if self._unlock is None:
            from desktop_app.ui.unlock import UnlockScreen

            self._unlock = UnlockScreen(self.session, profile_id)
            self._unlock.panel.opened.connect(self.app_lock.unlocked)
        else:
            self._unlock.show_profile(profile_id)
        return self._unlock

    def add_to_profile_menu(self, menu: QMenu) -> None:
        add = self.add_action
        self.action_protect = add(menu, _("&Protect with a passphrase…"), self.protect, None)
        self.action_change = add(menu, _("C&hange passphrase…"), self.change, None)
        self.action_remove = add(menu, _("Remo&ve passphrase…"), self.remove, None)
        self.action_lock = add(menu, _("&Lock"), self.lock, "Ctrl+L")

    def add_to_settings_menu(self, menu: QMenu) -> None:
        self.action_idle = self.add_action(menu, _("&Lock after idle time…"), self.idle_settings,
                                           None)
        menu.addSeparator()
        self.action_delete_all = self.add_action(menu, _("&Delete all my data…"), self.delete_all,
                                                 None)

    def start(self) -> None:
        """Once the session is shown: the idle lock follows its setting from now on."""
        self.app_lock.apply_setting()

    def update(self) -> None:
        is_open = self.session.profile is not None
        protected = current_is_protected(self.session)
        self.action_protect.setEnabled(is_open and not protected)
        for action in (self.action_change, self.action_remove, self.action_lock):
            action.setEnabled(protected)

    # --- Profile menu -------------------------------------------------------------------
    def protect(self) -> None:
        if self.session.profile is None:
            return
        from desktop_app.ui.passphrase_dialogs import ProtectDialog

        dialog = ProtectDialog(self.session, self.window)
        dialog.exec()
        key, dialog.recovery_key = dialog.recovery_key, None
        dialog.deleteLater()
        self.show_recovery_key(key)

    def show_recovery_key(self, key: str | None, wait: bool = True) -> None:
        """The recovery key of the open profile, once; ``wait=False`` returns at once (at
        start, so a scripted start is not held up by it)."""
        if not key or self.session.profile is None:
            return
        from desktop_app.ui.recovery_key import RecoveryKeyDialog

        dialog = RecoveryKeyDialog(self.session.profile.name, key, self.window)
        del key
        if not wait:
            from PySide6.QtCore import Qt  # not at import: Qt's enums load in tens of ms

            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            return
        dialog.exec()
        dialog.deleteLater()

    def change(self) -> None:
        if not current_is_protected(self.session):
            return
        from desktop_app.ui.passphrase_dialogs import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.session, self.window)
        if dialog.exec():
            self.window.statusBar().showMessage(_("Your passphrase is changed."), 6000)
        dialog.deleteLater()

    def remove(self) -> None:
        if not current_is_protected(self.session):
            return
        from desktop_app.ui.passphrase_dialogs import RemovePassphraseDialog

        dialog = RemovePassphraseDialog(self.session, self.window)
        if dialog.exec():
            self.window.statusBar().showMessage(_("This profile has no passphrase now."), 6000)
        dialog.deleteLater()

    def lock(self) -> None:
        self.app_lock.lock()

    # --- Settings menu ------------------------------------------------------------------
    def idle_settings(self) -> None:
        from desktop_app.ui.idle_dialog import IdleLockDialog

        dialog = IdleLockDialog(self.app_lock.idle_minutes, self.window)
        if dialog.exec():
            self.app_lock.set_idle_minutes(dialog.minutes())
        dialog.deleteLater()

    def delete_all(self) -> None:
        from desktop_app.local_state import LocalFolders
        from desktop_app.paths import default_log_dir
        from desktop_app.services.data_removal import (
            default_cache_dir,
            delete_places,
            groundwork_places,
            tidy_data_dir,
        )
        from desktop_app.ui.delete_all import DeleteAllDialog, show_what_remains

        data_dir = self.session.data_dir
        places = groundwork_places(data_dir, LocalFolders.of_this_computer(),
                                   default_log_dir(), default_cache_dir())
        dialog = DeleteAllDialog(places, self.window)
        confirmed = dialog.exec()
        dialog.deleteLater()
        if not confirmed:
            return
        self.forgetting = True
        self.settings.sync()
        self.session.close()
        self.session.profile = None
        left = delete_places(places)
        others = tidy_data_dir(data_dir)
        show_what_remains(self.window, left, others)
        self.window.close()
