"""Forgiving consistency: how long getting back on track takes, and "never miss twice".

The headline measure is the time from a slip to the return, per slip and as a trend; there
is no streak to lose. Paused days never count as missed.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from desktop_app.domain.consistency import (
    DayStatus,
    ReturnPoint,
    never_miss_twice,
    open_slips,
    practice_day_statuses,
    practice_rate,
    return_times,
    return_trend,
)
from desktop_app.domain.journal import Practice
from desktop_app.domain.return_time import TYPICAL_WINDOW, ReturnTime
from desktop_app.domain.schedule import local_date
from desktop_app.services.journal import JournalService

PRACTICE_WINDOW_DAYS = 28
"""The practice view looks at the last four weeks."""


@dataclasses.dataclass(frozen=True)
class ReturnSummary:
    """The latest returns (``recent``, oldest first), the ones before them (``earlier``),
    and the trend; word them with ``domain.return_time``."""

    recent: list[ReturnTime]
    earlier: list[ReturnTime]
    trend: list[ReturnPoint]
    still_open: int
    returns: int


@dataclasses.dataclass(frozen=True)
class PracticeView:
    """One current practice over the last weeks, for the "never miss twice" view."""

    area_title: str
    practice: Practice
    statuses: dict[date, DayStatus]
    missed_twice: list[tuple[date, date]]
    paused_today: bool
    rate: float | None


class ConsistencyService:
    """Reads the journal; writes nothing."""

    def __init__(self, journal: JournalService) -> None:
        self.journal = journal

    def returns(self) -> ReturnSummary:
        """The latest returns, the ones before them, and the trend."""
        slips = [s.item for s in self.journal.slips()]
        times = return_times(slips)
        recent = times[-TYPICAL_WINDOW:]
        earlier = times[:-TYPICAL_WINDOW][-TYPICAL_WINDOW:]
        trend = return_trend(slips, self.journal.settings().zone())
        return ReturnSummary(recent, earlier, trend, len(open_slips(slips)), len(times))

    def practice_views(self, days: int = PRACTICE_WINDOW_DAYS) -> list[PracticeView]:
        """The current practices over the last ``days`` days (or since the focus began)."""
        focus = self.journal.focus
        current = focus.current()
        if current is None:
            return []
        zone = self.journal.settings().zone()
        today = self.journal.today()
        start = max(local_date(current.item.started_at, zone), today - timedelta(days=days - 1))
        checkins = [s.item for s in self.journal.checkins_between(start, today)]
        views = []
        for area in current.item.areas:
            title = focus.title_of(area.area)
            for practice in area.practices:
                statuses = practice_day_statuses(practice, checkins, start, today, today, zone)
                views.append(
                    PracticeView(
                        title,
                        practice,
                        statuses,
                        never_miss_twice(statuses),
                        practice.is_paused(today),
                        practice_rate(statuses),
                    )
                )
        return views
