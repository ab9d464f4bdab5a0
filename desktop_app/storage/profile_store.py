"""The profiles folder: list, create, rename, delete, migrate format 1, report odd entries.

Listing reads only each profile's small ``profile.json`` files (one per device). Odd entries
are never moved or deleted (in a synced folder a move travels as a delete): readable bytes
are copied to ``set-aside/`` once, anything else is left where it is and reported once.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.i18n import _
from desktop_app.storage import keyfile, migrate_v1
from desktop_app.storage.crypto import FileCipher
from desktop_app.storage.debris import SetAside, copy_aside
from desktop_app.storage.layout import PROFILE_FILE, PROFILE_TABLE, is_profile_id, new_profile_id
from desktop_app.storage.merge import merge_files
from desktop_app.storage.profile_files import device_folders
from desktop_app.storage.reading import MAX_PROFILE_BYTES, read_profile_file
from desktop_app.storage.repository import ProfileRepository, ReadOnlyError
from desktop_app.storage.restore import finish_restore
from desktop_app.storage.schema import (
    NewerSchemaError,
    NotAProfileFileError,
    ProfileFileError,
    meta_of,
    parse_profile_bytes,
)
from desktop_app.storage.shards import ShardFile, Signature, parse_file, signature_of

__all__ = ["MAX_PROFILE_BYTES", "ProfileInfo", "ProfileStore", "SetAside", "read_profile_file"]


@dataclass(frozen=True)
class ProfileInfo:
    """What the profile list shows: the id (folder name, or a format-1 file's stem) and name."""

    id: str
    name: str
    path: Path
    created_at: str


class ProfileStore:
    """Profiles live in ``<data>/profiles/<profile-id>/``; ids are random, never names."""

    def __init__(self, data_dir: Path, device: str, clock: Callable[[], datetime], *,
                 read_only: bool = False) -> None:
        self.folder = data_dir / "profiles"
        # Read-only (an export): nothing in the data folder is written, moved or removed;
        # a format-1 profile is migrated in memory only, and odd entries are only reported.
        self.read_only = read_only
        self.set_aside_folder = self.folder / "set-aside"
        self.backup_folder = self.folder / "backups"
        self.device = device
        self.clock = clock
        # Entries reported this run, and odd files by what they were when looked at.
        self._reported: set[tuple[Path, str]] = set()
        self._odd: dict[Path, Signature] = {}
        self._aliases: dict[str, str] = {}  # a format-1 file's stem -> its migrated id
        self._pending: dict[str, str] = {}  # a migrated id -> a format-1 stem still to join

    def ensure(self) -> None:
        self._writable()
        self.folder.mkdir(parents=True, exist_ok=True)
        private_folder(self.folder.parent)

    def scan(self, now: datetime) -> tuple[list[ProfileInfo], list[SetAside]]:
        """Readable profiles by name, and the odd entries just found."""
        profiles: list[ProfileInfo] = []
        set_aside: list[SetAside] = []
        if not self.folder.is_dir():
            return profiles, set_aside
        if not self.read_only:
            private_folder(self.folder.parent)
        entries = sorted(self.folder.iterdir())
        for path in entries:  # format 1 first: finishing a migration adds a folder
            if path.name.endswith(".json") and not path.name.startswith("."):
                found = self._scan_v1(path, set_aside)
                if found is not None:
                    profiles.append(found)
            elif path.name.endswith((f".{self.device}.migrating", ".deleted")) and (
                not self.read_only
            ):
                shutil.rmtree(path, ignore_errors=True)  # a migration or delete cut short
        for path in sorted(self.folder.iterdir()):
            if is_profile_id(path.name) and path.is_dir():
                info = self._scan_folder(path)
                if info is not None:
                    profiles.append(info)
        profiles.sort(key=lambda p: p.name.casefold())
        return profiles, set_aside

    def _scan_folder(self, folder: Path) -> ProfileInfo | None:
        keys, _damaged = keyfile.read_key_files(folder)
        latest = keyfile.newest(keys)
        if latest is not None and latest.protected:
            # Encrypted: only the key files' display name is readable without the key.
            name = keyfile.display_name(keys) or folder.name
            return ProfileInfo(id=folder.name, name=name, path=folder, created_at="")
        files = {}
        newer = False
        for device_dir in device_folders(folder):
            path = device_dir / PROFILE_FILE
            try:
                files[path] = parse_file(path, read_profile_file(path), device_dir.name).versions
            except NewerSchemaError:
                newer = True  # listed, so that opening it says why it cannot be read
            except (OSError, ProfileFileError):
                continue  # not delivered yet, or unreadable: the repository reports it
        if not files and not newer and not keys:
            return None  # an empty or half-synced folder: nothing to show yet
        meta = {rid: f.get("value") for rid, f in merge_files(files).get(PROFILE_TABLE, {}).items()}
        if isinstance(meta.get(migrate_v1.V1_ID_KEY), str):
            self._aliases[str(meta[migrate_v1.V1_ID_KEY])] = folder.name
        return ProfileInfo(
            id=folder.name,
            name=str(meta.get("profile_name") or keyfile.display_name(keys) or folder.name),
            path=folder,
            created_at=str(meta.get("created_at", "")),
        )

    def _scan_v1(self, path: Path, set_aside: list[SetAside]) -> ProfileInfo | None:
        with contextlib.suppress(OSError):
            if self._odd.get(path) == signature_of(os.lstat(path)):
                return None  # looked at already, unchanged
        raw = b""
        try:
            raw = read_profile_file(path)
            tables = parse_profile_bytes(path, raw)
        except FileNotFoundError:
            return None  # removed since the listing (a sync engine at work)
        except NotAProfileFileError as error:
            set_aside.extend(self._leave(path, error.reason))
            return None
        except ProfileFileError as error:
            reason = error.reason
            if path.is_symlink():
                target = os.path.realpath(path)
                reason = _(
                    "it is a link to {target}, which is not a usable profile: {reason}"
                ).format(target=target, reason=reason)
                set_aside.extend(self._leave(path, reason))
            else:
                set_aside.extend(self._copy_or_leave(path, raw, reason))
            return None
        target = migrate_v1.target_id(path.stem, tables)
        if migrate_v1.done_for(self.folder, target, self.device):
            if self.read_only:
                return None  # migrated already: the folder is listed
            with contextlib.suppress(OSError, ProfileFileError):
                migrate_v1.migrate_v1(path, tables, raw, device=self.device,
                                      backups=self.backup_folder)
            return None
        if (self.folder / target).is_dir():
            # Another computer's migration of the same file arrived: one profile is listed,
            # and this file joins it when it is opened.
            self._pending[target] = path.stem
            return None
        meta = meta_of(tables)
        return ProfileInfo(id=path.stem, name=str(meta.get("profile_name") or path.stem),
                           path=path, created_at=str(meta.get("created_at", "")))

    def _remember_odd(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            self._odd[path] = signature_of(os.lstat(path))

    def _leave(self, path: Path, reason: str) -> list[SetAside]:
        """Report an entry left where it is, once per run rather than at every rescan."""
        self._remember_odd(path)
        if (path, reason) in self._reported:
            return []
        self._reported.add((path, reason))
        return [SetAside(path, None, reason)]

    def _copy_or_leave(self, path: Path, raw: bytes, reason: str) -> list[SetAside]:
        if self.read_only:
            return self._leave(path, reason)
        try:
            found = copy_aside(self.set_aside_folder, path, raw, "", reason)
        except OSError as error:
            return self._leave(path, _("{reason}; it could not be copied aside ({error})").format(
                reason=reason, error=error.strerror
            ))
        self._remember_odd(path)
        return [found] if found is not None else []

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(_("{name} is open read-only").format(name=self.folder))

    def create(self, name: str, now: datetime, *, cipher: FileCipher | None = None,
               before_first_write: Callable[[Path], None] | None = None) -> ProfileRepository:
        """A new profile; with ``cipher`` every file is encrypted, and
        ``before_first_write(folder)`` writes the key file before any of them."""
        self.ensure()
        while True:
            folder = self.folder / new_profile_id()
            if not os.path.lexists(folder):
                first = None if before_first_write is None else functools.partial(
                    before_first_write, folder)
                return ProfileRepository.create(folder, name, now, device=self.device,
                                                clock=self.clock,
                                                set_aside_folder=self.set_aside_folder,
                                                cipher=cipher, before_first_write=first)

    def open(self, profile_id: str, now: datetime, *, cipher: FileCipher | None = None,
             seal: bool | None = None) -> ProfileRepository:
        """Open a profile; a format-1 file is migrated first (after a verified backup)."""
        profile_id = self._aliases.get(profile_id, profile_id)
        if self.read_only:
            return self._open_read_only(profile_id, cipher)
        if profile_id in self._pending:
            self._migrate(self._pending.pop(profile_id))
        if not is_profile_id(profile_id):
            profile_id = self._migrate(profile_id)
        path = self.path_of(profile_id)
        private_folder(self.folder.parent)
        finish_restore(path, self.device)  # a restore killed half-way: forward or back
        return ProfileRepository.open(path, device=self.device, clock=self.clock,
                                      set_aside_folder=self.set_aside_folder,
                                      cipher=cipher, seal=seal)

    def _open_read_only(self, profile_id: str, cipher: FileCipher | None = None
                        ) -> ProfileRepository:
        """The profile merged in memory; a format-1 file (alone, or joining a folder another
        computer migrated) is migrated in memory, exactly as opening it would write it."""
        stem = self._pending.get(profile_id, profile_id)
        extra: list[ShardFile] = []
        if not is_profile_id(stem):
            v1 = self.path_of(stem).with_name(f"{stem}.json")
            tables = parse_profile_bytes(v1, read_profile_file(v1))
            profile_id = migrate_v1.target_id(stem, tables)
            device = self.folder / profile_id / self.device
            extra = migrate_v1.build_files(stem, tables, device, profile_id, self.device)
        return ProfileRepository.open(self.path_of(profile_id), device=self.device,
                                      clock=self.clock, set_aside_folder=self.set_aside_folder,
                                      read_only=True, extra=extra, cipher=cipher)

    def _migrate(self, stem: str) -> str:
        v1 = self.path_of(stem).with_name(f"{stem}.json")
        raw = read_profile_file(v1)
        tables = parse_profile_bytes(v1, raw)
        profile_id = migrate_v1.migrate_v1(v1, tables, raw, device=self.device,
                                           backups=self.backup_folder)
        self._aliases[stem] = profile_id
        return profile_id

    def path_of(self, profile_id: str) -> Path:
        path = self.folder / profile_id
        if path.parent != self.folder or not profile_id or profile_id.startswith("."):
            raise ValueError(f"not a profile id: {profile_id!r}")
        return path

    def delete(self, profile_id: str) -> None:
        """Remove the whole profile folder (every computer's files: a sync engine then
        deletes it everywhere; see docs/storage.md)."""
        self._writable()
        path = self.path_of(self._aliases.get(profile_id, profile_id))
        if is_profile_id(path.name):
            # One rename takes it out of the list at once; a failure leaves it as it was.
            gone = path.with_name(f".{path.name}.deleted")
            os.rename(path, gone)
            shutil.rmtree(gone, ignore_errors=True)
        else:
            path.with_name(f"{path.name}.json").unlink()


def private_folder(folder: Path) -> None:
    """Make the data folder readable by its owner only (POSIX); a failure changes nothing
    else (a folder on a file system without modes, or owned by someone else)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
