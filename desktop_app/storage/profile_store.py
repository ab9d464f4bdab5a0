"""The profiles folder: list, create, rename, delete, and set aside unreadable files."""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.storage.repository import ProfileRepository
from desktop_app.storage.schema import (
    NotAProfileFileError,
    ProfileFileError,
    Tables,
    meta_of,
    parse_profile_bytes,
)

# Larger than any profile Groundwork writes by far: fifty years of twice-daily check-ins are
# 5.8 MB. Parsing costs about 4.6 times the file size in memory, so this keeps a stray huge
# file from taking gigabytes (and a link to /dev/zero is refused before any read anyway).
MAX_PROFILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ProfileInfo:
    """What the profile list shows: the id (file stem) and the display name."""

    id: str
    name: str
    path: Path
    created_at: str


@dataclass(frozen=True)
class SetAside:
    """A file that could not be opened: moved, untouched, out of the way (``moved_to``), or
    left where it is when it is not a regular file we may read (``moved_to`` is None)."""

    original: Path
    moved_to: Path | None
    reason: str


class ProfileStore:
    """Profiles live in ``<data>/profiles/<id>.json``; ids are random, never display names."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "profiles"
        self.set_aside_folder = self.folder / "set-aside"
        self.backup_folder = self.folder / "backups"
        # What the last scan parsed, so opening a profile right after does not parse it again
        # (64 ms for twenty years). Keyed on the exact bytes, so it cannot go stale.
        self._parsed: dict[Path, tuple[bytes, Tables]] = {}
        # Entries left in place are reported once per run, not at every rescan.
        self._reported: set[tuple[Path, str]] = set()

    def ensure(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def scan(self, now: datetime) -> tuple[list[ProfileInfo], list[SetAside]]:
        """Readable profiles by name, and the unreadable entries just found."""
        profiles: list[ProfileInfo] = []
        set_aside: list[SetAside] = []
        self._parsed.clear()
        if not self.folder.is_dir():
            return profiles, set_aside
        for path in sorted(self.folder.glob("*.json")):
            try:
                raw = read_profile_file(path)
                tables = parse_profile_bytes(path, raw)
            except FileNotFoundError:
                continue  # removed since the listing (a sync engine at work)
            except NotAProfileFileError as error:
                set_aside.extend(self._leave(path, error.reason))
                continue
            except ProfileFileError as error:
                if path.is_symlink():
                    # Moving a link would break a relative one and not move the bytes anyway.
                    target = os.path.realpath(path)
                    reason = f"it is a link to {target}, which is not a usable profile: "
                    set_aside.extend(self._leave(path, reason + error.reason))
                else:
                    set_aside.extend(self._set_aside_or_leave(path, error.reason, now))
                continue
            self._parsed[path] = (raw, tables)
            meta = meta_of(tables)
            profiles.append(
                ProfileInfo(
                    id=path.stem,
                    name=str(meta.get("profile_name") or path.stem),
                    path=path,
                    created_at=str(meta.get("created_at", "")),
                )
            )
        profiles.sort(key=lambda p: p.name.casefold())
        return profiles, set_aside

    def _leave(self, path: Path, reason: str) -> list[SetAside]:
        """Report an entry left where it is, once per run rather than at every rescan."""
        if (path, reason) in self._reported:
            return []
        self._reported.add((path, reason))
        return [SetAside(path, None, reason)]

    def _set_aside_or_leave(self, path: Path, reason: str, now: datetime) -> list[SetAside]:
        try:
            return [self.set_aside(path, reason, now)]
        except OSError as error:
            return self._leave(path, f"{reason}; it could not be moved ({error.strerror})")

    def set_aside(self, path: Path, reason: str, now: datetime) -> SetAside:
        """Move an unreadable file aside, byte for byte, so nothing can overwrite it."""
        self.set_aside_folder.mkdir(parents=True, exist_ok=True)
        target = self.set_aside_folder / f"{path.stem}.{now.strftime('%Y%m%dT%H%M%S')}.json"
        counter = 1
        while target.exists():
            counter += 1
            target = target.with_name(f"{path.stem}.{now.strftime('%Y%m%dT%H%M%S')}-{counter}.json")
        os.replace(path, target)
        return SetAside(path, target, reason)

    def create(self, name: str, now: datetime) -> ProfileRepository:
        self.ensure()
        while True:
            path = self.folder / f"profile-{secrets.token_hex(4)}.json"
            if not os.path.lexists(path):
                return ProfileRepository.create(path, name, now)

    def open(self, profile_id: str, now: datetime) -> ProfileRepository:
        path = self.path_of(profile_id)
        cached = self._parsed.pop(path, None)
        self._parsed.clear()  # one profile is open at a time; let the others go
        raw = read_profile_file(path)
        if cached is not None and cached[0] == raw:
            parsed = cached[1]
        else:
            parsed = parse_profile_bytes(path, raw)
        return ProfileRepository.open(
            path, now=now, backup_dir=self.backup_folder, parsed=parsed
        )

    def path_of(self, profile_id: str) -> Path:
        path = self.folder / f"{profile_id}.json"
        if path.parent != self.folder or not profile_id:
            raise ValueError(f"not a profile id: {profile_id!r}")
        return path

    def delete(self, profile_id: str) -> None:
        self.path_of(profile_id).unlink()


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
            path, f"it is a link to {target}, which does not exist"
        ) from None
    except OSError as error:
        raise NotAProfileFileError(path, f"it could not be examined ({error.strerror})") from None
    _check_kind(path, info)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise
    except OSError as error:
        raise NotAProfileFileError(path, f"it could not be read ({error.strerror})") from None
    try:
        with os.fdopen(fd, "rb") as handle:
            # Checked again on what was opened: the entry may have been swapped meanwhile.
            _check_kind(path, os.fstat(handle.fileno()))
            raw = handle.read(MAX_PROFILE_BYTES + 1)
    except OSError as error:
        raise NotAProfileFileError(path, f"it could not be read ({error.strerror})") from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise NotAProfileFileError(path, _too_large())
    return raw


def _check_kind(path: Path, info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode):
        if info.st_size > MAX_PROFILE_BYTES:
            raise NotAProfileFileError(path, _too_large(info.st_size))
        return
    if stat.S_ISDIR(info.st_mode):
        kind = "a folder"
    elif stat.S_ISFIFO(info.st_mode):
        kind = "a pipe"
    elif stat.S_ISSOCK(info.st_mode):
        kind = "a socket"
    elif stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
        kind = "a device"
    else:
        kind = "something other than a file"
    if os.path.islink(path):
        raise NotAProfileFileError(
            path, f"it is a link to {os.path.realpath(path)}, which is {kind}, not a file"
        )
    raise NotAProfileFileError(path, f"it is {kind}, not a file")


def _too_large(size: int | None = None) -> str:
    limit = MAX_PROFILE_BYTES // (1024 * 1024)
    shown = f" ({size / (1024 * 1024):,.0f} MB)" if size is not None else ""
    return f"it is larger{shown} than any profile can be ({limit} MB at most)"
