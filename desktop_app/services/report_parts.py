"""The parts of the report "Since my last session", as plain data (no Qt, no wording for
pages): wins, slips and returns, practice, the check-in trend, scores, gaps, focus, topics.

Every function takes the decoded records and the period, and keeps only what falls inside.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from desktop_app.domain.consistency import (
    DayStatus,
    practice_day_statuses,
)
from desktop_app.domain.journal import CheckIn, FocusPeriod, Slip, Win, instant
from desktop_app.domain.progress import DateRange, Snapshot, wheel_data
from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.return_time import ReturnTime, return_time
from desktop_app.domain.schedule import local_date
from desktop_app.domain.scoring import meaningful_change, score_all
from desktop_app.domain.templates import Template, TemplateSet
from desktop_app.domain.topics import Topic

CHECKIN_TEMPLATE = "check-in"
GROUNDED_SCALE = "grounded"
DISTRESS_ITEM = "distress"


@dataclass(frozen=True)
class Period:
    """The days the report covers, both included."""

    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class WinLine:
    day: date
    text: str
    area: str


@dataclass(frozen=True)
class SlipLine:
    day: date
    old_pattern: str
    area: str
    trigger: str
    what_helped: str
    back_on: date | None
    took: ReturnTime | None


@dataclass(frozen=True)
class PauseLine:
    start: date
    end: date | None
    reason: str


@dataclass(frozen=True)
class PracticeLine:
    area: str
    what: str
    days_done: int
    days_missed: int
    days_paused: int
    pauses: tuple[PauseLine, ...]

    @property
    def rate(self) -> float | None:
        counted = self.days_done + self.days_missed
        return self.days_done / counted if counted else None


@dataclass(frozen=True)
class TrendPoint:
    """Means over one day, week or month (``day`` is its first day); None: no answer."""

    day: date
    grounded: float | None
    distress: float | None
    count: int


@dataclass(frozen=True)
class Trend:
    step: str  # "day", "week" or "month"
    points: tuple[TrendPoint, ...]
    checkins: int
    grounded_first: float | None  # mean over the first half of the period
    grounded_last: float | None
    distress_first: float | None
    distress_last: float | None


@dataclass(frozen=True)
class ScoreLine:
    day: date
    template: str
    scale: str
    value: float
    band: str | None
    change: float | None  # against the result before it (of the same template), if any
    meaningful: bool


@dataclass(frozen=True)
class GapLine:
    area: str
    then: tuple[int, int] | None  # (now, ideal) at the start of the period
    now: tuple[int, int] | None  # at its end


@dataclass(frozen=True)
class Gaps:
    then_day: date | None
    now_day: date | None
    lines: tuple[GapLine, ...]


@dataclass(frozen=True)
class FocusLine:
    area: str
    intention: str
    practices: tuple[str, ...]
    since: date
    ended: date | None


@dataclass(frozen=True)
class TopicLine:
    day: date
    text: str
    done_on: date | None


def wins(items: Sequence[Win], period: Period, tz: tzinfo, names: dict[str, str]) -> list[WinLine]:
    found = [w for w in items if period.holds(local_date(w.at, tz))]
    found.sort(key=lambda w: instant(w.at))
    return [WinLine(local_date(w.at, tz), w.text, names.get(w.focus_area or "", ""))
            for w in found]


def slips(items: Sequence[Slip], period: Period, tz: tzinfo,
          names: dict[str, str]) -> list[SlipLine]:
    found = [s for s in items if period.holds(local_date(s.at, tz))]
    found.sort(key=lambda s: instant(s.at))
    return [
        SlipLine(
            local_date(s.at, tz), s.old_pattern, names.get(s.focus_area or "", ""), s.trigger,
            s.what_helped,
            None if s.back_on_track_at is None else local_date(s.back_on_track_at, tz),
            return_time(s),
        )
        for s in found
    ]


def _overlapping(periods: Sequence[FocusPeriod], period: Period, tz: tzinfo) -> list[FocusPeriod]:
    found = [
        p for p in periods
        if local_date(p.started_at, tz) <= period.end
        and (p.ended_at is None or local_date(p.ended_at, tz) >= period.start)
    ]
    return sorted(found, key=lambda p: instant(p.started_at))


def practice(periods: Sequence[FocusPeriod], checkins: Sequence[CheckIn], period: Period,
             today: date, tz: tzinfo, title_of: dict[str, str]) -> list[PracticeLine]:
    lines: list[PracticeLine] = []
    for focus in _overlapping(periods, period, tz):
        start = max(period.start, local_date(focus.started_at, tz))
        end = period.end if focus.ended_at is None else min(
            period.end, local_date(focus.ended_at, tz))
        end = min(end, today)
        if end < start:
            continue
        inside = [c for c in checkins if start <= local_date(c.at, tz) <= end]
        for area in focus.areas:
            for item in area.practices:
                statuses = practice_day_statuses(item, inside, start, end, today, tz)
                count = {s: 0 for s in DayStatus}
                for status in statuses.values():
                    count[status] += 1
                pauses = tuple(
                    PauseLine(p.start, p.end, p.reason) for p in item.pauses
                    if p.start <= end and (p.end is None or p.end >= start)
                )
                lines.append(PracticeLine(
                    title_of.get(area.area, area.area), item.what, count[DayStatus.DONE],
                    count[DayStatus.MISSED], count[DayStatus.PAUSED], pauses,
                ))
    return lines


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _bucket(day: date, step: str) -> date:
    if step == "week":
        return day - timedelta(days=day.weekday())
    if step == "month":
        return day.replace(day=1)
    return day


def trend(template: Template | None, checkins: Sequence[CheckIn], period: Period,
          tz: tzinfo) -> Trend:
    """Grounded (the check-in's scale) and distress (its answer), per day, week or month."""
    step = "day" if period.days <= 62 else "week" if period.days <= 731 else "month"
    rows: list[tuple[date, float | None, float | None]] = []
    for checkin in checkins:
        day = local_date(checkin.at, tz)
        if not period.holds(day) or checkin.template_id != CHECKIN_TEMPLATE:
            continue
        grounded = None
        if template is not None:
            score = score_all(template, checkin.answers).get(GROUNDED_SCALE)
            grounded = None if score is None else float(score.value)
        raw = checkin.answers.get(DISTRESS_ITEM)
        number = isinstance(raw, int | float) and not isinstance(raw, bool)
        distress = float(raw) if number else None  # type: ignore[arg-type]
        rows.append((day, grounded, distress))
    rows.sort(key=lambda r: r[0])
    buckets: dict[date, list[tuple[float | None, float | None]]] = {}
    for day, grounded, distress in rows:
        buckets.setdefault(_bucket(day, step), []).append((grounded, distress))
    points = tuple(
        TrendPoint(
            day,
            _mean([g for g, _d in values if g is not None]),
            _mean([d for _g, d in values if d is not None]),
            len(values),
        )
        for day, values in sorted(buckets.items())
    )
    middle = period.start + timedelta(days=period.days // 2)
    first = [r for r in rows if r[0] < middle]
    last = [r for r in rows if r[0] >= middle]
    return Trend(
        step, points, len(rows),
        _mean([g for _d, g, _x in first if g is not None]),
        _mean([g for _d, g, _x in last if g is not None]),
        _mean([x for _d, _g, x in first if x is not None]),
        _mean([x for _d, _g, x in last if x is not None]),
    )


def scores(results: Sequence[tuple[str, AssessmentResult]], templates: TemplateSet,
           period: Period, tz: tzinfo) -> list[ScoreLine]:
    """Each scale score of each result inside the period, with the change since the result
    of the same template before it (which may be from before the period)."""
    ordered = sorted((r for _id, r in results), key=lambda r: instant(r.completed_at))
    previous: dict[str, AssessmentResult] = {}
    lines: list[ScoreLine] = []
    for result in ordered:
        day = local_date(result.completed_at, tz)
        before = previous.get(result.template_id)
        previous[result.template_id] = result
        if not period.holds(day):
            continue
        template = templates.get(result.template_id)
        title = template.title if template else result.template_title or result.template_id
        for scale_id, score in result.scores.items():
            scale = next((s for s in template.scales if s.id == scale_id), None) if template \
                else None
            earlier = before.scores.get(scale_id) if before is not None else None
            change = None if earlier is None else float(score.value) - float(earlier.value)
            marked = bool(scale is not None and earlier is not None
                          and meaningful_change(scale, float(earlier.value), float(score.value)))
            band = template.shown_band(scale_id, score.band) if template else None
            lines.append(ScoreLine(day, title, scale.title if scale else scale_id,
                                   float(score.value), band.label if band else score.band,
                                   change, marked))
    return lines


def gaps(template: Template | None, results: Sequence[tuple[str, AssessmentResult]],
         period: Period, tz: tzinfo) -> Gaps:
    """Each life area's now and ideal at the start of the period and at its end: the latest
    result on or before each day (at the start, the first result inside when none before)."""
    if template is None:
        return Gaps(None, None, ())
    at_end = wheel_data(template, results, tz, DateRange(None, period.end))
    before = wheel_data(template, results, tz, DateRange(None, period.start - timedelta(days=1)))
    now: Snapshot | None = at_end.latest
    then: Snapshot | None = before.latest
    if then is None:
        inside = wheel_data(template, results, tz, DateRange(period.start, period.end))
        then = inside.choices[-1] if inside.choices else None
    if now is not None and then is not None and now.result_id == then.result_id:
        then = None
    lines = []
    for area, title in zip(at_end.areas, at_end.titles, strict=True):
        old = then.value_of(area) if then else None
        new = now.value_of(area) if now else None
        if old is None and new is None:
            continue
        lines.append(GapLine(title, (old.current, old.ideal) if old else None,
                             (new.current, new.ideal) if new else None))
    return Gaps(then.day if then else None, now.day if now else None, tuple(lines))


def focus(periods: Sequence[FocusPeriod], period: Period, tz: tzinfo,
          title_of: dict[str, str]) -> list[FocusLine]:
    lines = []
    for item in reversed(_overlapping(periods, period, tz)):
        ended = None if item.ended_at is None else local_date(item.ended_at, tz)
        for area in item.areas:
            lines.append(FocusLine(
                title_of.get(area.area, area.area), area.intention,
                tuple(p.what for p in area.practices), local_date(item.started_at, tz), ended,
            ))
    return lines


def topics(items: Sequence[Topic], period: Period, tz: tzinfo) -> list[TopicLine]:
    """Those written in the period, and older ones still waiting to be talked about."""
    found = [
        t for t in items
        if period.holds(local_date(t.at, tz))
        or (t.done_at is None and local_date(t.at, tz) <= period.end)
    ]
    found.sort(key=lambda t: (t.is_done, instant(t.at)))
    return [TopicLine(local_date(t.at, tz), t.text,
                      None if t.done_at is None else local_date(t.done_at, tz)) for t in found]
