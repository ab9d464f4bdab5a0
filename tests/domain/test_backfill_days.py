"""Backfilled check-ins count for the day they are for, not the day they were written."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.consistency import (
    DayStatus,
    checkin_day_statuses,
    checkin_days,
    never_miss_twice,
    practice_day_statuses,
)
from desktop_app.domain.focus_areas import RESPONSIBILITIES, focus_area_title, own_area
from desktop_app.domain.journal import Cadence, CheckIn, CheckInSettings, Practice
from desktop_app.domain.schedule import (
    is_overdue,
    moment_for_day,
    moment_on,
    next_due_day,
    overdue_days,
)

MON = date(2024, 5, 6)
BERLIN = ZoneInfo("Europe/Berlin")
SETTINGS = CheckInSettings(timezone="Europe/Berlin")


def written(on: date, hour: int = 20) -> datetime:
    """A moment on ``on`` (Berlin wall clock), as a check-in's ``at``."""
    return datetime.combine(on, time(hour), tzinfo=BERLIN)


def backfilled(for_day: date, written_on: date, done: tuple[str, ...] = ()) -> CheckIn:
    """A check-in written on ``written_on`` for ``for_day``: its ``at`` is when it was made,
    which is the worst case for a reader that keyed on ``at``."""
    return CheckIn(written(written_on), "check-in", 1, {}, done, for_day)


def test_old_records_without_for_day_read_their_day_from_at() -> None:
    late = CheckIn(datetime(2024, 5, 6, 23, 30, tzinfo=UTC), "check-in", 1, {})
    assert late.day(UTC) == date(2024, 5, 6)
    assert late.day(BERLIN) == date(2024, 5, 7)  # 01:30 in Berlin


def test_for_day_must_be_a_day_not_a_moment() -> None:
    with pytest.raises(ValueError, match="calendar day"):
        CheckIn(written(MON), "check-in", 1, {}, (), datetime(2024, 5, 6, tzinfo=UTC))


def test_a_backfilled_day_closes_a_two_day_gap() -> None:
    # Checked in Monday and Thursday; on Thursday, Tuesday is filled in afterwards.
    real = [CheckIn(written(MON), "check-in", 1, {}), CheckIn(written(MON + timedelta(3)),
                                                              "check-in", 1, {})]
    before = checkin_day_statuses(SETTINGS, real, MON, MON + timedelta(3), MON + timedelta(4))
    assert never_miss_twice(before) == [(MON + timedelta(1), MON + timedelta(2))]
    filled = [*real, backfilled(MON + timedelta(1), MON + timedelta(3))]
    after = checkin_day_statuses(SETTINGS, filled, MON, MON + timedelta(3), MON + timedelta(4))
    assert after[MON + timedelta(1)] is DayStatus.DONE
    assert after[MON + timedelta(2)] is DayStatus.MISSED
    assert never_miss_twice(after) == []


def test_a_backfilled_practice_counts_for_its_day() -> None:
    practice = Practice("walk", "Walk", Cadence.daily())
    late = backfilled(MON, MON + timedelta(2), ("walk",))
    statuses = practice_day_statuses(practice, [late], MON, MON + timedelta(2),
                                     MON + timedelta(3), BERLIN)
    assert statuses[MON] is DayStatus.DONE
    assert statuses[MON + timedelta(2)] is DayStatus.MISSED


@given(
    done=st.sets(st.integers(0, 27), max_size=28),
    late_by=st.lists(st.integers(0, 10), min_size=28, max_size=28),
)
def test_days_done_do_not_depend_on_when_they_were_written(
    done: set[int], late_by: list[int]
) -> None:
    on_time = [backfilled(MON + timedelta(d), MON + timedelta(d)) for d in done]
    late = [backfilled(MON + timedelta(d), MON + timedelta(d + late_by[d])) for d in done]
    end, today = MON + timedelta(27), MON + timedelta(40)
    assert checkin_days(late, BERLIN) == {MON + timedelta(d) for d in done}
    expected = checkin_day_statuses(SETTINGS, on_time, MON, end, today)
    assert checkin_day_statuses(SETTINGS, late, MON, end, today) == expected
    assert never_miss_twice(checkin_day_statuses(SETTINGS, late, MON, end, today)) == (
        never_miss_twice(expected)
    )


@given(done=st.sets(st.integers(0, 20), min_size=1, max_size=21))
def test_filling_every_missed_day_leaves_nothing_missed(done: set[int]) -> None:
    checkins = [backfilled(MON + timedelta(d), MON + timedelta(d)) for d in done]
    end, today = MON + timedelta(20), MON + timedelta(21)
    statuses = checkin_day_statuses(SETTINGS, checkins, MON, end, today)
    missed = [d for d, s in statuses.items() if s is DayStatus.MISSED]
    filled = [*checkins, *(backfilled(d, today) for d in missed)]
    after = checkin_day_statuses(SETTINGS, filled, MON, end, today)
    assert set(after.values()) == {DayStatus.DONE}
    assert never_miss_twice(after) == []


def test_schedule_takes_the_day_a_check_in_is_for() -> None:
    now = written(MON + timedelta(2), 21)  # Wednesday evening, after the reminder
    # The last real check-in was Monday; Tuesday waits.
    assert overdue_days(SETTINGS, written(MON), now) == 2
    # Tuesday filled in on Wednesday: what waits now is Wednesday's own.
    assert next_due_day(SETTINGS, MON + timedelta(1), now) == MON + timedelta(2)
    assert overdue_days(SETTINGS, MON + timedelta(1), now) == 1
    assert not is_overdue(SETTINGS, MON + timedelta(2), now)


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.times())
def test_moment_on_lands_on_its_day(day: date, wall: time) -> None:
    moment = moment_on(day, wall, BERLIN)
    assert moment.astimezone(BERLIN).date() == day


def test_area_titles_for_responsibilities_and_own_areas() -> None:
    assert focus_area_title("thoughts", {}) == RESPONSIBILITIES["thoughts"]
    assert focus_area_title("work", {"work": "Work"}) == "Work"
    named = own_area("  Being a   calmer driver ")
    assert focus_area_title(named, {}) == "Being a calmer driver"
    with pytest.raises(ValueError, match="needs a name"):
        own_area("   ")
    with pytest.raises(ValueError, match="at most 60"):
        own_area("x" * 61)


def test_moment_for_day_places_a_check_in_on_its_day_never_later_than_now() -> None:
    now = written(MON + timedelta(2), 9)  # Wednesday 09:00
    assert moment_for_day(SETTINGS, MON + timedelta(2), now) == now
    monday = moment_for_day(SETTINGS, MON, now)
    assert monday.astimezone(BERLIN) == written(MON, 20)  # its reminder time
    early = moment_for_day(SETTINGS, MON, now, time(7, 15))
    assert early.astimezone(BERLIN) == datetime.combine(MON, time(7, 15), tzinfo=BERLIN)
    with pytest.raises(ValueError, match="still to come"):
        moment_for_day(SETTINGS, MON + timedelta(3), now)


@given(st.integers(1, 400), st.times())
def test_moment_for_an_earlier_day_is_that_day_and_in_the_past(back: int, wall: time) -> None:
    now = datetime(2024, 10, 27, 2, 30, tzinfo=UTC)  # the night Berlin falls back
    day = now.astimezone(BERLIN).date() - timedelta(days=back)
    moment = moment_for_day(SETTINGS, day, now, wall)
    assert moment.astimezone(BERLIN).date() == day
    assert moment.timestamp() <= now.timestamp()
