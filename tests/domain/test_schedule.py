"""Check-in schedule: due dates, overdue notes and reminders, across zones and DST."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.journal import CheckInCadence, CheckInSettings
from desktop_app.domain.schedule import (
    due_day_covering,
    is_overdue,
    next_due,
    next_due_day,
    next_reminder_at,
    overdue_days,
    wall_time_on,
)

ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "Pacific/Chatham", "UTC"]
DAILY = CheckInCadence.DAILY
WEEKLY = CheckInCadence.WEEKLY


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def daily(at: str = "20:00", zone: str = "UTC") -> CheckInSettings:
    return CheckInSettings(DAILY, 0, at, zone)


def weekly(weekday: int, at: str = "19:00", zone: str = "UTC") -> CheckInSettings:
    return CheckInSettings(WEEKLY, weekday, at, zone)


# --- daily, UTC -----------------------------------------------------------------------------


def test_new_profile_is_due_at_the_next_reminder_and_never_overdue() -> None:
    s = daily()
    assert next_due(s, None, utc(2024, 5, 1, 10)) == utc(2024, 5, 1, 20)
    # Past today's reminder with no check-in ever: the next one, not an overdue note.
    assert next_due(s, None, utc(2024, 5, 1, 21)) == utc(2024, 5, 2, 20)
    assert not is_overdue(s, None, utc(2024, 5, 1, 21))
    assert next_due(s, None, utc(2024, 5, 1, 20)) == utc(2024, 5, 1, 20)


def test_checkin_any_time_of_day_covers_that_day() -> None:
    s = daily()
    for hour in (0, 9, 21, 23):
        assert next_due(s, utc(2024, 5, 1, hour), utc(2024, 5, 1, 23, 30)) == utc(2024, 5, 2, 20)


def test_overdue_after_the_reminder_passes() -> None:
    s = daily()
    last = utc(2024, 5, 1, 9)
    assert next_due(s, last, utc(2024, 5, 2, 19)) == utc(2024, 5, 2, 20)
    assert not is_overdue(s, last, utc(2024, 5, 2, 20))
    assert overdue_days(s, last, utc(2024, 5, 2, 19)) == 0
    assert is_overdue(s, last, utc(2024, 5, 2, 20, 1))
    assert overdue_days(s, last, utc(2024, 5, 2, 20, 1)) == 1


def test_several_days_overdue() -> None:
    s = daily()
    last = utc(2024, 5, 1, 9)
    now = utc(2024, 5, 4, 21)
    assert next_due(s, last, now) == utc(2024, 5, 2, 20)
    assert overdue_days(s, last, now) == 3


# --- weekly ---------------------------------------------------------------------------------


def test_weekly_checkin_in_the_days_before_covers_the_week() -> None:
    s = weekly(6, zone="Europe/London")  # Sundays 19:00
    london = ZoneInfo("Europe/London")
    saturday = datetime(2024, 6, 15, 10, tzinfo=london)
    assert due_day_covering(s, date(2024, 6, 15)) == date(2024, 6, 16)
    assert next_due(s, saturday, saturday) == datetime(2024, 6, 23, 19, tzinfo=london)
    monday = datetime(2024, 6, 17, 10, tzinfo=london)
    assert next_due(s, monday, monday) == datetime(2024, 6, 30, 19, tzinfo=london)
    sunday_late = datetime(2024, 6, 16, 22, tzinfo=london)
    assert next_due(s, sunday_late, sunday_late) == datetime(2024, 6, 23, 19, tzinfo=london)


def test_weekly_overdue_counts_weeks() -> None:
    s = weekly(2)  # Wednesdays 19:00 UTC
    last = utc(2024, 5, 1, 8)  # a Wednesday
    now = utc(2024, 5, 16, 12)  # Thursday two weeks on
    assert next_due(s, last, now) == utc(2024, 5, 8, 19)
    assert overdue_days(s, last, now) == 9


def test_weekly_new_profile() -> None:
    s = weekly(0, "08:00")
    assert next_due(s, None, utc(2024, 5, 1, 12)) == utc(2024, 5, 6, 8)


# --- local dates in other zones -------------------------------------------------------------


def test_local_date_decides_what_a_checkin_covers() -> None:
    sydney = daily(zone="Australia/Sydney")
    # 23:30 UTC on 1 June is 09:30 on 2 June in Sydney.
    assert next_due_day(sydney, utc(2024, 6, 1, 23, 30), utc(2024, 6, 2, 0)) == date(2024, 6, 3)
    ny = daily(zone="America/New_York")
    # 02:00 UTC on 2 June is 22:00 on 1 June in New York.
    assert next_due_day(ny, utc(2024, 6, 2, 2), utc(2024, 6, 2, 3)) == date(2024, 6, 2)
    chatham = daily("07:00", "Pacific/Chatham")
    due = next_due(chatham, utc(2024, 6, 1, 12), utc(2024, 6, 1, 12))  # 00:45 on 2 June there
    assert due == datetime(2024, 6, 3, 7, tzinfo=ZoneInfo("Pacific/Chatham"))
    assert due.utcoffset() == timedelta(hours=12, minutes=45)


def test_result_reads_as_the_settings_zone_wall_clock() -> None:
    s = daily(zone="America/New_York")
    due = next_due(s, None, utc(2024, 6, 1, 12))
    assert due.utcoffset() == timedelta(hours=-4)
    assert (due.hour, due.minute) == (20, 0)


def test_results_in_a_repeated_hour_still_compare_equal() -> None:
    # A ZoneInfo datetime inside the repeated hour would compare unequal to its UTC twin.
    due = wall_time_on(date(2024, 11, 3), daily("01:30", "America/New_York"))
    assert due == utc(2024, 11, 3, 5, 30)
    assert due + timedelta(hours=1) == utc(2024, 11, 3, 6, 30)


# --- DST ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected_utc"),
    [
        # Spring forward: the missing wall time moves to the moment the clocks jump.
        ("America/New_York", date(2024, 3, 10), "02:30", utc(2024, 3, 10, 7)),
        ("Europe/London", date(2024, 3, 31), "01:30", utc(2024, 3, 31, 1)),
        ("Australia/Sydney", date(2024, 10, 6), "02:30", utc(2024, 10, 5, 16)),
        ("Pacific/Chatham", date(2024, 9, 29), "03:00", utc(2024, 9, 28, 14)),
        # Fall back: the first of the two occurrences.
        ("America/New_York", date(2024, 11, 3), "01:30", utc(2024, 11, 3, 5, 30)),
        ("Europe/London", date(2024, 10, 27), "01:30", utc(2024, 10, 27, 0, 30)),
        ("Australia/Sydney", date(2024, 4, 7), "02:30", utc(2024, 4, 6, 15, 30)),
        ("Pacific/Chatham", date(2024, 4, 7), "03:00", utc(2024, 4, 6, 13, 15)),
        # Ordinary day, for contrast.
        ("UTC", date(2024, 3, 10), "02:30", utc(2024, 3, 10, 2, 30)),
    ],
)
def test_reminder_wall_time_across_dst(
    zone: str, day: date, at: str, expected_utc: datetime
) -> None:
    s = daily(at, zone)
    moment = wall_time_on(day, s)
    assert moment == expected_utc
    assert moment.utcoffset() == expected_utc.astimezone(ZoneInfo(zone)).utcoffset()
    last = datetime.combine(day - timedelta(days=1), datetime.min.time(), ZoneInfo(zone))
    assert next_due(s, last, last) == expected_utc


def test_spring_forward_wall_time_reads_as_the_jump() -> None:
    moment = wall_time_on(date(2024, 3, 10), daily("02:30", "America/New_York"))
    assert (moment.hour, moment.minute) == (3, 0)
    assert moment.utcoffset() == timedelta(hours=-4)


def test_next_reminder_steps_over_the_gap_and_the_repeat() -> None:
    ny = daily("02:30", "America/New_York")
    assert next_reminder_at(ny, utc(2024, 3, 10, 6, 59)) == utc(2024, 3, 10, 7)
    assert next_reminder_at(ny, utc(2024, 3, 10, 7)) == utc(2024, 3, 11, 6, 30)
    fall = daily("01:30", "America/New_York")
    # At the first 01:30 the next reminder is the next day, not the repeated 01:30 an hour on.
    assert next_reminder_at(fall, utc(2024, 11, 3, 5, 30)) == utc(2024, 11, 4, 6, 30)


def test_time_overdue_is_measured_in_real_time_across_dst() -> None:
    # Reminder 20:00 in London; last check-in before the clocks went back.
    s = daily("20:00", "Europe/London")
    last = utc(2024, 10, 26, 8)
    assert not is_overdue(s, last, utc(2024, 10, 27, 19, 59))  # 19:59 GMT
    assert is_overdue(s, last, utc(2024, 10, 27, 20, 1))


def test_next_reminder_skips_a_covered_day() -> None:
    s = daily("20:00")
    now = utc(2024, 5, 1, 12)
    assert next_reminder_at(s, now) == utc(2024, 5, 1, 20)
    assert next_reminder_at(s, now, last_checkin_at=utc(2024, 5, 1, 9)) == utc(2024, 5, 2, 20)
    w = weekly(4, "18:00")  # Fridays
    assert next_reminder_at(w, now, last_checkin_at=utc(2024, 4, 30, 9)) == utc(2024, 5, 10, 18)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_due(daily(), None, datetime(2024, 5, 1, 12))


# --- properties -----------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
setting_values = st.builds(
    CheckInSettings,
    cadence=st.sampled_from(list(CheckInCadence)),
    weekday=st.integers(0, 6),
    reminder_time=st.builds(
        lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from([0, 15, 30, 45, 59])
    ),
    timezone=st.sampled_from(ZONES),
)


@settings(deadline=None, max_examples=300)
@given(s=setting_values, last=moments, later=st.timedeltas(timedelta(0), timedelta(days=40)))
def test_next_due_is_after_the_last_checkin_and_its_day(
    s: CheckInSettings, last: datetime, later: timedelta
) -> None:
    now = last + later
    due = next_due(s, last, now)
    zone = s.zone()
    last_day = last.astimezone(zone).date()
    due_day = next_due_day(s, last, now)
    assert due > last
    assert due_day > last_day
    if s.cadence is DAILY:
        assert due_day == last_day + timedelta(days=1)
    else:
        assert due_day.weekday() == s.weekday
        # Covered is the first due day on or after the check-in; the next is a week on.
        assert 7 <= (due_day - last_day).days <= 13
    # The due moment never comes before the reminder wall time that day (gaps push it later).
    assert due >= datetime.combine(due_day, s.reminder, zone).astimezone(UTC) - timedelta(hours=1)
    assert is_overdue(s, last, now) == (now > due)
    assert (overdue_days(s, last, now) >= 1) == is_overdue(s, last, now)


@settings(deadline=None, max_examples=300)
@given(s=setting_values, now=moments)
def test_just_checked_in_is_never_overdue(s: CheckInSettings, now: datetime) -> None:
    assert not is_overdue(s, now, now)
    assert not is_overdue(s, None, now)
    assert next_due(s, None, now) >= now


@settings(deadline=None, max_examples=300)
@given(s=setting_values, now=moments)
def test_next_reminder_is_soon_after_now_at_the_wall_time(
    s: CheckInSettings, now: datetime
) -> None:
    reminder = next_reminder_at(s, now)
    horizon = timedelta(days=1 if s.cadence is DAILY else 7, hours=2)
    assert now < reminder <= now + horizon
    local = reminder.astimezone(s.zone())
    if s.cadence is WEEKLY:
        assert local.weekday() == s.weekday
    wanted = datetime.combine(local.date(), s.reminder)
    # Either the exact wall time, or the jump just after a missing wall time.
    assert local.replace(tzinfo=None) == wanted or (
        timedelta(0) < local.replace(tzinfo=None) - wanted <= timedelta(hours=1)
    )
