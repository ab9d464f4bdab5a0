"""Progress use cases: read the profile once, hand the charts plain data from domain/progress."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import TypeVar, cast

from desktop_app.domain import progress, progress_calendar, progress_time
from desktop_app.domain.journal import CheckIn, CheckInSettings, FocusPeriod, Slip, Win
from desktop_app.domain.progress import DateRange, GapsData, Response, WheelData
from desktop_app.domain.progress_calendar import CalendarData, CalendarKind
from desktop_app.domain.progress_time import OverTimeData
from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.schedule import local_date
from desktop_app.domain.templates import Template
from desktop_app.services.journal_settings import read_settings
from desktop_app.services.session import Session

WHEEL_TEMPLATE = "life-areas"
MEMO_KEY = "progress-data"
# Check-ins decoded per step of ``load_steps``: about 8 ms on a laptop, 15-25 on a loaded
# two-core machine (800 a step were the largest UI chunk left when Progress opened).
CHECKIN_STEP = 400
SOURCE_TABLES = ("assessments", "checkins", "focus", "lapses", "wins", "meta")
T = TypeVar("T")


@dataclass
class ProfileData:
    """Every record the charts use, decoded once per change of the profile."""

    results: list[tuple[str, AssessmentResult]]
    checkins: list[CheckIn]
    focus: list[FocusPeriod]
    slips: list[Slip]
    wins: list[Win]
    # The journal's own settings (or its defaults), so both count days in the same zone.
    settings: CheckInSettings
    responses: dict[str, list[Response]] = field(default_factory=dict)
    # What the charts were given, by question (chart, arguments, today): asked again with the
    # same records, a chart gets it at once, so preparing it ahead moves the work out of the
    # turn that draws it.
    answers: dict[tuple[object, ...], object] = field(default_factory=dict)


@dataclass(frozen=True)
class SeriesChoice:
    """A template the over-time chart can show, and how many responses it has."""

    template_id: str
    title: str
    count: int


def _over_time_key(template_id: str, date_range: DateRange) -> tuple[object, ...]:
    return ("over time", template_id, date_range)


def _responses(data: ProfileData, template: Template) -> list[Response]:
    """The template's responses in time order, worked out once per decoded records."""
    if template.id not in data.responses:
        if template.kind == "check-in":
            found = progress.checkin_responses(template, data.checkins)
        else:
            found = progress.assessment_responses(data.results, template.id)
        data.responses[template.id] = found
    return data.responses[template.id]


class ProgressService:
    """What the Progress screen asks for.

    Decoding a five-year profile takes a noticeable moment, so the decoded records (and
    the scored check-ins) are a memo of the open profile, kept until one of the tables they
    come from changes.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def invalidate(self) -> None:
        """Let the decoded records go now (they are never used once the profile changed)."""
        if self.session.repo is not None:
            self.session.repo.forget(MEMO_KEY)

    def _current(self) -> ProfileData | None:
        found = self.session.require_repo().recall(MEMO_KEY)
        return found if isinstance(found, ProfileData) else None

    def load(self) -> ProfileData:
        """The decoded records of the open profile (remembered until they change)."""
        for _step in self.load_steps():
            pass
        data = self._current()
        assert data is not None
        return data

    def load_steps(self) -> Iterator[str]:
        """Decode the profile one table at a time, yielding between tables.

        A five-year profile takes about a tenth of a second to decode; a caller on the UI
        thread can run one step per event-loop turn so the window never stalls for long.
        """
        if self._current() is not None:
            return
        repo = self.session.require_repo()
        # Stamped with the revision before reading: a save between two steps makes it stale.
        since = repo.revision(SOURCE_TABLES)
        settings = read_settings(repo, self.session.clock())
        results = [(s.id, s.item) for s in repo.collection("assessments", AssessmentResult).all()]
        yield "assessments"
        focus = [s.item for s in repo.collection("focus", FocusPeriod).all()]
        slips = [s.item for s in repo.collection("lapses", Slip).all()]
        yield "focus and slips"
        wins = [s.item for s in repo.collection("wins", Win).all()]
        yield "wins"
        # Twenty years of daily check-ins take over a tenth of a second to decode: in steps.
        checkins: list[CheckIn] = []
        for batch in repo.collection("checkins", CheckIn).all_in_steps(CHECKIN_STEP):
            checkins += (s.item for s in batch)
            yield "checkins"
        data = ProfileData(results, checkins, focus, slips, wins, settings)
        repo.remember(MEMO_KEY, SOURCE_TABLES, since, data)
        yield "done"

    def _remember(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """``compute()``, kept with the decoded records (so forgotten when they change)."""
        answers = self.load().answers
        if key not in answers:
            answers[key] = compute()
        return cast(T, answers[key])

    def response_count(self, template_id: str) -> int:
        """How many results or check-ins the template has."""
        return self._remember(("count", template_id), lambda: self._response_count(template_id))

    def _response_count(self, template_id: str) -> int:
        data = self.load()
        return sum(1 for _id, r in data.results if r.template_id == template_id) + sum(
            1 for c in data.checkins if c.template_id == template_id
        )

    # --- time ---------------------------------------------------------------------------
    def zone(self) -> tzinfo:
        """Days are counted in the check-in settings' zone, as the journal counts them."""
        return self.load().settings.zone()

    def today(self) -> date:
        return local_date(self.session.clock(), self.zone())

    def first_day(self) -> date | None:
        """The earliest day with anything to show, for the custom date range."""
        return self._remember(("first day",), self._first_day)

    def _first_day(self) -> date | None:
        data = self.load()
        moments = [r.completed_at for _id, r in data.results] + [c.at for c in data.checkins]
        if not moments:
            return None
        zone = self.zone()
        return min(local_date(m, zone) for m in moments)

    # --- charts -------------------------------------------------------------------------
    def wheel_template(self) -> Template | None:
        """The "where I am" template: life-areas, else the first one with gap questions."""
        templates = self.session.templates
        found = templates.get(WHEEL_TEMPLATE)
        if found is not None:
            return found
        return next((t for t in templates.templates if t.areas), None)

    def wheel(self, date_range: DateRange, compare_id: str | None = None) -> WheelData | None:
        return self._remember(("wheel", date_range, compare_id),
                              lambda: self._wheel(date_range, compare_id))

    def _wheel(self, date_range: DateRange, compare_id: str | None) -> WheelData | None:
        template = self.wheel_template()
        if template is None:
            return None
        data = self.load()
        return progress.wheel_data(template, data.results, self.zone(), date_range, compare_id)

    def gaps(self, date_range: DateRange) -> GapsData | None:
        return self._remember(("gaps", date_range), lambda: self._gaps(date_range))

    def _gaps(self, date_range: DateRange) -> GapsData | None:
        template = self.wheel_template()
        if template is None:
            return None
        data = self.load()
        focus = progress.focus_area_names(data.focus)
        return progress.gaps_data(template, data.results, self.zone(), date_range, focus)

    def series_choices(self) -> list[SeriesChoice]:
        """Templates with at least one response, the wheel template first, check-ins last."""
        return list(self._remember(("choices",), self._series_choices))

    def _series_choices(self) -> list[SeriesChoice]:
        data = self.load()
        counts: dict[str, int] = {}
        for _id, result in data.results:
            counts[result.template_id] = counts.get(result.template_id, 0) + 1
        for checkin in data.checkins:
            counts[checkin.template_id] = counts.get(checkin.template_id, 0) + 1
        wheel = self.wheel_template()
        choices = [
            SeriesChoice(t.id, t.title, counts[t.id])
            for t in self.session.templates.templates
            if counts.get(t.id)
        ]
        choices.sort(
            key=lambda c: (
                wheel is None or c.template_id != wheel.id,
                self._kind(c.template_id) == "check-in",
            )
        )
        return choices

    def _kind(self, template_id: str) -> str:
        template = self.session.templates.get(template_id)
        return template.kind if template else ""

    def over_time(self, template_id: str, date_range: DateRange) -> OverTimeData | None:
        self.over_time_work(template_id, date_range)()
        return cast(OverTimeData | None, self.load().answers[_over_time_key(template_id,
                                                                            date_range)])

    def over_time_ready(self, template_id: str, date_range: DateRange) -> bool:
        """True when ``over_time`` answers without working anything out."""
        return _over_time_key(template_id, date_range) in self.load().answers

    def over_time_work(self, template_id: str, date_range: DateRange) -> Callable[[], None]:
        """What ``over_time`` works out (30–300 ms at 20 years), as a function that reads
        only records already decoded, never the storage, so that a worker thread may run
        it; ``over_time`` then answers at once. Its answer is kept with the records it was
        made from: if they change meanwhile, it is dropped with them."""
        data = self.load()
        template = self.session.templates.get(template_id)
        zone = data.settings.zone()
        key = _over_time_key(template_id, date_range)

        def work() -> None:
            answers = data.answers
            if key in answers:
                return
            found: OverTimeData | None = None
            if template is not None:
                history_key = ("over time", template_id, "history")
                if history_key not in answers:
                    answers[history_key] = progress_time.over_time(
                        template, _responses(data, template), zone, progress.ALL_TIME,
                        data.slips, data.wins)
                history = cast(OverTimeData, answers[history_key])
                clipped = progress_time.clip_over_time(history, date_range)
                focus = progress.focus_area_names(data.focus)
                found = progress_time.with_focus(clipped, template, focus)
            answers[key] = found

        return work

    def consistency(self, kind: CalendarKind, date_range: DateRange) -> CalendarData:
        today = self.today()
        return self._remember(("consistency", kind, date_range, today),
                              lambda: self._consistency(kind, date_range, today))

    def _consistency(self, kind: CalendarKind, date_range: DateRange, today: date) -> CalendarData:
        data = self.load()
        zone = self.zone()
        if kind == "practices":
            return progress_calendar.practice_calendar(
                data.focus, data.checkins, today, zone, date_range
            )
        return progress_calendar.checkin_calendar(
            data.settings, data.checkins, data.focus, today, date_range
        )
