"""The main window's menus and the commands only they reach (``MainWindow`` inherits them).

The menu bar's titles are part of the first paint; the menus' commands (and the modules of
export, import, sharing and privacy) are made once the profile is shown or Home has painted,
or when a menu is opened first, so they never delay the window or Home. Their shortcuts are
set after Home paints, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from desktop_app.i18n import N_, _
from desktop_app.services.session import Session
from desktop_app.ui.context import ScreenContext

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence

    from desktop_app.ui.export_import import ExportImport
    from desktop_app.ui.privacy_actions import PrivacyActions
    from desktop_app.ui.profile_actions import ProfileActions

SCREENS: tuple[tuple[str, str], ...] = (
    ("home", N_("Home")),
    ("assessments", N_("Assessments")),
    ("progress", N_("Progress")),
    ("journal", N_("Journal")),
)


class MenuCommands(QMainWindow):
    """The menus and their commands; the window proper is ``main_window.MainWindow``."""

    session: Session
    settings: QSettings
    config_dir: Path | None
    ctx: ScreenContext
    _pending_shortcuts: list[tuple[QAction, str | QKeySequence.StandardKey]]
    _profile_actions: ProfileActions | None
    transfer: ExportImport
    privacy: PrivacyActions

    def show_screen(self, key: str) -> None:
        raise NotImplementedError  # the window's own

    def _add_menu_titles(self) -> None:
        """The menu bar's titles, shown in the first paint; what they hold comes after it."""
        bar = self.menuBar()
        self._menus_built = False
        self.profile_menu = bar.addMenu(_("&Profile"))
        self.go_menu = bar.addMenu(_("&Go"))
        self.settings_menu = bar.addMenu(_("&Settings"))
        self.help_menu = bar.addMenu(_("&Help"))
        for menu in (self.profile_menu, self.go_menu, self.settings_menu, self.help_menu):
            menu.aboutToShow.connect(self.build_menus)  # should one open before

    def build_menus(self) -> None:
        """Every menu's commands (once): when the profile is shown, Home has painted or a menu
        opens, whichever is first."""
        if self._menus_built:
            return
        self._menus_built = True
        from desktop_app.ui.export_import import add_export_import
        from desktop_app.ui.peer_import import add_import_menu
        from desktop_app.ui.privacy_actions import PrivacyActions
        from desktop_app.ui.share_menu import add_sharing_actions

        profile = self.profile_menu
        self.action_new = self._action(
            profile, _("&New profile…"), lambda: self.profile_actions.new_profile(), "Ctrl+Shift+N"
        )
        self.switch_menu = QMenu(_("&Switch to"), profile)
        profile.addMenu(self.switch_menu)
        self.action_rename = self._action(
            profile, _("&Rename…"), lambda: self.profile_actions.rename_profile(), "F2"
        )
        # Export ▸ JSON / CSV, and Import ▸ From a Groundwork export: ui/export_import.py.
        self.transfer = add_export_import(self, self.session, self._action, profile)
        self.action_export = self.transfer.action_json
        self.action_backups = self._action(profile, _("&Backups…"), self.show_backups)
        # Import from other apps (Loop Habit Tracker, Daylio): its own submenu.
        self.import_menu = add_import_menu(self, self.session, profile)
        self.transfer.add_import_action(self.import_menu)
        self.action_share, self.action_receive = add_sharing_actions(
            self, self.session, self._action, profile)
        profile.addSeparator()
        self.privacy = PrivacyActions(self, self.session, self.settings, self._action)
        self.privacy.add_to_profile_menu(profile)
        profile.addSeparator()
        self.action_delete = self._action(
            profile, _("&Delete…"), lambda: self.profile_actions.delete_profile()
        )
        profile.addSeparator()
        from PySide6.QtGui import QKeySequence  # (its enums are not needed for the first paint)

        self._action(profile, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        go = self.go_menu
        for number, (key, title) in enumerate(SCREENS, start=1):
            self._action(go, _(title), partial(self.show_screen, key), f"Ctrl+{number}")
        go.addSeparator()
        self.action_search = self._action(go, _("&Search…"), self.open_search,
                                          QKeySequence.StandardKey.Find)  # issue 12

        self.action_checkin_settings = self._action(
            self.settings_menu, _("&Check-in and reminders…"), self.checkin_settings
        )
        self.action_this_computer = self._action(
            self.settings_menu, _("This c&omputer…"), self.this_computer
        )
        self.action_this_computer.setVisible(self.config_dir is not None)
        self.action_language = self._action(
            self.settings_menu, _("&Language…"), self.choose_language
        )
        self.action_language.setVisible(self.config_dir is not None)
        self.privacy.add_to_settings_menu(self.settings_menu)
        self.privacy.update()

        help_menu = self.help_menu
        self._action(help_menu, _("&How Groundwork works"), self.open_help, "F1")
        self._action(help_menu, _("&Template guide"), self.open_template_guide)
        self._action(help_menu, _("Open my &templates folder"), self.open_templates_folder)
        help_menu.addSeparator()
        self._action(help_menu, _("&About Groundwork"), self.show_about)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        from PySide6.QtGui import QAction

        action = QAction(text, self)
        if shortcut is not None:
            self._pending_shortcuts.append((action, shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action


    def _fill_switch_menu(self) -> None:
        self.switch_menu.clear()
        current = self.session.profile.id if self.session.profile else None
        for info in self.session.profiles.profiles:
            action = self.switch_menu.addAction(info.name)
            action.setCheckable(True)
            action.setChecked(info.id == current)
            action.triggered.connect(lambda _c=False, pid=info.id: self.switch_profile(pid))
        self.switch_menu.setEnabled(len(self.session.profiles.profiles) > 1)

    # --- profile actions (ui/profile_actions.py, imported when first used) -----------
    @property
    def profile_actions(self) -> ProfileActions:
        if self._profile_actions is None:
            from desktop_app.ui.profile_actions import ProfileActions

            self._profile_actions = ProfileActions(self, self.session, self.settings)
        return self._profile_actions

    def show_backups(self) -> None:
        from desktop_app.ui.backups_dialog import show_backups

        show_backups(self)

    def switch_profile(self, profile_id: str) -> None:
        self.profile_actions.switch_profile(profile_id)

    def report_unreadable(self, detail: str) -> None:
        from desktop_app.ui.profile_actions import report_unreadable

        report_unreadable(self, detail)

    def open_search(self) -> QWidget | None:
        """Go ▸ Search… (Ctrl+F): find words across what the person wrote (issue 12)."""
        if self.session.profile is None:
            return None
        from desktop_app.ui.search import open_search

        return open_search(self, self.ctx)

    def checkin_settings(self) -> None:
        from desktop_app.ui.journal.settings_dialog import open_checkin_settings

        open_checkin_settings(self, self.ctx)

    def this_computer(self) -> QWidget | None:
        if self.config_dir is None:
            return None
        from desktop_app.services.this_computer import ThisComputer
        from desktop_app.ui.device_dialog import open_device_dialog

        return open_device_dialog(self, ThisComputer(self.session, self.config_dir))

    def choose_language(self) -> None:
        from desktop_app.ui.language import choose_language

        if self.config_dir is not None:
            choose_language(self, self.config_dir)

    # --- help -----------------------------------------------------------------------
    def show_about(self) -> None:
        from desktop_app.ui.about import AboutDialog

        AboutDialog(self.session.data_dir, self).exec()

    def open_help(self) -> None:
        from desktop_app.ui.help_dialog import open_help

        open_help(self.session.resources, self.session.data_dir, self.menuBar(), self)

    def open_template_guide(self) -> None:
        from desktop_app.ui.guide import GuideDialog

        GuideDialog(self.session.resources, self.session.user_templates_dir, self).exec()

    def open_templates_folder(self) -> None:
        folder = self.session.user_templates_dir
        folder.mkdir(parents=True, exist_ok=True)
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

