"""What the journal reads often, remembered by the open profile until its tables change.

A five-year profile holds about 1,800 check-ins; decoding them all takes tens of
milliseconds, too much for every Home refresh. The index keeps each check-in's time (cheap
to decode: only one field is read) and decodes whole check-ins one by one when asked.

Every memo here lives in the repository (:meth:`ProfileRepository.memo`) and is keyed on
the storage revision of the tables it reads, so any write — by the journal, an import, a
failed save that dropped memory — is seen; closing the profile lets them go. The journal's
own check-in writes carry the index forward (:meth:`ProfileRepository.carry`) instead of
rebuilding it, so a save costs the same at any size of history.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from desktop_app.domain.journal import CheckIn, Slip, Win, instant
from desktop_app.storage.collection import Collection
from desktop_app.storage.merge import Version
from desktop_app.storage.repository import ProfileRepository, Stored

D = TypeVar("D", Slip, Win)

CHECKINS = ("checkins",)
CHECKIN_INDEX = "checkin-index"
# How Groundwork writes a time (``isoformat`` of an aware datetime). Such a string decodes to
# ``datetime.fromisoformat`` of it, as the codec would; anything else takes the codec's path.
_WRITTEN_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?[+-]\d\d:\d\d")


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
        self._table = repo.collection("checkins", CheckIn)
        self._times = _check_in_times(repo)
        self._full: dict[str, CheckIn] = {}
        self._order: list[str] | None = None

    def __len__(self) -> int:
        return len(self._times)

    def times(self) -> dict[str, datetime]:
        return self._times

    def newest_first(self) -> list[str]:
        """Doc ids from the latest check-in to the first."""
        if self._order is None:
            times = self._times
            self._order = sorted(times, key=lambda i: instant(times[i]), reverse=True)
        return list(self._order)

    def last_at(self) -> datetime | None:
        order = self.newest_first()
        return self._times[order[0]] if order else None

    def get(self, doc_id: str) -> CheckIn | None:
        if doc_id not in self._times:
            return None
        if doc_id not in self._full:
            found = self._table.get(doc_id)
            if found is None:
                # Its time reads but the rest does not: leave it out everywhere, not just here.
                self.removed(doc_id)
                return None
            self._full[doc_id] = found
        return self._full[doc_id]

    # What a writer calls through ProfileRepository.carry after changing the table.
    def added(self, doc_id: str, checkin: CheckIn) -> None:
        self._times[doc_id] = checkin.at
        self._full[doc_id] = checkin
        self._order = None

    updated = added

    def removed(self, doc_id: str) -> None:
        self._times.pop(doc_id, None)
        self._full.pop(doc_id, None)
        self._order = None

    def took_in(self, repo: ProfileRepository, versions: Iterable[Version],
                decoded: dict[str, CheckIn]) -> None:
        """Versions merged from elsewhere (an import): each id as it now stands, instead of
        reading every check-in's time again. ``decoded``: those that came decoded."""
        slow = repo.collection("checkins", _At)
        for version in versions:
            winner = repo.winner("checkins", version.id)
            if winner is None or winner.deleted:
                self.removed(version.id)
            elif winner is version:  # otherwise what was there still wins: nothing changes
                known = decoded.get(version.id)
                if known is not None:
                    self.added(version.id, known)
                    continue
                self._full.pop(version.id, None)
                self._order = None
                item = _time_of(repo, version, slow)
                if item is None:
                    self._times.pop(version.id, None)
                else:
                    self._times[version.id] = item.at


def _check_in_times(repo: ProfileRepository) -> dict[str, datetime]:
    """Every check-in's time, read straight from the stored string where it is one Groundwork
    wrote (the profile's first read decodes thousands), through the codec otherwise."""
    times: dict[str, datetime] = {}
    slow = repo.collection("checkins", _At)
    for version in repo.visible("checkins"):
        item = _time_of(repo, version, slow)
        if item is not None:
            times[version.id] = item.at
    return times


def _time_of(repo: ProfileRepository, version: Version, slow: Collection[_At]) -> _At | None:
    held = repo.decoded.get(version, _At)
    if held is None:
        at = version.doc.get("at")
        item: _At | None = None
        if isinstance(at, str) and _WRITTEN_TIME.fullmatch(at):
            with contextlib.suppress(ValueError):  # "02-31" has the form, not the day
                item = _At(datetime.fromisoformat(at))
        if item is not None:
            repo.decoded.keep(version, _At, item)
        else:
            item = slow.get(version.id)
    else:
        item = held[0]
        if item is None:
            slow.get(version.id)  # counted as skipped again, as a decode would
    return item


def checkin_index(repo: ProfileRepository) -> CheckInIndex:
    """The check-in index of this open profile, current with its check-ins table."""
    return repo.memo(CHECKIN_INDEX, CHECKINS, lambda: CheckInIndex(repo))


def results_oldest_first(repo: ProfileRepository) -> list[tuple[str, ResultHead]]:
    """Completed assessments (headers and raw answers), the oldest first."""
    heads: list[tuple[str, ResultHead]] = repo.memo(
        "result-heads",
        ("assessments",),
        lambda: sorted(
            ((s.id, s.item) for s in repo.collection("assessments", ResultHead).all()),
            key=lambda pair: instant(pair[1].completed_at),
        ),
    )
    return list(heads)


def latest_first(repo: ProfileRepository, table: str, cls: type[D]) -> list[Stored[D]]:
    """Every slip or win, the latest first; remembered until the table changes."""
    found: list[Stored[D]] = repo.memo(
        f"latest-first:{table}",
        (table,),
        lambda: sorted(repo.collection(table, cls).all(), key=lambda s: -instant(s.item.at)),
    )
    return list(found)
