"""A TinyDB storage that replaces its file atomically and keeps the last state in memory."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from desktop_app.storage.atomic import atomic_write_bytes


def encode_tables(data: dict[str, dict[str, Any]]) -> bytes:
    """The exact bytes a profile file holds (compact, UTF-8, readable by any JSON tool)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


FileStamp = tuple[int, int, int]


def file_stamp(path: Path) -> FileStamp | None:
    """(inode, mtime_ns, size) of ``path`` through links, or None when it cannot be examined."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


class AtomicJSONStorage(Storage):
    """TinyDB storage: temp file, fsync, ``os.replace``, fsync of the folder.

    Only one process writes a data directory (an instance lock guards it), so the parsed
    tables are kept in memory and a read after a write costs nothing. A failed write drops
    them, because the writer has already changed them in place.

    ``revision`` is the one counter everything derived from this file keys on: every change
    of the tables in memory (a write, a write inside a batch, a drop after a failure) moves
    it on. Each table remembers the revision of its last change, so a memo that reads only
    the wins is not thrown away by a check-in; a change nobody named counts for every table.
    """

    def __init__(self, path: Path, preloaded: dict[str, dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self._cache: dict[str, dict[str, Any]] | None = preloaded
        self._batch_depth = 0
        self._dirty = False
        self.revision = 0
        self._changed_at: dict[str, int] = {}
        self._all_changed_at = 0
        self._touching: tuple[str, ...] | None = None
        # (inode, mtime_ns, size) of the file as this process last read or wrote it, so a
        # refresh can tell another writer's file from our own last save by a stat alone.
        self.disk_stamp = file_stamp(self.path)

    # --- revisions -----------------------------------------------------------------------
    def revision_of(self, tables: Iterable[str]) -> int:
        """The revision of the last change to any of ``tables``."""
        changed = self._changed_at
        return max([self._all_changed_at, *(changed.get(t, 0) for t in tables)])

    def _bump(self, tables: tuple[str, ...] | None) -> None:
        self.revision += 1
        if tables is None:
            self._all_changed_at = self.revision
        else:
            for table in tables:
                self._changed_at[table] = self.revision

    @contextmanager
    def touching(self, *tables: str) -> Iterator[None]:
        """Writes inside change only ``tables`` (memos of other tables stay valid)."""
        outer = self._touching
        self._touching = tables
        try:
            yield
        finally:
            self._touching = outer

    def _drop(self) -> None:
        self._cache = None
        self._dirty = False
        self._bump(None)

    # --- TinyDB's Storage ----------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._cache is None:
            with self.path.open("rb") as handle:
                raw = handle.read()
            if not raw:
                return None
            self._cache = json.loads(raw)
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._bump(self._touching)
        if self._batch_depth:
            self._cache = data
            self._dirty = True
            return
        try:
            atomic_write_bytes(self.path, encode_tables(data))
        except BaseException:
            self._drop()
            raise
        self._cache = data
        self.disk_stamp = file_stamp(self.path)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Writes inside reach the file as one atomic replace at the end, or not at all.

        If the block raises, its changes are dropped from memory too (the file is reread).
        """
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            if self._batch_depth == 1:
                self._drop()
            raise
        finally:
            self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self._dirty = False
            assert self._cache is not None
            data = self._cache
            # The tables were already counted as changed by the writes inside.
            try:
                atomic_write_bytes(self.path, encode_tables(data))
            except BaseException:
                self._drop()
                raise
            self.disk_stamp = file_stamp(self.path)

    @property
    def in_batch(self) -> bool:
        return self._batch_depth > 0

    def replace_from_disk(
        self, data: dict[str, dict[str, Any]], stamp: FileStamp | None, tables: tuple[str, ...]
    ) -> None:
        """Take what another writer put in the file; memos of ``tables`` rebuild."""
        self._cache = data
        self.disk_stamp = stamp
        self._bump(tables)

    def close(self) -> None:
        self._cache = None
        self._bump(None)
