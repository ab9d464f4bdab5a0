"""Verified backups of a profile, taken by this computer, rotated 7 daily, 4 weekly, 12 monthly.

```
profiles/backups/<profile-id>/<device-id>/<YYYY-MM-DD>/           written ONLY by <device-id>
    manifest.json                  plain: each file's name, size and SHA-256 (no content)
    <device-id>/<name>.json        byte-for-byte copies of every device's files of the profile
    <device-id>/key.json
```

The copies are the files as they are on disk: an encrypted file stays encrypted and is
authenticated as its original path, so it can only be read, or restored, as that path.
A backup is built under a dot name, each file read back and compared, then renamed into
place in one step; a crash leaves a dot folder that the next backup removes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import threading
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop_app.i18n import _
from desktop_app.storage.atomic import atomic_write_bytes, fsync_dir
from desktop_app.storage.device import is_device_id
from desktop_app.storage.layout import Entry, classify
from desktop_app.storage.profile_files import device_folders
from desktop_app.storage.reading import read_profile_file

log = logging.getLogger(__name__)
LOCK = threading.Lock()  # one backup or restore in this process at a time
MANIFEST = "manifest.json"
KEY_FILE = "key.json"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
# A reseal's folders (storage/backup_seal.py): being built, committed, and a plain one going.
RESEALING, SEALED, DELETING = ".resealing", ".sealed", ".deleting"
SAFETY_DAYS = 7  # a copy made before a restore is kept this long, besides the rotation
# "2026-03-14" (the day's backup) or "2026-03-14-093015" (a copy made before a restore)
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d{6}))?$")


class BackupError(OSError):
    """A backup could not be made, read or verified; what is on disk is unchanged."""


@dataclass(frozen=True)
class Backup:
    """One backup folder: whose it is, the day, and whether it is a copy made before a
    restore (``safety``)."""

    path: Path
    profile_id: str
    device: str
    day: date
    safety: bool

    @property
    def name(self) -> str:
        return self.path.name


def backups_root(profile_folder: Path) -> Path:
    """``profiles/backups/<profile-id>``: every computer's backups of the profile."""
    return profile_folder.parent / "backups" / profile_folder.name


def own_folder(profile_folder: Path, device: str) -> Path:
    return backups_root(profile_folder) / device


def profile_files(profile_folder: Path) -> list[Path]:
    """Every file a backup holds: each device's files of ours, conflict copies, key file."""
    found: list[Path] = []
    for device_dir in device_folders(profile_folder):
        with contextlib.suppress(OSError):
            for entry in sorted(os.scandir(device_dir), key=lambda e: e.name):
                kind = classify(entry.name)
                wanted = kind in (Entry.OURS, Entry.CONFLICT) or entry.name == KEY_FILE
                if wanted and entry.is_file(follow_symlinks=False):
                    found.append(Path(entry.path))
    return found


def _parse(folder: Path, profile_id: str, device: str) -> Backup | None:
    match = _NAME.match(folder.name)
    if not match:
        return None
    try:
        day = date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return Backup(folder, profile_id, device, day, safety=match.group(2) is not None)


def list_backups(profile_folder: Path) -> list[Backup]:
    """Every computer's finished backups of the profile, newest first."""
    root = backups_root(profile_folder)
    found: list[Backup] = []
    for device_dir in sorted(root.iterdir()) if root.is_dir() else []:
        if not is_device_id(device_dir.name) or not device_dir.is_dir():
            continue
        for folder in device_dir.iterdir():
            backup = _parse(folder, profile_folder.name, device_dir.name)
            if backup is not None and folder.is_dir():
                found.append(backup)
    return sorted(found, key=lambda b: (b.name, b.device), reverse=True)


def has_backup_of(profile_folder: Path, device: str, day: date) -> bool:
    """Whether this computer already took the day's backup (copies before a restore aside)."""
    return (own_folder(profile_folder, device) / day.isoformat()).is_dir()


def take_backup(profile_folder: Path, device: str, now: datetime, *,
                safety: bool = False) -> Backup:
    """A verified copy of the profile's files as ``<day>`` (or ``<day>-<hhmmss>`` when
    ``safety``); ``FileExistsError`` if that name is taken, ``BackupError`` if a copy did
    not read back equal (nothing is left then)."""
    mine = own_folder(profile_folder, device)
    name = now.date().isoformat() + (now.strftime("-%H%M%S") if safety else "")
    target = mine / name
    if target.exists():
        raise FileExistsError(target)
    mine.mkdir(parents=True, exist_ok=True)
    remove_leftovers(mine)
    partial = mine / f".{name}.partial"
    partial.mkdir()
    try:
        entries = []
        for source in profile_files(profile_folder):
            try:
                raw = read_profile_file(source)
            except FileNotFoundError:
                continue  # gone since the listing: a sync engine at work
            except OSError as error:
                raise BackupError(
                    _("{file} could not be read: {error}").format(file=source.name, error=error)
                ) from error
            rel = f"{source.parent.name}/{source.name}"
            _copy_verified(partial / rel, raw)
            entries.append({"file": rel, "size": len(raw),
                            "sha256": hashlib.sha256(raw).hexdigest()})
        manifest = {"app": "groundwork-backup", "format": 1, "profile": profile_folder.name,
                    "device": device, "taken_at": now.isoformat(), "files": entries}
        _copy_verified(partial / MANIFEST, json.dumps(manifest, indent=1).encode())
        for folder in {p.parent for p in partial.rglob("*")} | {partial}:
            fsync_dir(folder)
        os.rename(partial, target)
        fsync_dir(mine)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    backup = _parse(target, profile_folder.name, device)
    assert backup is not None
    return backup


def take_daily(profile_folder: Path, device: str, now: datetime) -> Backup | None:
    """The day's backup, unless this computer took it already; then the rotation. A failure
    is logged and changes nothing: a backup never stops the work."""
    if not profile_folder.is_dir():
        return None
    with LOCK:
        try:
            if has_backup_of(profile_folder, device, now.date()):
                return None
            backup = take_backup(profile_folder, device, now)
            rotate(profile_folder, device, now.date())
        except OSError as error:
            log.warning("backup of a profile failed: %s", error)
            return None
    return backup


def _copy_verified(target: Path, raw: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, raw)
    if target.read_bytes() != raw:
        raise BackupError(_("the copy of {file} did not read back equal").format(file=target.name))


def verify(backup: Backup) -> list[str]:
    """What is wrong with a backup's files against its manifest (empty: all is well)."""
    try:
        manifest = json.loads((backup.path / MANIFEST).read_bytes())
        entries = list(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return [_("its list of files is missing or damaged")]
    problems = []
    for entry in entries:
        try:
            raw = (backup.path / str(entry["file"])).read_bytes()
            ok = hashlib.sha256(raw).hexdigest() == entry["sha256"]
        except (OSError, KeyError, TypeError):
            ok = False
        if not ok:
            problems.append(_("{file} is missing or changed").format(file=entry.get("file", "?")))
    return problems


def backup_files(backup: Backup) -> dict[Path, Path]:
    """Each copy in the backup → the original path it is authenticated as."""
    found: dict[Path, Path] = {}
    profile_folder = backup.path.parents[3] / backup.profile_id
    for device_dir in sorted(backup.path.iterdir()):
        if is_device_id(device_dir.name) and device_dir.is_dir():
            for copy in sorted(device_dir.iterdir()):
                if copy.is_file():
                    found[copy] = profile_folder / device_dir.name / copy.name
    return found


def remove_leftovers(mine: Path) -> None:
    """Remove what a killed backup or rotation left (dot folders under our backups), and
    complete a reseal that was committed (``backup_seal.finish``)."""
    finish_reseal(mine)
    for stale in mine.glob(".*"):
        if stale.is_dir() and stale.name.endswith((".partial", ".deleting")):
            shutil.rmtree(stale, ignore_errors=True)


def finish_reseal(mine: Path) -> None:
    """Complete or undo reseals a kill interrupted in this computer's backup folder
    (``backup_seal``): an uncommitted ``.resealing`` folder goes, a committed ``.sealed``
    one takes the place of the plain backup, which goes."""
    try:
        entries = sorted(mine.iterdir())
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith(".") and name.endswith(RESEALING) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)  # not committed: the plain one stays
        elif name.startswith(".") and name.endswith(SEALED) and entry.is_dir():
            plain = mine / name[1:-len(SEALED)]
            gone = mine / f".{plain.name}{DELETING}"
            if plain.exists():
                if gone.exists():
                    shutil.rmtree(gone)
                os.rename(plain, gone)
            os.rename(entry, plain)
            fsync_dir(mine)
            shutil.rmtree(gone, ignore_errors=True)
    for entry in mine.glob(f".*{DELETING}"):  # a plain backup swapped out, half removed
        shutil.rmtree(entry, ignore_errors=True)


def keep_set(backups: list[Backup], today: date) -> set[str]:
    """The names rotation keeps: the newest of each of the last 7 days, 4 ISO weeks and
    12 months that have a backup (as restic's ``--keep-daily`` and friends), plus copies
    made before a restore in the last ``SAFETY_DAYS`` days."""
    regular = sorted((b for b in backups if not b.safety), key=lambda b: b.name, reverse=True)
    keep: set[str] = set()
    for count, bucket in ((KEEP_DAILY, lambda d: d.isoformat()),
                          (KEEP_WEEKLY, lambda d: d.isocalendar()[:2]),
                          (KEEP_MONTHLY, lambda d: (d.year, d.month))):
        seen: list[object] = []
        for backup in regular:
            key = bucket(backup.day)
            if key not in seen:
                if len(seen) == count:
                    break
                seen.append(key)
                keep.add(backup.name)
    keep |= {b.name for b in backups if b.safety and (today - b.day).days < SAFETY_DAYS}
    return keep


def rotate(profile_folder: Path, device: str, today: date) -> list[str]:
    """Delete this computer's backups that rotation no longer keeps; their names. Only our
    own folder: another computer's backups are its own to rotate."""
    mine = own_folder(profile_folder, device)
    own = [b for b in list_backups(profile_folder) if b.device == device]
    keep = keep_set(own, today)
    removed = []
    for backup in own:
        if backup.name not in keep:
            # One rename takes it out of the list; a crash leaves a dot folder, removed later.
            gone = mine / f".{backup.name}.deleting"
            os.rename(backup.path, gone)
            shutil.rmtree(gone, ignore_errors=True)
            removed.append(backup.name)
    return removed
