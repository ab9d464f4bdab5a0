"""A practice's own history, judged the way its rhythm asks (issue 12).

Daily practices are judged day by day. "Some days a week" and "once a week" practices are
judged per Monday-to-Sunday week: a week with enough days done is complete, and no single
day of it is "missed". "Never miss twice" for them means two short weeks in a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import date, timedelta
from typing import NamedTuple

from desktop_app.domain.consistency import (
    DayStatus,
    _week_target,  # the same share of the target for a week cut short as everywhere else
    calendar_weeks,
    day_statuses,
)
from desktop_app.domain.journal import Cadence, CadenceKind, Pause


def _paused(day: date, pauses: Sequence[Pause]) -> bool:
    return any(p.covers(day) for p in pauses)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]



class WeekVerdict(NamedTuple):
    """One Monday-to-Sunday week of a "some days a week" practice.

    ``target`` is what the week asked for (less when a pause or the range edge cut it
    short); ``done`` how many days it was done. ``complete`` once ``done`` reaches the
    target, ``open`` while it can still get there, ``short`` otherwise, ``paused`` when the
    whole week was paused.
    """

    first: date
    last: date
    target: int
    done: int
    verdict: str


COMPLETE = "complete"
OPEN = "open"
SHORT = "short"
PAUSED_WEEK = "paused"


def judged_by_week(cadence: Cadence) -> bool:
    """True for rhythms judged per week ("3 days a week", "once a week"), not per day."""
    return cadence.kind is not CadenceKind.DAILY


def week_verdicts(
    cadence: Cadence,
    done_days: AbstractSet[date],
    start: date,
    end: date,
    today: date,
    pauses: Sequence[Pause] = (),
) -> list[WeekVerdict]:
    """The Monday-to-Sunday weeks touching ``start``..``end``, each judged as a whole."""
    verdicts: list[WeekVerdict] = []
    for week in calendar_weeks(start, end):
        inside = [d for d in week if start <= d <= end]
        available = [d for d in inside if not _paused(d, pauses)]
        target = _week_target(cadence.per_week_target, len(available))
        done = sum(1 for d in inside if d in done_days)
        still_open = sum(1 for d in available if d >= today and d not in done_days)
        if not available:
            verdict = PAUSED_WEEK
        elif done >= target:
            verdict = COMPLETE
        elif done + still_open >= target:
            verdict = OPEN
        else:
            verdict = SHORT
        verdicts.append(WeekVerdict(week[0], week[-1], target, done, verdict))
    return verdicts


def history_statuses(
    cadence: Cadence,
    done_days: AbstractSet[date],
    start: date,
    end: date,
    today: date,
    pauses: Sequence[Pause] = (),
) -> dict[date, DayStatus]:
    """Day statuses for a practice's own history.

    Daily practices: as :func:`day_statuses`. Practices judged by the week never have a
    missed day: a day is done, paused, still open (today and later) or not due; whether
    the week was enough is said by :func:`week_verdicts`.
    """
    if not judged_by_week(cadence):
        return day_statuses(cadence, done_days, start, end, today, pauses)
    statuses: dict[date, DayStatus] = {}
    for day in _days(start, end):
        if day in done_days:
            statuses[day] = DayStatus.DONE
        elif _paused(day, pauses):
            statuses[day] = DayStatus.PAUSED
        elif day >= today:
            statuses[day] = DayStatus.FUTURE
        else:
            statuses[day] = DayStatus.NOT_DUE
    return statuses


def short_weeks_twice(verdicts: Sequence[WeekVerdict]) -> list[tuple[date, date]]:
    """Spans (first day of the first week, last day of the last) of two or more short weeks
    in a row: "never miss twice" for a practice judged by the week. Paused weeks are stepped
    over; a complete or open week ends the run."""
    spans: list[tuple[date, date]] = []
    run: list[WeekVerdict] = []
    for week in verdicts:
        if week.verdict == SHORT:
            run.append(week)
        elif week.verdict in (COMPLETE, OPEN):
            if len(run) >= 2:
                spans.append((run[0].first, run[-1].last))
            run = []
    if len(run) >= 2:
        spans.append((run[0].first, run[-1].last))
    return spans
