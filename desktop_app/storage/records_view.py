"""What a profile's merged records look like to its readers: winners, visible records, typed
collections, counts, and the memos services derive from them (keyed on revisions).

The base of :class:`desktop_app.storage.repository.ProfileRepository`, which reads the files
and writes; kept apart so each stays small.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar, cast

from desktop_app.storage.collection import Decoded
from desktop_app.storage.layout import KINDS, PROFILE_TABLE
from desktop_app.storage.merge import MergedView, Version
from desktop_app.storage.revisions import Revisions
from desktop_app.storage.schema import APP_MARK, V1
from desktop_app.storage.tinydb_storage import encode_tables

V = TypeVar("V")
META = "meta"  # what services call the profile-level table (memos key on it)


def table_of(kind: str) -> str:
    """The table memos of ``kind`` key on."""
    return META if kind == PROFILE_TABLE else kind


class RecordsView:
    """Reading the merged records, and memos kept until the tables they read change."""

    _view: MergedView
    _revisions: Revisions
    _memos: dict[str, tuple[tuple[str, ...], int, Any]]
    decoded: Decoded

    # --- records -------------------------------------------------------------------------
    def winner(self, kind: str, rid: str) -> Version | None:
        return self._view.winners.get(kind, {}).get(rid)

    def winners(self, kind: str) -> dict[str, Version]:
        """A copy of the kind's winners, tombstones included: versions never change, so
        another thread can read it while this repository goes on (an export, an import's
        preview)."""
        return dict(self._view.winners.get(kind, {}))

    def visible(self, kind: str) -> list[Version]:
        """The winners that are not tombstones, in id order (ids sort by creation)."""
        table = self._view.winners.get(kind, {})
        return [table[rid] for rid in sorted(table) if not table[rid].deleted]

    @property
    def meta(self) -> dict[str, Any]:
        return {v.id: v.doc.get("value") for v in self.visible(PROFILE_TABLE)}

    @property
    def name(self) -> str:
        return str(self.meta.get("profile_name", ""))

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(str(self.meta["created_at"]))

    def export_bytes(self) -> bytes:
        """The visible records as one format-1 TinyDB file (int keys in id order)."""
        head = {"app": APP_MARK, "schema_version": V1, **self.meta}
        tables: dict[str, dict[str, Any]] = {"meta": {"1": head}}
        for kind in KINDS:
            tables[kind] = {str(n): v.fields() for n, v in enumerate(self.visible(kind), 1)}
        # Format 1 links a focus period to its result by the result's int key.
        keys = {v.id: n for n, v in enumerate(self.visible("assessments"), 1)}
        for doc in tables.get("focus", {}).values():
            source = doc.get("source_assessment")
            if isinstance(source, str):
                doc["source_assessment"] = keys.get(source)
        return encode_tables(tables)

    def table_counts(self) -> dict[str, int]:
        return {kind: self.count(kind) for kind in KINDS}

    def count(self, kind: str) -> int:
        """How many records of ``kind`` are visible; counted again only after ``kind`` changed."""
        table = table_of(kind)
        return self.memo(f"storage:count:{kind}", (table,), lambda: sum(
            not v.deleted for v in self._view.winners.get(kind, {}).values()
        ))

    # --- memos ---------------------------------------------------------------------------
    def revision(self, tables: Iterable[str]) -> int:
        """The revision of the last change to any of ``tables``."""
        return self._revisions.of(tables)

    def memo(self, key: str, tables: tuple[str, ...], build: Callable[[], V]) -> V:
        """``build()``, remembered until one of ``tables`` changes (or the profile closes)."""
        stamp = self._revisions.of(tables)
        held = self._memos.get(key)
        if held is not None and held[1] == stamp:
            return cast(V, held[2])
        value = build()
        self._memos[key] = (tables, stamp, value)
        return value

    def recall(self, key: str) -> Any | None:
        """What :meth:`remember` kept under ``key``, if its tables have not changed since."""
        held = self._memos.get(key)
        if held is None or held[1] != self._revisions.of(held[0]):
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
        self._memos[key] = (held[0], self._revisions.of(held[0]), held[2])

    def _counted(self, kind: str, since: int, delta: int) -> None:
        """Keep the count of ``kind`` across a write that changed it by ``delta`` (``since``:
        its table's revision before the write), so a save does not recount the kind."""
        key = f"storage:count:{kind}"
        held = self._memos.pop(key, None)
        if held is not None and held[1] == since:
            self._memos[key] = (held[0], self._revisions.of(held[0]), held[2] + delta)

    def _live(self, kind: str, rid: str) -> int:
        found = self._view.winners.get(kind, {}).get(rid)
        return int(found is not None and not found.deleted)
