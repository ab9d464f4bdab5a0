"""One running Groundwork per data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


class InstanceLock:
    """A ``QLockFile`` in the data folder; a lock left by a killed process is taken over."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "groundwork.lock"
        self._lock = QLockFile(str(self.path))
        # No age limit: a live Groundwork may run for weeks. Qt still removes a lock whose
        # process is gone (it checks the PID and program name).
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        if self._lock.tryLock(0):
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            # tryLock clears stale locks of dead processes itself; try once more in case
            # the holder exited between the two checks.
            self._lock.removeStaleLockFile()
            return bool(self._lock.tryLock(0))
        return False

    def holder_pid(self) -> int | None:
        pid, _host, _app = self._lock.getLockInfo()
        return int(pid) or None

    def release(self) -> None:
        self._lock.unlock()
