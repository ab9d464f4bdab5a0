"""The main window: navigation and the profile lifecycle (its menus: ``main_menus``).
Screens do the rest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.services.session import Session

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QLabel, QListWidget

    from desktop_app.home_snapshot import HomeInputs
    from desktop_app.ui.journal.reminder import CheckInReminder
    from desktop_app.ui.live_refresh import LiveRefresh
    from desktop_app.ui.quit_wait import QuitWait
    from desktop_app.ui.welcome import WelcomeScreen

# Dialogs and the welcome screen are imported when first needed: every module and Qt enum
# loaded before the first paint delays the window (see the start-up benchmark).
from desktop_app.ui import screens
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.main_menus import SCREENS, MenuCommands
from desktop_app.ui.privacy_bridge import waiting_profile_id
from desktop_app.ui.screen_fit import fit_to_screen, no_tab_stop, scrolling
from desktop_app.ui.screen_stack import LazyScreenStack

FIRST_PAINT_FALLBACK_MS = 400


class MainWindow(MenuCommands):
    """Wires screens, menus and the session together; owns no feature logic."""

    def __init__(
        self, session: Session, settings: QSettings, config_dir: Path | None = None
    ) -> None:
        # Set before QMainWindow's constructor, which already sends events to event().
        self._painted = False
        self._home_pending = False
        self._pending_start: str | None = None
        self._reminder_after_home = False
        # Home's remembered copy (``home_snapshot``) while it is drawn, before the profile opens.
        self.home_preview: HomeInputs | None = None
        self.home_texts: dict[str, str] | None = None  # its dates as written (``home_time``)
        self._previewing = False
        self._preview_coming = False
        super().__init__()
        self.session = session
        self.settings = settings
        # This computer's config folder (its name and id), chosen by ``app``.
        self.config_dir = config_dir
        self.setObjectName("mainWindow")
        self.setWindowTitle("Groundwork")
        self.setMinimumSize(760, 520)
        self.ctx = ScreenContext(session=session, navigator=self)
        # "" never names a profile, so the first update always picks welcome or workspace.
        self._shown_profile_id: str | None = ""

        self.pages = QStackedWidget()
        # Blank for the moment between the first paint and the profile being open.
        self.pages.addWidget(QWidget())
        self._welcome: WelcomeScreen | None = None
        self.workspace = self._build_workspace()
        self.nav: QListWidget  # these two are made once the window has painted (_add_sidebar)
        self.profile_label: QLabel
        self.pages.addWidget(self.workspace)
        # A screen larger than a small or scaled display scrolls rather than being cut off.
        self.setCentralWidget(scrolling(self.pages, _("Window content"), tab_stop_now=False))
        self._pending_shortcuts = []
        self._add_menu_titles()
        self.reminder: CheckInReminder | None = None
        self._profile_actions = None
        self.live_refresh: LiveRefresh | None = None
        self._quit_wait: QuitWait | None = None
        self._after_paint: list[Callable[[], object]] = []
        self._restore_geometry()
        # Zero-timers run before the first paint, so wait for the paint itself (or a short
        # while, should the window start hidden).
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self, self._after_first_paint)

    @property
    def quit_wait(self) -> QuitWait:
        """Made at the first close (its module and QMessageBox took ~7 ms before the first
        paint)."""
        if self._quit_wait is None:
            from desktop_app.ui.quit_wait import QuitWait

            self._quit_wait = QuitWait(self, self.session)
        return self._quit_wait

    def paintEvent(self, event: QPaintEvent) -> None:
        # Not ``event()``: QEvent's classes and its Type enum took ~4 ms before the first paint.
        if not self._painted:
            QTimer.singleShot(0, self, self._after_first_paint)
        super().paintEvent(event)

    def when_painted(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the window is on screen (at once if it already is)."""
        if self._painted:
            callback()
        else:
            self._after_paint.append(callback)

    def start_showing_session(self) -> None:
        """Show the open profile, or the welcome screen, and follow the session from now on."""
        self.session.subscribe(self._on_session_changed)
        self._on_session_changed()
        self.privacy.start()
        from desktop_app.ui.live_refresh import LiveRefresh

        # Files a sync engine delivers while Groundwork runs reach the screens through this.
        self.live_refresh = LiveRefresh(self.session, self)

    def _after_first_paint(self) -> None:
        """Work that can wait until the window is on screen.

        Opening a five-year profile, building Home and the reminder all read the journal, and
        building a QKeySequence loads every enum of Qt's namespace (tens of milliseconds).
        """
        if self._painted:
            return
        self._painted = True
        self._add_sidebar()
        callbacks, self._after_paint = self._after_paint, []
        for callback in callbacks:
            callback()
        if not self._preview_coming:
            self._settle()

    def expect_preview(self) -> None:
        """Home is about to be drawn from its copy, a turn or two later: what follows the
        first paint waits for :meth:`preview_decided`, so it lands after Home."""
        self._preview_coming = True

    def preview_decided(self) -> None:
        """Home from its copy is shown (``show_home_preview``), or there is none to show."""
        if self._preview_coming:
            self._preview_coming = False
            self._settle()

    def _settle(self) -> None:
        if self._previewing:  # both build Qt's enums (tens of ms): after Home is on screen
            from desktop_app.ui.after_paint import after_next_paint

            after_next_paint(self.stack.currentWidget() or self, self._notices_and_shortcuts)
        else:
            self._notices_and_shortcuts()
        if self._home_pending:
            self._home_pending = False
            self._show_current_row()
        if self._previewing:
            pass  # the reminder reads the journal: it starts once the profile is open
        elif self.pages.currentWidget() is self.workspace and not self.stack.built():
            self._reminder_after_home = True  # Home is about to be built: it paints first
        else:
            self._start_reminder()

    def _notices_and_shortcuts(self) -> None:
        self.build_menus()  # their shortcuts are set here
        central = self.centralWidget()
        if isinstance(central, QScrollArea):
            no_tab_stop(central)
        from PySide6.QtGui import QKeySequence

        for action, shortcut in self._pending_shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self._pending_shortcuts.clear()
        # A turn of their own (built at first use anyway): with them, 30-35 ms in one turn.
        QTimer.singleShot(1, self, self.notices.build)

    def _start_reminder(self) -> None:
        self._reminder_after_home = False
        if self.reminder is None:
            from desktop_app.ui.journal import reminder

            self.reminder = reminder.CheckInReminder(self.ctx, self)
            self.reminder.waiting_changed.connect(lambda _waiting: self._update_title())
            self._update_title()

    def show_home_preview(self, inputs: HomeInputs,
                          texts: dict[str, str] | None = None) -> QWidget:
        """Draw Home from this computer's copy of what it showed, before the profile opens
        (a section chosen meanwhile is shown once it is); the open profile then redraws it in
        place."""
        self._previewing = True
        self._shown_profile_id = inputs.profile_id
        self.pages.setCurrentWidget(self.workspace)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(0)
        self.nav.blockSignals(False)
        self.home_preview, self.home_texts = inputs, texts
        try:
            self.stack.show_key("home")
        finally:
            self.home_preview = self.home_texts = None
        self.profile_label.setText(_("Profile: {name}").format(name=inputs.name))
        self.setWindowTitle(_("{name} — Groundwork").format(name=inputs.name))
        return self.stack["home"]

    @property
    def welcome(self) -> WelcomeScreen:
        """The first-start screen, built when there is no profile to show."""
        if self._welcome is None:
            from desktop_app.ui.welcome import WelcomeScreen

            self._welcome = WelcomeScreen(self.session)
            self.pages.addWidget(self._welcome)
        return self._welcome

    def show_unlock(self, profile_id: str) -> None:
        """The locked window's page: the passphrase for ``profile_id`` (or another profile)."""
        self.build_menus()
        screen = self.privacy.unlock_screen(profile_id)
        if self.pages.indexOf(screen) < 0:
            self.pages.addWidget(screen)
        self.stack.reset()  # nothing of the profile stays behind the lock, even hidden
        self.pages.setCurrentWidget(screen)
        screen.setFocus()

    # --- layout -----------------------------------------------------------------------
    def _build_workspace(self) -> QWidget:
        workspace = QWidget()
        self._row = QHBoxLayout(workspace)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(0)
        # Screens are built on first use: start-up pays only for Home.
        self.stack = LazyScreenStack(
            [key for key, _title in SCREENS], partial(screens.create, ctx=self.ctx)
        )
        self.screens = self.stack
        # Issue 12: the win acknowledgement and the undo bar sit above the current screen.
        from desktop_app.ui.notice_area import NoticeArea

        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.notices = NoticeArea(self.session)
        column.addWidget(self.notices)
        column.addWidget(self.stack, 1)
        self._row.addWidget(main, 1)
        return workspace

    def _add_sidebar(self) -> None:
        """The sidebar, once the blank first page has painted (it shows with Home)."""
        from desktop_app.ui.main_sidebar import build_sidebar

        side, self.nav, self.profile_label = build_sidebar([title for _k, title in SCREENS])
        self._row.insertWidget(0, side)
        self.nav.currentRowChanged.connect(self._show_row)

    # --- navigation -----------------------------------------------------------------
    def _show_row(self, row: int) -> None:
        if row < 0 or self._previewing:
            return  # while Home is drawn from its copy, the row chosen is shown once open
        screen = self.stack.show_key(SCREENS[row][0])
        screen.entered()
        if self._reminder_after_home:
            from desktop_app.ui.after_paint import after_next_paint

            self._reminder_after_home = False
            after_next_paint(self.stack.currentWidget() or self, self._start_reminder)

    def _show_current_row(self) -> None:
        self._show_row(self.nav.currentRow())

    def show_screen(self, key: str) -> None:
        if self.session.profile is None and not self._previewing:
            return  # locked, or no profile yet: there is no screen to show
        keys = [k for k, _t in SCREENS]
        self.nav.setCurrentRow(keys.index(key))

    def current_screen_key(self) -> str:
        return SCREENS[self.stack.currentIndex()][0]

    def start_template_when_ready(self, template_id: str) -> None:
        """Open a template's wizard as soon as a profile is open (``--start``)."""
        self._pending_start = template_id
        if self.session.profile is not None:
            self._start_pending()

    def _start_pending(self) -> None:
        template_id, self._pending_start = self._pending_start, None
        if template_id is not None:
            QTimer.singleShot(0, self, lambda: self.start_template(template_id))

    def start_template(self, template_id: str) -> None:
        if self.session.profile is None:
            return
        from desktop_app.ui.wizard_launcher import start_template

        start_template(self, self.ctx, template_id)

    def open_result(self, result_id: str) -> None:
        from desktop_app.ui.wizard_launcher import open_result

        open_result(self, self.ctx, result_id)

    def receive_partner_view(self) -> None:
        """Profile ▸ Receive a partner's view… (also offered by Progress ▸ Together)."""
        self.action_receive.trigger()

    def choose_focus(self, areas: Sequence[str], parent: QWidget | None = None) -> None:
        """Choose your focus with ``areas`` ticked (a result's "Make these my focus")."""
        if self.session.profile is None:
            return
        from desktop_app.ui.journal.common import open_dialog
        from desktop_app.ui.journal.focus_dialog import FocusDialog

        open_dialog(FocusDialog(self.ctx, prefill=areas, parent=parent or self))

    # --- session changes ------------------------------------------------------------
    def _on_session_changed(self) -> None:
        self.build_menus()  # (after Home from the copy) they follow the session from now on
        profile = self.session.profile
        if self._previewing:
            self._previewing = False
            if profile is not None and profile.id == self._shown_profile_id:
                # A section chosen while Home was drawn from the copy, shown now.
                QTimer.singleShot(0, self, self._show_current_row)
            if self._painted:
                from desktop_app.ui.after_paint import after_next_paint

                after_next_paint(self.stack.currentWidget() or self, self._start_reminder)
        locked = waiting_profile_id(self.session)
        profile_id = profile.id if profile else (f"locked:{locked}" if locked else None)
        if profile_id != self._shown_profile_id:
            self._shown_profile_id = profile_id
            if locked is not None:
                self.show_unlock(locked)
            elif profile is None:
                self.pages.setCurrentWidget(self.welcome)
                self.welcome.setFocus()
            else:
                self._start_pending()
                self.settings.setValue("last_profile", profile.id)
                self.stack.reset()
                self.pages.setCurrentWidget(self.workspace)
                # Home is built right after this paint, so the window appears at once even
                # for a profile with years of history (asking for a screen builds it sooner).
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(0)
                self.nav.blockSignals(False)
                if self._painted:
                    # A turn of the event loop between opening a profile and building Home,
                    # so neither holds the window up for long (asking for it builds it now).
                    QTimer.singleShot(0, self, self._show_current_row)
                else:
                    self._home_pending = True
        else:
            self._refresh_screens()
        for action in (
            self.action_rename, self.action_delete, self.action_export,
            self.action_checkin_settings, self.import_menu.menuAction(), self.action_backups,
            *self.transfer.actions(),
        ):
            action.setEnabled(profile is not None)
        name = profile.name if profile else ""
        self._update_title()
        self.profile_label.setText(_("Profile: {name}").format(name=name) if name else "")
        self._fill_switch_menu()
        self.privacy.update()

    def _update_title(self) -> None:
        """The profile's name, and whether a check-in is waiting (said first, so it shows
        in a narrow taskbar entry too)."""
        name = self.session.profile.name if self.session.profile else ""
        title = _("{name} — Groundwork").format(name=name) if name else "Groundwork"
        self.setWindowTitle(self.reminder.title(title) if self.reminder else title)

    def _refresh_screens(self) -> None:
        """Data changed: each screen redraws from its services (lazily if it is costly)."""
        for screen in self.stack.built():
            screen.refresh()

    # --- window state ---------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            fit_to_screen(self)  # it may have been saved on a larger screen
        else:
            fit_to_screen(self, QSize(1040, 720))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.quit_wait.hold(event):
            return  # "Saving…": it closes the window once the writes are done
        if self.live_refresh is not None:
            self.live_refresh.stop()
            self.live_refresh = None
        # After "Delete all my data" nothing is written (no privacy commands yet: closed
        # before the first paint).
        if not (self._menus_built and self.privacy.forgetting):
            self.settings.setValue("geometry", self.saveGeometry())
            self.settings.sync()
        super().closeEvent(event)
