"""One profile's TinyDB file, and typed collections over its tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from tinydb import TinyDB

from desktop_app.storage.atomic import atomic_write_bytes, remove_stale_temp_files
from desktop_app.storage.codec import from_json, to_json
from desktop_app.storage.schema import (
    APP_MARK,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    Migration,
    Tables,
    meta_of,
    migrate,
    parse_profile_bytes,
)
from desktop_app.storage.tinydb_storage import AtomicJSONStorage, encode_tables

T = TypeVar("T")


@dataclass(frozen=True)
class Stored(Generic[T]):
    """A document and the id the store gave it."""

    id: int
    item: T


class Collection(Generic[T]):
    """Typed access to one table: dataclasses in, dataclasses out."""

    def __init__(self, db: TinyDB, table: str, cls: type[T]) -> None:
        self._table = db.table(table, cache_size=0)
        self._cls = cls

    def add(self, item: T) -> int:
        return int(self._table.insert(to_json(item)))

    def add_many(self, items: Iterable[T]) -> list[int]:
        """Insert several documents with one write of the file; returns their ids in order."""
        # Encode everything first so a bad item raises before anything is written.
        docs = [to_json(item) for item in items]
        if not docs:
            return []
        return [int(doc_id) for doc_id in self._table.insert_multiple(docs)]

    def update(self, doc_id: int, item: T) -> None:
        # Replace the whole document: a plain update() merges and would keep stale fields.
        doc = to_json(item)

        def replace(stored: MutableMapping[str, Any]) -> None:
            stored.clear()
            stored.update(doc)

        if not self._table.update(replace, doc_ids=[doc_id]):
            raise KeyError(doc_id)

    def remove(self, doc_id: int) -> None:
        self._table.remove(doc_ids=[doc_id])

    def get(self, doc_id: int) -> T | None:
        doc = self._table.get(doc_id=doc_id)
        return None if doc is None else from_json(self._cls, dict(doc))

    def all(self) -> list[Stored[T]]:
        return [Stored(int(d.doc_id), from_json(self._cls, dict(d))) for d in self._table.all()]

    def __len__(self) -> int:
        return len(self._table)


class ProfileRepository:
    """A profile file: create, open (with checks and migrations), meta, collections."""

    def __init__(self, path: Path, storage: AtomicJSONStorage) -> None:
        self.path = path
        self._storage = storage
        self._db = TinyDB(storage=lambda: storage)
        self._db.default_table_name = "meta"

    @classmethod
    def create(cls, path: Path, name: str, now: datetime) -> ProfileRepository:
        """Write a new, empty profile file. Refuses to overwrite an existing file."""
        if path.exists():
            raise FileExistsError(path)
        tables: Tables = {t: {} for t in TABLES}
        tables["meta"]["1"] = {
            "app": APP_MARK,
            "schema_version": SCHEMA_VERSION,
            "profile_name": name,
            "created_at": now.isoformat(),
        }
        atomic_write_bytes(path, encode_tables(tables))
        return cls(path, AtomicJSONStorage(path, preloaded=tables))

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        now: datetime,
        backup_dir: Path | None = None,
        migrations: Mapping[int, Migration] = MIGRATIONS,
        target_version: int = SCHEMA_VERSION,
        parsed: Tables | None = None,
    ) -> ProfileRepository:
        """Open and check a profile; migrate it forward after a backup.

        ``parsed`` is the file's checked content when the caller has just read it.
        Raises ``CorruptProfileError`` or ``NewerSchemaError`` without writing anything.
        """
        tables = parsed if parsed is not None else parse_profile_bytes(path, path.read_bytes())
        remove_stale_temp_files(path)
        storage = AtomicJSONStorage(path, preloaded=tables)
        if migrate(
            path,
            tables,
            backup_dir=backup_dir or path.parent / "backups",
            now=now,
            migrations=migrations,
            target=target_version,
        ):
            storage.write(tables)
        return cls(path, storage)

    @property
    def meta(self) -> dict[str, Any]:
        tables = self._storage.read()
        assert tables is not None
        return dict(meta_of(tables))

    @property
    def name(self) -> str:
        return str(self.meta.get("profile_name", ""))

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(str(self.meta["created_at"]))

    def set_meta(self, **values: Any) -> None:
        meta = self._db.table("meta", cache_size=0)
        meta.update(values, doc_ids=[int(d.doc_id) for d in meta.all()])

    def collection(self, table: str, cls: type[T]) -> Collection[T]:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return Collection(self._db, table, cls)

    def batch(self) -> AbstractContextManager[None]:
        """Group several writes into one atomic file replace: all of them land, or none."""
        return self._storage.batch()

    def table_counts(self) -> dict[str, int]:
        tables = self._storage.read() or {}
        return {name: len(t) for name, t in tables.items() if name != "meta"}

    def close(self) -> None:
        self._db.close()
