"""Quitting waits for the writes on their way to disk, for a bounded time.

The window stays up, says "Saving…", and closes once every write landed. If one failed, or
they have not landed within ``QUIT_WAIT_S``, it is logged and the person is told what may
not be saved before the window closes.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop_app.i18n import _
from desktop_app.services.session import Session
from desktop_app.ui.pending_save import SAVING, on_landed

log = logging.getLogger(__name__)

QUIT_WAIT_S = 5.0


class QuitWait(QObject):
    """Holds a main window's close until the open profile's writes are done."""

    def __init__(self, window: QMainWindow, session: Session) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.waiting = False
        self.released = False
        # True when the window closed with writes still on their way (shutdown waits no more).
        self.abandoned = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)

    def hold(self, event: QCloseEvent) -> bool:
        """True (and the event ignored) while writes are still on their way."""
        if self.released:
            return False
        if self.waiting:
            event.ignore()
            return True
        ticket = self.session.ticket()
        if ticket.done():
            return False  # all landed, or failed and told where it was saved
        event.ignore()
        self.waiting = True
        self.window.statusBar().showMessage(_(SAVING))
        central = self.window.centralWidget()
        if central is not None:
            central.setEnabled(False)
        self._timer.start(int(QUIT_WAIT_S * 1000))
        on_landed(ticket, self._landed)
        return True

    def _landed(self, error: BaseException | None) -> None:
        if not shiboken6.isValid(self) or not self.waiting:
            return  # the time ran out first, or the window is gone already
        self._timer.stop()
        if error is not None:
            log.warning("a write failed before quitting: %s", type(error).__name__)
            reason = getattr(error, "strerror", None) or str(error)
            self._tell(_("Groundwork could not save your latest changes ({reason}). "
                         "What you saved before them is kept; the latest changes are not.")
                       .format(reason=reason))
        self._close()

    def _timed_out(self) -> None:
        if not shiboken6.isValid(self) or not self.waiting:
            return
        log.warning("quitting with writes still pending after %.1f s", QUIT_WAIT_S)
        self.abandoned = True
        self._tell(_("Groundwork is still saving your latest changes, and the disk has not "
                     "answered. Groundwork closes now; the changes you made in the last "
                     "moments before closing may not be saved."))
        self._close()

    def _tell(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Not everything is saved"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("quitNotSaved")
        box.exec()

    def _close(self) -> None:
        self.waiting = False
        self.released = True
        self.window.statusBar().clearMessage()
        self.window.close()
