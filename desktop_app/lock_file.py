"""The instance lock without Qt, for headless commands that write (``groundwork import``).

It is the same file the app's ``QLockFile`` takes (:func:`lock_path`), made the way Qt makes
it: created exclusively, holding the process id, the program's name and the host name, and
native locks (``flock`` and ``fcntl``) for as long as it is held. So the app sees a live
Groundwork while an import runs, and an import sees the app. A lock file whose native locks
are free (its process is gone) is stale and taken over, as the app's InstanceLock does.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def usable_lock_folder(folders: Sequence[Path]) -> Path:
    """The first of ``folders`` that exists or can be made (the app's lock uses it too);
    ``OSError`` naming every folder tried when none can."""
    causes: list[str] = []
    for folder in folders:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            causes.append(f"{folder} ({str(error.strerror or error).lower()})")
            continue
        if folder.is_dir():
            return folder
        causes.append(f"{folder} (not a folder)")
    raise OSError("Groundwork could not make a folder for its lock file: " + "; nor ".join(causes))


def lock_path(data_dir: Path) -> Path:
    """Where the instance lock of a data folder lives: the same file the app's InstanceLock
    takes (this computer's runtime folder, else its state folder; never the data folder)."""
    from desktop_app.local_state import LocalFolders

    local = LocalFolders.of_this_computer()
    return usable_lock_folder(local.lock_folders()) / local.lock_name(data_dir)


class LockBusyError(Exception):
    """Another live Groundwork holds the lock."""


class HeadlessLock:
    """Held from :meth:`acquire` until :meth:`release`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path: Path | None = None
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`LockBusyError` (another Groundwork holds it) or
        ``OSError`` (it cannot be made at all)."""
        self.path = path = lock_path(self.data_dir)
        for _attempt in range(2):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                if not _remove_if_stale(path):
                    raise LockBusyError(str(path)) from None
                continue
            # Qt removes a lock file whose native locks it can take: hold them, as Qt does.
            _native_lock(fd)
            try:
                os.write(fd, _contents())
                os.fsync(fd)
            except OSError:
                os.close(fd)
                with contextlib.suppress(OSError):
                    os.unlink(path)
                raise
            self._fd = fd
            return
        raise LockBusyError(str(path))

    def release(self) -> None:
        if self._fd is None or self.path is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None


def _native_lock(fd: int) -> bool:
    """flock and an fcntl write lock on the whole file, as QLockFile takes them."""
    try:
        import fcntl
    except ImportError:  # Windows: an open file cannot be deleted, which is the lock there
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _remove_if_stale(path: Path) -> bool:
    """Remove a lock nobody holds any more (its native locks are free), as Qt's
    ``removeStaleLockFile`` does; True when it is gone."""
    if sys.platform == "win32":
        try:
            os.unlink(path)  # fails while the holder has it open
        except FileNotFoundError:
            return True
        except OSError:
            return False
        return True
    try:
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return True  # released meanwhile
    except OSError:
        return False
    try:
        if not _native_lock(fd):
            return False
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        return True
    finally:
        os.close(fd)


def _program_name() -> str:
    # Qt compares this with the name of the running process (/proc/PID/exe on Linux).
    try:
        return os.path.basename(os.readlink("/proc/self/exe"))
    except OSError:
        return os.path.basename(os.path.realpath(sys.executable))


def _contents() -> bytes:
    import socket  # not at import: start-up loads this module before the window shows

    return f"{os.getpid()}\n{_program_name()}\n{socket.gethostname()}\n".encode()
