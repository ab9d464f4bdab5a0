"""Focus use cases: pick areas from the latest gaps, write intentions and practices, pause.

Changing focus ends the current period and starts a new one, so earlier focus stays as
history. Areas and practices carried into the new period keep their keys, so their slips,
wins and practice days stay connected.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime

from desktop_app.domain.focus_areas import (
    OWN_AREA_PREFIX,
    RESPONSIBILITIES,
    focus_area_title,
    is_own_area,
    own_area,
)
from desktop_app.domain.journal import (
    MAX_FOCUS_AREAS,
    Cadence,
    FocusArea,
    FocusPeriod,
    Pause,
    Practice,
    change_focus,
    instant,
    pause_practice,
    replace_practice,
    resume_practice,
)
from desktop_app.domain.scoring import AreaGap, suggest_focus
from desktop_app.domain.templates import Template
from desktop_app.domain.templates import area_titles as domain_area_titles
from desktop_app.i18n import _, ngettext
from desktop_app.services.errors import InputError
from desktop_app.services.journal_cache import ResultHead, results_oldest_first
from desktop_app.services.journal_settings import local_today, read_settings
from desktop_app.services.session import Session
from desktop_app.storage.repository import Collection, Stored

PREFERRED_AREA_TEMPLATE = "life-areas"


class FocusInputError(InputError):
    """A focus, practice or pause the person entered cannot be saved.

    ``area`` and ``part`` ("areas", "intention", "practices") say which field is at fault,
    so a dialog can lead the person to it.
    """

    def __init__(self, message: str, area: str | None = None, part: str | None = None) -> None:
        super().__init__(message)
        self.area = area
        self.part = part

    @property
    def field(self) -> tuple[str | None, str | None]:
        return self.area, self.part


@dataclasses.dataclass(frozen=True)
class AreaChoice:
    """An area the person can focus on, with its gap in the latest assessment (if any)."""

    area: str
    title: str
    current: int | None = None
    ideal: int | None = None
    suggested: bool = False

    @property
    def gap(self) -> int | None:
        if self.current is None or self.ideal is None:
            return None
        return self.ideal - self.current


@dataclasses.dataclass(frozen=True)
class PracticeDraft:
    """A practice as written in the editor; ``key`` is set when it already exists."""

    what: str
    cadence: Cadence
    key: str | None = None


@dataclasses.dataclass(frozen=True)
class AreaDraft:
    """A focus area as written in the editor; ``key`` is set when it already exists."""

    area: str
    intention: str
    practices: tuple[PracticeDraft, ...]
    key: str | None = None


@dataclasses.dataclass(frozen=True)
class GapReading:
    """The gaps (area -> ideal minus current) of one completed assessment."""

    result_id: str
    completed_at: datetime
    gaps: dict[str, tuple[int, int]]  # area -> (current, ideal)

    def gap_sizes(self) -> dict[str, int]:
        return {area: ideal - current for area, (current, ideal) in self.gaps.items()}


GAP_READINGS = "focus:gap-readings"


def _new_key() -> str:
    return uuid.uuid4().hex


def area_titles(templates: Sequence[Template]) -> dict[str, str]:
    """Readable names of the gap areas, the life-areas assessment's first."""
    return domain_area_titles(sorted(templates, key=lambda t: t.id != PREFERRED_AREA_TEMPLATE))


def read_gaps(head: ResultHead, result_id: str, templates: Sequence[Template]) -> GapReading:
    """The gap answers of a stored result, by area (the question id when its template is gone)."""
    template = next((t for t in templates if t.id == head.template_id), None)
    gaps: dict[str, tuple[int, int]] = {}
    for question_id, value in head.answers.items():
        if not isinstance(value, dict):
            continue
        current, ideal = value.get("current"), value.get("ideal")
        if not isinstance(current, int) or not isinstance(ideal, int):
            continue
        question = template.question(question_id) if template else None
        area = (question.area or question.id) if question else question_id
        gaps[area] = (current, ideal)
    return GapReading(result_id, head.completed_at, gaps)


class FocusService:
    """Focus periods of the open profile: the current one and the history."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _table(self) -> Collection[FocusPeriod]:
        return self.session.require_repo().collection("focus", FocusPeriod)

    # --- reading -----------------------------------------------------------------------
    def periods(self) -> list[Stored[FocusPeriod]]:
        """Every focus period, the latest start first."""
        table = self._table()
        found: list[Stored[FocusPeriod]] = self.session.require_repo().memo(
            "focus-periods",
            ("focus",),
            lambda: sorted(table.all(), key=lambda s: -instant(s.item.started_at)),
        )
        return list(found)

    def current(self) -> Stored[FocusPeriod] | None:
        """The period still running, if the person has chosen a focus."""
        running = [s for s in self.periods() if s.item.is_current]
        return running[0] if running else None

    def period_at(self, moment: datetime) -> FocusPeriod | None:
        """The focus that was running at ``moment`` (for editing an older check-in)."""
        at = instant(moment)
        for stored in self.periods():
            period = stored.item
            ended = period.ended_at
            if instant(period.started_at) <= at and (ended is None or at < instant(ended)):
                return period
        return None

    def history(self) -> list[Stored[FocusPeriod]]:
        """Ended periods, the latest first."""
        return [s for s in self.periods() if not s.item.is_current]

    def area_titles(self) -> dict[str, str]:
        return area_titles(self.session.templates.templates)

    def title_of(self, area: str) -> str:
        return focus_area_title(area, self.area_titles())

    def own_area(self, name: str) -> AreaChoice:
        """An area of the person's own naming, as a choice; FocusInputError when unusable."""
        try:
            area = own_area(name)
        except ValueError as error:
            raise FocusInputError(_sentence(str(error))) from None
        return AreaChoice(area, self.title_of(area))

    def titles_by_key(self) -> dict[str, str]:
        """FocusArea key -> readable area name, across every period (for slips and wins)."""
        names: dict[str, str] = {}
        for stored in reversed(self.periods()):
            for area in stored.item.areas:
                names[area.key] = self.title_of(area.area)
        return names

    def gap_readings(self) -> list[GapReading]:
        """Completed assessments that hold gap answers, oldest first."""
        templates = self.session.templates.templates
        repo = self.session.require_repo()

        def build() -> tuple[object, list[GapReading]]:
            readings = [
                read_gaps(head, doc_id, templates)
                for doc_id, head in results_oldest_first(repo)
            ]
            return templates, [r for r in readings if r.gaps]

        # Home reads this at every refresh; it changes only with the results (or templates).
        held: tuple[object, list[GapReading]] = repo.memo(GAP_READINGS, ("assessments",), build)
        if held[0] is not templates:
            repo.forget(GAP_READINGS)
            held = repo.memo(GAP_READINGS, ("assessments",), build)
        return list(held[1])

    def choices(self) -> list[AreaChoice]:
        """Areas to pick from: the latest assessment's suggestions first, then the rest."""
        readings = self.gap_readings()
        titles = self.area_titles()
        # The three responsibilities of the method come after the life areas, always.
        duties = [AreaChoice(a, _(t)) for a, t in RESPONSIBILITIES.items() if a not in titles]
        if not readings:
            return [*(AreaChoice(area, title) for area, title in titles.items()), *duties]
        latest = readings[-1]
        gaps = [AreaGap(a, a, c, i, i - c) for a, (c, i) in latest.gaps.items()]
        suggested = [g.area for g in suggest_focus(gaps, MAX_FOCUS_AREAS)]
        rest = sorted(
            (g for g in gaps if g.area not in suggested), key=lambda g: (-g.gap, g.current)
        )
        ordered = [*suggested, *(g.area for g in rest)]
        ordered += [a for a in titles if a not in latest.gaps]
        choices = []
        for area in ordered:
            current, ideal = latest.gaps.get(area) or (None, None)
            choices.append(
                AreaChoice(area, self.title_of(area), current, ideal, area in suggested)
            )
        return [*choices, *(d for d in duties if d.area not in latest.gaps)]

    # --- writing -----------------------------------------------------------------------
    def _touched(self) -> None:
        self.session.notify()

    def change_focus(self, drafts: Sequence[AreaDraft]) -> Stored[FocusPeriod]:
        """End the current focus (kept as history) and start a new one from ``drafts``."""
        current = self.current()
        readings = self.gap_readings()
        latest = readings[-1] if readings else None
        areas = self._build_areas(drafts, current.item if current else None, latest)
        ended, started = change_focus(
            current.item if current else None,
            _new_key(),
            self.session.clock(),
            areas,
            latest.result_id if latest else None,
        )
        table = self._table()
        # One atomic write: never the old focus ended with no new one on disk.
        with self.session.require_repo().batch():
            if current is not None and ended is not None:
                table.update(current.id, ended)
            doc_id = table.add(started)
        self._touched()
        return Stored(doc_id, started)

    def edit_current(self, drafts: Sequence[AreaDraft]) -> FocusPeriod:
        """Rewrite the current focus in place: wording, practices, areas."""
        current = self.current()
        if current is None:
            raise FocusInputError(_("There is no current focus to edit yet."))
        gaps = {a.area: a.gap_at_start for a in current.item.areas}
        areas = self._build_areas(drafts, current.item, None, gaps)
        period = dataclasses.replace(current.item, areas=tuple(areas))
        self._table().update(current.id, period)
        self._touched()
        return period

    def delete_period(self, doc_id: str) -> None:
        self._table().remove(doc_id)
        self._touched()

    def _build_areas(
        self,
        drafts: Sequence[AreaDraft],
        previous: FocusPeriod | None,
        reading: GapReading | None,
        known_gaps: dict[str, int | None] | None = None,
    ) -> list[FocusArea]:
        check_drafts(drafts, self.title_of)
        old = {p.key: p for p in previous.practices()} if previous else {}
        sizes = reading.gap_sizes() if reading else {}
        areas = []
        for draft in drafts:
            practices = tuple(
                Practice(
                    p.key or _new_key(),
                    p.what.strip(),
                    p.cadence,
                    old[p.key].pauses if p.key in old else (),
                )
                for p in draft.practices
            )
            gap = sizes.get(draft.area)
            if known_gaps is not None and draft.area in known_gaps:
                gap = known_gaps[draft.area]
            areas.append(
                FocusArea(
                    draft.key or _new_key(), draft.area, draft.intention.strip(), practices, gap
                )
            )
        return areas

    def pause(self, practice_key: str, start: date, end: date | None, reason: str = "") -> None:
        """Set a practice aside from ``start`` to ``end`` (None: until resumed)."""
        current = self._require_current()
        try:
            period = pause_practice(current.item, practice_key, Pause(start, end, reason.strip()))
        except ValueError as error:
            raise FocusInputError(_sentence(str(error))) from None
        self._table().update(current.id, period)
        self._touched()

    def remove_pause(self, practice_key: str, pause: Pause) -> None:
        """Take a pause back (entered by mistake): its days count as usual again."""
        current = self._require_current()
        practice = current.item.find_practice(practice_key)
        if pause not in practice.pauses:
            raise FocusInputError(_("That pause has already been changed; have another look."))
        kept = tuple(p for p in practice.pauses if p != pause)
        period = replace_practice(current.item, dataclasses.replace(practice, pauses=kept))
        self._table().update(current.id, period)
        self._touched()

    def resume(self, practice_key: str) -> None:
        """Take the practice up again today: pauses covering today or later end yesterday."""
        current = self._require_current()
        now = self.session.clock()
        today = local_today(read_settings(self.session.require_repo(), now), now)
        self._table().update(current.id, resume_practice(current.item, practice_key, today))
        self._touched()

    def _require_current(self) -> Stored[FocusPeriod]:
        current = self.current()
        if current is None:
            raise FocusInputError(_("Choose a focus first."))
        return current


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def check_drafts(
    drafts: Sequence[AreaDraft], name: Callable[[str], str] = lambda area: area
) -> None:
    """Raise FocusInputError with a plain sentence when the drafts cannot make a focus."""
    if not drafts:
        raise FocusInputError(_("Choose at least one area to focus on."), part="areas")
    if len(drafts) > MAX_FOCUS_AREAS:
        raise FocusInputError(
            ngettext(
                "Choose up to {n} area: more than that spreads the practice thin.",
                "Choose up to {n} areas: more than that spreads the practice thin.",
                MAX_FOCUS_AREAS,
            ).format(n=MAX_FOCUS_AREAS),
            part="areas",
        )
    if len({d.area for d in drafts}) != len(drafts):
        raise FocusInputError(_("Each area can be chosen only once."), part="areas")
    for draft in drafts:
        if is_own_area(draft.area):
            try:
                own_area(draft.area.removeprefix(OWN_AREA_PREFIX))
            except ValueError as error:
                raise FocusInputError(_sentence(str(error))) from None
        if not draft.intention.strip():
            raise FocusInputError(
                _("Write an intention for {area}, in your own words.").format(
                    area=name(draft.area)
                ),
                draft.area, "intention",
            )
        if not [p for p in draft.practices if p.what.strip()]:
            raise FocusInputError(
                _("Add at least one practice for {area}: something you will do.").format(
                    area=name(draft.area)
                ),
                draft.area, "practices",
            )
        if any(not p.what.strip() for p in draft.practices):
            raise FocusInputError(
                _(
                    "One practice for {area} is empty: write what you will do, or remove it."
                ).format(area=name(draft.area)),
                draft.area, "practices",
            )
