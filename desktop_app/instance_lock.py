"""One running Groundwork per data folder."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLockFile

from desktop_app.i18n import _
from desktop_app.lock_file import usable_lock_folder


class LockUnavailableError(Exception):
    """The lock could not be taken for a reason other than another running Groundwork.

    ``str()`` is a sentence for a person (a full disk, a read-only folder, ...).
    """


class InstanceLock:
    """A ``QLockFile`` named for one data folder; a lock left by a killed process is taken over.

    It lives in the first of ``folders`` that exists or can be made (the runtime folder, then
    the state folder), never in the data folder: a sync engine would carry it to another
    computer.
    """

    def __init__(self, folders: Sequence[Path], name: str) -> None:
        if not folders:
            raise ValueError("no folder for the lock")
        self._folders = list(folders)
        self.path = self._folders[0] / name
        self._lock: QLockFile | None = None

    def acquire(self) -> bool:
        """True once held; False only when another live Groundwork holds it.

        Raises :class:`LockUnavailableError` for every other failure.
        """
        self.path = self._usable_folder() / self.path.name
        self._lock = lock = QLockFile(str(self.path))
        # No age limit: a live Groundwork may run for weeks. Qt still removes a lock whose
        # process is gone (it checks the PID and program name).
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            return True
        if lock.error() == QLockFile.LockError.LockFailedError:
            # tryLock clears stale locks of dead processes itself; try once more in case
            # the holder exited between the two checks.
            lock.removeStaleLockFile()
            if lock.tryLock(0):
                return True
            if lock.error() == QLockFile.LockError.LockFailedError:
                return False
        raise LockUnavailableError(self._explain(lock.error()))

    def _usable_folder(self) -> Path:
        try:
            return usable_lock_folder(self._folders)
        except OSError as error:
            raise LockUnavailableError(str(error)) from None

    def _explain(self, error: QLockFile.LockError) -> str:
        folder = self.path.parent
        # Qt gives no errno; writing a small file ourselves finds the real cause.
        cause = _write_probe(folder)
        if cause is None:
            cause = (
                _("permission denied")
                if error == QLockFile.LockError.PermissionError
                else _("an unknown error")
            )
        return _("Groundwork could not create its lock file in {folder}: {cause}").format(
            folder=folder, cause=cause
        )

    def holder_pid(self) -> int | None:
        if self._lock is None:
            return None
        pid, _host, _app = self._lock.getLockInfo()
        return int(pid) or None

    def release(self) -> None:
        if self._lock is not None:
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
