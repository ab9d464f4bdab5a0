"""One profile's TinyDB file, typed collections over its tables, and memos derived from it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from desktop_app.storage.atomic import atomic_write_bytes, remove_stale_temp_files
from desktop_app.storage.codec import DecodeError, from_json, keep_unknown, to_json
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
V = TypeVar("V")

# Fields that say when a record happened, looked at (in this order) to date a skipped record.
_WHEN_FIELDS = ("at", "completed_at", "started_at", "updated_at")


@dataclass(frozen=True)
class Stored(Generic[T]):
    """A document and the id the store gave it."""

    id: int
    item: T


@dataclass(frozen=True)
class SkippedRecord:
    """A document left out of what is read because it does not have the shape the code needs.

    It stays in the file untouched; ``day`` is its date when one can be read from it.
    """

    table: str
    key: str
    day: date | None


def doc_id_of(key: str) -> int | None:
    """The id a document key stands for, or None for a key no writer of ours makes."""
    try:
        value = int(key)
    except ValueError:
        return None
    return value if str(value) == key else None


def _day_of(doc: Any) -> date | None:
    if not isinstance(doc, dict):
        return None
    for name in _WHEN_FIELDS:
        value = doc.get(name)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


class Collection(Generic[T]):
    """Typed access to one table: dataclasses in, dataclasses out.

    Reading skips (and the repository remembers) documents that do not decode or whose key
    is not an id: one hand-edited record must not hide the others. Writing changes only the
    documents it names, so skipped ones stay in the file as they are.
    """

    def __init__(self, repo: ProfileRepository, table: str, cls: type[T]) -> None:
        self._repo = repo
        self._name = table
        self._cls = cls

    def _docs(self) -> dict[str, Any]:
        return self._repo._tables().get(self._name) or {}

    def add(self, item: T) -> int:
        return self.add_many([item])[0]

    def add_many(self, items: Iterable[T]) -> list[int]:
        """Insert several documents with one write of the file; returns their ids in order."""
        # Encode everything first so a bad item raises before anything is written.
        docs = [to_json(item) for item in items]
        if not docs:
            return []

        def insert(table: dict[str, Any]) -> list[int]:
            first = self._repo._next_id(self._name, table, len(docs))
            ids = list(range(first, first + len(docs)))
            for doc_id, doc in zip(ids, docs, strict=True):
                table[str(doc_id)] = doc
            return ids

        return self._repo._change(self._name, insert)

    def put(self, doc_id: int, item: T) -> bool:
        """Store ``item`` under ``doc_id`` unless that id is taken; True when it was stored.

        For an import, which keeps the ids records had where they came from.
        """
        doc = to_json(item)
        if str(doc_id) in self._docs():
            return False

        def insert(table: dict[str, Any]) -> bool:
            table[str(doc_id)] = doc
            return True

        return self._repo._change(self._name, insert)

    def update(self, doc_id: int, item: T) -> None:
        """Store a new version of a document, keeping the fields this code does not know."""
        fresh = to_json(item)

        def replace(table: dict[str, Any]) -> None:
            key = str(doc_id)
            if key not in table:
                raise KeyError(doc_id)
            # Not a plain merge, which would also keep a cleared answer or a removed pause:
            # only fields unknown to ``cls`` are carried over (see keep_unknown).
            table[key] = keep_unknown(self._cls, table[key], fresh)

        self._repo._change(self._name, replace)

    def remove(self, doc_id: int) -> None:
        """Delete a document (nothing is written when it is already gone)."""
        if str(doc_id) in self._docs():
            self._repo._change(self._name, lambda table: table.pop(str(doc_id)))

    def get(self, doc_id: int) -> T | None:
        """The document, or None when it is gone or does not decode (then it is skipped)."""
        key = str(doc_id)
        doc = self._docs().get(key)
        return None if doc is None else self._decode(key, doc)

    def all(self) -> list[Stored[T]]:
        found: list[Stored[T]] = []
        for key, doc in self._docs().items():
            doc_id = doc_id_of(key)
            if doc_id is None:
                self._repo._skip(self._name, key, doc)
                continue
            item = self._decode(key, doc)
            if item is not None:
                found.append(Stored(doc_id, item))
        return found

    def _decode(self, key: str, doc: Any) -> T | None:
        try:
            return from_json(self._cls, doc)
        except DecodeError:
            self._repo._skip(self._name, key, doc)
            return None

    def __len__(self) -> int:
        return len(self._docs())


class ProfileRepository:
    """A profile file: create, open (with checks and migrations), meta, collections.

    What services derive from the file (indexes, decoded lists) is kept here as memos keyed
    on the storage's revision, so every write, batch or failure is seen by every memo, and
    closing the profile lets them all go.
    """

    def __init__(self, path: Path, storage: AtomicJSONStorage) -> None:
        self.path = path
        self._storage = storage
        self._memos: dict[str, tuple[tuple[str, ...], int, Any]] = {}
        self._next_ids: dict[str, int] = {}
        self._skipped: dict[tuple[str, str], SkippedRecord] = {}
        self._reported: set[tuple[str, str]] = set()

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

    # --- reading and writing -------------------------------------------------------------
    def _tables(self) -> Tables:
        tables = self._storage.read()
        assert tables is not None, "checked when opened"
        return tables

    def _change(self, table: str, change: Callable[[dict[str, Any]], V]) -> V:
        """Apply ``change`` to one table in memory and write the file (or join the batch)."""
        tables = self._tables()
        result = change(tables.setdefault(table, {}))
        with self._storage.touching(table):
            self._storage.write(tables)
        return result

    def _next_id(self, table: str, docs: dict[str, Any], count: int = 1) -> int:
        # Never hand out an id again in this session, even after the newest was deleted:
        # a screen may still hold the old one.
        ids = [i for key in docs if (i := doc_id_of(key)) is not None]
        found = max([0, *ids]) + 1
        found = max(found, self._next_ids.get(table, 1))
        self._next_ids[table] = found + count
        return found

    @property
    def meta(self) -> dict[str, Any]:
        return dict(meta_of(self._tables()))

    @property
    def name(self) -> str:
        return str(self.meta.get("profile_name", ""))

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(str(self.meta["created_at"]))

    def set_meta(self, **values: Any) -> None:
        def merge(meta: dict[str, Any]) -> None:
            for doc in meta.values():
                doc.update(values)

        self._change("meta", merge)

    def collection(self, table: str, cls: type[T]) -> Collection[T]:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return Collection(self, table, cls)

    def batch(self) -> AbstractContextManager[None]:
        """Group several writes into one atomic file replace: all of them land, or none."""
        return self._storage.batch()

    def table_counts(self) -> dict[str, int]:
        tables = self._storage.read() or {}
        return {name: len(t) for name, t in tables.items() if name != "meta"}

    # --- memos ---------------------------------------------------------------------------
    def revision(self, tables: Iterable[str]) -> int:
        """The storage revision of the last change to any of ``tables``."""
        return self._storage.revision_of(tables)

    def memo(self, key: str, tables: tuple[str, ...], build: Callable[[], V]) -> V:
        """``build()``, remembered until one of ``tables`` changes (or the profile closes)."""
        stamp = self._storage.revision_of(tables)
        held = self._memos.get(key)
        if held is not None and held[1] == stamp:
            return cast(V, held[2])
        value = build()
        self._memos[key] = (tables, stamp, value)
        return value

    def recall(self, key: str) -> Any | None:
        """What :meth:`remember` kept under ``key``, if its tables have not changed since."""
        held = self._memos.get(key)
        if held is None or held[1] != self._storage.revision_of(held[0]):
            return None
        return held[2]

    def remember(self, key: str, tables: tuple[str, ...], since: int, value: object) -> None:
        """Keep ``value``, built from ``tables`` as they were at revision ``since``."""
        self._memos[key] = (tables, since, value)

    def forget(self, key: str) -> None:
        self._memos.pop(key, None)

    def carry(self, key: str, since: int, update: Callable[[Any], object]) -> None:
        """Keep a memo across a write its writer describes by ``update``, so it is not rebuilt.

        ``since`` is ``revision(tables)`` read before the write. The memo is carried only if
        it was current then; otherwise (or if something else changed too) it is dropped.
        """
        held = self._memos.pop(key, None)
        if held is None or held[1] != since:
            return
        update(held[2])
        self._memos[key] = (held[0], self._storage.revision_of(held[0]), held[2])

    # --- records that could not be read --------------------------------------------------
    def _skip(self, table: str, key: str, doc: Any) -> None:
        if (table, key) not in self._skipped:
            self._skipped[(table, key)] = SkippedRecord(table, key, _day_of(doc))

    def unreported_skips(self) -> list[SkippedRecord]:
        """Records skipped since the last call and still in the file: each is told once."""
        tables = self._tables()
        # Odd keys are cheap to find in every table, read or not yet.
        for table in (t for t in TABLES if t != "meta"):
            for key, doc in (tables.get(table) or {}).items():
                if doc_id_of(key) is None:
                    self._skip(table, key, doc)
        fresh = [
            record
            for pair, record in self._skipped.items()
            if pair not in self._reported and pair[1] in (tables.get(pair[0]) or {})
        ]
        self._reported.update((r.table, r.key) for r in fresh)
        return fresh

    def close(self) -> None:
        self._memos.clear()
        self._storage.close()
