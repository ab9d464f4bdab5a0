"""The check-in reminder: at the chosen time while Groundwork runs, the window says so.

When a check-in falls due, Home shows it (every screen redraws), the window title says it
is waiting, the window asks for attention (``QApplication.alert``: a blinking taskbar
entry), and a desktop notification says it (``notifications``; clicking it opens the
check-in). Only where the desktop has no notification service does a tray icon carry the
message instead. The timer never waits more than an hour at a time, so a computer that
slept or a clock that changed is noticed soon after.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon, QWidget

from desktop_app.domain.journal import instant
from desktop_app.i18n import N_, _
from desktop_app.services.journal import JournalService
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.notifications import DesktopNotifier

LONGEST_WAIT_MS = 60 * 60 * 1000
REMINDER_TITLE = N_("Time for your check-in")
REMINDER_TEXT = N_("A minute to look at today: your practices, thoughts, words and body.")
WAITING_TEXT = N_("Your check-in is waiting whenever you are ready. It takes a minute.")
WAITING_TITLE = N_("Check-in waiting")


class CheckInReminder(QObject):
    """Keeps a timer set to the next reminder of the open profile; ``due`` fires at that time."""

    due = Signal()
    waiting_changed = Signal(bool)

    def __init__(
        self, ctx: ScreenContext, parent: QObject | None = None, *,
        tray_available: bool | None = None, notifier: DesktopNotifier | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.target: datetime | None = None
        self.waiting = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.notifier = notifier or DesktopNotifier.for_session(self)
        self.notifier.activated.connect(self.start_checkin)
        self.tray: QSystemTrayIcon | None = None
        available = (
            QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        )
        if available and not self.notifier.available():
            self.tray = self._make_tray()
        ctx.session.subscribe(self._session_changed)
        # The first aim reads every check-in's time: done once the window is on screen.
        QTimer.singleShot(0, self, self._start)

    def _start(self) -> None:
        self._session_changed()
        self.note_on_start()

    def _session_changed(self) -> None:
        self.reschedule()
        self._update_waiting()

    def _update_waiting(self) -> None:
        """Waiting from the moment the check-in falls due until one is made."""
        journal = self.journal()
        waiting = False
        if journal is not None:
            due = journal.due()
            waiting = instant(journal.now()) >= instant(due.next_due)
        if waiting != self.waiting:
            self.waiting = waiting
            self.waiting_changed.emit(waiting)

    def title(self, title: str) -> str:
        """The window title, saying so while a check-in is waiting."""
        return _("{waiting} — {title}").format(
            waiting=_(WAITING_TITLE), title=title) if self.waiting else title

    def _make_tray(self) -> QSystemTrayIcon:
        app = QApplication.instance()
        icon = app.windowIcon() if isinstance(app, QApplication) else QIcon()
        if icon.isNull() and isinstance(app, QApplication):
            icon = app.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogInfoView)
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip("Groundwork")
        # The tray does not own its menu: the window does, so the menu goes with it.
        window = self.parent()
        menu = QMenu(window if isinstance(window, QWidget) else None)
        menu.addAction(_("Check in now"), self.start_checkin)
        tray.setContextMenu(menu)
        self._menu = menu
        tray.messageClicked.connect(self.start_checkin)
        tray.show()
        return tray

    def journal(self) -> JournalService | None:
        return JournalService(self.ctx.session) if self.ctx.session.repo is not None else None

    def reschedule(self) -> None:
        """Aim the timer at the next reminder (after a check-in, a settings change, a switch)."""
        journal = self.journal()
        if journal is None:
            self.target = None
            self.timer.stop()
            return
        self.target = journal.next_reminder()
        wait = (instant(self.target) - instant(journal.now())) * 1000
        self.timer.start(int(min(max(wait, 1000), LONGEST_WAIT_MS)))

    def check(self) -> None:
        """The timer fired: remind when the target has come, then aim at the next one."""
        journal = self.journal()
        target = self.target
        if journal is not None and target is not None and instant(journal.now()) >= instant(target):
            self.remind(_(REMINDER_TEXT))
        self.reschedule()

    def remind(self, text: str) -> None:
        self.due.emit()
        # Home and the title change with the time, not with the data: say so to them.
        self.ctx.session.notify()
        window = self.parent()
        if self.waiting and isinstance(window, QWidget):
            # Only with Home saying why: a new profile's first check-in is never waiting.
            QApplication.alert(window, 0)
        self.say(_(REMINDER_TITLE), text)

    def say(self, title: str, text: str) -> None:
        """A desktop notification, or the tray's message where there is no notification
        service (and nothing where there is neither: Home and the title still say it)."""
        if not self.notifier.show(title, text) and self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 20000)

    def note_on_start(self) -> None:
        """When a check-in is already waiting at start, say so once (Home says it too)."""
        journal = self.journal()
        if journal is not None and journal.due().overdue:
            self.say(_(WAITING_TITLE), _(WAITING_TEXT))

    def start_checkin(self) -> None:
        window = self.parent()
        if isinstance(window, QWidget):
            window.showNormal()
            window.raise_()
            window.activateWindow()
        journal = self.journal()
        template = journal.checkin_template() if journal else None
        if template is not None:
            self.ctx.navigator.start_template(template.id)
