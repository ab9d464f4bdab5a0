"""The files of one profile folder: which to read, reading them, and tidying conflict copies."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.i18n import _
from desktop_app.storage.atomic import remove_stale_temp_files
from desktop_app.storage.crypto import FileCipher, LockedFileError, decode_raw, is_encrypted
from desktop_app.storage.debris import SetAside, copy_aside
from desktop_app.storage.device import is_device_id
from desktop_app.storage.layout import Entry, classify, conflict_base
from desktop_app.storage.merge import beats, merge_files
from desktop_app.storage.reading import read_profile_file
from desktop_app.storage.schema import NewerSchemaError, ProfileFileError
from desktop_app.storage.shards import ShardFile, Signature, parse_file, signature_of, write_file


def device_folders(folder: Path) -> list[Path]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return sorted(Path(e.path) for e in entries if is_device_id(e.name) and e.is_dir())


def listing(folder: Path) -> dict[Path, Signature]:
    """Every file of ours (or a conflict copy of one) in every device folder, with its stat."""
    found: dict[Path, Signature] = {}
    for device_dir in device_folders(folder):
        try:
            entries = list(os.scandir(device_dir))
        except OSError:
            continue
        for entry in entries:
            if classify(entry.name) not in (Entry.OURS, Entry.CONFLICT):
                continue
            with contextlib.suppress(OSError):
                found[Path(entry.path)] = signature_of(entry.stat())
    return found


@dataclass
class Reader:
    """Reads files, sets aside the unreadable ones (once) and remembers them until they change."""

    set_aside_folder: Path
    profile_id: str
    bad: dict[Path, Signature | None] = field(default_factory=dict)
    found: list[SetAside] = field(default_factory=list)
    strict: bool = True  # a newer-version file refuses the profile (at open, not at refresh)
    copies: bool = True  # whether unreadable files are copied aside (never when read-only)
    cipher: FileCipher | None = None  # the profile's data key, when it is encrypted

    def read(self, path: Path, signature: Signature | None) -> ShardFile | None:
        device = path.parent.name
        raw = b""
        try:
            raw = read_profile_file(path)
            shard = parse_file(path, decode_raw(path, raw, self.cipher), device)
        except FileNotFoundError:
            return None  # gone since the listing: a sync engine at work
        except LockedFileError as error:
            self.report(path, signature, raw, error.reason, copy=False)
            return None
        except NewerSchemaError as error:
            if self.strict:
                raise
            self.report(path, signature, raw, error.reason, copy=False)
            return None
        except ProfileFileError as error:
            self.report(path, signature, raw, error.reason, copy=bool(raw))
            return None
        self.bad.pop(path, None)
        shard.signature = signature
        shard.sealed = is_encrypted(raw)
        return shard

    def report(self, path: Path, signature: Signature | None, raw: bytes, reason: str,
               *, copy: bool) -> None:
        """Remember ``path`` as unusable until it changes; copy it aside and report it once."""
        if path in self.bad and self.bad[path] == signature:
            return
        self.bad[path] = signature
        label = f"{self.profile_id}.{path.parent.name}."
        if copy and self.copies:
            try:
                found = copy_aside(self.set_aside_folder, path, raw, label, reason)
            except OSError as error:
                found = SetAside(path, None, _("{reason}; it could not be copied ({error})").format(
                    reason=reason, error=error
                ))
        else:
            found = SetAside(path, None, reason)
        if found is not None:
            self.found.append(found)


def tidy_conflicts(own: Path, shards: dict[Path, ShardFile], reader: Reader,
                   cipher: FileCipher | None = None) -> list[Path]:
    """Merge this device's conflict copies into the files they copy, then delete them.

    Only the owner does this (the caller passes its own folder). The base is written first,
    so a crash in between leaves the copy, merged again next time: nothing is lost.
    Returns the paths whose content changed (bases written, copies gone).
    """
    changed: list[Path] = []
    for path in sorted(p for p in shards if p.parent == own and conflict_base(p.name)):
        copy = shards[path]
        base_path = path.with_name(conflict_base(path.name) or "")
        base = shards.get(base_path)
        if base is None:
            if base_path.exists():
                continue  # the base is unreadable: keep the copy as it is
            base = ShardFile(base_path, copy.device, {"meta": dict(copy.tables["meta"])})
        if copy.odd:
            # Docs without an envelope cannot be merged: keep their bytes before deleting.
            reader.report(path, copy.signature, path.read_bytes(),
                          "a conflict copy with odd records", copy=True)
        for table in copy.versions.values():
            for version in table.values():
                held = base.versions.get(version.kind, {}).get(version.id)
                if held is None or beats(version, held):
                    base.put(version)
        base.cipher = cipher
        write_file(base)
        remove_stale_temp_files(base_path)
        shards[base_path] = base
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        del shards[path]
        changed += [base_path, path]
    return changed



def reseal(shards: dict[Path, ShardFile], own: Path, cipher: FileCipher | None) -> int:
    """Rewrite the files of ``own`` whose encryption differs from ``cipher`` (None: plain).

    One file at a time, each atomically: a crash leaves some files each way, and both are
    read (the key file is written first), so the next open finishes the work.
    """
    count = 0
    for path, shard in sorted(shards.items()):
        if path.parent == own and path.exists() and shard.sealed != (cipher is not None):
            shard.cipher = cipher
            write_file(shard)
            count += 1
    return count


def read_merged(folder: Path, cipher: FileCipher | None = None
                ) -> dict[str, dict[str, dict[str, Any]]]:
    """What a profile folder holds, read afresh from disk and merged: the visible records by
    kind and id (tombstones and unreadable files left out). For tools and tests."""
    files = {}
    for path in sorted(listing(folder)):
        try:
            plain = decode_raw(path, read_profile_file(path), cipher)
            files[path] = parse_file(path, plain, path.parent.name).versions
        except (OSError, ProfileFileError):
            continue
    return merge_files(files)
