"""The change counter everything derived from a profile keys its memos on."""

from __future__ import annotations

from collections.abc import Iterable


class Revisions:
    """Every change in memory (a write, a write inside a batch, a reload after a failure, a
    file from another computer) moves ``revision`` on. Each table remembers the revision of
    its last change, so a memo over the wins is not thrown away by a check-in; a change that
    names no table counts for every table."""

    def __init__(self) -> None:
        self.revision = 0
        self._changed_at: dict[str, int] = {}
        self._all_changed_at = 0

    def of(self, tables: Iterable[str]) -> int:
        changed = self._changed_at
        return max([self._all_changed_at, *(changed.get(t, 0) for t in tables)])

    def bump(self, tables: Iterable[str] | None) -> None:
        self.revision += 1
        if tables is None:
            self._all_changed_at = self.revision
        else:
            for table in tables:
                self._changed_at[table] = self.revision
