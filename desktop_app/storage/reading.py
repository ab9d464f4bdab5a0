"""Reading a file of the profiles folder safely: a regular file of a sane size, or a clear
reason why not (never blocking on a pipe, never reading a device)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from desktop_app.i18n import _
from desktop_app.storage.schema import NotAProfileFileError

# Larger than any profile Groundwork writes by far: fifty years of twice-daily check-ins are
# 5.8 MB. Parsing costs about 4.6 times the file size in memory, so this keeps a stray huge
# file from taking gigabytes (and a link to /dev/zero is refused before any read anyway).
MAX_PROFILE_BYTES = 64 * 1024 * 1024


def read_profile_file(path: Path) -> bytes:
    """The bytes of a profile file, read only if it is a regular file of a sane size.

    Raises :class:`NotAProfileFileError` for anything else (never blocks on a pipe or reads a
    device), and ``FileNotFoundError`` when the entry is gone.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if not os.path.islink(path):
            raise
        target = os.readlink(path)
        raise NotAProfileFileError(
            path, _("it is a link to {target}, which does not exist").format(target=target)
        ) from None
    except OSError as error:
        raise NotAProfileFileError(
            path, _("it could not be examined ({error})").format(error=error.strerror)
        ) from None
    _check_kind(path, info)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise
    except OSError as error:
        raise NotAProfileFileError(
            path, _("it could not be read ({error})").format(error=error.strerror)
        ) from None
    try:
        with os.fdopen(fd, "rb") as handle:
            # Checked again on what was opened: the entry may have been swapped meanwhile.
            _check_kind(path, os.fstat(handle.fileno()))
            raw = handle.read(MAX_PROFILE_BYTES + 1)
    except OSError as error:
        raise NotAProfileFileError(
            path, _("it could not be read ({error})").format(error=error.strerror)
        ) from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise NotAProfileFileError(path, _too_large())
    return raw


def _check_kind(path: Path, info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode):
        if info.st_size > MAX_PROFILE_BYTES:
            raise NotAProfileFileError(path, _too_large(info.st_size))
        return
    if stat.S_ISDIR(info.st_mode):
        kind = _("a folder")
    elif stat.S_ISFIFO(info.st_mode):
        kind = _("a pipe")
    elif stat.S_ISSOCK(info.st_mode):
        kind = _("a socket")
    elif stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
        kind = _("a device")
    else:
        kind = _("something other than a file")
    if os.path.islink(path):
        raise NotAProfileFileError(
            path, _("it is a link to {target}, which is {kind}, not a file").format(
                target=os.path.realpath(path), kind=kind
            )
        )
    raise NotAProfileFileError(path, _("it is {kind}, not a file").format(kind=kind))


def _too_large(size: int | None = None) -> str:
    limit = MAX_PROFILE_BYTES // (1024 * 1024)
    if size is None:
        return _("it is larger than any profile can be ({limit} MB at most)").format(limit=limit)
    shown = f"{size / (1024 * 1024):,.0f}"
    return _("it is larger ({size} MB) than any profile can be ({limit} MB at most)").format(
        size=shown, limit=limit
    )
