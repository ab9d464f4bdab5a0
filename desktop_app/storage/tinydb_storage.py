"""A TinyDB storage that replaces its file atomically and keeps the last state in memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from desktop_app.storage.atomic import atomic_write_bytes


def encode_tables(data: dict[str, dict[str, Any]]) -> bytes:
    """The exact bytes a profile file holds (compact, UTF-8, readable by any JSON tool)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AtomicJSONStorage(Storage):
    """TinyDB storage: temp file, fsync, ``os.replace``, fsync of the folder.

    Only one process writes a data directory (an instance lock guards it), so the parsed
    tables are cached and a read after a write costs nothing. A failed write drops the
    cache, because TinyDB has already changed the cached tables in place.
    """

    def __init__(self, path: Path, preloaded: dict[str, dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self._cache: dict[str, dict[str, Any]] | None = preloaded
        self._batch_depth = 0
        self._dirty = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._cache is None:
            with self.path.open("rb") as handle:
                raw = handle.read()
            if not raw:
                return None
            self._cache = json.loads(raw)
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._batch_depth:
            self._cache = data
            self._dirty = True
            return
        try:
            atomic_write_bytes(self.path, encode_tables(data))
        except BaseException:
            self._cache = None
            raise
        self._cache = data

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
                self._cache = None
                self._dirty = False
            raise
        finally:
            self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self._dirty = False
            assert self._cache is not None
            self.write(self._cache)

    def close(self) -> None:
        self._cache = None
