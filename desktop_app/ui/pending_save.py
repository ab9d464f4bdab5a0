"""Waiting for a save to reach the disk without blocking the window.

Writes land on the profile's writer thread (``storage/writer.py``). A form that saves and
then closes waits for its ticket: its buttons are disabled, "Saving…" shows when it takes
more than a moment, and it closes once the write landed. If the write failed, the profile is
read from disk again (so screens show what is stored) and the form stays, with what was
typed, to show the error. The ticket's completion reaches the UI thread through a Qt signal
emitted from the writer's done-callback (a queued connection): no polling, no processEvents.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.i18n import N_, _
from desktop_app.services.session import Session

if TYPE_CHECKING:
    from concurrent.futures import Future

SHOW_SAVING_AFTER_MS = 200
SAVING = N_("Saving…")


class _Relay(QObject):
    """Lives on the UI thread for the whole run, so the writer thread always has a live
    object to emit on, however soon the dialog that waited is closed."""

    landed = Signal(object, object)  # the callback, the error (None when the write landed)

    def __init__(self) -> None:
        super().__init__(QApplication.instance())
        # Imported here, at the first save: Qt's namespace costs the first window ~15 ms.
        from PySide6.QtCore import Qt

        self.landed.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _deliver(callback: Callable[[BaseException | None], None],
                 error: BaseException | None) -> None:
        callback(error)


_relay: _Relay | None = None


def on_landed(ticket: Future[Any], callback: Callable[[BaseException | None], None]) -> None:
    """Call ``callback(error or None)`` on the UI thread once ``ticket`` is done (always
    through the event loop, even when it is done already). Call from the UI thread."""
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        _relay = _Relay()
    relay = _relay
    ticket.add_done_callback(lambda done: relay.landed.emit(callback, done.exception()))


class PendingSave(QObject):
    """One form's wait for its save: buttons off, "Saving…" after a moment, then a verdict."""

    def __init__(self, owner: QWidget, session: Session, controls: Sequence[QWidget],
                 show: Callable[[str], None]) -> None:
        super().__init__(owner)
        self.session = session
        self.controls = list(controls)
        self.show = show  # puts a line of status into the form ("" clears it)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOW_SAVING_AFTER_MS)
        self._timer.timeout.connect(lambda: self.show(_(SAVING)))
        self.waiting = False

    def wait(self, landed: Callable[[], None], failed: Callable[[OSError], None]) -> bool:
        """Wait for every write made so far; then ``landed()`` or ``failed(error)``.

        True (and no call) when they have all landed already: the caller goes on at once,
        with no flicker of disabled buttons.
        """
        ticket = self.session.ticket()
        if ticket.done() and ticket.exception() is None:
            return True
        self.waiting = True
        for control in self.controls:
            control.setEnabled(False)
        self._timer.start()
        on_landed(ticket, self._guarded(landed, failed))
        return False

    def _guarded(self, landed: Callable[[], None],
                 failed: Callable[[OSError], None]) -> Callable[[BaseException | None], None]:
        def done(error: BaseException | None) -> None:
            if not shiboken6.isValid(self):
                if error is not None:
                    self.session.recover()  # the form is gone; the screens still redraw
                return
            self.waiting = False
            self._timer.stop()
            self.show("")
            for control in self.controls:
                control.setEnabled(True)
            if error is None:
                landed()
                return
            self.session.recover()
            failed(error if isinstance(error, OSError) else OSError(str(error)))

        return done

