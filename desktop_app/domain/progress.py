"""What the progress charts show, as plain data: date ranges, responses, wheel and gaps.

Pure functions over results and journal records; the charts draw what comes out and the
table views list the same numbers. Nothing here reads storage or the clock: callers pass
store ids, ``today`` and the time zone in which days are counted. Over time is in
``progress_time``, the consistency calendar in ``progress_calendar``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from desktop_app.domain.answers import Answer
from desktop_app.domain.journal import CheckIn, FocusPeriod, instant
from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.schedule import local_date
from desktop_app.domain.scoring import ScaleScore, area_gaps, score_all
from desktop_app.domain.templates import Template, area_titles

# --- date ranges ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DateRange:
    """Days from ``start`` to ``end``, both inclusive; None leaves that side open."""

    start: date | None = None
    end: date | None = None

    def contains(self, day: date) -> bool:
        """True when ``day`` lies inside the range."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


ALL_TIME = DateRange()
"""No limit on either side."""


def months_back(today: date, months: int) -> DateRange:
    """The range from the same day ``months`` months ago (clamped to month end) to today."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    day = today.day
    while day > 28:
        try:
            return DateRange(date(year, month, day), today)
        except ValueError:
            day -= 1
    return DateRange(date(year, month, day), today)


# --- inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    """One scored response: an assessment (with its store id) or a check-in (id None)."""

    result_id: str | None
    when: datetime
    answers: Mapping[str, Answer | None]
    scores: Mapping[str, ScaleScore]


def assessment_responses(
    results: Iterable[tuple[str, AssessmentResult]], template_id: str
) -> list[Response]:
    """The results of one template, oldest first, with the scores stored at the time."""
    chosen = [
        Response(result_id, r.completed_at, r.answers, r.scores)
        for result_id, r in results
        if r.template_id == template_id
    ]
    return sorted(chosen, key=lambda r: instant(r.when))


def checkin_responses(template: Template, checkins: Iterable[CheckIn]) -> list[Response]:
    """Check-ins made with ``template``, oldest first, scored against it now."""
    chosen = [
        Response(None, c.at, c.answers, score_all(template, c.answers))
        for c in checkins
        if c.template_id == template.id
    ]
    return sorted(chosen, key=lambda r: instant(r.when))


def in_range(
    responses: Sequence[Response], date_range: DateRange, tz: tzinfo
) -> list[Response]:
    """The responses whose local day falls inside ``date_range``."""
    return [r for r in responses if date_range.contains(local_date(r.when, tz))]


# --- wheel and gaps -------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaValue:
    """Where one area is now and where the person wants it to be."""

    area: str
    title: str
    current: int
    ideal: int

    @property
    def gap(self) -> int:
        """Ideal minus current."""
        return self.ideal - self.current


@dataclass(frozen=True)
class Snapshot:
    """Every answered area of one result."""

    result_id: str | None
    when: datetime
    day: date
    values: tuple[AreaValue, ...]

    def value_of(self, area: str) -> AreaValue | None:
        """The value of ``area``, or None when the result did not answer it."""
        return next((v for v in self.values if v.area == area), None)


def snapshot(template: Template, response: Response, tz: tzinfo) -> Snapshot:
    """The area values of one response, in template order."""
    titles = area_titles([template])
    values = tuple(
        AreaValue(g.area, titles.get(g.area, g.area), g.current, g.ideal)
        for g in area_gaps(template, response.answers)
    )
    return Snapshot(response.result_id, response.when, local_date(response.when, tz), values)


@dataclass(frozen=True)
class WheelData:
    """The latest result in range, the earlier ones to compare with, and the chosen one."""

    areas: tuple[str, ...]
    titles: tuple[str, ...]
    latest: Snapshot | None
    earlier: Snapshot | None
    choices: tuple[Snapshot, ...]


def wheel_data(
    template: Template,
    results: Iterable[tuple[str, AssessmentResult]],
    tz: tzinfo,
    date_range: DateRange = ALL_TIME,
    compare_id: str | None = None,
) -> WheelData:
    """Radar data for ``template``; ``compare_id`` picks the earlier result to overlay.

    ``choices`` are the earlier results inside the range, newest first.
    """
    titles = area_titles([template])
    responses = in_range(assessment_responses(results, template.id), date_range, tz)
    snaps = [snapshot(template, r, tz) for r in responses]
    snaps = [s for s in snaps if s.values]
    latest = snaps[-1] if snaps else None
    choices = tuple(reversed(snaps[:-1]))
    earlier = next((s for s in choices if s.result_id == compare_id), None)
    areas = tuple(titles)
    return WheelData(areas, tuple(titles[a] for a in areas), latest, earlier, choices)


@dataclass(frozen=True)
class GapBar:
    """One bar of the gaps chart; ``focus`` when the area is in the current focus."""

    area: str
    title: str
    current: int
    ideal: int
    gap: int
    focus: bool


@dataclass(frozen=True)
class GapsData:
    """The gaps of the latest result in range, largest first."""

    result: Snapshot | None
    bars: tuple[GapBar, ...]


def gaps_data(
    template: Template,
    results: Iterable[tuple[str, AssessmentResult]],
    tz: tzinfo,
    date_range: DateRange = ALL_TIME,
    focus_areas: Collection[str] = (),
) -> GapsData:
    """Ideal minus current per area for the latest result in range, largest gap first.

    ``focus_areas`` may name areas or their question ids. Ties keep template order.
    """
    wheel = wheel_data(template, results, tz, date_range)
    latest = wheel.latest
    if latest is None:
        return GapsData(None, ())
    question_of = {
        (q.area or q.id): q.id for q in template.questions if q.type == "gap"
    }
    bars = [
        GapBar(
            v.area,
            v.title,
            v.current,
            v.ideal,
            v.gap,
            v.area in focus_areas or question_of.get(v.area) in focus_areas,
        )
        for v in latest.values
    ]
    bars.sort(key=lambda b: -b.gap)
    return GapsData(latest, tuple(bars))


def focus_area_names(periods: Iterable[FocusPeriod]) -> set[str]:
    """The areas of the focus period still running (none when no period runs)."""
    running = [p for p in periods if p.ended_at is None]
    if not running:
        return set()
    current = max(running, key=lambda p: instant(p.started_at))
    return {a.area for a in current.areas}
