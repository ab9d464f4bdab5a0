"""What a start made (``app.prepare``), shared by ``app`` and the steps after the first
paint (``start_steps``); and ``say``, a line on stderr for the person who started it."""

from __future__ import annotations

import gc
import logging
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.cli import printable

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from desktop_app.home_copy import HomeCopy
    from desktop_app.instance_lock import InstanceLock
    from desktop_app.services.session import Session
    from desktop_app.start_read import ReadJob
    from desktop_app.ui.instance_beacon import Beacon
    from desktop_app.ui.main_window import MainWindow


@dataclass
class Startup:
    """Everything ``main`` made, so tests can drive the window before the event loop."""

    app: QCoreApplication
    window: MainWindow
    session: Session
    lock: InstanceLock
    notices: list[str] = field(default_factory=list)
    # True once the profile is open and shown (right after the window's first paint).
    ready: bool = False
    # True once ``notices`` is complete (the records left out are looked for after Home paints).
    notices_said: bool = False
    # Brings the window forward when Groundwork is started again (made after the first paint).
    beacon: Beacon | None = None
    # This computer's copy of what Home showed (``home_snapshot``), for a fast next start.
    home_copy: HomeCopy | None = None
    # Set by ``shutdown``: the start's remaining steps (``start_steps``) then do nothing.
    stopped: bool = False
    # The first profile's read on a worker (``start_read``), once it started.
    first_read: ReadJob | None = None

    def shutdown(self) -> None:
        self.stopped = True
        gc.enable()  # should it close before Home painted
        gc.unfreeze()  # what the start froze (``start_steps``) may be collected again
        if self.beacon is not None:
            self.beacon.close()
            self.beacon = None
        if self.window.live_refresh is not None:  # the window may never have been closed
            self.window.live_refresh.stop()
            self.window.live_refresh = None
        from desktop_app.ui.quit_wait import QUIT_WAIT_S

        # The window waited for the writes already, unless it was never closed.
        bound = 0.0 if self.window.quit_wait.abandoned else QUIT_WAIT_S
        if self.first_read is not None:
            # Closed while the first profile was read: what was read is let go of.
            self.first_read.abandon(bound)
        from desktop_app.ui.background import wait_for_background

        # No worker of the start (the read, the lists' warm-up) runs on past the session.
        wait_for_background(int(bound * 1000))
        if self.home_copy is not None and self.ready and self.session.flush(bound):
            self.home_copy.keep()  # what the last save left, for the next start
        if not self.session.close(timeout=bound):
            logging.getLogger(__name__).warning(
                "closed with writes that had not landed after %.1f s", bound)
        self.lock.release()


def say(message: str) -> None:
    """One line on stderr; whatever the person typed is repeated with escapes only."""
    print(f"groundwork: {printable(message, limit=2000)}", file=sys.stderr)
