"""Locking the app: by hand (Profile ▸ Lock) or after a while without input.

Locking saves and closes open assessments (their drafts are stored in the profile, so
encrypted), hides every other window of the app (a check-in's typed text comes back with
it after the unlock), then asks the privacy service to drop the key. Idle time is seen by an
event filter on the app's own windows (each QWindow, as it gets focus), not on the whole
application, which would see every event of every object.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from desktop_app.services.session import Session
from desktop_app.ui.privacy_bridge import current_is_protected

IDLE_SETTING = "idle_lock_minutes"  # 0: off (the default)
CHECK_MS = 5000
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})


class AppLock(QObject):
    """Locks one main window's session, and hides and brings back its other windows."""

    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        settings: QSettings,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.settings = settings
        self.now = now
        self.last_input = now()
        self.locked_from: str | None = None
        self.hidden: list[QWidget] = []
        self._watched: list[QWindow] = []
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check_idle)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._watch)
        self.apply_setting()

    # --- idle ---------------------------------------------------------------------------
    @property
    def idle_minutes(self) -> int:
        try:
            value: object = self.settings.value(IDLE_SETTING, 0)
            return max(0, int(str(value)))
        except (TypeError, ValueError):
            return 0

    def set_idle_minutes(self, minutes: int) -> None:
        self.settings.setValue(IDLE_SETTING, max(0, minutes))
        self.apply_setting()

    def apply_setting(self) -> None:
        self.last_input = self.now()
        if self.idle_minutes > 0:
            self._watch(self.window.windowHandle())
            self.timer.start()
        else:
            self.timer.stop()

    def _watch(self, window: QWindow | None) -> None:
        if window is None or window in self._watched:
            return
        window.installEventFilter(self)
        self._watched.append(window)
        window.destroyed.connect(lambda _o=None, w=window: self._forget(w))

    def _forget(self, window: QWindow) -> None:
        if window in self._watched:
            self._watched.remove(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.last_input = self.now()
        return False

    def check_idle(self) -> None:
        minutes = self.idle_minutes
        if minutes <= 0 or not current_is_protected(self.session):
            return
        if self.now() - self.last_input >= minutes * 60:
            self.lock()

    # --- lock and unlock ----------------------------------------------------------------
    def lock(self) -> bool:
        """Lock now; False when the open profile has no passphrase (nothing to lock)."""
        if not current_is_protected(self.session):
            return False
        assert self.session.profile is not None
        self.locked_from = self.session.profile.id
        self._put_away_windows()
        self.session.privacy.lock()
        self.session.notify()  # every screen lets go of the profile; the window asks to unlock
        return True

    def _put_away_windows(self) -> None:
        from desktop_app.ui.wizard.assessment_flow import AssessmentFlow

        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible():
                continue
            if widget.findChild(AssessmentFlow) is not None:
                widget.close()  # its close handler stores the draft, in the profile
                if not widget.isVisible():
                    continue
            widget.hide()
            parent = widget.parentWidget()
            if parent is not None and parent is not self.window:
                # Its screen is dropped while locked; the main window keeps it alive instead.
                widget.setParent(self.window, widget.windowFlags())
            self.hidden.append(widget)

    def unlocked(self, profile_id: str) -> None:
        """Bring back what the lock hid, if the same profile came back; else let it go."""
        hidden, self.hidden = self.hidden, []
        same = profile_id == self.locked_from
        self.locked_from = None
        self.last_input = self.now()
        for widget in hidden:
            if not shiboken6.isValid(widget):
                continue
            if same:
                widget.show()
            else:
                widget.close()
