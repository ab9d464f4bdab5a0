"""One practice over any period (a month of its calendar), and the "never miss twice" strips.

Daily practices are judged by the day; practices done some days a week by the week
(``domain/practice_history.py``). Reads only.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from desktop_app.domain.consistency import (
    DayStatus,
    never_miss_twice,
    practice_days,
    practice_rate,
)
from desktop_app.domain.journal import Practice
from desktop_app.domain.practice_history import (
    WeekVerdict,
    history_statuses,
    judged_by_week,
    short_weeks_twice,
    week_verdicts,
)
from desktop_app.domain.schedule import local_date
from desktop_app.services.consistency import PracticeView
from desktop_app.services.journal import JournalService

STRIP_DAYS = 91
"""The "never miss twice" strips look at up to 13 weeks; each shows what fits its width."""


@dataclasses.dataclass(frozen=True)
class PracticeHistory:
    """A practice over ``start``..``end``; days before ``since`` (it did not exist) are absent."""

    practice: Practice
    area_title: str
    start: date
    end: date
    since: date
    today: date
    statuses: dict[date, DayStatus]
    weeks: list[WeekVerdict]
    missed_twice: list[tuple[date, date]]

    @property
    def by_week(self) -> bool:
        return judged_by_week(self.practice.cadence)

    def count(self, status: DayStatus) -> int:
        return sum(1 for s in self.statuses.values() if s is status)


def month_bounds(month: date) -> tuple[date, date]:
    """The first and last day of ``month``'s calendar month."""
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def shift_month(month: date, by: int) -> date:
    """The first day of the month ``by`` months after (or before) ``month``'s."""
    index = month.year * 12 + month.month - 1 + by
    return date(index // 12, index % 12 + 1, 1)


class PracticeHistoryService:
    """Reads the journal; writes nothing."""

    def __init__(self, journal: JournalService) -> None:
        self.journal = journal

    def find(self, practice_key: str) -> tuple[Practice, str, date] | None:
        """The practice's latest version, its area's title, and the day it first existed."""
        focus = self.journal.focus
        zone = self.journal.settings().zone()
        found: tuple[Practice, str] | None = None
        since: date | None = None
        for stored in focus.periods():  # the latest start first
            for area in stored.item.areas:
                for practice in area.practices:
                    if practice.key != practice_key:
                        continue
                    if found is None:
                        found = (practice, focus.title_of(area.area))
                    since = local_date(stored.item.started_at, zone)
        if found is None or since is None:
            return None
        return found[0], found[1], since

    def history(self, practice_key: str, start: date, end: date) -> PracticeHistory | None:
        """The practice from ``start`` to ``end``; None when no focus holds it."""
        found = self.find(practice_key)
        if found is None:
            return None
        practice, title, since = found
        today = self.journal.today()
        first = max(start, since)
        # Weeks are judged whole, even where the period cuts through one.
        week_start = max(since, start - timedelta(days=start.weekday()))
        week_end = end + timedelta(days=6 - end.weekday())
        zone = self.journal.settings().zone()
        checkins = [s.item for s in self.journal.checkins_between(week_start, week_end)]
        done = practice_days(checkins, practice.key, zone)
        cadence = practice.cadence
        statuses = (
            history_statuses(cadence, done, first, end, today, practice.pauses)
            if first <= end else {}
        )
        if judged_by_week(cadence):
            weeks = week_verdicts(cadence, done, week_start, week_end, today, practice.pauses)
            twice = short_weeks_twice(weeks)
        else:
            weeks = []
            twice = never_miss_twice(statuses)
        return PracticeHistory(practice, title, start, end, since, today, statuses, weeks, twice)

    def month(self, practice_key: str, month: date) -> PracticeHistory | None:
        first, last = month_bounds(month)
        return self.history(practice_key, first, last)

    def strips(self, days: int = STRIP_DAYS) -> list[PracticeView]:
        """The current practices over the last ``days`` days (or since they began), each
        judged the way its rhythm asks, for the "never miss twice" view."""
        current = self.journal.focus.current()
        if current is None:
            return []
        today = self.journal.today()
        views = []
        for area in current.item.areas:
            for practice in area.practices:
                shown = self.history(practice.key, today - timedelta(days=days - 1), today)
                if shown is None:
                    continue
                # Today stays open until done: judged up to yesterday, shown up to today.
                statuses = shown.statuses
                views.append(PracticeView(
                    shown.area_title, shown.practice, statuses, shown.missed_twice,
                    practice.is_paused(today), practice_rate(statuses),
                ))
        return views
