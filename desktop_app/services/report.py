"""The report "Since my last session": what the person chooses to bring to the one on their side.

Builds the report's content for a period from the records (no Qt widgets; the page layout is
``ui/report``). The person ticks which parts go in: the report shows only those. Reading
works on any repository, the app's own or one opened read-only (the headless export, and
the dialog's worker thread, which decodes a :class:`FrozenProfile` taken on the UI thread).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.domain.focus_areas import focus_area_title
from desktop_app.domain.journal import CheckIn, CheckInSettings, FocusPeriod, Slip, Win
from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.sharing import PartnerView
from desktop_app.domain.templates import Template, TemplateSet, area_titles
from desktop_app.domain.together import Together, together_as_of
from desktop_app.domain.topics import Topic
from desktop_app.services import report_parts as parts
from desktop_app.services.clock import Clock
from desktop_app.services.journal_settings import local_today, read_settings
from desktop_app.services.report_parts import Period

__all__ = ["PARTS", "FrozenProfile", "Inputs", "Period", "Report", "ReportError", "build",
           "read_inputs"]
from desktop_app.i18n import N_, _
from desktop_app.storage.collection import Collection, Decoded
from desktop_app.storage.merge import Version
from desktop_app.storage.repository import ProfileRepository, ReadOnlyError

# The parts, in the order the report shows them (what I work on and what I want to talk
# about first: the agenda), with the words the dialog ticks.
PARTS: dict[str, str] = {
    "focus": N_("Focus areas and intentions"),
    "topics": N_("Things I want to bring up"),
    "wins": N_("Wins"),
    "slips": N_("Slips and returns"),
    "practice": N_("Practice consistency, with pauses"),
    "checkins": N_("Check-in trend (grounded, distress)"),
    "scores": N_("Assessment scores"),
    "gaps": N_("Life areas: where I was, where I am"),
    # Issue 16: a partner's shared view beside mine. Never ticked unless asked for: it holds
    # another person's answers.
    "together": N_("Us: my view beside my partner's"),
}
DEFAULT_PARTS = tuple(p for p in PARTS if p != "together")
LAST_REPORT_KEY = "last_report"  # a profile setting: {"made_at": ISO time, "until": ISO day}
FIRST_REPORT_DAYS = 28  # with no report yet, "since the last report" means the last 4 weeks
WHEEL_TEMPLATE = "life-areas"
TABLES = ("assessments", "checkins", "focus", "lapses", "wins", "topics", "partners")
T = TypeVar("T")


@dataclass(frozen=True)
class Inputs:
    """Everything a report reads, decoded once (so building runs on any thread)."""

    profile_name: str
    results: list[tuple[str, AssessmentResult]]
    checkins: list[CheckIn]
    focus: list[FocusPeriod]
    slips: list[Slip]
    wins: list[Win]
    topics: list[Topic]
    partners: list[PartnerView]
    settings: CheckInSettings
    templates: TemplateSet
    today: date
    last_report: date | None


@dataclass(frozen=True)
class Report:
    """The content of one report; a part not chosen is None (and never shown)."""

    profile_name: str
    period: Period
    made_on: date
    chosen: tuple[str, ...]
    since_last: bool
    wins: list[parts.WinLine] | None = None
    slips: list[parts.SlipLine] | None = None
    practice: list[parts.PracticeLine] | None = None
    checkins: parts.Trend | None = None
    scores: list[parts.ScoreLine] | None = None
    gaps: parts.Gaps | None = None
    focus: list[parts.FocusLine] | None = None
    topics: list[parts.TopicLine] | None = None
    together: list[Together] | None = None


class ReportError(ValueError):
    """The report cannot be made as asked; ``str()`` is a sentence for the person."""


# --- the period ----------------------------------------------------------------------------


def last_report_day(repo: ProfileRepository) -> date | None:
    """The day the last report was made, or None before the first."""
    raw = repo.meta.get(LAST_REPORT_KEY)
    if isinstance(raw, dict) and isinstance(raw.get("made_at"), str):
        try:
            return datetime.fromisoformat(raw["made_at"]).date()
        except ValueError:
            return None
    return None


def remember_report(repo: ProfileRepository, made_at: datetime, period: Period) -> None:
    """Note that a report was made (saved or printed), for the next "since the last report"."""
    repo.set_meta(**{LAST_REPORT_KEY: {"made_at": made_at.isoformat(),
                                       "until": period.end.isoformat()}})


def since_last_period(last_report: date | None, today: date) -> Period:
    """From the day of the last report (its day included: the session may have been later
    that day) to today; the last four weeks before the first report."""
    start = last_report if last_report is not None else today - timedelta(
        days=FIRST_REPORT_DAYS - 1)
    return Period(min(start, today), today)


def chosen_period(start: date | None, end: date | None, today: date) -> Period:
    if start is None or end is None:
        raise ReportError(_("Choose both the first and the last day of the report."))
    if start > end:
        raise ReportError(
            _("The first day comes after the last day: swap them, or pick again.")
        )
    return Period(start, end)


# --- reading -------------------------------------------------------------------------------


class FrozenProfile:
    """A profile's records as they are at one moment, to decode on another thread.

    Taking it costs a few milliseconds on a 20-year profile (lists of the merged versions,
    which are never changed in place); decoding them, the slow part, happens in
    :func:`read_inputs`, on the worker thread. Nothing here writes.
    """

    def __init__(self, repo: ProfileRepository, now: datetime) -> None:
        self.name = repo.name
        self.settings = read_settings(repo, now)
        self.last_report = last_report_day(repo)
        self._versions = {kind: repo.visible(kind) for kind in TABLES}
        # Its own, not the repository's: it is filled on the worker thread.
        self.decoded = Decoded()

    # The part of the repository a Collection reads through.
    def visible(self, kind: str) -> list[Version]:
        return self._versions.get(kind, [])

    def skip(self, table: str, key: str, doc: Any) -> None:
        """A record that does not decode is left out (the screens name it already)."""

    def winner(self, kind: str, rid: str) -> Version | None:
        return next((v for v in self.visible(kind) if v.id == rid), None)

    def batch(self) -> AbstractContextManager[None]:
        raise ReadOnlyError("a report never writes")

    def write_version(self, kind: str, rid: str | None, fields: dict[str, Any] | None,
                      base: Version | None = None) -> str:
        raise ReadOnlyError("a report never writes")

    def collection(self, table: str, cls: type[T]) -> Collection[T]:
        return Collection(self, table, cls)


def read_inputs(frozen: FrozenProfile, templates: TemplateSet, clock: Clock) -> Inputs:
    """Decode every record a report may show (the slow part on a long history)."""
    settings = frozen.settings
    return Inputs(
        profile_name=frozen.name,
        results=[(s.id, s.item) for s in frozen.collection("assessments", AssessmentResult).all()],
        checkins=[s.item for s in frozen.collection("checkins", CheckIn).all()],
        focus=[s.item for s in frozen.collection("focus", FocusPeriod).all()],
        slips=[s.item for s in frozen.collection("lapses", Slip).all()],
        wins=[s.item for s in frozen.collection("wins", Win).all()],
        topics=[s.item for s in frozen.collection("topics", Topic).all()],
        partners=[s.item for s in frozen.collection("partners", PartnerView).all()],
        settings=settings,
        templates=templates,
        today=local_today(settings, clock()),
        last_report=frozen.last_report,
    )


def load_templates(resources: Path, data_dir: Path) -> TemplateSet:
    from desktop_app.domain.templates import load_templates as load

    return load([(resources / "assessments", True), (data_dir / "templates", False)])


# --- building ------------------------------------------------------------------------------


def _wheel(templates: TemplateSet) -> Template | None:
    found = templates.get(WHEEL_TEMPLATE)
    return found if found is not None else next((t for t in templates.templates if t.areas), None)


def _focus_names(inputs: Inputs, titles: dict[str, str]) -> dict[str, str]:
    """FocusArea key -> the area's readable name, for slips and wins."""
    names: dict[str, str] = {}
    for period in inputs.focus:
        for area in period.areas:
            names[area.key] = titles.get(area.area, area.area)
    return names


def build(inputs: Inputs, period: Period, chosen: tuple[str, ...], since_last: bool = False,
          ) -> Report:
    """The report for ``period`` with the ``chosen`` parts (keys of :data:`PARTS`)."""
    unknown = [p for p in chosen if p not in PARTS]
    if unknown:
        raise ReportError(
            _("There is no part called “{part}” in a report.").format(part=unknown[0])
        )
    if not chosen:
        raise ReportError(_("Tick at least one part to put in the report."))
    tz = inputs.settings.zone()
    titles = area_titles(list(inputs.templates.templates))
    # Responsibilities and the person's own areas have no template title: name them too.
    titles |= {a.area: focus_area_title(a.area, titles) for p in inputs.focus for a in p.areas}
    names = _focus_names(inputs, titles)
    values: dict[str, Any] = {}
    if "wins" in chosen:
        values["wins"] = parts.wins(inputs.wins, period, tz, names)
    if "slips" in chosen:
        values["slips"] = parts.slips(inputs.slips, period, tz, names)
    if "practice" in chosen:
        values["practice"] = parts.practice(inputs.focus, inputs.checkins, period,
                                            inputs.today, tz, titles)
    if "checkins" in chosen:
        values["checkins"] = parts.trend(inputs.templates.get(parts.CHECKIN_TEMPLATE),
                                         inputs.checkins, period, tz)
    if "scores" in chosen:
        values["scores"] = parts.scores(inputs.results, inputs.templates, period, tz)
    if "gaps" in chosen:
        values["gaps"] = parts.gaps(_wheel(inputs.templates), inputs.results, period, tz)
    if "focus" in chosen:
        values["focus"] = parts.focus(inputs.focus, period, tz, titles)
    if "topics" in chosen:
        values["topics"] = parts.topics(inputs.topics, period, tz)
    if "together" in chosen:
        values["together"] = together_as_of(inputs.results, inputs.partners, inputs.templates,
                                            period.end, tz)
    ordered = tuple(p for p in PARTS if p in chosen)
    return Report(inputs.profile_name, period, inputs.today, ordered, since_last, **values)
