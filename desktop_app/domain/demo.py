"""A seeded, reproducible made-up history, so every screen can be seen full.

``generate_demo`` walks day by day from ``years`` ago to ``today`` with one
``random.Random(seed)``: assessments every few weeks (scored against the templates passed
in), focus periods picked from the gaps, daily check-ins with gaps and a paused holiday
each year, slips with returns that get quicker over time, and wins. The same arguments
always give the same history (nothing depends on hashing, the clock or uuid).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from desktop_app.domain import demo_text as text
from desktop_app.domain.answers import Answer, GapAnswer
from desktop_app.domain.journal import (
    Cadence,
    CheckIn,
    CheckInSettings,
    FocusArea,
    FocusPeriod,
    Pause,
    Practice,
    Slip,
    Win,
)
from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.scoring import area_gaps, score_all, suggest_focus, triggered_alerts
from desktop_app.domain.templates import Question, Template
from desktop_app.i18n import _

# Answers where a lower number is the better day (the generator needs a direction).
LOWER_IS_BETTER = frozenset({"distress", "overwhelmed", "self_harm"})
HOLIDAY_DAYS = 10


@dataclass(frozen=True)
class DemoHistory:
    """Everything the Demo profile holds.

    ``focus_sources[i]`` is the index in ``assessments`` of the result focus period ``i``
    was picked from: store ids are only known once stored, so the caller fills them in.
    """

    assessments: tuple[AssessmentResult, ...]
    focus: tuple[FocusPeriod, ...]
    focus_sources: tuple[int | None, ...]
    checkins: tuple[CheckIn, ...]
    slips: tuple[Slip, ...]
    wins: tuple[Win, ...]
    settings: CheckInSettings

    @property
    def document_count(self) -> int:
        """How many documents storing it writes."""
        return sum(
            len(part)
            for part in (self.assessments, self.focus, self.checkins, self.slips, self.wins)
        )


# key, area, intention, gap at start, practices (key, what, cadence)
_AreaDraft = tuple[str, str, str, int | None, list[tuple[str, str, Cadence]]]


@dataclass
class _FocusDraft:
    """A focus period being lived through; pauses are added until it ends."""

    key: str
    started_at: datetime
    areas: list[_AreaDraft]
    source: int | None
    pauses: list[Pause] = field(default_factory=list)
    ended_at: datetime | None = None

    def build(self) -> FocusPeriod:
        areas = tuple(
            FocusArea(
                key,
                area,
                intention,
                tuple(Practice(pk, what, cad, tuple(self.pauses)) for pk, what, cad in practices),
                gap,
            )
            for key, area, intention, gap, practices in self.areas
        )
        # The source is an index into the history here; storing it names the result.
        return FocusPeriod(self.key, self.started_at, self.ended_at, areas, None)

    def practice_keys(self) -> list[str]:
        return [pk for *_rest, practices in self.areas for pk, _w, _c in practices]


class _Demo:
    """One walk through the timeline; state that changes day by day lives here."""

    def __init__(
        self, seed: int, today: date, tz: tzinfo, years: float, templates: Sequence[Template],
        checkins_per_day: int, wins_per_week: float,
    ) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.tz = tz
        self.start = today - timedelta(days=round(years * 365))
        self.checkins_per_day = checkins_per_day
        self.win_chance = wins_per_week / 7
        assessments = [t for t in templates if t.kind == "assessment"]
        with_areas = [t for t in assessments if t.areas]
        self.wheel = next((t for t in with_areas if t.id == "life-areas"), None) or (
            with_areas[0] if with_areas else None
        )
        self.others = [t for t in assessments if t is not self.wheel]
        checkin_templates = [t for t in templates if t.kind == "check-in"]
        self.checkin = next((t for t in checkin_templates if t.id == "check-in"), None) or (
            checkin_templates[0] if checkin_templates else None
        )
        self.level: dict[str, float] = {}
        self.ideal: dict[str, float] = {}
        self.results: list[AssessmentResult] = []
        self.periods: list[_FocusDraft] = []
        self.checkins: list[CheckIn] = []
        self.slips: list[Slip] = []
        self.wins: list[Win] = []

    # --- helpers ----------------------------------------------------------------------------
    def key(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def at(self, day: date, hour: float) -> datetime:
        minutes = int(hour * 60)
        return datetime.combine(day, time(minutes // 60 % 24, minutes % 60), tzinfo=self.tz)

    def progress(self, day: date) -> float:
        """How far along the person is, 0 at the start to 1 today."""
        total = max((self.today - self.start).days, 1)
        return (day - self.start).days / total

    def wellbeing(self, day: date) -> float:
        """A 0-1 level that rises slowly, with noise and a dip after a recent slip."""
        recent = any(0 <= (day - s.at.date()).days < 3 for s in self.slips[-3:])
        base = 0.32 + 0.35 * self.progress(day) - (0.12 if recent else 0.0)
        return min(1.0, max(0.0, self.rng.gauss(base, 0.1)))

    def current_period(self) -> _FocusDraft | None:
        return self.periods[-1] if self.periods and self.periods[-1].ended_at is None else None

    # --- answers ----------------------------------------------------------------------------
    def answer(self, template: Template, question: Question, good: float) -> Answer | None:
        reverse = any(question.id in s.reverse for s in template.scales)
        if question.id in LOWER_IS_BETTER or reverse:
            good = 1.0 - good
        if question.type == "gap":
            area = question.area or question.id
            low, high = question.min or 0, question.max or 10
            if area not in self.level:
                span = high - low
                self.level[area] = self.rng.uniform(low + 0.25 * span, low + 0.6 * span)
                self.ideal[area] = self.rng.uniform(low + 0.7 * span, high)
            ideal = round(min(high, self.ideal[area] + self.rng.choice((0, 0, 0, 0.5))))
            current = round(min(float(ideal), max(low, self.rng.gauss(self.level[area], 0.5))))
            return GapAnswer(int(current), int(ideal))
        if question.type == "scale" and question.min is not None and question.max is not None:
            span = question.max - question.min
            return question.min + round(min(1.0, max(0.0, self.rng.gauss(good, 0.12))) * span)
        if question.type == "choice" and question.options:
            values = sorted(o.value for o in question.options)
            return values[min(len(values) - 1, int((1.0 - good) * len(values) * 0.6))]
        if question.type == "multi" and question.options:
            values = sorted(o.value for o in question.options if o.value != 0)
            count = self.rng.randint(1, min(3, len(values))) if values else 0
            return sorted(self.rng.sample(values, count)) if count else None
        if question.type == "yes_no":
            return self.rng.random() < good
        if question.type == "text" and question.id in text.IDEAL_TEXT:
            return _(text.IDEAL_TEXT[question.id]) if self.rng.random() < 0.3 else None
        return None

    def fill(self, template: Template, good: float) -> dict[str, Answer | None]:
        answers = {q.id: self.answer(template, q, good) for q in template.questions}
        # Made-up people never trip a safety alert: the demo is for looking around.
        for alert in triggered_alerts(template, answers):
            answers[alert.item.partition(".")[0]] = None
        return answers

    # --- events -----------------------------------------------------------------------------
    def assess(self, template: Template, day: date) -> None:
        done = self.at(day, self.rng.uniform(18.5, 21.0))
        answers = self.fill(template, self.wellbeing(day))
        self.results.append(
            AssessmentResult(
                template.id, template.version, done - timedelta(minutes=self.rng.randint(6, 18)),
                done, answers, score_all(template, answers), template.title,
            )
        )

    def refocus(self, day: date) -> None:
        """End the running period and pick up to three areas from the latest wheel result."""
        assert self.wheel is not None
        index = len(self.results) - 1
        gaps = suggest_focus(area_gaps(self.wheel, self.results[index].answers),
                             self.rng.choice((2, 3)))
        if not gaps:
            return
        begin = self.at(day, 21.5)
        running = self.current_period()
        if running is not None:
            running.ended_at = begin
        areas: list[_AreaDraft] = []
        for gap in gaps:
            if gap.question_id in text.FOCUS_BANK:
                words, bank = text.FOCUS_BANK[gap.question_id]
                intention = _(words)
                practices = [(self.key(), _(what), _cadence(how)) for what, how in bank]
            else:
                intention = _("Give {area} a little room").format(area=gap.area)
                ten = _("Ten minutes for {area}").format(area=gap.area)
                practices = [(self.key(), ten, _cadence(3))]
            areas.append((self.key(), gap.area, intention, gap.gap, practices))
        self.periods.append(_FocusDraft(self.key(), begin, areas, index))

    def check_in(self, day: date, hour: float, holiday: bool) -> None:
        period = self.current_period()
        good = self.wellbeing(day)
        done: tuple[str, ...] = ()
        if period is not None and not holiday:
            done = tuple(k for k in period.practice_keys() if self.rng.random() < 0.35 + 0.5 * good)
        answers: dict[str, Answer | None] = {}
        if self.checkin is not None:
            answers = self.fill(self.checkin, good)
            if "practices" in answers:
                answers["practices"] = bool(done)
            if "note" in answers and self.rng.random() < 0.2:
                answers["note"] = _(self.rng.choice(text.CHECKIN_NOTES))
        template_id = self.checkin.id if self.checkin else "check-in"
        version = self.checkin.version if self.checkin else 1
        at = self.at(day, hour + self.rng.uniform(0, 1.2))
        clean = {k: v for k, v in answers.items() if not isinstance(v, GapAnswer)}
        self.checkins.append(CheckIn(at, template_id, version, clean, done))

    def slip(self, day: date) -> None:
        period = self.current_period()
        area = self.rng.choice(period.areas) if period else None
        patterns = text.OLD_PATTERNS.get(_question_of(self.wheel, area[1]) if area else "",
                                         text.GENERIC_PATTERNS)
        at = self.at(day, self.rng.uniform(9, 22))
        # Returns get quicker over the years: that is the progress the method looks for.
        took = self.rng.expovariate(1 / (3.0 - 2.2 * self.progress(day)))
        back: datetime | None = at + timedelta(minutes=60 + round(min(took, 14) * 1440))
        if back is not None and back.date() >= self.today:
            back = None
        self.slips.append(
            Slip(
                self.key(), at, area[0] if area else None, _(self.rng.choice(patterns)),
                _(self.rng.choice(text.TRIGGERS)),
                _(self.rng.choice(text.WHAT_HELPED)) if back else "",
                back,
            )
        )

    def run(self) -> DemoHistory:
        next_wheel = next_other = self.start
        next_focus: date | None = None
        holiday_start: date | None = None
        day = self.start
        while day < self.today:
            if (day - self.start).days % 365 == 200:
                holiday_start = day
                running = self.current_period()
                if running is not None:
                    last = day + timedelta(days=HOLIDAY_DAYS - 1)
                    running.pauses.append(Pause(day, last, "Holiday"))
            holiday = holiday_start is not None and 0 <= (day - holiday_start).days < HOLIDAY_DAYS
            if self.wheel is not None and day >= next_wheel and not holiday:
                self.assess(self.wheel, day)
                next_wheel = day + timedelta(days=self.rng.randint(21, 35))
                if next_focus is None or day >= next_focus:
                    self.refocus(day)
                    next_focus = day + timedelta(days=self.rng.randint(120, 180))
                for area in self.current_areas():
                    self.level[area] += 0.35  # the areas in focus move, slowly
            if day >= next_other and not holiday:
                for template in self.others:
                    self.assess(template, day)
                next_other = day + timedelta(days=self.rng.randint(35, 56))
            self.journal_day(day, holiday)
            day += timedelta(days=1)
        settings = CheckInSettings(timezone=getattr(self.tz, "key", None) or "UTC")
        return DemoHistory(
            tuple(self.results), tuple(p.build() for p in self.periods),
            tuple(p.source for p in self.periods), tuple(self.checkins), tuple(self.slips),
            tuple(self.wins), settings,
        )

    def journal_day(self, day: date, holiday: bool) -> None:
        """Check-ins (fewer on holiday and just after a slip), maybe a slip, maybe a win."""
        after_slip = bool(self.slips) and (day - self.slips[-1].at.date()).days < 3
        skip = 0.85 if holiday else 0.08 + (0.25 if after_slip else 0.0)
        for n in range(self.checkins_per_day):
            if self.rng.random() >= skip:
                self.check_in(day, 20.0 if n == 0 else 7.5, holiday)
        if not holiday and self.rng.random() < 0.06:
            self.slip(day)
        if self.rng.random() < self.win_chance:
            period = self.current_period()
            focus = None
            if period is not None and self.rng.random() < 0.7:
                focus = self.rng.choice(period.areas)[0]
            at = self.at(day, self.rng.uniform(10, 21))
            self.wins.append(Win(at, _(self.rng.choice(text.WINS)), focus))

    def current_areas(self) -> list[str]:
        period = self.current_period()
        return [area for _k, area, *_rest in period.areas] if period else []


def _cadence(how: str | int) -> Cadence:
    if how == "daily":
        return Cadence.daily()
    if how == "weekly":
        return Cadence.weekly()
    return Cadence.per_week(int(how))


def _question_of(template: Template | None, area: str) -> str:
    if template is None:
        return area
    return next((q.id for q in template.questions if q.type == "gap" and q.area == area), area)


def generate_demo(
    seed: int,
    today: date,
    tz: tzinfo,
    years: float = 2.0,
    templates: Sequence[Template] = (),
    *,
    checkins_per_day: int = 1,
    wins_per_week: float = 1.5,
) -> DemoHistory:
    """About ``years`` of plausible history up to (not including) ``today``, in zone ``tz``.

    Assessments use the assessment templates in ``templates`` (the one with gap questions,
    preferably "life-areas", drives the focus); check-ins use the check-in template. The
    check-in settings name ``tz`` when it is an IANA zone, else UTC.
    """
    return _Demo(seed, today, tz, years, templates, checkins_per_day, wins_per_week).run()


def five_year(seed: int, today: date, tz: tzinfo, templates: Sequence[Template]) -> DemoHistory:
    """A dense five-year history (~5,000 documents): morning and evening check-ins."""
    return generate_demo(
        seed, today, tz, years=5.0, templates=templates, checkins_per_day=2, wins_per_week=5.0
    )
