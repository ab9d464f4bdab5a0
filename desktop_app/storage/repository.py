"""One profile folder: every device's files merged, typed collections, memos derived from it.

This device writes only its own folder: ``profile.json`` for profile-level records and the
current month's shard for everything else (see docs/storage.md).
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.i18n import _
from desktop_app.storage.atomic import remove_stale_temp_files
from desktop_app.storage.collection import Collection, Decoded, SkippedRecord, Stored, day_of
from desktop_app.storage.crypto import FileCipher
from desktop_app.storage.debris import SetAside
from desktop_app.storage.layout import (
    KINDS,
    PROFILE_FILE,
    PROFILE_TABLE,
    new_record_id,
    shard_name,
)
from desktop_app.storage.merge import TICK, MergedView, Version, make_doc
from desktop_app.storage.pending_writes import PendingWrites, WritesOnTheirWay
from desktop_app.storage.profile_files import (
    Reader,
    device_folders,
    listing,
    reseal,
    tidy_conflicts,
)
from desktop_app.storage.records_view import META, RecordsView, table_of
from desktop_app.storage.revisions import Revisions
from desktop_app.storage.shards import ShardFile, new_file
from desktop_app.storage.table_index import latest_stamp

__all__ = ["Collection", "ProfileRepository", "ReadOnlyError", "SkippedRecord", "Stored"]

T = TypeVar("T")
V = TypeVar("V")
Clock = Callable[[], datetime]


class ReadOnlyError(Exception):
    """A write to a profile opened read-only (an export)."""


class ProfileRepository(RecordsView, WritesOnTheirWay):
    """A profile folder: open (merging every device's files), meta, collections, memos.

    What services derive from it (indexes, decoded lists) is kept here as memos keyed on the
    revision, so every write, batch, failure or refresh is seen by every memo, and closing
    the profile lets them all go.
    """

    def __init__(self, folder: Path, device: str, clock: Clock, set_aside_folder: Path, *,
                 read_only: bool = False, extra: Iterable[ShardFile] = (),
                 cipher: FileCipher | None = None, seal: bool | None = None) -> None:
        self.path = folder
        # Read-only: nothing is written, tidied, removed or copied aside; ``extra`` files
        # (built in memory, e.g. from a format-1 file) are merged with those on disk.
        self.read_only = read_only
        self._extra = list(extra)
        self.profile_id = folder.name
        self.device = device
        self.own = folder / device
        self._clock = clock
        self._reader = Reader(set_aside_folder, folder.name, copies=not read_only,
                              cipher=cipher)
        # Files are written encrypted when ``seal`` (by default: when there is a key). A
        # key without sealing reads what an earlier passphrase encrypted (see privacy.md).
        self.write_cipher = cipher if seal or seal is None else None
        self._revisions = Revisions()
        self._memos: dict[str, tuple[tuple[str, ...], int, Any]] = {}
        self._skipped: dict[tuple[str, str], SkippedRecord] = {}
        self.decoded = Decoded()
        self._reported: set[tuple[str, str]] = set()
        self._shards: dict[Path, ShardFile] = {}
        self._view = MergedView()
        self._last: datetime | None = None
        self._batch_depth = 0
        self._batch_shard: Path | None = None
        self._dirty: set[Path] = set()
        self._pending: list[Version] = []
        self._pending_path = self.own / ".pending"  # never a file: a key in the merged view
        self._writes = PendingWrites(folder.name)
        self._load()
        self._reader.strict = False

    @classmethod
    def create(cls, folder: Path, name: str, now: datetime, *, device: str, clock: Clock,
               set_aside_folder: Path | None = None, cipher: FileCipher | None = None,
               before_first_write: Callable[[], None] | None = None) -> ProfileRepository:
        """A new profile folder holding this device's ``profile.json``; never overwrites.

        ``before_first_write`` runs once the folder exists (an encrypted profile's key file
        goes there before any file sealed with that key)."""
        if folder.exists():
            raise FileExistsError(folder)
        (folder / device).mkdir(parents=True)
        repo: ProfileRepository | None = None
        try:
            repo = cls(folder, device, clock, set_aside_folder or folder.parent / "set-aside",
                       cipher=cipher)
            if before_first_write is not None:
                before_first_write()
            with repo.batch():
                repo.set_meta(profile_name=name, created_at=now.isoformat())
            repo.ticket().result()  # listed only once its profile.json is on disk
        except BaseException:
            if repo is not None:
                repo.close()
            shutil.rmtree(folder, ignore_errors=True)  # only ours, and nothing in it yet
            raise
        return repo

    @classmethod
    def open(cls, folder: Path, *, device: str, clock: Clock,
             set_aside_folder: Path | None = None, read_only: bool = False,
             extra: Iterable[ShardFile] = (), cipher: FileCipher | None = None,
             seal: bool | None = None) -> ProfileRepository:
        """Read and merge every device's files. Raises ``NewerSchemaError`` (nothing written)
        when a file is from a newer Groundwork; unreadable files are set aside and skipped
        (only reported, when ``read_only``; then every write raises ``ReadOnlyError``)."""
        if not folder.is_dir() and not (read_only and extra):
            raise FileNotFoundError(folder)
        return cls(folder, device, clock, set_aside_folder or folder.parent / "set-aside",
                   read_only=read_only, extra=extra, cipher=cipher, seal=seal)

    # --- reading the folder ------------------------------------------------------------
    def _load(self) -> None:
        self._shards = {}
        self._view = MergedView()
        for path, signature in sorted(listing(self.path).items()):
            shard = self._reader.read(path, signature)
            if shard is not None:
                self._shards[path] = shard
                self._view.put_file(path, shard.versions)
        for shard in self._extra:
            if shard.path not in self._shards:
                self._shards[shard.path] = shard
                self._view.put_file(shard.path, shard.versions)
        if self.read_only:
            self._last = latest_stamp(self._view, self.device)
            return
        for path in list(self._shards):
            if path.parent == self.own:
                remove_stale_temp_files(path)
        self._tidy()
        self._last = latest_stamp(self._view, self.device)

    def _tidy(self) -> set[str]:
        """Merge this device's conflict copies into its own files; the kinds that changed."""
        changed: set[str] = set()
        if self.read_only or self._writes.pending():
            return changed  # a queued write of a base would undo the merge: next time
        with contextlib.suppress(OSError):  # a full disk: the copies stay, merged in memory
            for path in tidy_conflicts(self.own, self._shards, self._reader,
                                       self.write_cipher):
                shard = self._shards.get(path)
                if shard is None:
                    changed |= self._view.drop_file(path)
                else:
                    changed |= self._view.put_file(path, shard.versions)
        return changed

    def refresh_from_disk(self) -> bool:
        """Re-read the files that changed on disk since they were read (size, mtime, inode)
        and merge again; True when what is visible changed. Costs a stat per file otherwise."""
        if self._batch_depth:
            return False
        if self.recover() is not None:
            return True
        on_disk = listing(self.path)
        changed: set[str] = set()
        kept = {shard.path for shard in self._extra}
        # Own files with writes on their way: memory is newer than the disk.
        kept |= (ahead := {p for p in self._shards if self._writes.pending(p)})
        for path in [p for p in self._shards if p not in on_disk and p not in kept]:
            del self._shards[path]
            changed |= self._view.drop_file(path)
        for path, signature in sorted(on_disk.items()):
            known = self._shards.get(path)
            if (known is not None and known.signature == signature) or path in ahead:
                continue
            if path in self._reader.bad and self._reader.bad[path] == signature:
                continue
            shard = self._reader.read(path, signature)
            if shard is None:
                if known is not None:
                    del self._shards[path]
                    changed |= self._view.drop_file(path)
                continue
            self._shards[path] = shard
            changed |= self._view.put_file(path, shard.versions)
        changed |= self._tidy()
        if not changed:
            return False
        self._last = latest_stamp(self._view, self.device)
        self._revisions.bump([META if k == PROFILE_TABLE else k for k in changed])
        return True

    def watched_paths(self) -> list[Path]:
        """The folders a watcher should watch: the profile folder and each device folder."""
        return [self.path, *device_folders(self.path)]

    def unreported_set_aside(self) -> list[SetAside]:
        """Files found unreadable since the last call: each is told once."""
        found, self._reader.found = self._reader.found, []
        return found

    # --- writing -------------------------------------------------------------------------
    def _stamp(self, base: Version | None) -> datetime:
        """Strictly after this device's last write and after the version being replaced, so
        an edit always wins over what it edits, even with a clock that stands still."""
        stamp = self._clock()
        for floor in (self._last, base.at if base is not None else None):
            if floor is not None and stamp <= floor:
                stamp = (floor + TICK).astimezone(stamp.tzinfo)
        self._last = stamp.astimezone(UTC)
        return stamp

    def _own_file(self, name: str) -> ShardFile:
        path = self.own / name
        shard = self._shards.get(path)
        if shard is None:
            shard = new_file(path, self.profile_id, self.device)
            self._shards[path] = shard
        return shard

    def write_version(self, kind: str, rid: str | None, fields: dict[str, Any] | None,
                      base: Version | None = None) -> str:
        """Write a new version of a record (a tombstone when ``fields`` is None); its id."""
        if self.read_only:
            raise ReadOnlyError(_("{name} is open read-only").format(name=self.path.name))
        with self.batch():
            stamp = self._stamp(base)
            rid = rid or new_record_id(stamp)
            table = table_of(kind)
            since, was = self._revisions.of((table,)), self._live(kind, rid)
            version = Version(kind, rid, stamp.astimezone(UTC), self.device,
                              make_doc(rid, stamp, fields))
            if kind == PROFILE_TABLE:
                # Its file is chosen when the batch lands (see _land).
                self._pending.append(version)
                self._view.put_version(self._pending_path, version)
            else:
                if self._batch_shard is None:
                    self._batch_shard = self.own / shard_name(stamp)
                shard = self._own_file(self._batch_shard.name)
                shard.put(version)
                self._view.put_version(shard.path, version)
                self._dirty.add(shard.path)
            self._revisions.bump([table])
            self._counted(kind, since, self._live(kind, rid) - was)
        return rid

    def batch(self, month: date | None = None) -> AbstractContextManager[None]:
        """Group writes into one atomic replace of one file: all of them land, or none.

        That file is the current month's shard (``month``'s, for history written in one go,
        such as the demo: later saves then never rewrite it); profile-level records
        (``set_meta``) go to ``profile.json`` when written on their own, and into the shard
        when written with records. If the block or the write fails, memory is reread.
        """
        if month is not None and self._batch_shard is None and not self._batch_depth:
            self._batch_shard = self.own / f"{month:%Y-%m}.json"
        return self._batch()

    def _land(self) -> None:
        if self._pending:
            target = self._batch_shard or self.own / PROFILE_FILE
            shard = self._own_file(target.name)
            self._view.files.pop(self._pending_path, None)
            for version in self._pending:
                shard.put(version)
                self._view.put_version(target, version)
            self._pending.clear()
            self._dirty.add(target)
        for path in self._dirty:
            shard = self._shards[path]
            shard.cipher = self.write_cipher
            self._writes.submit(shard)

    @contextmanager
    def _batch(self) -> Iterator[None]:
        if not self._batch_depth:
            self.recover()
        self._batch_depth += 1
        try:
            yield
            if self._batch_depth == 1:
                self._land()
        except BaseException:
            if self._batch_depth == 1:
                self._reload()
            raise
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._batch_shard = None
                self._dirty.clear()
                self._pending.clear()

    # --- history built elsewhere (an import, on a worker thread) ------------------------------
    def history_place(self, month: date) -> tuple[Path, datetime | None, FileCipher | None]:
        """Where history written in one go on another thread may go, as a new file of this
        device's: ``month``'s, or the latest month before it with no file yet, never this
        month's or later (saves write those); the instant its versions must follow; the key
        it is sealed with. Nothing here writes that file meanwhile (see :meth:`adopt`)."""
        now = self._clock().astimezone(UTC).date().replace(day=1)
        month = min(month.replace(day=1), now - timedelta(days=1)).replace(day=1)
        while (self.own / f"{month:%Y-%m}.json") in self._shards or (
                self.own / f"{month:%Y-%m}.json").exists():
            month = (month - timedelta(days=1)).replace(day=1)
        return self.own / f"{month:%Y-%m}.json", self._last, self.write_cipher

    def adopt(self, shard: ShardFile) -> None:
        """Merge a file of this device's that was built and written on another thread (at a
        place :meth:`history_place` gave), as if it had been read from disk."""
        if self.read_only:
            raise ReadOnlyError(_("{name} is open read-only").format(name=self.path.name))
        self._shards[shard.path] = shard
        changed = self._view.put_file(shard.path, shard.versions)
        for table in shard.versions.values():
            for version in table.values():
                if version.device == self.device and (self._last is None
                                                      or version.at > self._last):
                    self._last = version.at
        self._revisions.bump([META if k == PROFILE_TABLE else k for k in changed])

    def _reload(self) -> None:
        """Make memory equal to the disk again (after the writes on their way are done)."""
        self._writes.flush()
        self._dirty.clear()
        self._pending.clear()
        self._load()
        self._writes.forget()
        self._revisions.bump(None)

    # --- records -------------------------------------------------------------------------
    def set_meta(self, **values: Any) -> None:
        """Each setting is its own record, so two computers changing two settings both win."""
        with self.batch():
            for key, value in values.items():
                self.write_version(PROFILE_TABLE, key, {"value": value},
                                   self.winner(PROFILE_TABLE, key))

    def collection(self, table: str, cls: type[T]) -> Collection[T]:
        if table not in KINDS:
            raise ValueError(f"unknown table {table!r}")
        return Collection(self, table, cls)

    # --- records that could not be read --------------------------------------------------
    def skip(self, table: str, key: str, doc: Any) -> None:
        if (table, key) not in self._skipped:
            self._skipped[(table, key)] = SkippedRecord(table, key, day_of(doc))

    def unreported_skips(self) -> list[SkippedRecord]:
        """Records skipped since the last call and still there: each is told once.

        Docs without a readable id or stamp are found in every file, read or not yet; a
        record that does not decode is skipped when read, and counts while it still wins.
        """
        present: set[tuple[str, str]] = set()
        for path, shard in self._shards.items():
            for odd in shard.odd:
                key = f"{path.parent.name}/{path.name}#{odd.key}"
                self.skip(odd.table, key, odd.doc)
                present.add((odd.table, key))
        fresh = [
            record for pair, record in self._skipped.items()
            if pair not in self._reported and (pair in present or self._still_visible(*pair))
        ]
        self._reported.update((r.table, r.key) for r in fresh)
        return fresh

    def _still_visible(self, table: str, rid: str) -> bool:
        found = self.winner(table, rid)
        return found is not None and not found.deleted

    # --- encryption ----------------------------------------------------------------------
    @property
    def cipher(self) -> FileCipher | None:
        """The data key files are read with (None: a plain profile)."""
        return self._reader.cipher

    def set_cipher(self, cipher: FileCipher | None, *, seal: bool) -> None:
        """Read with ``cipher`` from now on, and write encrypted when ``seal``."""
        self._reader.cipher = cipher
        self.write_cipher = cipher if seal else None

    def reseal_own(self) -> int:
        """Rewrite this computer's files sealed otherwise than it now writes (after protect
        or remove, here or on another computer); how many (see ``profile_files.reseal``)."""
        if self.read_only:
            return 0
        self.flush()  # a queued write sealed the old way must not land after the reseal
        return reseal(self._shards, self.own, self.write_cipher)

    def close(self, timeout: float | None = None) -> bool:
        """Let pending writes land (at most ``timeout``) and stop the writer; True if all did.
        Then drop what was read, key material included."""
        landed = self._writes.flush(timeout)
        self._writes.close(None if landed else 0)
        self._memos.clear()
        self.decoded.clear()
        self._revisions.bump(None)
        self._shards.clear()
        self._view = MergedView()
        return landed
