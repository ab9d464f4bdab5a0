"""When the next check-in is due, and whether it is overdue.

Rules, all in the time zone of the :class:`CheckInSettings`:

* Daily: every local day is a due day. A check-in made at any time on that local day covers
  it. The check-in for a day falls due at that day's reminder time.
* Weekly: the due days are the days whose weekday is ``settings.weekday``. A check-in covers
  the first due day on or after its own local date, so a check-in in the six days before the
  due day (or on it) covers that week. The check-in falls due at the due day's reminder time.
* A check-in counts for the day it is *for* (:meth:`CheckIn.day`), which for a backfilled
  one is earlier than the day it was written; callers may pass that day instead of a moment
  wherever a function takes the last check-in.
* The next due check-in is the first due day after the one the last check-in covered. When
  that moment has passed, the check-in is overdue. Before the first check-in ever, the next
  due moment is the first reminder at or after ``now``, so a new profile is never overdue.

Wall-clock reminder times are resolved against DST: a time that does not exist that day
(spring forward) moves to the first valid wall time after the gap, which is the moment the
clocks change; a time that happens twice (fall back) means its first occurrence.

Moments come back as aware datetimes carrying the settings' zone offset at that moment as
a fixed ``datetime.timezone``: the wall clock reads as in the zone, and comparison and
arithmetic are exact. (A ``ZoneInfo`` datetime inside a repeated hour compares unequal to
every datetime in another zone, by PEP 495, and same-zone arithmetic ignores DST.)

Every function takes ``now`` from the caller; none reads the clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from desktop_app.domain.journal import CheckInCadence, CheckInSettings, ensure_aware, instant


def local_date(moment: datetime, tz: tzinfo) -> date:
    """The calendar date of an aware ``moment`` as seen in ``tz``."""
    ensure_aware(moment, "moment")
    return moment.astimezone(tz).date()


def _exists(wall: datetime) -> bool:
    # A wall time exists when a round trip through UTC gives the same wall clock back.
    back = wall.astimezone(UTC).astimezone(wall.tzinfo)
    return back.replace(tzinfo=None) == wall.replace(tzinfo=None)


def _first_valid_after_gap(wall: datetime) -> datetime:
    """The moment the clocks jump over the non-existent ``wall`` time."""
    tz = wall.tzinfo
    assert tz is not None  # callers always pass an aware wall time
    # fold=0 and fold=1 read the missing wall time with the offsets before and after the
    # jump; the transition lies between the two instants. Search it to the second.
    lo = int(wall.replace(fold=0).timestamp())
    hi = int(wall.replace(fold=1).timestamp())
    lo, hi = min(lo, hi), max(lo, hi)
    after = datetime.fromtimestamp(hi, tz).utcoffset()
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, tz).utcoffset() == after:
            hi = mid
        else:
            lo = mid
    return datetime.fromtimestamp(hi, tz)


def _fixed(moment: datetime) -> datetime:
    """The same instant and wall clock, with the zone's offset as a fixed tzinfo."""
    offset = moment.utcoffset()
    assert offset is not None  # aware by construction
    return moment.astimezone(timezone(offset))


def moment_on(day: date, wall_clock: time, tz: tzinfo) -> datetime:
    """``wall_clock`` on local ``day`` in ``tz`` as a moment with a fixed offset (DST-safe)."""
    wall = datetime.combine(day, wall_clock, tzinfo=tz)  # fold=0: the first occurrence
    if _exists(wall):
        return _fixed(wall)
    return _fixed(_first_valid_after_gap(wall))


def wall_time_on(day: date, settings: CheckInSettings) -> datetime:
    """The reminder moment on local ``day``, with the settings' zone offset."""
    return moment_on(day, settings.reminder, settings.zone())


def _step(settings: CheckInSettings) -> timedelta:
    return timedelta(days=1 if settings.cadence is CheckInCadence.DAILY else 7)


def due_day_covering(settings: CheckInSettings, day: date) -> date:
    """The due day that a check-in on local ``day`` covers (the first due day on or after)."""
    if settings.cadence is CheckInCadence.DAILY:
        return day
    return day + timedelta(days=(settings.weekday - day.weekday()) % 7)


LastCheckIn = datetime | date | None
"""The last check-in: the moment it was made, or the day it is for (a date)."""


def _day_of(settings: CheckInSettings, last: datetime | date) -> date:
    if isinstance(last, datetime):
        return local_date(last, settings.zone())
    return last


def _first_due_day_after(settings: CheckInSettings, last_checkin_at: datetime | date) -> date:
    covered = due_day_covering(settings, _day_of(settings, last_checkin_at))
    return covered + _step(settings)


def _next_occasion(settings: CheckInSettings, now: datetime, *, strictly_after: bool) -> date:
    """The first due day whose reminder moment is at (or strictly after) ``now``."""
    # Start a day early: in zones far from UTC "now" may still be yesterday's reminder day.
    day = due_day_covering(settings, local_date(now, settings.zone()) - timedelta(days=1))
    target = instant(now)
    while True:
        moment = instant(wall_time_on(day, settings))
        if moment > target or (moment == target and not strictly_after):
            return day
        day += _step(settings)


def next_due_day(
    settings: CheckInSettings, last_checkin_at: LastCheckIn, now: datetime
) -> date:
    """The local date of the next check-in that is due (may lie in the past: overdue)."""
    ensure_aware(now, "now")
    if last_checkin_at is None:
        return _next_occasion(settings, now, strictly_after=False)
    return _first_due_day_after(settings, last_checkin_at)


def next_due(
    settings: CheckInSettings, last_checkin_at: LastCheckIn, now: datetime
) -> datetime:
    """When the next check-in falls due (settings' zone offset); in the past when overdue."""
    return wall_time_on(next_due_day(settings, last_checkin_at, now), settings)


def is_overdue(settings: CheckInSettings, last_checkin_at: LastCheckIn, now: datetime) -> bool:
    """True once the next due check-in's reminder moment has passed without a check-in."""
    return instant(now) > instant(next_due(settings, last_checkin_at, now))


def overdue_days(settings: CheckInSettings, last_checkin_at: LastCheckIn, now: datetime) -> int:
    """Calendar days the check-in has been waiting, counting its due day; 0 when not overdue.

    1 means it fell due earlier today, 2 that it fell due yesterday, and so on. Meant for a
    gentle note ("your check-in has been waiting since yesterday"), not for a count-down.
    """
    if not is_overdue(settings, last_checkin_at, now):
        return 0
    due_day = next_due_day(settings, last_checkin_at, now)
    return (local_date(now, settings.zone()) - due_day).days + 1


def next_reminder_at(
    settings: CheckInSettings, now: datetime, last_checkin_at: LastCheckIn = None
) -> datetime:
    """The first reminder moment strictly after ``now``, with the settings' zone offset.

    With ``last_checkin_at``, reminders for due days that check-in already covers are
    skipped (no reminder for a check-in already made).
    """
    ensure_aware(now, "now")
    day = _next_occasion(settings, now, strictly_after=True)
    if last_checkin_at is not None:
        day = max(day, _first_due_day_after(settings, last_checkin_at))
    return wall_time_on(day, settings)


def moment_for_day(
    settings: CheckInSettings, day: date, now: datetime, wall_clock: time | None = None
) -> datetime:
    """Where a check-in for local ``day`` is placed: ``now`` for today, else ``wall_clock``
    (by default the reminder time, when that day's check-in fell due) on that day, never
    after ``now``. ValueError for a day after today: no check-in for a day to come."""
    ensure_aware(now, "now")
    today = local_date(now, settings.zone())
    if day > today:
        raise ValueError(f"{day.isoformat()} is still to come")
    if day == today:
        return _fixed(now)
    moment = moment_on(day, wall_clock or settings.reminder, settings.zone())
    return moment if instant(moment) <= instant(now) else _fixed(now)
