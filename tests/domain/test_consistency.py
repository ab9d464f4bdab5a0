"""Forgiving consistency: returns from slips, day statuses, never miss twice."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.consistency import (
    DayStatus,
    ReturnPoint,
    calendar_weeks,
    checkin_day_statuses,
    checkin_days,
    day_statuses,
    never_miss_twice,
    open_slips,
    practice_day_statuses,
    practice_rate,
    return_times,
    return_trend,
    time_back_on_track,
)
from desktop_app.domain.journal import (
    Cadence,
    CheckIn,
    CheckInCadence,
    CheckInSettings,
    Pause,
    Practice,
    Slip,
    mark_back_on_track,
)
from desktop_app.domain.return_time import ReturnTime

D, M, P, N, F = (
    DayStatus.DONE,
    DayStatus.MISSED,
    DayStatus.PAUSED,
    DayStatus.NOT_DUE,
    DayStatus.FUTURE,
)
MON = date(2024, 5, 6)  # a Monday


def day(offset: int) -> date:
    return MON + timedelta(days=offset)


def week_of(statuses: dict[date, DayStatus], start: date) -> list[DayStatus]:
    return [statuses[start + timedelta(days=i)] for i in range(7)]


def slip(key: str, at: datetime, hours_back: float | None) -> Slip:
    s = Slip(key, at, None, "withdrawing")
    if hours_back is None:
        return s
    return mark_back_on_track(s, at + timedelta(hours=hours_back))


def checkin(at: datetime, *done: str) -> CheckIn:
    return CheckIn(at, "daily-check-in", 1, {"practices": bool(done)}, done)


# --- slips and returns ----------------------------------------------------------------------


def test_time_back_on_track_uses_real_time_across_dst() -> None:
    ny = ZoneInfo("America/New_York")
    at = datetime(2024, 11, 3, 0, 30, tzinfo=ny)  # EDT
    back = datetime(2024, 11, 3, 1, 30, tzinfo=ny, fold=1)  # the second 01:30, EST
    s = mark_back_on_track(Slip("s", at, None, "old pattern"), back)
    assert time_back_on_track(s) == timedelta(hours=2)
    assert time_back_on_track(Slip("o", at, None, "old pattern")) is None


def test_return_trend_orders_by_slip_and_takes_a_rolling_median() -> None:
    t = datetime(2024, 5, 1, 12, tzinfo=UTC)
    slips = [
        slip("c", t + timedelta(days=20), 12),
        slip("a", t, 24),
        slip("open", t + timedelta(days=25), None),
        slip("b", t + timedelta(days=10), 72),
    ]
    trend = return_trend(slips, UTC)
    assert [p.day for p in trend] == [date(2024, 5, 1), date(2024, 5, 11), date(2024, 5, 21)]
    assert [p.days for p in trend] == [1.0, 3.0, 0.5]
    assert [p.rolling_median for p in trend] == [1.0, 2.0, 1.0]
    assert [p.rolling_median for p in return_trend(slips, UTC, window=2)] == [1.0, 2.0, 1.75]
    assert trend[0] == ReturnPoint(date(2024, 5, 1), 1.0, 1.0, ReturnTime(86400.0))
    with pytest.raises(ValueError, match="window"):
        return_trend(slips, UTC, window=0)


def test_return_trend_day_is_local() -> None:
    s = slip("a", datetime(2024, 5, 1, 23, tzinfo=UTC), 1)
    assert return_trend([s], ZoneInfo("Australia/Sydney"))[0].day == date(2024, 5, 2)


def test_return_times_and_open_slips() -> None:
    t = datetime(2024, 5, 1, tzinfo=UTC)
    slips = [slip(str(i), t + timedelta(days=i), h) for i, h in enumerate([48, 2, 4, None, 6])]
    assert [r.seconds / 3600 for r in return_times(reversed(slips))] == [48, 2, 4, 6]
    assert return_times([]) == []
    assert [s.key for s in open_slips(slips)] == ["3"]


# --- done days ------------------------------------------------------------------------------


def test_checkin_and_practice_days_are_local_dates() -> None:
    sydney = ZoneInfo("Australia/Sydney")
    cs = [
        checkin(datetime(2024, 5, 1, 23, tzinfo=UTC), "walk"),
        checkin(datetime(2024, 5, 3, 1, tzinfo=UTC)),
    ]
    assert checkin_days(cs, sydney) == {date(2024, 5, 2), date(2024, 5, 3)}
    assert checkin_days(cs, UTC) == {date(2024, 5, 1), date(2024, 5, 3)}
    p = Practice("walk", "walk", Cadence.daily())
    statuses = practice_day_statuses(
        p, cs, date(2024, 5, 1), date(2024, 5, 3), date(2024, 5, 4), sydney
    )
    assert list(statuses.values()) == [M, D, M]


# --- daily ----------------------------------------------------------------------------------


def test_daily_statuses() -> None:
    pauses = (Pause(day(2), day(3), "ill"),)
    done = {day(0), day(3)}
    statuses = day_statuses(Cadence.daily(), done, day(0), day(6), today=day(5), pauses=pauses)
    # Done on a paused day still shows as done; today, not yet done, is still open.
    assert week_of(statuses, MON) == [D, M, P, D, M, F, F]


def test_empty_range() -> None:
    assert day_statuses(Cadence.daily(), set(), day(3), day(2), day(9)) == {}


# --- n times a week -------------------------------------------------------------------------


def test_week_meeting_its_target_is_fine_throughout() -> None:
    statuses = day_statuses(Cadence.per_week(3), {day(0), day(2), day(4)}, day(0), day(6), day(20))
    assert week_of(statuses, MON) == [D, N, D, N, D, N, N]


def test_short_week_marks_the_latest_undone_days_missed() -> None:
    statuses = day_statuses(Cadence.per_week(3), {day(0)}, day(0), day(6), day(20))
    assert week_of(statuses, MON) == [D, N, N, N, N, M, M]


def test_current_week_is_not_missed_while_it_can_still_be_made_up() -> None:
    statuses = day_statuses(Cadence.per_week(3), {day(0)}, day(0), day(6), today=day(2))
    assert week_of(statuses, MON) == [D, N, F, F, F, F, F]
    # On Sunday with nothing done, only one of three can still happen.
    statuses = day_statuses(Cadence.per_week(3), set(), day(0), day(6), today=day(6))
    assert week_of(statuses, MON) == [N, N, N, N, M, M, F]
    # Target already met: today is simply not due.
    statuses = day_statuses(Cadence.per_week(1), {day(0)}, day(0), day(6), today=day(2))
    assert week_of(statuses, MON) == [D, N, N, F, F, F, F]


def test_pause_shrinks_the_week_target() -> None:
    pauses = (Pause(day(0), day(3), "holiday"),)
    statuses = day_statuses(Cadence.per_week(3), set(), day(0), day(6), day(20), pauses)
    assert week_of(statuses, MON) == [P, P, P, P, N, N, M]  # 3 of 7 days: asks for one


def test_fully_paused_week_asks_for_nothing() -> None:
    pauses = (Pause(day(0), None, "surgery"),)
    statuses = day_statuses(Cadence.per_week(5), set(), day(0), day(13), day(30), pauses)
    assert set(statuses.values()) == {P}


def test_range_starting_mid_week_asks_for_a_share() -> None:
    friday = day(4)
    statuses = day_statuses(Cadence.per_week(3), set(), friday, day(6), day(20))
    assert list(statuses.values()) == [N, N, M]


def test_weekly_practice_two_short_weeks_are_two_misses_in_a_row() -> None:
    statuses = day_statuses(Cadence.weekly(), {day(16)}, day(0), day(20), day(30))
    assert statuses[day(6)] is M and statuses[day(13)] is M
    assert sum(1 for s in statuses.values() if s is M) == 2
    assert never_miss_twice(statuses) == [(day(6), day(13))]


# --- check-ins ------------------------------------------------------------------------------


def test_weekly_checkin_statuses_use_weeks_ending_on_the_due_day() -> None:
    s = CheckInSettings(CheckInCadence.WEEKLY, 2, "19:00", "Europe/London")  # Wednesdays
    london = ZoneInfo("Europe/London")
    cs = [checkin(datetime(2024, 5, 6, 9, tzinfo=london))]  # Monday: covers Wednesday 8th
    statuses = checkin_day_statuses(s, cs, date(2024, 5, 2), date(2024, 5, 15), date(2024, 5, 20))
    assert statuses[date(2024, 5, 6)] is D
    assert statuses[date(2024, 5, 8)] is N
    assert statuses[date(2024, 5, 15)] is M  # the next Wednesday, nothing in its week
    assert [d for d, v in statuses.items() if v is M] == [date(2024, 5, 15)]


def test_daily_checkin_statuses() -> None:
    s = CheckInSettings(CheckInCadence.DAILY, 0, "20:00", "UTC")
    cs = [
        checkin(datetime(2024, 5, 6, 9, tzinfo=UTC)),
        checkin(datetime(2024, 5, 6, 21, tzinfo=UTC)),
    ]
    statuses = checkin_day_statuses(s, cs, day(0), day(2), day(2))
    assert list(statuses.values()) == [D, M, F]


# --- reading statuses -----------------------------------------------------------------------


def _seq(*values: DayStatus) -> dict[date, DayStatus]:
    return {day(i): v for i, v in enumerate(values)}


@pytest.mark.parametrize(
    ("values", "spans"),
    [
        ((D, M, D, M, D), []),
        ((D, M, M, D), [(1, 2)]),
        ((M, P, P, M, D), [(0, 3)]),  # a pause between two misses does not break them apart
        ((M, N, N, M), [(0, 3)]),
        ((M, M, M, F, F), [(0, 2)]),
        ((M, F, M), []),
        ((M, M, D, M, M, M), [(0, 1), (3, 5)]),
        ((), []),
    ],
)
def test_never_miss_twice(values: tuple[DayStatus, ...], spans: list[tuple[int, int]]) -> None:
    assert never_miss_twice(_seq(*values)) == [(day(a), day(b)) for a, b in spans]


def test_practice_rate_leaves_out_pauses() -> None:
    assert practice_rate(_seq(D, D, M, P, P, N, F)) == pytest.approx(2 / 3)
    assert practice_rate(_seq(P, N, F)) is None


def test_calendar_weeks() -> None:
    weeks = calendar_weeks(date(2024, 5, 1), date(2024, 5, 31))
    assert weeks[0][0] == date(2024, 4, 29) and weeks[-1][-1] == date(2024, 6, 2)
    assert all(len(w) == 7 and w[0].weekday() == 0 for w in weeks)
    assert calendar_weeks(date(2024, 5, 2), date(2024, 5, 1)) == []


# --- properties -----------------------------------------------------------------------------

cadences = st.one_of(
    st.just(Cadence.daily()),
    st.just(Cadence.weekly()),
    st.integers(1, 7).map(Cadence.per_week),
)
offsets = st.integers(0, 60)


@st.composite
def scenarios(
    draw: st.DrawFn,
) -> tuple[Cadence, set[date], date, date, date, tuple[Pause, ...], int]:
    cadence = draw(cadences)
    start = day(draw(st.integers(0, 6)))
    end = start + timedelta(days=draw(st.integers(0, 50)))
    today = day(draw(offsets))
    done = {day(i) for i in draw(st.sets(offsets, max_size=40))}
    pauses: list[Pause] = []
    for first in sorted(draw(st.sets(offsets, max_size=3))):
        length = draw(st.one_of(st.none(), st.integers(0, 10)))
        pauses.append(Pause(day(first), None if length is None else day(first + length)))
    return cadence, done, start, end, today, tuple(pauses), draw(st.integers(0, 6))


@settings(deadline=None, max_examples=400)
@given(scenarios())
def test_statuses_are_forgiving(
    scenario: tuple[Cadence, set[date], date, date, date, tuple[Pause, ...], int],
) -> None:
    cadence, done, start, end, today, pauses, week_end = scenario
    statuses = day_statuses(cadence, done, start, end, today, pauses, week_end)
    assert sorted(statuses) == [start + timedelta(days=i) for i in range((end - start).days + 1)]
    for d, status in statuses.items():
        paused = any(p.covers(d) for p in pauses)
        if paused:
            assert status is not M, "a paused day is never missed"
        if d >= today:
            assert status is not M, "today and later are never missed"
        assert (status is D) == (d in done)
    rate = practice_rate(statuses)
    assert rate is None or 0.0 <= rate <= 1.0
    for first, last in never_miss_twice(statuses):
        assert first < last and statuses[first] is M and statuses[last] is M


@settings(deadline=None, max_examples=400)
@given(scenarios(), offsets)
def test_doing_more_never_adds_a_miss(
    scenario: tuple[Cadence, set[date], date, date, date, tuple[Pause, ...], int], extra: int
) -> None:
    cadence, done, start, end, today, pauses, week_end = scenario
    before = day_statuses(cadence, done, start, end, today, pauses, week_end)
    after = day_statuses(cadence, done | {day(extra)}, start, end, today, pauses, week_end)
    missed_before = {d for d, s in before.items() if s is M}
    missed_after = {d for d, s in after.items() if s is M}
    assert len(missed_after) <= len(missed_before)
