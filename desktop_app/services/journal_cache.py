"""What the journal reads often, remembered per open profile.

A five-year profile holds about 1,800 check-ins; decoding them all takes tens of
milliseconds, too much for every Home refresh. The index keeps each check-in's time (cheap
to decode: only one field is read) and decodes whole check-ins one by one when asked. The
journal services keep it in step with their own writes; a change of the table's size made
by anyone else (the demo builder, an import) drops it. (A foreign delete followed by a
foreign add would go unnoticed; nothing outside the journal services deletes journal
records.)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from desktop_app.domain.journal import CheckIn, Slip, Win, instant
from desktop_app.storage.repository import ProfileRepository, Stored

D = TypeVar("D", Slip, Win)


@dataclasses.dataclass(frozen=True)
class _At:
    """A check-in document read for its time only; the codec ignores the other fields."""

    at: datetime


@dataclasses.dataclass(frozen=True)
class ResultHead:
    """A completed assessment read for its header and raw answers (gaps need no template)."""

    template_id: str
    completed_at: datetime
    answers: dict[str, Any]
    template_title: str = ""


class CheckInIndex:
    """Check-in times by doc id, and whole check-ins decoded on demand."""

    def __init__(self, repo: ProfileRepository) -> None:
        self._times_table = repo.collection("checkins", _At)
        self._table = repo.collection("checkins", CheckIn)
        self._times: dict[int, datetime] | None = None
        self._full: dict[int, CheckIn] = {}
        self._order: list[int] | None = None

    def _check(self) -> dict[int, datetime]:
        if self._times is not None and len(self._times) != len(self._table):
            self._times = None
        if self._times is None:
            self._times = {s.id: s.item.at for s in self._times_table.all()}
            self._full = {}
            self._order = None
        return self._times

    def __len__(self) -> int:
        return len(self._table)

    def times(self) -> dict[int, datetime]:
        return self._check()

    def newest_first(self) -> list[int]:
        """Doc ids from the latest check-in to the first."""
        times = self._check()
        if self._order is None:
            self._order = sorted(times, key=lambda i: instant(times[i]), reverse=True)
        return list(self._order)

    def last_at(self) -> datetime | None:
        order = self.newest_first()
        return self._check()[order[0]] if order else None

    def get(self, doc_id: int) -> CheckIn | None:
        self._check()
        if doc_id not in self._full:
            found = self._table.get(doc_id)
            if found is None:
                return None
            self._full[doc_id] = found
        return self._full[doc_id]

    # The writers below run right after the table changed: they adjust the index before
    # anything compares its size with the table's, so no write costs a full re-read.
    def added(self, doc_id: int, checkin: CheckIn) -> None:
        if self._times is not None:
            self._times[doc_id] = checkin.at
        self._full[doc_id] = checkin
        self._order = None

    def updated(self, doc_id: int, checkin: CheckIn) -> None:
        if self._times is not None:
            self._times[doc_id] = checkin.at
        self._full[doc_id] = checkin
        self._order = None

    def removed(self, doc_id: int) -> None:
        if self._times is not None:
            self._times.pop(doc_id, None)
        self._full.pop(doc_id, None)
        self._order = None


class ResultIndex:
    """Completed assessments, decoded once per change of the table's size.

    Results are written once and never edited, so the size tells whether this is stale.
    """

    def __init__(self, repo: ProfileRepository) -> None:
        self._table = repo.collection("assessments", ResultHead)
        self._heads: list[tuple[int, ResultHead]] | None = None

    def oldest_first(self) -> list[tuple[int, ResultHead]]:
        if self._heads is not None and len(self._heads) != len(self._table):
            self._heads = None
        if self._heads is None:
            self._heads = sorted(
                ((s.id, s.item) for s in self._table.all()),
                key=lambda pair: instant(pair[1].completed_at),
            )
        return list(self._heads)


@dataclasses.dataclass
class _ProfileCache:
    checkins: CheckInIndex
    results: ResultIndex
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)


_CACHES: WeakKeyDictionary[ProfileRepository, _ProfileCache] = WeakKeyDictionary()


def _cache(repo: ProfileRepository) -> _ProfileCache:
    found = _CACHES.get(repo)
    if found is None:
        found = _ProfileCache(CheckInIndex(repo), ResultIndex(repo))
        _CACHES[repo] = found
    return found


def checkin_index(repo: ProfileRepository) -> CheckInIndex:
    """The check-in index of this open profile (one per repository object)."""
    return _cache(repo).checkins


def result_index(repo: ProfileRepository) -> ResultIndex:
    """The assessment-result index of this open profile."""
    return _cache(repo).results


def memo(repo: ProfileRepository, key: str, stamp: object, build: Callable[[], Any]) -> Any:
    """``build()``, remembered for this profile until ``stamp`` changes."""
    extra = _cache(repo).extra
    held = extra.get(key)
    if held is None or held[0] != stamp:
        held = (stamp, build())
        extra[key] = held
    return held[1]


def latest_first(repo: ProfileRepository, table: str, cls: type[D]) -> list[Stored[D]]:
    """Every slip or win, the latest first; remembered until the table's size changes.

    Writers that keep the size (an edit) call :func:`forget` with the table name.
    """
    collection = repo.collection(table, cls)
    found: list[Stored[D]] = memo(
        repo, table, len(collection),
        lambda: sorted(collection.all(), key=lambda s: -instant(s.item.at)),
    )
    return list(found)


def forget(repo: ProfileRepository, key: str) -> None:
    """Drop what :func:`memo` remembers under ``key`` (after a write that keeps the size)."""
    _cache(repo).extra.pop(key, None)
