"""Crash-safe file replacement."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from desktop_app.i18n import _


class StorageWriteError(OSError):
    """A write failed; the previous file is untouched."""


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a directory; NTFS journals the rename itself.
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: through a symbolic link, the file it names.

    Replacing the link itself would turn it into a plain file, and the file it pointed to
    (kept in a synced folder, say) would silently stop receiving saves.
    """
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.is_file():
        raise StorageWriteError(
            errno.ENOENT,
            _("Could not save {file}: it is a link to {target}, which is no longer a file").format(
                file=path.name, target=target
            ),
        )
    return target


def remove_stale_temp_files(path: Path) -> None:
    """Delete temp files a killed writer left beside ``path`` (only one writer runs)."""
    try:
        target = write_target(path)
    except StorageWriteError:
        return  # a dangling link: nothing of ours to clean
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so a crash leaves either the old or the new file.

    The temp file lives in the same folder as the file replaced (the link's target when
    ``path`` is a symbolic link) so ``os.replace`` is a rename on one file system.
    """
    path = write_target(path)
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StorageWriteError(
            error.errno,
            _("Could not save {file}: {error}").format(
                file=path.name, error=error.strerror or error
            ),
        ) from error
    fsync_dir(folder)
