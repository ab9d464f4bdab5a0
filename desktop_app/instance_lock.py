"""One running Groundwork per data folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile

from desktop_app.lock_file import lock_path


class LockUnavailableError(Exception):
    """The lock could not be taken for a reason other than another running Groundwork.

    ``str()`` is a sentence for a person (a full disk, a read-only folder, ...).
    """


class InstanceLock:
    """A ``QLockFile`` in the data folder; a lock left by a killed process is taken over."""

    def __init__(self, data_dir: Path) -> None:
        # Shared with the headless commands' lock (lock_file.py), so each sees the other.
        self.path = lock_path(data_dir)
        self._lock = QLockFile(str(self.path))
        # No age limit: a live Groundwork may run for weeks. Qt still removes a lock whose
        # process is gone (it checks the PID and program name).
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        """True once held; False only when another live Groundwork holds it.

        Raises :class:`LockUnavailableError` for every other failure.
        """
        if self._lock.tryLock(0):
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            # tryLock clears stale locks of dead processes itself; try once more in case
            # the holder exited between the two checks.
            self._lock.removeStaleLockFile()
            if self._lock.tryLock(0):
                return True
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
        raise LockUnavailableError(self._explain(self._lock.error()))

    def _explain(self, error: QLockFile.LockError) -> str:
        folder = self.path.parent
        # Qt gives no errno; writing a small file ourselves finds the real cause.
        cause = _write_probe(folder)
        if cause is None:
            cause = (
                "permission denied"
                if error == QLockFile.LockError.PermissionError
                else "an unknown error"
            )
        return f"Groundwork could not create its lock file in {folder}: {cause}"

    def holder_pid(self) -> int | None:
        pid, _host, _app = self._lock.getLockInfo()
        return int(pid) or None

    def release(self) -> None:
        self._lock.unlock()


def _write_probe(folder: Path) -> str | None:
    """Why a small file cannot be written in ``folder``, or None if it can."""
    try:
        fd, name = tempfile.mkstemp(prefix=".groundwork-probe.", dir=folder)
    except OSError as error:
        return str(error.strerror or error).lower()
    try:
        os.write(fd, b"x" * 512)
        os.fsync(fd)
    except OSError as error:
        return str(error.strerror or error).lower()
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
    return None
