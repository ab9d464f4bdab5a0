"""The over-time chart's data: areas and scale scores across results, bands, meaningful
changes, a trend for daily check-ins, and slips, returns and wins on the same time axis."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import Literal

from desktop_app.domain.journal import Slip, Win, instant
from desktop_app.domain.progress import ALL_TIME, DateRange, Response
from desktop_app.domain.schedule import local_date
from desktop_app.domain.scoring import area_gaps
from desktop_app.domain.templates import Scale, Template, area_titles

TREND_WINDOW = 7
"""Daily scores (check-ins) are followed through the mean of the last this many."""


# --- over time ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimePoint:
    """One value at one moment; ``result_id`` opens the result it came from (if any)."""

    when: datetime
    day: date
    value: float
    result_id: str | None


@dataclass(frozen=True)
class AreaSeries:
    """One area's current and ideal across results."""

    area: str
    title: str
    current: tuple[TimePoint, ...]
    ideal: tuple[TimePoint, ...]


@dataclass(frozen=True)
class BandSpan:
    """A band of a scale, from ``low`` to ``high`` on its axis."""

    low: float
    high: float
    label: str


@dataclass(frozen=True)
class ChangeMark:
    """A point where the score moved by at least the scale's meaningful change."""

    point: TimePoint
    change: float


@dataclass(frozen=True)
class ScaleSeries:
    """A scale's scores over time, its bands and meaningful changes.

    ``trend`` is the rolling mean of daily scores (check-ins) and empty for assessments;
    marks are then placed on the trend, so that day-to-day ups and downs do not mark.
    """

    scale_id: str
    title: str
    low: float
    high: float
    bands: tuple[BandSpan, ...]
    meaningful_change: float | None
    points: tuple[TimePoint, ...]
    trend: tuple[TimePoint, ...]
    marks: tuple[ChangeMark, ...]


JournalKind = Literal["slip", "return", "win"]


@dataclass(frozen=True)
class JournalMark:
    """A slip, a return from one, or a win, as a mark on the time axis."""

    when: datetime
    day: date
    kind: JournalKind
    text: str


@dataclass(frozen=True)
class OverTimeData:
    """Everything the over-time chart of one template draws."""

    template_id: str
    title: str
    areas: tuple[AreaSeries, ...]
    scales: tuple[ScaleSeries, ...]
    marks: tuple[JournalMark, ...]
    focus: frozenset[str] = frozenset()  # the areas of the focus period still running

    @property
    def is_empty(self) -> bool:
        """True when there is no point to draw."""
        return not any(a.current for a in self.areas) and not any(s.points for s in self.scales)


def local_days(responses: Sequence[Response], tz: tzinfo) -> list[date]:
    """The local day of each response, worked out once for every series made from them."""
    return [local_date(r.when, tz) for r in responses]


def area_series(
    template: Template, responses: Sequence[Response], tz: tzinfo,
    days: Sequence[date] | None = None,
) -> tuple[AreaSeries, ...]:
    """Each area's current and ideal across ``responses``, in template order (``days``:
    their ``local_days``, if already known)."""
    titles = area_titles([template])
    current: dict[str, list[TimePoint]] = {area: [] for area in titles}
    ideal: dict[str, list[TimePoint]] = {area: [] for area in titles}
    if not titles:
        return ()
    for response, day in zip(responses, days or local_days(responses, tz), strict=True):
        for gap in area_gaps(template, response.answers):
            current[gap.area].append(
                TimePoint(response.when, day, float(gap.current), response.result_id)
            )
            ideal[gap.area].append(
                TimePoint(response.when, day, float(gap.ideal), response.result_id)
            )
    return tuple(
        AreaSeries(area, titles[area], tuple(current[area]), tuple(ideal[area]))
        for area in titles
    )


def band_spans(scale: Scale, low: float, high: float) -> tuple[BandSpan, ...]:
    """The bands of ``scale`` as spans on the axis from ``low`` to ``high``."""
    spans: list[BandSpan] = []
    floor = low
    for band in scale.bands:
        top = min(band.max, high)
        if top > floor:
            spans.append(BandSpan(floor, top, band.label))
        floor = max(floor, band.max)
    return tuple(spans)


def rolling_mean(points: Sequence[TimePoint], window: int = TREND_WINDOW) -> tuple[TimePoint, ...]:
    """Each point replaced by the mean of it and the ``window - 1`` before it."""
    if window < 1:
        raise ValueError("window must be at least 1")
    trend: list[TimePoint] = []
    total = 0.0
    for index, point in enumerate(points):
        total += point.value
        if index >= window:
            total -= points[index - window].value
        count = min(index + 1, window)
        trend.append(TimePoint(point.when, point.day, round(total / count, 9), point.result_id))
    return tuple(trend)


def change_marks(points: Sequence[TimePoint], threshold: float | None) -> tuple[ChangeMark, ...]:
    """Points where the value has moved by ``threshold`` or more since the last reference.

    The first point is the reference; each marked point becomes the next one. So a slow,
    steady change is marked once it adds up, and a jump is marked where it happens.
    """
    if threshold is None or threshold <= 0 or not points:
        return ()
    marks: list[ChangeMark] = []
    reference = points[0].value
    for point in points[1:]:
        change = round(point.value - reference, 9)
        if abs(change) >= threshold:
            marks.append(ChangeMark(point, change))
            reference = point.value
    return tuple(marks)


def scale_series(
    template: Template, responses: Sequence[Response], tz: tzinfo, *, daily: bool = False,
    days: Sequence[date] | None = None,
) -> tuple[ScaleSeries, ...]:
    """Each scale's scores across ``responses``; ``daily`` adds a trend for check-ins
    (``days``: their ``local_days``, if already known)."""
    series: list[ScaleSeries] = []
    if template.scales and days is None:
        days = local_days(responses, tz)
    for scale in template.scales:
        assert days is not None
        points = tuple(
            TimePoint(r.when, day, r.scores[scale.id].value, r.result_id)
            for r, day in zip(responses, days, strict=True)
            if scale.id in r.scores
        )
        try:
            low, high = template.scale_range(scale)
        except ValueError:
            values = [p.value for p in points] or [0.0]
            low, high = min(values), max(values)
        trend = rolling_mean(points) if daily else ()
        marks = change_marks(trend if daily else points, scale.meaningful_change)
        series.append(
            ScaleSeries(
                scale.id,
                scale.title,
                low,
                high,
                band_spans(scale, low, high),
                scale.meaningful_change,
                points,
                trend,
                marks,
            )
        )
    return tuple(series)


def question_series(
    template: Template, responses: Sequence[Response], tz: tzinfo,
    days: Sequence[date] | None = None,
) -> tuple[ScaleSeries, ...]:
    """Each numbered question of a check-in (distress, …) as a daily series of its own.

    Keyed ``question.<id>``, with its answer range and a trend like a check-in's scales
    (``days``: the responses' ``local_days``, if already known).
    """
    series: list[ScaleSeries] = []
    for question in template.questions:
        value_range = question.value_range()
        if question.type not in ("scale", "choice") or value_range is None:
            continue
        if days is None:
            days = local_days(responses, tz)
        points = tuple(
            TimePoint(r.when, day, float(answer), r.result_id)
            for r, day in zip(responses, days, strict=True)
            if isinstance(answer := r.answers.get(question.id), int | float)
            and not isinstance(answer, bool)
        )
        title = question.short_name
        low, high = value_range
        series.append(ScaleSeries(f"question.{question.id}", title, float(low), float(high),
                                  (), None, points, rolling_mean(points), ()))
    return tuple(series)


def with_focus(data: OverTimeData, template: Template, focus: Collection[str]) -> OverTimeData:
    """``data`` with the areas in ``focus`` (area names or their question ids) marked."""
    question_of = {(q.area or q.id): q.id for q in template.questions if q.type == "gap"}
    chosen = frozenset(
        a.area for a in data.areas if a.area in focus or question_of.get(a.area) in focus
    )
    return data if chosen == data.focus else replace(data, focus=chosen)


def journal_marks(
    slips: Iterable[Slip], wins: Iterable[Win], tz: tzinfo, date_range: DateRange = ALL_TIME
) -> tuple[JournalMark, ...]:
    """Slips, returns and wins inside the range, in time order."""
    marks: list[JournalMark] = []
    for slip in slips:
        marks.append(JournalMark(slip.at, local_date(slip.at, tz), "slip", slip.old_pattern))
        if slip.back_on_track_at is not None:
            back = slip.back_on_track_at
            marks.append(JournalMark(back, local_date(back, tz), "return", slip.old_pattern))
    for win in wins:
        marks.append(JournalMark(win.at, local_date(win.at, tz), "win", win.text))
    marks = [m for m in marks if date_range.contains(m.day)]
    return tuple(sorted(marks, key=lambda m: instant(m.when)))


def over_time(
    template: Template,
    responses: Sequence[Response],
    tz: tzinfo,
    date_range: DateRange = ALL_TIME,
    slips: Iterable[Slip] = (),
    wins: Iterable[Win] = (),
) -> OverTimeData:
    """Areas, scales and journal marks of one template inside ``date_range``.

    ``responses`` are every response of the template (see ``assessment_responses`` and
    ``checkin_responses``), so that rolling means and change marks start from the history,
    not from the range's edge.
    """
    daily = template.kind == "check-in"
    days = local_days(responses, tz)
    scales = scale_series(template, responses, tz, daily=daily, days=days)
    if daily:
        scales += question_series(template, responses, tz, days)
    bounded = date_range.start is not None or date_range.end is not None
    if bounded:
        scales = tuple(_clip_series(s, date_range) for s in scales)
        kept = [(r, d) for r, d in zip(responses, days, strict=True) if date_range.contains(d)]
        responses, days = [r for r, _d in kept], [d for _r, d in kept]
    areas = area_series(template, responses, tz, days)
    marks = journal_marks(slips, wins, tz, date_range)
    return OverTimeData(template.id, template.title, areas, scales, marks)


def clip_over_time(data: OverTimeData, date_range: DateRange) -> OverTimeData:
    """``data`` of all time cut to ``date_range``: the same as ``over_time`` of that range.

    The history is worked out once per change of the records; a new period only cuts it.
    """
    if date_range.start is None and date_range.end is None:
        return data
    areas = tuple(
        AreaSeries(
            a.area, a.title,
            tuple(p for p in a.current if date_range.contains(p.day)),
            tuple(p for p in a.ideal if date_range.contains(p.day)),
        )
        for a in data.areas
    )
    scales = tuple(_clip_series(s, date_range) for s in data.scales)
    marks = tuple(m for m in data.marks if date_range.contains(m.day))
    return OverTimeData(data.template_id, data.title, areas, scales, marks, data.focus)


def _clip_series(series: ScaleSeries, date_range: DateRange) -> ScaleSeries:
    def keep(point: TimePoint) -> bool:
        return date_range.contains(point.day)

    return ScaleSeries(
        series.scale_id,
        series.title,
        series.low,
        series.high,
        series.bands,
        series.meaningful_change,
        tuple(p for p in series.points if keep(p)),
        tuple(p for p in series.trend if keep(p)),
        tuple(m for m in series.marks if keep(m.point)),
    )
