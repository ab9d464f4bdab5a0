"""Take in files a sync engine delivers while Groundwork runs, without losing what is typed.

A ``QFileSystemWatcher`` watches what the session names (``session.watched_paths()``); events
are debounced (a sync engine delivers a burst of files), then the session re-reads what
changed. Screens are told the way a save tells them, except while a dialog, a wizard page
that is modal, or a popup is open: then the telling waits until it closes, so nothing is
rebuilt under the person (and the dialog's own save reaches the merged data).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop_app.services.session import Session

QUIET_MS = 500  # after the last file event: one refresh per burst


def person_is_busy() -> bool:
    """A dialog (modal) or a popup (menu, drop-down list) is open."""
    return (
        QApplication.activeModalWidget() is not None
        or QApplication.activePopupWidget() is not None
    )


class LiveRefresh(QObject):
    """Watches the open profile's files; one refresh after each quiet moment."""

    # Emitted after each look at the disk: True when something had changed.
    looked = Signal(bool)

    def __init__(
        self,
        session: Session,
        parent: QObject | None = None,
        *,
        quiet_ms: int = QUIET_MS,
        busy: Callable[[], bool] = person_is_busy,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._busy = busy
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._poke)
        self.watcher.directoryChanged.connect(self._poke)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(quiet_ms)
        self._quiet.timeout.connect(self._look)
        # Screens still to be told of a change taken in while the person was busy.
        self._untold = False
        self._wait = QTimer(self)
        self._wait.setInterval(quiet_ms)
        self._wait.timeout.connect(self._tell_when_free)
        self.looks = 0
        self._stopped = False
        session.subscribe(self._on_session_changed)
        self.rearm()

    # --- watching ----------------------------------------------------------------------
    def rearm(self) -> None:
        """Watch what the session names now (a replaced file, a folder that appeared)."""
        if self._stopped:
            return
        top = self.session.data_dir
        found = (_nearest_existing(path, top) for path in self.session.watched_paths())
        wanted = {str(path) for path in found if path is not None}
        held = set(self.watcher.files()) | set(self.watcher.directories())
        if held - wanted:
            self.watcher.removePaths(sorted(held - wanted))
        if wanted - held:
            # A path that vanished between the listing and here is simply not watched.
            self.watcher.addPaths(sorted(wanted - held))

    def _on_session_changed(self) -> None:
        # Another profile opened, or a save: watch its paths; nothing is left to tell.
        self._untold = False
        self._wait.stop()
        self.rearm()

    def _poke(self, _path: str = "") -> None:
        if not self._stopped:
            self._quiet.start()  # restarts: the refresh waits for the burst to end

    # --- refreshing --------------------------------------------------------------------
    def _look(self) -> None:
        self.looks += 1
        self.rearm()  # an atomic replace drops the file from the watch; folders may appear
        changed = self.session.refresh_from_disk(notify=False)
        if changed:
            self._untold = True
            # A turn of the event loop between reading and redrawing: the longest stall is
            # the larger of the two, not their sum.
            QTimer.singleShot(0, self, self._tell_when_free)
        self.looked.emit(changed)

    def _tell_when_free(self) -> None:
        if not self._untold:
            self._wait.stop()
            return
        if self._busy():
            self._wait.start()
            return
        self._wait.stop()
        # notify() calls _on_session_changed, which clears ``_untold``.
        self.session.notify()

    def stop(self) -> None:
        """Stop watching and let the watcher's system handle go (each is a scarce inotify
        instance: 128 per user by default)."""
        self._stopped = True
        self._quiet.stop()
        self._wait.stop()
        self._untold = False
        held = self.watcher.files() + self.watcher.directories()
        if held:
            self.watcher.removePaths(held)
        # Now, not deleteLater(): deferred deletes wait for an event loop that may never run
        # again (a closed window in a test, or a window closed on the way out).
        shiboken6.delete(self.watcher)

    @property
    def waiting_to_tell(self) -> bool:
        return self._untold


def _nearest_existing(path: Path, top: Path) -> Path | None:
    """``path``, or the closest folder above it (up to ``top``) that exists, so that its
    creation is noticed."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
        if candidate == top:
            break
    return None
