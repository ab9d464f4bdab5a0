"""Typed access to one kind of record: dataclasses in, dataclasses out, string ids."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, Protocol, TypeVar, cast

from desktop_app.storage.codec import DecodeError, from_json, keep_unknown, to_json
from desktop_app.storage.merge import Version

T = TypeVar("T")

# An id given from outside (an import file): short and safe in a file name or a log line.
_GIVEN_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")

# Fields that say when a record happened, looked at (in this order) to date a skipped record.
_WHEN_FIELDS = ("at", "completed_at", "started_at", "updated_at", "_updated_at")


@dataclass(frozen=True)
class Stored(Generic[T]):
    """A record and its id (a stable string, the same on every computer)."""

    id: str
    item: T


@dataclass(frozen=True)
class SkippedRecord:
    """A record left out of what is read because it does not have the shape the code needs.

    It stays in its file untouched; ``day`` is its date when one can be read from it.
    """

    table: str
    key: str
    day: date | None


def day_of(doc: Any) -> date | None:
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


class Decoded:
    """What each version decoded to, per class. A version never changes, so this stays exact:
    a list rebuilt after a save decodes only the version that save wrote."""

    def __init__(self) -> None:
        # (class, kind, id) -> (the version decoded, what it decoded to; None: it did not)
        self._held: dict[tuple[type, str, str], tuple[Version, Any]] = {}

    def get(self, version: Version, cls: type[T]) -> tuple[T | None] | None:
        """``(item,)`` when ``version`` was decoded as ``cls`` already, else None."""
        held = self._held.get((cls, version.kind, version.id))
        if held is None or held[0] is not version:
            return None
        return (cast("T | None", held[1]),)

    def keep(self, version: Version, cls: type[T], item: T | None) -> None:
        self._held[(cls, version.kind, version.id)] = (version, item)

    def clear(self) -> None:
        self._held.clear()


class Records(Protocol):
    """What a collection needs of the repository (which implements it)."""

    def batch(self) -> AbstractContextManager[None]: ...

    def write_version(self, kind: str, rid: str | None, fields: dict[str, Any] | None,
                      base: Version | None = None) -> str: ...

    def winner(self, kind: str, rid: str) -> Version | None: ...

    def visible(self, kind: str) -> list[Version]: ...

    def skip(self, table: str, key: str, doc: Any) -> None: ...

    @property
    def decoded(self) -> Decoded: ...


class Collection(Generic[T]):
    """One kind of record over the merged profile.

    Reading skips (and the repository remembers) records that do not decode: one hand-edited
    record must not hide the others. Every write is a new version of the records it names,
    so skipped ones stay as they are.
    """

    def __init__(self, repo: Records, table: str, cls: type[T]) -> None:
        self._repo = repo
        self._name = table
        self._cls = cls

    def add(self, item: T) -> str:
        return self.add_many([item])[0]

    def add_many(self, items: Iterable[T]) -> list[str]:
        """Add several records in one write of one file; returns their ids in order."""
        # Encode everything first so a bad item raises before anything is written.
        docs = [to_json(item) for item in items]
        with self._repo.batch():
            return [self._repo.write_version(self._name, None, doc) for doc in docs]

    def put(self, record_id: str, item: T) -> bool:
        """Store ``item`` under ``record_id`` unless that id is taken; True when stored.

        For an import, which keeps the ids records had where they came from. An id that was
        deleted counts as taken: an import never brings back what was deleted. Raises
        ``ValueError`` for an id that is not a short safe string.
        """
        if not isinstance(record_id, str) or not _GIVEN_ID.fullmatch(record_id):
            raise ValueError(f"not a usable record id: {record_id!r}")
        doc = to_json(item)
        if self._repo.winner(self._name, record_id) is not None:
            return False
        self._repo.write_version(self._name, record_id, doc)
        return True

    def was_deleted(self, record_id: str) -> bool:
        """Whether the record's newest version is a tombstone."""
        found = self._repo.winner(self._name, record_id)
        return found is not None and found.deleted

    def update(self, record_id: str, item: T) -> None:
        """Write a new version of a record, keeping the fields this code does not know."""
        fresh = to_json(item)
        base = self._live(record_id)
        if base is None:
            raise KeyError(record_id)
        # Not a plain merge, which would also keep a cleared answer or a removed pause:
        # only fields unknown to ``cls`` are carried over (see keep_unknown).
        merged = keep_unknown(self._cls, base.fields(), fresh)
        self._repo.write_version(self._name, record_id, merged, base)

    def remove(self, record_id: str) -> None:
        """Delete a record: a tombstone (nothing is written when it is already gone)."""
        base = self._live(record_id)
        if base is not None:
            self._repo.write_version(self._name, record_id, None, base)

    def get(self, record_id: str) -> T | None:
        """The record, or None when it is gone or does not decode (then it is skipped)."""
        found = self._live(record_id)
        return None if found is None else self._decode(found)

    def all(self) -> list[Stored[T]]:
        found: list[Stored[T]] = []
        for version in self._repo.visible(self._name):
            item = self._decode(version)
            if item is not None:
                found.append(Stored(version.id, item))
        return found

    def all_in_steps(self, size: int) -> Iterator[list[Stored[T]]]:
        """What ``all`` returns, ``size`` records at a time: a caller on the UI thread can
        decode one batch per event-loop turn. The records are those visible when it starts
        (versions never change, so the batches stay one consistent read)."""
        versions = self._repo.visible(self._name)
        for start in range(0, len(versions), size):
            found: list[Stored[T]] = []
            for version in versions[start:start + size]:
                item = self._decode(version)
                if item is not None:
                    found.append(Stored(version.id, item))
            yield found

    def _live(self, record_id: str) -> Version | None:
        found = self._repo.winner(self._name, record_id)
        return None if found is None or found.deleted else found

    def _decode(self, version: Version) -> T | None:
        held = self._repo.decoded.get(version, self._cls)
        if held is not None:
            if held[0] is None:
                self._repo.skip(self._name, version.id, version.doc)
            return held[0]
        try:
            item: T | None = from_json(self._cls, version.fields())
        except DecodeError:
            self._repo.skip(self._name, version.id, version.doc)
            item = None
        self._repo.decoded.keep(version, self._cls, item)
        return item

    def __len__(self) -> int:
        return len(self._repo.visible(self._name))
