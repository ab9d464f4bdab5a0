"""What Home shows from the newest records only: the latest win, the latest check-in's time,
the latest assessment, and the first and latest gap readings.

Each answer equals what the full lists (``journal_cache``) give; it is read from them when
they are already built and current, else from the stored time strings
(:mod:`desktop_app.storage.newest`), decoding only the records it returns, else (a time that
Groundwork did not write) from the full lists. Answers are remembered until their table
changes; the journal's own saves carry them forward, so a save does not rescan the kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from desktop_app.domain.journal import CheckIn, Win, instant
from desktop_app.domain.templates import Template
from desktop_app.services.focus import GAP_READINGS, GapReading, read_gaps
from desktop_app.services.journal_cache import (
    CHECKIN_INDEX,
    ResultHead,
    checkin_index,
    latest_first,
    results_oldest_first,
)
from desktop_app.storage import newest
from desktop_app.storage.repository import ProfileRepository, Stored

LATEST_WIN = "newest:win"
LATEST_CHECKIN_AT = "newest:checkin-at"
LATEST_RESULT = "newest:result"
GAP_ENDS = "newest:gap-ends"


class Held:
    """A remembered answer that a save can update in place (see ``ProfileRepository.carry``)."""

    def __init__(self, value: object) -> None:
        self.value = value


def latest_win(repo: ProfileRepository) -> Stored[Win] | None:
    """The win ``latest_first(repo, "wins", Win)[0]`` is."""
    full = repo.recall("latest-first:wins")
    if full is not None:
        return full[0] if full else None
    held: Held = repo.memo(LATEST_WIN, ("wins",), lambda: Held(_latest_win(repo)))
    return held.value  # type: ignore[return-value]


def _latest_win(repo: ProfileRepository) -> Stored[Win] | None:
    found = newest.latest(repo.winners("wins"), "at")
    if found == []:
        return None
    if found is not None:
        win = repo.collection("wins", Win).get(found[0].id)
        if win is not None:
            return Stored(found[0].id, win)
    wins = latest_first(repo, "wins", Win)  # a time Groundwork did not write, or a bad record
    return wins[0] if wins else None


def win_added(held: Held, doc_id: str, win: Win) -> None:
    """Carry the latest win across the save of ``win`` (ties go to the lower id)."""
    old = held.value
    if not isinstance(old, Stored):
        held.value = Stored(doc_id, win)
        return
    new, was = instant(win.at), instant(old.item.at)
    if new > was or (new == was and doc_id < old.id):
        held.value = Stored(doc_id, win)


def last_checkin_at(repo: ProfileRepository) -> datetime | None:
    """The time ``checkin_index(repo).last_at()`` gives."""
    index = repo.recall(CHECKIN_INDEX)
    if index is not None:
        return index.last_at()  # type: ignore[no-any-return]
    held: Held = repo.memo(LATEST_CHECKIN_AT, ("checkins",), lambda: Held(_last_at(repo)))
    return held.value[0] if held.value else None  # type: ignore[index]


def latest_checkin(repo: ProfileRepository) -> CheckIn | None:
    """The newest check-in that decodes, in ``checkin_index(repo).newest_first()`` order;
    only that one is decoded unless the index is built (Home asks at start, when it is not)."""
    index = repo.recall(CHECKIN_INDEX)
    if index is None:
        held: Held = repo.memo(LATEST_CHECKIN_AT, ("checkins",), lambda: Held(_last_at(repo)))
        if not held.value:
            return None
        found = repo.collection("checkins", CheckIn).get(held.value[1])  # type: ignore[index]
        if found is not None:
            return found
        index = checkin_index(repo)  # its time reads but the rest does not: as the index does
    for doc_id in index.newest_first():  # one that does not decode is left out everywhere
        checkin: CheckIn | None = index.get(doc_id)
        if checkin is not None:
            return checkin
    return None


def _last_at(repo: ProfileRepository) -> tuple[datetime, str] | None:
    """The latest check-in's time and id (on a tie, the lowest id, as a fresh index has it)."""
    found = newest.latest(repo.winners("checkins"), "at")
    if found is None:
        index = checkin_index(repo)
        order = index.newest_first()
        return (index.times()[order[0]], order[0]) if order else None
    return (newest.latest_time(found[0], "at"), found[0].id) if found else None


def checkin_added(held: Held, doc_id: str, checkin: CheckIn) -> None:
    """Carry the latest check-in time across the save of ``checkin``."""
    old = held.value
    if not isinstance(old, tuple):
        held.value = (checkin.at, doc_id)
        return
    new, was = instant(checkin.at), instant(old[0])
    if new > was or (new == was and doc_id < old[1]):
        held.value = (checkin.at, doc_id)


def latest_result(repo: ProfileRepository) -> tuple[str, ResultHead] | None:
    """``results_oldest_first(repo)[-1]``."""
    full = repo.recall("result-heads")
    if full is not None:
        return full[-1] if full else None
    held: Held = repo.memo(LATEST_RESULT, ("assessments",), lambda: Held(_latest_result(repo)))
    return held.value  # type: ignore[return-value]


def _latest_result(repo: ProfileRepository) -> tuple[str, ResultHead] | None:
    order = newest.in_time_order(repo.winners("assessments"), "completed_at")
    if order is None:
        heads = results_oldest_first(repo)
        return heads[-1] if heads else None
    table = repo.collection("assessments", ResultHead)
    for version in reversed(order):
        head = table.get(version.id)
        if head is not None:
            return version.id, head
    return None


def gap_ends(
    repo: ProfileRepository, templates: Sequence[Template],
) -> tuple[GapReading, GapReading] | None:
    """The first and the latest of ``FocusService.gap_readings()``, when it holds two or
    more; else None."""
    full = repo.recall(GAP_READINGS)
    if full is not None and full[0] is templates:
        return _ends(full[1])
    held: Held = repo.memo(GAP_ENDS, ("assessments",),
                           lambda: Held((templates, _gap_ends(repo, templates))))
    if held.value[0] is not templates:  # type: ignore[index]
        held.value = (templates, _gap_ends(repo, templates))
    return held.value[1]  # type: ignore[index,no-any-return]


def _ends(readings: list[GapReading]) -> tuple[GapReading, GapReading] | None:
    return (readings[0], readings[-1]) if len(readings) >= 2 else None


def _gap_ends(
    repo: ProfileRepository, templates: Sequence[Template],
) -> tuple[GapReading, GapReading] | None:
    order = newest.in_time_order(repo.winners("assessments"), "completed_at")
    if order is None:
        readings = [read_gaps(head, rid, templates) for rid, head in results_oldest_first(repo)]
        return _ends([r for r in readings if r.gaps])
    table = repo.collection("assessments", ResultHead)

    def reading(index: int) -> GapReading | None:
        head = table.get(order[index].id)
        found = read_gaps(head, order[index].id, templates) if head is not None else None
        return found if found is not None and found.gaps else None

    first = next(((i, r) for i in range(len(order)) if (r := reading(i))), None)
    if first is None:
        return None
    last = next((r for i in range(len(order) - 1, first[0], -1) if (r := reading(i))), None)
    return None if last is None else (first[1], last)
