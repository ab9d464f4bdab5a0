"""Journal dataclasses: validation and the pure edit helpers."""

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop_app.domain.journal import (
    MAX_FOCUS_AREAS,
    Cadence,
    CadenceKind,
    CheckIn,
    CheckInCadence,
    CheckInSettings,
    FocusArea,
    FocusPeriod,
    Pause,
    Practice,
    Slip,
    Win,
    change_focus,
    current_period,
    end_period,
    format_reminder_time,
    mark_back_on_track,
    pause_practice,
    replace_practice,
    resume_practice,
    with_pause,
)

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


def practice(key: str = "p1", cadence: Cadence | None = None) -> Practice:
    return Practice(key, "Take a breath before answering", cadence or Cadence.daily())


def area(key: str = "a1", name: str = "work", *practices: Practice) -> FocusArea:
    return FocusArea(key, name, "Speak calmly at work", practices or (practice(f"{key}-p"),), 4)


def period(*areas: FocusArea) -> FocusPeriod:
    return FocusPeriod("fp1", T0, None, areas or (area(),), source_assessment=7)


# --- Cadence --------------------------------------------------------------------------------


def test_cadence_constructors() -> None:
    assert Cadence.daily() == Cadence(CadenceKind.DAILY, 1)
    assert Cadence.weekly().kind is CadenceKind.WEEKLY
    assert Cadence.per_week(3) == Cadence(CadenceKind.TIMES_PER_WEEK, 3)
    assert Cadence.daily().per_week_target == 7
    assert Cadence.per_week(3).per_week_target == 3
    assert Cadence.weekly().per_week_target == 1


@pytest.mark.parametrize("times", [0, 8, -1])
def test_times_per_week_must_be_one_to_seven(times: int) -> None:
    with pytest.raises(ValueError, match="between 1 and 7"):
        Cadence.per_week(times)


def test_daily_cadence_rejects_times() -> None:
    with pytest.raises(ValueError, match="times=1"):
        Cadence(CadenceKind.DAILY, 3)


def test_cadence_accepts_plain_string_kind_from_storage() -> None:
    cadence = Cadence("times_per_week", 2)  # type: ignore[arg-type]
    assert cadence.kind is CadenceKind.TIMES_PER_WEEK


# --- Pause and Practice ---------------------------------------------------------------------


def test_pause_covers_inclusive_and_open_ended() -> None:
    closed = Pause(date(2024, 5, 10), date(2024, 5, 12), "holiday")
    assert not closed.covers(date(2024, 5, 9))
    assert closed.covers(date(2024, 5, 10)) and closed.covers(date(2024, 5, 12))
    assert not closed.covers(date(2024, 5, 13))
    running = Pause(date(2024, 5, 10), None, "ill")
    assert running.covers(date(2030, 1, 1))


def test_pause_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Pause(date(2024, 5, 10), date(2024, 5, 9))


def test_practice_needs_what_and_normalises_lists() -> None:
    with pytest.raises(ValueError, match="what I will do"):
        Practice("p", "   ", Cadence.daily())
    stored = Practice("p", "walk", Cadence.daily(), [Pause(date(2024, 1, 1))])  # type: ignore[arg-type]
    assert isinstance(stored.pauses, tuple)


def test_with_pause_sorts_and_rejects_overlap() -> None:
    p = with_pause(practice(), Pause(date(2024, 6, 10), date(2024, 6, 12)))
    p = with_pause(p, Pause(date(2024, 6, 1), date(2024, 6, 3)))
    assert [x.start for x in p.pauses] == [date(2024, 6, 1), date(2024, 6, 10)]
    assert p.is_paused(date(2024, 6, 11)) and not p.is_paused(date(2024, 6, 5))
    with pytest.raises(ValueError, match="overlaps"):
        with_pause(p, Pause(date(2024, 6, 12), None))


def test_resuming_ends_pauses_yesterday_and_drops_those_not_started() -> None:
    p = period(area("a1", "work", practice("walk")))
    p = pause_practice(p, "walk", Pause(date(2024, 5, 1), date(2024, 5, 2), "cold"))
    p = pause_practice(p, "walk", Pause(date(2024, 5, 6), date(2024, 5, 20), "trip"))
    p = pause_practice(p, "walk", Pause(date(2024, 6, 1), None, "later"))
    resumed = resume_practice(p, "walk", date(2024, 5, 9))
    assert resumed.find_practice("walk").pauses == (
        Pause(date(2024, 5, 1), date(2024, 5, 2), "cold"),  # already over: kept as it was
        Pause(date(2024, 5, 6), date(2024, 5, 8), "trip"),  # covered today: ended yesterday
    )  # the pause from June had not started: it never took effect
    assert not resumed.find_practice("walk").is_paused(date(2024, 5, 9))
    open_ended = pause_practice(period(area("a1", "work", practice("walk"))), "walk",
                                Pause(date(2024, 5, 3), None, "flu"))
    assert resume_practice(open_ended, "walk", date(2024, 5, 9)).find_practice(
        "walk"
    ).pauses == (Pause(date(2024, 5, 3), date(2024, 5, 8), "flu"),)
    assert open_ended.find_practice("walk").pauses[0].end is None  # the original untouched


# --- FocusArea and FocusPeriod --------------------------------------------------------------


def test_focus_area_needs_a_practice_with_unique_keys() -> None:
    with pytest.raises(ValueError, match="at least one practice"):
        FocusArea("a", "work", "calm", ())
    with pytest.raises(ValueError, match="same key"):
        FocusArea("a", "work", "calm", (practice("x"), practice("x")))


def test_focus_period_holds_at_most_three_areas() -> None:
    areas = [area(f"a{i}", f"area{i}") for i in range(MAX_FOCUS_AREAS + 1)]
    assert len(period(*areas[:MAX_FOCUS_AREAS]).areas) == 3
    with pytest.raises(ValueError, match="at most 3 focus areas, got 4"):
        period(*areas)


def test_focus_period_rejects_empty_duplicates_and_naive_times() -> None:
    with pytest.raises(ValueError, match="at least one focus area"):
        FocusPeriod("k", T0, None, ())
    with pytest.raises(ValueError, match="only once"):
        period(area("a1", "work"), area("a2", "work"))
    with pytest.raises(ValueError, match="same key"):
        period(area("a1", "work", practice("x")), area("a2", "home", practice("x")))
    with pytest.raises(ValueError, match="timezone-aware"):
        FocusPeriod("k", datetime(2024, 5, 1), None, (area(),))
    with pytest.raises(ValueError, match="end before"):
        FocusPeriod("k", T0, T0 - timedelta(seconds=1), (area(),))


def test_focus_period_end_compares_instants_not_wall_clock() -> None:
    # New York fall back: 01:30 EST (fold=1) is an hour after 01:30 EDT (fold=0), although
    # Python compares same-tzinfo datetimes by wall clock and calls them equal.
    ny = ZoneInfo("America/New_York")
    first = datetime(2024, 11, 3, 1, 30, tzinfo=ny, fold=1)
    second = datetime(2024, 11, 3, 1, 45, tzinfo=ny, fold=0)  # 40 minutes earlier in reality
    with pytest.raises(ValueError, match="end before"):
        FocusPeriod("k", first, second, (area(),))


def test_end_period_and_change_focus_keep_history() -> None:
    old = period()
    later = T0 + timedelta(days=30)
    ended, new = change_focus(old, "fp2", later, [area("b1", "home")], source_assessment=9)
    assert ended is not None and ended.ended_at == later and ended.areas == old.areas
    assert new.started_at == later and new.is_current and new.source_assessment == 9
    assert current_period([ended, new]) == new
    with pytest.raises(ValueError, match="already ended"):
        end_period(ended, later)
    first_ended, first = change_focus(None, "fp0", T0, [area()])
    assert first_ended is None and first.key == "fp0"
    assert current_period([ended]) is None


def test_pause_and_resume_inside_a_period() -> None:
    p = period(area("a1", "work", practice("walk"), practice("breathe")))
    paused = pause_practice(p, "walk", Pause(date(2024, 5, 3), None, "holiday"))
    assert paused.find_practice("walk").is_paused(date(2024, 5, 20))
    assert not paused.find_practice("breathe").pauses
    resumed = resume_practice(paused, "walk", date(2024, 5, 9))
    assert resumed.find_practice("walk").pauses[0].end == date(2024, 5, 8)
    with pytest.raises(KeyError):
        replace_practice(p, practice("nope"))


# --- CheckIn, Slip, Win ---------------------------------------------------------------------


def test_checkin_requires_aware_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        CheckIn(datetime(2024, 5, 1, 9), "daily-check-in", 1, {})
    c = CheckIn(T0, "daily-check-in", 1, {"practices": True, "body": 3}, ["p1"])  # type: ignore[arg-type]
    assert c.practices_done == ("p1",)


def test_slip_back_on_track() -> None:
    slip = Slip("s1", T0, "a1", "snapping at colleagues", trigger="deadline")
    assert slip.is_open
    back = mark_back_on_track(slip, T0 + timedelta(hours=5), "a walk at lunch")
    assert not back.is_open and back.what_helped == "a walk at lunch"
    assert mark_back_on_track(back, T0 + timedelta(hours=6)).what_helped == "a walk at lunch"
    with pytest.raises(ValueError, match="before the slip"):
        mark_back_on_track(slip, T0 - timedelta(minutes=1))


def test_win_needs_text() -> None:
    assert Win(T0, "Said no kindly").focus_area is None
    with pytest.raises(ValueError, match="win"):
        Win(T0, "  ")


# --- CheckInSettings ------------------------------------------------------------------------


def test_settings_parse_time_and_zone() -> None:
    s = CheckInSettings(CheckInCadence.WEEKLY, 6, "07:05", "Pacific/Chatham")
    assert s.reminder == time(7, 5)
    assert s.zone() == ZoneInfo("Pacific/Chatham")
    assert format_reminder_time(time(7, 5, 30)) == "07:05"


@pytest.mark.parametrize("bad", ["7:05", "24:00", "12:60", "12:00:00", "", "noon"])
def test_settings_reject_bad_times(bad: str) -> None:
    with pytest.raises(ValueError, match="reminder time"):
        CheckInSettings(reminder_time=bad)


@pytest.mark.parametrize("bad", ["Mars/Olympus", "", "../etc/passwd"])
def test_settings_reject_unknown_zone(bad: str) -> None:
    with pytest.raises(ValueError, match="time zone"):
        CheckInSettings(timezone=bad)


def test_settings_reject_bad_weekday_and_accept_plain_cadence() -> None:
    with pytest.raises(ValueError, match="weekday"):
        CheckInSettings(weekday=7)
    assert CheckInSettings("weekly").cadence is CheckInCadence.WEEKLY  # type: ignore[arg-type]


def test_all_records_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        practice().what = "x"  # type: ignore[misc]
