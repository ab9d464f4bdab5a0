"""Reading a backup, and putting this computer's files back from one, crash-safely.

A restore swaps this computer's device folder for the backup's copy of it:

1. the backup's files (this device's only; the current key file is kept) are copied into
   ``profiles/<p>/.restore-<device>``, each fsynced;
2. the marker ``.restore-<device>.ready`` is written: from here on the restore happens;
3. ``<device>`` is renamed to ``.restore-<device>.old``, the new folder renamed into place;
4. the marker and the old folder are removed.

``finish_restore`` (run before the profile is opened) rolls a killed restore forward when
the marker is there, and back (removing the half-built folder) when it is not, so the
profile is always whole: as before the restore, or as after it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any

from desktop_app.i18n import _
from desktop_app.storage.atomic import atomic_write_bytes, fsync_dir, remove_stale_temp_files
from desktop_app.storage.backups import KEY_FILE, Backup, BackupError, backup_files, verify
from desktop_app.storage.crypto import FileCipher, decode_raw
from desktop_app.storage.merge import merge_files
from desktop_app.storage.schema import ProfileFileError
from desktop_app.storage.shards import parse_file


def read_backup(backup: Backup, cipher: FileCipher | None
                ) -> tuple[dict[str, dict[str, dict[str, Any]]], list[str]]:
    """What a backup holds, merged like the profile itself (visible records by kind and id),
    and the files that could not be read. Encrypted copies are opened as their original path."""
    files = {}
    unreadable = []
    for copy, original in backup_files(backup).items():
        if copy.name == KEY_FILE:
            continue
        try:
            plain = decode_raw(original, copy.read_bytes(), cipher)
            files[original] = parse_file(original, plain, original.parent.name).versions
        except ProfileFileError as error:
            unreadable.append(f"{original.parent.name}/{original.name}: {error.reason}")
        except OSError as error:
            unreadable.append(f"{original.parent.name}/{original.name}: {error}")
    return merge_files(files), unreadable


def own_copies(backup: Backup, device: str) -> dict[Path, Path]:
    """The backup's copies of ``device``'s files (its key file left out)."""
    return {copy: original for copy, original in backup_files(backup).items()
            if original.parent.name == device and copy.name != KEY_FILE}


def check_restorable(backup: Backup, device: str, cipher: FileCipher | None) -> None:
    """``BackupError`` saying why the backup cannot be restored here, if it cannot."""
    problems = verify(backup)
    if problems:
        raise BackupError(
            _("the backup is damaged: {problems}").format(problems="; ".join(problems))
        )
    copies = own_copies(backup, device)
    if not copies:
        raise BackupError(_("the backup holds nothing this computer wrote"))
    for copy, original in copies.items():
        try:
            decode_raw(original, copy.read_bytes(), cipher)
        except ProfileFileError as error:
            raise BackupError(
                _("{file} cannot be read with this profile's key: {reason}").format(
                    file=original.name, reason=error.reason
                )
            ) from None


def _names(profile_folder: Path, device: str) -> tuple[Path, Path, Path]:
    return (profile_folder / f".restore-{device}", profile_folder / f".restore-{device}.ready",
            profile_folder / f".restore-{device}.old")


def restore_own(profile_folder: Path, device: str, backup: Backup) -> int:
    """Put ``device``'s files back as the backup holds them (the current key file kept);
    how many files. Other computers' folders are never touched."""
    building, ready, _rest = _names(profile_folder, device)
    finish_restore(profile_folder, device)
    building.mkdir()
    copies = own_copies(backup, device)
    for copy, original in copies.items():
        atomic_write_bytes(building / original.name, copy.read_bytes())
    key = profile_folder / device / KEY_FILE
    if key.is_file():
        atomic_write_bytes(building / KEY_FILE, key.read_bytes())
    fsync_dir(building)
    atomic_write_bytes(ready, b"restore\n")  # the commit point
    finish_restore(profile_folder, device)
    return len(copies)


def finish_restore(profile_folder: Path, device: str) -> None:
    """Complete a restore that was committed, or undo one that was not (see above)."""
    building, ready, old = _names(profile_folder, device)
    own = profile_folder / device
    remove_stale_temp_files(ready)  # a marker whose write was killed: not a commit
    if not ready.exists():
        shutil.rmtree(building, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)  # not possible without the marker; harmless
        return
    if building.is_dir():
        if own.exists() and not old.exists():
            os.rename(own, old)
        elif own.exists():
            shutil.rmtree(own)  # a killed finish already moved the old folder aside
        os.rename(building, own)
        fsync_dir(profile_folder)
    with contextlib.suppress(FileNotFoundError):
        ready.unlink()
    fsync_dir(profile_folder)
    shutil.rmtree(old, ignore_errors=True)
