"""Sealing what a profile left in plain text before it got a passphrase: this computer's
backups of it, its set-aside copies and the backups made before a migration.

A backup is resealed as a whole, crash-safely (one backup at a time):

1. the sealed copy is built under ``.<name>.resealing``: each file sealed as its original
   path, written, read back and opened again; a new manifest;
2. one rename to ``.<name>.sealed`` is the commit point;
3. the plain backup is renamed to ``.<name>.deleting``, the sealed one into place, and the
   plain one removed.

``backups.finish_reseal(mine)`` (run before any backup, rotation or reseal, and when the
profile opens) removes an uncommitted ``.resealing`` folder and completes a committed swap,
so after a SIGKILL a backup is the old plain one or the new sealed one, never half of each, and the
plain one is gone once the sealed one is in place. A backup that cannot be resealed (its
files do not match its manifest, a copy does not read back) is deleted instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Collection
from pathlib import Path

from desktop_app.i18n import _
from desktop_app.storage.atomic import atomic_write_bytes, fsync_dir
from desktop_app.storage.backups import (
    DELETING,
    KEY_FILE,
    LOCK,
    MANIFEST,
    RESEALING,
    SEALED,
    Backup,
    BackupError,
    backup_files,
    finish_reseal,
    list_backups,
    own_folder,
    verify,
)
from desktop_app.storage.crypto import KEY_ID_BYTES, MAGIC, FileCipher, is_encrypted
from desktop_app.storage.keyfile import KeyFileError, parse_key_file, plain_cipher
from desktop_app.storage.schema import ProfileFileError

log = logging.getLogger(__name__)
_SET_ASIDE = re.compile(r"^(?P<profile>p-[0-9a-f]{16})\.(?P<device>d-[0-9a-f]{16})\.(?P<stem>.+)"
                        r"\.(?:\d+|gone)-\d+\.json$")


def _key_id(raw: bytes) -> bytes:
    return raw[len(MAGIC):len(MAGIC) + KEY_ID_BYTES]


def _clear_key_copy(raw: bytes, path: Path) -> FileCipher | bool | None:
    """For a key file copy: the data key it holds in the clear (a removed passphrase), True
    when it holds none (protected: keep it), None when it cannot be read (drop it)."""
    try:
        found = parse_key_file(path, raw)
        return True if found.protected else plain_cipher(found)
    except (KeyFileError, ProfileFileError, ValueError):
        return None


def _head(path: Path) -> bytes:
    with open(path, "rb") as file:
        return file.read(len(MAGIC) + KEY_ID_BYTES)


def is_plain(backup: Backup, cipher: FileCipher, old_ids: Collection[bytes] = ()) -> bool:
    """Whether a backup holds anything to seal with ``cipher``: a plain file, a file sealed
    with an old key (``old_ids``) or a key file holding a data key in the clear. Reads only
    the first bytes of each data file."""
    for copy, _original in backup_files(backup).items():
        try:
            if copy.name == KEY_FILE:
                if _clear_key_copy(copy.read_bytes(), copy) is not True:
                    return True
                continue
            head = _head(copy)
        except OSError:
            return True  # unreadable: the reseal deletes it
        if not is_encrypted(head) or _key_id(head) in old_ids:
            return True
    return False


def _sealed_bytes(raw: bytes, original: Path, cipher: FileCipher,
                  old_keys: dict[bytes, FileCipher]) -> bytes:
    """``raw`` sealed with ``cipher`` as ``original`` (opened with an old key first)."""
    if not is_encrypted(raw):
        return cipher.seal(original, raw)
    if _key_id(raw) == cipher.key_id:
        return raw
    old = old_keys.get(_key_id(raw))
    if old is None:
        return raw  # sealed with a key this backup does not give away: not plain
    return cipher.seal(original, old.open(original, raw))


def reseal(backup: Backup, cipher: FileCipher, old: Collection[FileCipher] = ()) -> None:
    """Replace ``backup`` by the same backup sealed with ``cipher`` (see the module);
    ``BackupError`` (the backup is then unchanged) when it cannot be done."""
    problems = verify(backup)
    if problems:
        raise BackupError(
            _("the backup is damaged: {problems}").format(problems="; ".join(problems))
        )
    files = backup_files(backup)
    mine = backup.path.parent
    building = mine / f".{backup.name}{RESEALING}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    try:
        raws = {copy: copy.read_bytes() for copy in files}
        old_keys = {key.key_id: key for key in old if key.key_id != cipher.key_id}
        lent = set(old_keys)  # the caller's keys: not ours to wipe
        for copy, raw in raws.items():
            if copy.name == KEY_FILE:
                found = _clear_key_copy(raw, copy)
                if isinstance(found, FileCipher):
                    if found.key_id in old_keys or found.key_id == cipher.key_id:
                        found.wipe()
                    else:
                        old_keys[found.key_id] = found
        entries = []
        for copy, original in files.items():
            raw = raws[copy]
            if copy.name == KEY_FILE:
                if _clear_key_copy(raw, copy) is not True:
                    continue  # a data key in the clear (or junk) is not kept
                sealed = raw
            else:
                sealed = _sealed_bytes(raw, original, cipher, old_keys)
            rel = f"{original.parent.name}/{original.name}"
            _write_checked(building / rel, sealed, original, cipher, raw)
            entries.append({"file": rel, "size": len(sealed),
                            "sha256": hashlib.sha256(sealed).hexdigest()})
        for key_id, found in old_keys.items():
            if key_id not in lent:
                found.wipe()
        manifest = json.loads((backup.path / MANIFEST).read_bytes())
        manifest["files"] = entries
        manifest["sealed"] = True
        atomic_write_bytes(building / MANIFEST, json.dumps(manifest, indent=1).encode())
        for folder in {p.parent for p in building.rglob("*")} | {building}:
            fsync_dir(folder)
        os.rename(building, mine / f".{backup.name}{SEALED}")  # the commit point
        fsync_dir(mine)
    except (OSError, ValueError, ProfileFileError) as error:
        shutil.rmtree(building, ignore_errors=True)
        raise BackupError(
            _("the backup {name} could not be sealed: {error}").format(
                name=backup.name, error=error
            )
        ) from error
    finish_reseal(mine)


def _write_checked(target: Path, sealed: bytes, original: Path, cipher: FileCipher,
                   raw: bytes) -> None:
    """Write ``sealed``, read it back, and check that it opens to what ``raw`` held."""
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, sealed)
    back = target.read_bytes()
    if back != sealed:
        raise BackupError(
            _("the sealed copy of {file} did not read back equal").format(file=target.name)
        )
    if target.name != KEY_FILE and is_encrypted(back) and _key_id(back) == cipher.key_id:
        plain = cipher.open(original, back)
        if not is_encrypted(raw) and plain != raw:
            raise BackupError(
                _("the sealed copy of {file} does not open to the original").format(
                    file=target.name
                )
            )


def reseal_backups(profile_folder: Path, device: str, cipher: FileCipher,
                   old: Collection[FileCipher] = ()) -> tuple[list[str], list[str]]:
    """Seal this computer's backups of the profile that hold anything plain (or sealed with
    one of the ``old`` keys, which no longer protect anything); the names resealed, and the
    names deleted because they could not be resealed."""
    old_ids = {key.key_id for key in old if key.key_id != cipher.key_id}
    mine = own_folder(profile_folder, device)
    finish_reseal(mine)
    resealed: list[str] = []
    deleted: list[str] = []
    for backup in list_backups(profile_folder):
        if backup.device != device or not is_plain(backup, cipher, old_ids):
            continue
        try:
            reseal(backup, cipher, old)
            resealed.append(backup.name)
        except BackupError:
            gone = mine / f".{backup.name}{DELETING}"
            with contextlib.suppress(OSError):
                os.rename(backup.path, gone)
                shutil.rmtree(gone, ignore_errors=True)
                deleted.append(backup.name)
    return resealed, deleted


def seal_set_aside(profile_folder: Path, cipher: FileCipher, old_file: str | None) -> int:
    """Seal, in place (one atomic replace each), the profile's plain set-aside copies (as
    the original path their name gives) and its plain pre-migration backups (as their own
    path: nothing reads them back but a person with the key); how many."""
    profiles = profile_folder.parent
    sealed = 0
    targets: list[tuple[Path, Path]] = []
    set_aside = profiles / "set-aside"
    for path in sorted(set_aside.iterdir()) if set_aside.is_dir() else []:
        match = _SET_ASIDE.match(path.name)
        if match and match["profile"] == profile_folder.name:
            targets.append((path, profile_folder / match["device"] / f"{match['stem']}.json"))
        elif old_file and path.name.startswith(f"{old_file}."):
            targets.append((path, path))
    backups = profiles / "backups"
    if old_file and not (profiles / f"{old_file}.json").exists():  # the migration is done
        for path in sorted(backups.glob(f"{old_file}.v1*.json")):
            targets.append((path, path))
    for path, original in targets:
        if path.is_symlink() or not path.is_file():
            continue
        raw = path.read_bytes()
        if is_encrypted(raw):
            continue
        atomic_write_bytes(path, cipher.seal(original, raw))
        sealed += 1
    return sealed


def seal_all(profile_folder: Path, device: str, cipher: FileCipher,
             old: Collection[FileCipher], old_file: str | None) -> None:
    """:func:`reseal_backups` (one backup or restore at a time: ``LOCK``), then
    :func:`seal_set_aside`; then the keys, lent for this call, are wiped. A failure is logged
    (the next open tries again): it never stops the work."""
    deleted: list[str] = []
    try:
        with LOCK:
            deleted = reseal_backups(profile_folder, device, cipher, old)[1]
        seal_set_aside(profile_folder, cipher, old_file)
    except OSError as error:
        log.warning("plain copies of a protected profile could not be sealed: %s", error)
    finally:
        for key in (cipher, *old):
            key.wipe()
    if deleted:
        log.warning("%d backups that could not be sealed were deleted", len(deleted))
