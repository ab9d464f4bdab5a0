"""Journal records for the third part of the method: focus, check-ins, slips, wins.

Every class here is a frozen dataclass with plain field types so the storage codec can map
it to JSON and back. Stored documents carry no ids (the store assigns them); documents refer
to each other through a stable string ``key`` that the caller generates (a uuid4 hex, say).
Edits never mutate: the helpers at the bottom return new objects.
"""

import dataclasses
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop_app.i18n import _

MAX_FOCUS_AREAS = 3
"""A focus period holds at most this many areas: more than three dilutes the practice."""

AnswerValue = int | float | str | bool | list[int] | None
"""One check-in answer, as the template's question type produces it."""

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def ensure_aware(value: datetime, name: str) -> None:
    """Raise ValueError unless ``value`` is timezone-aware (naive times are ambiguous)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")


def instant(value: datetime) -> float:
    """POSIX timestamp of an aware datetime.

    Compare and subtract through this (or UTC): Python compares two datetimes sharing one
    tzinfo object by wall clock, which is wrong across a DST change.
    """
    return value.timestamp()


def _require_text(value: str, name: str) -> None:
    if not value.strip():
        raise ValueError(f"{name} must not be empty")


def _coerce(obj: object, name: str, value: object) -> None:
    # Frozen dataclasses need object.__setattr__; used only to normalise codec input
    # (a list where a tuple is declared, a plain str where a StrEnum is declared).
    object.__setattr__(obj, name, value)


class CadenceKind(StrEnum):
    """How often a practice is meant to happen."""

    DAILY = "daily"
    TIMES_PER_WEEK = "times_per_week"
    WEEKLY = "weekly"


@dataclasses.dataclass(frozen=True)
class Cadence:
    """How often: every day, ``times`` days a week, or once a week (any day)."""

    kind: CadenceKind
    times: int = 1

    def __post_init__(self) -> None:
        _coerce(self, "kind", CadenceKind(self.kind))
        if self.kind is CadenceKind.TIMES_PER_WEEK:
            if not 1 <= self.times <= 7:
                raise ValueError(f"times per week must be between 1 and 7, got {self.times}")
        elif self.times != 1:
            raise ValueError(f"a {self.kind.value} cadence has times=1, got {self.times}")

    @classmethod
    def daily(cls) -> "Cadence":
        """Every day."""
        return cls(CadenceKind.DAILY)

    @classmethod
    def weekly(cls) -> "Cadence":
        """Once a week, any day of it."""
        return cls(CadenceKind.WEEKLY)

    @classmethod
    def per_week(cls, times: int) -> "Cadence":
        """``times`` days a week, any days of it."""
        return cls(CadenceKind.TIMES_PER_WEEK, times)

    @property
    def per_week_target(self) -> int:
        """How many days a full week asks for."""
        if self.kind is CadenceKind.DAILY:
            return 7
        return self.times


@dataclasses.dataclass(frozen=True)
class Pause:
    """Days a practice is set aside on purpose (holiday, illness); ``end`` is inclusive.

    ``end`` is None while the pause is still running.
    """

    start: date
    end: date | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(
                _("a pause cannot end ({end}) before it starts ({start})").format(
                    end=self.end, start=self.start
                )
            )

    def covers(self, day: date) -> bool:
        """True when ``day`` falls inside the pause."""
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: "Pause") -> bool:
        """True when the two pauses share at least one day."""
        self_end = self.end or date.max
        other_end = other.end or date.max
        return self.start <= other_end and other.start <= self_end


@dataclasses.dataclass(frozen=True)
class Practice:
    """One concrete thing the person will do, and how often."""

    key: str
    what: str
    cadence: Cadence
    pauses: tuple[Pause, ...] = ()

    def __post_init__(self) -> None:
        _require_text(self.key, "practice key")
        _require_text(self.what, "what I will do")
        _coerce(self, "pauses", tuple(self.pauses))

    def is_paused(self, day: date) -> bool:
        """True when any pause covers ``day``."""
        return any(p.covers(day) for p in self.pauses)


@dataclasses.dataclass(frozen=True)
class FocusArea:
    """An area picked from the assessment gaps, with an intention and practices.

    ``area`` is the life-area id from the assessment (e.g. "work"); ``gap_at_start`` is the
    gap it had when picked, or None when it was picked without an assessment.
    """

    key: str
    area: str
    intention: str
    practices: tuple[Practice, ...]
    gap_at_start: int | None = None

    def __post_init__(self) -> None:
        _require_text(self.key, "focus area key")
        _require_text(self.area, "focus area")
        _coerce(self, "practices", tuple(self.practices))
        if not self.practices:
            raise ValueError(f"focus area {self.area!r} needs at least one practice")
        keys = [p.key for p in self.practices]
        if len(set(keys)) != len(keys):
            raise ValueError(f"focus area {self.area!r} has two practices with the same key")


@dataclasses.dataclass(frozen=True)
class FocusPeriod:
    """What the person works on from ``started_at`` until ``ended_at`` (None: still current).

    ``source_assessment`` is the store's doc id of the assessment the areas came from.
    """

    key: str
    started_at: datetime
    ended_at: datetime | None
    areas: tuple[FocusArea, ...]
    source_assessment: str | None = None

    def __post_init__(self) -> None:
        _require_text(self.key, "focus period key")
        ensure_aware(self.started_at, "started_at")
        if self.ended_at is not None:
            ensure_aware(self.ended_at, "ended_at")
            if instant(self.ended_at) < instant(self.started_at):
                raise ValueError("a focus period cannot end before it starts")
        _coerce(self, "areas", tuple(self.areas))
        if not self.areas:
            raise ValueError("a focus period needs at least one focus area")
        if len(self.areas) > MAX_FOCUS_AREAS:
            raise ValueError(
                f"a focus period holds at most {MAX_FOCUS_AREAS} focus areas, got {len(self.areas)}"
            )
        if len({a.area for a in self.areas}) != len(self.areas):
            raise ValueError("each focus area can be picked only once in a period")
        if len({a.key for a in self.areas}) != len(self.areas):
            raise ValueError("two focus areas share the same key")
        practice_keys = [p.key for a in self.areas for p in a.practices]
        if len(set(practice_keys)) != len(practice_keys):
            raise ValueError("two practices in this focus period share the same key")

    @property
    def is_current(self) -> bool:
        """True while the period has not been ended."""
        return self.ended_at is None

    def practices(self) -> tuple[Practice, ...]:
        """Every practice of every area, in order."""
        return tuple(p for a in self.areas for p in a.practices)

    def find_practice(self, practice_key: str) -> Practice:
        """The practice with that key; KeyError when there is none."""
        for practice in self.practices():
            if practice.key == practice_key:
                return practice
        raise KeyError(practice_key)


class CheckInCadence(StrEnum):
    """How often the person checks in."""

    DAILY = "daily"
    WEEKLY = "weekly"


@dataclasses.dataclass(frozen=True)
class CheckIn:
    """One completed check-in: template answers plus the practices done that day.

    ``for_day`` is the local day the check-in is for, set when it is written: a check-in
    made later for an earlier day (backfilled) counts for that day. Records written before
    it existed have None, and their day is read from ``at``. ``at`` lies on ``for_day`` in
    the zone it was written in, so readers that sort or group by ``at`` agree with it.
    """

    at: datetime
    template_id: str
    template_version: int
    answers: dict[str, AnswerValue]
    practices_done: tuple[str, ...] = ()
    for_day: date | None = None

    def __post_init__(self) -> None:
        ensure_aware(self.at, "check-in time")
        _coerce(self, "practices_done", tuple(self.practices_done))
        if isinstance(self.for_day, datetime):
            raise ValueError("for_day is a calendar day, not a moment")

    def day(self, tz: tzinfo) -> date:
        """The day this check-in counts for: ``for_day``, else the day of ``at`` in ``tz``."""
        if self.for_day is not None:
            return self.for_day
        return self.at.astimezone(tz).date()


@dataclasses.dataclass(frozen=True)
class Slip:
    """A slip back into an old pattern: logged as part of the work, not as a failure.

    ``focus_area`` holds a ``FocusArea.key`` (or None). ``back_on_track_at`` stays None
    until the person marks the return. ``time_known`` is False when only the slip's date was
    given: ``at`` is then the start of that local day, and its return is told in days.
    """

    key: str
    at: datetime
    focus_area: str | None
    old_pattern: str
    trigger: str = ""
    what_helped: str = ""
    back_on_track_at: datetime | None = None
    note: str = ""
    time_known: bool = True

    def __post_init__(self) -> None:
        _require_text(self.key, "slip key")
        ensure_aware(self.at, "slip time")
        if self.back_on_track_at is not None:
            ensure_aware(self.back_on_track_at, "back-on-track time")
            if instant(self.back_on_track_at) < instant(self.at):
                raise ValueError("back on track cannot be before the slip")

    @property
    def is_open(self) -> bool:
        """True until the person marks being back on track."""
        return self.back_on_track_at is None


@dataclasses.dataclass(frozen=True)
class Win:
    """Something that went well, in the person's words; ``focus_area`` is a FocusArea key."""

    at: datetime
    text: str
    focus_area: str | None = None

    def __post_init__(self) -> None:
        ensure_aware(self.at, "win time")
        _require_text(self.text, "win")


@dataclasses.dataclass(frozen=True)
class CheckInSettings:
    """Check-in rhythm: daily or weekly on ``weekday`` (0 = Monday), reminded at local time.

    ``reminder_time`` is stored as "HH:MM" (24-hour) and ``timezone`` as an IANA name so the
    JSON stays readable; use :attr:`reminder` and :meth:`zone` for the parsed values.
    """

    cadence: CheckInCadence = CheckInCadence.DAILY
    weekday: int = 0
    reminder_time: str = "20:00"
    timezone: str = "UTC"

    def __post_init__(self) -> None:
        _coerce(self, "cadence", CheckInCadence(self.cadence))
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        if not _HHMM.match(self.reminder_time):
            raise ValueError(f"reminder time must look like 08:30, got {self.reminder_time!r}")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}") from exc

    @property
    def reminder(self) -> time:
        """The reminder wall-clock time."""
        hours, minutes = self.reminder_time.split(":")
        return time(int(hours), int(minutes))

    def zone(self) -> ZoneInfo:
        """The settings' time zone."""
        return ZoneInfo(self.timezone)


# --- edits: each returns a new object -------------------------------------------------------


def format_reminder_time(value: time) -> str:
    """A ``time`` as the "HH:MM" string CheckInSettings stores (seconds are dropped)."""
    return f"{value.hour:02d}:{value.minute:02d}"


def end_period(period: FocusPeriod, at: datetime) -> FocusPeriod:
    """The period, ended at ``at``; ending an already ended period is an error."""
    if period.ended_at is not None:
        raise ValueError(_("this focus period has already ended"))
    return dataclasses.replace(period, ended_at=at)


def change_focus(
    current: FocusPeriod | None,
    key: str,
    at: datetime,
    areas: Iterable[FocusArea],
    source_assessment: str | None = None,
) -> tuple[FocusPeriod | None, FocusPeriod]:
    """End ``current`` (if any) at ``at`` and start a new period: (ended old, new).

    The ended period stays as history; the caller stores both.
    """
    ended = end_period(current, at) if current is not None else None
    return ended, FocusPeriod(key, at, None, tuple(areas), source_assessment)


def current_period(periods: Iterable[FocusPeriod]) -> FocusPeriod | None:
    """The period still running (latest start wins if data has more than one)."""
    running = [p for p in periods if p.ended_at is None]
    if not running:
        return None
    return max(running, key=lambda p: instant(p.started_at))


def with_pause(practice: Practice, pause: Pause) -> Practice:
    """The practice with one more pause; pauses may not overlap."""
    for existing in practice.pauses:
        if existing.overlaps(pause):
            raise ValueError(
                _("this pause overlaps one already set from {date}").format(
                    date=existing.start.isoformat()
                )
            )
    pauses = sorted((*practice.pauses, pause), key=lambda p: p.start)
    return dataclasses.replace(practice, pauses=tuple(pauses))


def replace_practice(period: FocusPeriod, practice: Practice) -> FocusPeriod:
    """The period with the practice of the same key swapped for ``practice``."""
    period.find_practice(practice.key)  # KeyError early, with the key in it
    areas = tuple(
        dataclasses.replace(
            area,
            practices=tuple(practice if p.key == practice.key else p for p in area.practices),
        )
        for area in period.areas
    )
    return dataclasses.replace(period, areas=areas)


def pause_practice(period: FocusPeriod, practice_key: str, pause: Pause) -> FocusPeriod:
    """The period with ``pause`` added to the practice with ``practice_key``."""
    return replace_practice(period, with_pause(period.find_practice(practice_key), pause))


def resume_practice(period: FocusPeriod, practice_key: str, today: date) -> FocusPeriod:
    """The practice taken up again ``today``: a pause covering today ends yesterday (whether
    it had an end or not), one that has not started yet is dropped (it never took effect),
    and pauses already over stay as they were."""
    practice = period.find_practice(practice_key)
    pauses: list[Pause] = []
    for pause in practice.pauses:
        if pause.end is not None and pause.end < today:
            pauses.append(pause)
        elif pause.start < today:
            pauses.append(dataclasses.replace(pause, end=today - timedelta(days=1)))
    return replace_practice(period, dataclasses.replace(practice, pauses=tuple(pauses)))


def mark_back_on_track(slip: Slip, at: datetime, what_helped: str | None = None) -> Slip:
    """The slip, marked back on track at ``at``; optionally records what helped."""
    helped = slip.what_helped if what_helped is None else what_helped
    return dataclasses.replace(slip, back_on_track_at=at, what_helped=helped)
