"""domain/progress, progress_time and progress_calendar: what the charts draw."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.consistency import DayStatus
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
from desktop_app.domain.progress import (
    DateRange,
    assessment_responses,
    checkin_responses,
    focus_area_names,
    gaps_data,
    months_back,
    wheel_data,
)
from desktop_app.domain.progress_calendar import (
    CalendarData,
    checkin_calendar,
    practice_calendar,
)
from desktop_app.domain.progress_time import (
    TimePoint,
    band_spans,
    change_marks,
    journal_marks,
    over_time,
    rolling_mean,
)
from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.scoring import score_all
from desktop_app.domain.templates import Template, parse_template

TZ = timezone(timedelta(hours=1))

AREAS_TOML = """
format = 1
id = "areas"
version = 1
title = "Areas"
kind = "assessment"

[[pages]]
title = "Work life"
[[pages.questions]]
id = "work"
type = "gap"
prompt = "Work?"
area = "work"
[[pages.questions]]
id = "rest"
type = "gap"
prompt = "Rest?"
area = "play and rest"

[[pages]]
title = "Home"
[[pages.questions]]
id = "home"
type = "gap"
prompt = "Home?"

[[scales]]
id = "now"
title = "Now overall"
method = "mean"
items = ["work.current", "rest.current", "home.current"]
meaningful_change = 1
[[scales.bands]]
max = 4
label = "low"
[[scales.bands]]
max = 10
label = "high"
"""

CHECKIN_TOML = """
format = 1
id = "check-in"
version = 1
title = "Check-in"
kind = "check-in"

[[pages]]
title = "Today"
[[pages.questions]]
id = "mood"
type = "scale"
prompt = "Mood?"
min = 1
max = 5

[[scales]]
id = "mood"
title = "Mood"
method = "mean"
items = ["mood"]
meaningful_change = 1
"""


@pytest.fixture(scope="module")
def areas() -> Template:
    return parse_template(AREAS_TOML, "areas.toml")


@pytest.fixture(scope="module")
def checkin_template() -> Template:
    return parse_template(CHECKIN_TOML, "check-in.toml")


def at(day: date, hour: int = 20) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def result(template: Template, day: date, work: tuple[int, int], rest: tuple[int, int],
           home: tuple[int, int] | None = (5, 5)) -> AssessmentResult:
    answers = {"work": GapAnswer(*work), "rest": GapAnswer(*rest)}
    answers["home"] = GapAnswer(*home) if home else None  # type: ignore[assignment]
    return AssessmentResult(
        template.id, 1, at(day) - timedelta(minutes=10), at(day), answers,
        score_all(template, answers), template.title,
    )


@pytest.fixture
def history(areas: Template) -> list[tuple[int, AssessmentResult]]:
    return [
        (3, result(areas, date(2026, 1, 10), (3, 8), (4, 9))),
        (7, result(areas, date(2026, 2, 10), (4, 8), (6, 9))),
        (9, result(areas, date(2026, 3, 10), (6, 8), (5, 9), home=None)),
    ]


# --- ranges ---------------------------------------------------------------------------------


def test_months_back_clamps_to_the_end_of_a_shorter_month() -> None:
    assert months_back(date(2026, 3, 31), 1) == DateRange(date(2026, 2, 28), date(2026, 3, 31))
    assert months_back(date(2024, 3, 31), 1).start == date(2024, 2, 29)
    assert months_back(date(2026, 1, 15), 12).start == date(2025, 1, 15)
    assert months_back(date(2026, 1, 15), 3).start == date(2025, 10, 15)


def test_date_range_is_inclusive_and_may_be_open() -> None:
    closed = DateRange(date(2026, 1, 1), date(2026, 1, 31))
    assert closed.contains(date(2026, 1, 1)) and closed.contains(date(2026, 1, 31))
    assert not closed.contains(date(2026, 2, 1))
    assert DateRange().contains(date(1990, 1, 1))


# --- wheel and gaps ---------------------------------------------------------------------------


def test_wheel_takes_the_latest_result_and_the_chosen_earlier_one(areas, history) -> None:
    data = wheel_data(areas, history, TZ, DateRange(), compare_id=3)
    assert data.areas == ("work", "play and rest", "home")
    # A page that asks about one area names it; two areas on a page keep their own names.
    assert data.titles == ("Work", "Play and rest", "Home")
    assert data.latest is not None and data.latest.result_id == 9
    assert [(v.area, v.current, v.ideal) for v in data.latest.values] == [
        ("work", 6, 8), ("play and rest", 5, 9),
    ]
    assert data.latest.value_of("home") is None  # unanswered in that result
    assert [c.result_id for c in data.choices] == [7, 3]  # newest first
    assert data.earlier is not None and data.earlier.result_id == 3


def test_wheel_respects_the_date_range(areas, history) -> None:
    data = wheel_data(areas, history, TZ, DateRange(date(2026, 1, 1), date(2026, 2, 28)), 3)
    assert data.latest is not None and data.latest.result_id == 7
    assert [c.result_id for c in data.choices] == [3]
    empty = wheel_data(areas, history, TZ, DateRange(date(2027, 1, 1), None))
    assert empty.latest is None and empty.choices == ()


def test_gaps_are_largest_first_with_focus_by_area_or_question(areas, history) -> None:
    data = gaps_data(areas, history[:2], TZ, DateRange(), focus_areas={"rest"})
    assert [(b.area, b.gap, b.focus) for b in data.bars] == [
        ("work", 4, False), ("play and rest", 3, True), ("home", 0, False),
    ]
    by_area = gaps_data(areas, history[:2], TZ, DateRange(), focus_areas={"work"})
    assert [b.focus for b in by_area.bars] == [True, False, False]


def test_gap_ties_keep_template_order(areas) -> None:
    tied = [(1, result(areas, date(2026, 1, 1), (5, 7), (1, 3), home=(2, 4)))]
    assert [b.area for b in gaps_data(areas, tied, TZ).bars] == ["work", "play and rest", "home"]


def test_focus_area_names_come_from_the_running_period() -> None:
    practice = Practice("p", "walk", Cadence.daily())
    old = FocusPeriod("a", at(date(2026, 1, 1)), at(date(2026, 2, 1)),
                      (FocusArea("k1", "work", "x", (practice,)),))
    new = FocusPeriod("b", at(date(2026, 2, 1)), None,
                      (FocusArea("k2", "home", "y", (practice,)),))
    assert focus_area_names([old, new]) == {"home"}
    assert focus_area_names([old]) == set()


# --- over time --------------------------------------------------------------------------------


def test_over_time_gives_each_area_and_each_scale_with_bands(areas, history) -> None:
    data = over_time(areas, assessment_responses(history, "areas"), TZ)
    work = data.areas[0]
    assert [p.value for p in work.current] == [3, 4, 6]
    assert [p.value for p in work.ideal] == [8, 8, 8]
    assert [p.result_id for p in work.current] == [3, 7, 9]
    home = data.areas[2]
    assert [p.value for p in home.current] == [5, 5]
    (scale,) = data.scales
    assert (scale.low, scale.high) == (0, 10)
    assert [(b.low, b.high, b.label) for b in scale.bands] == [(0, 4, "low"), (4, 10, "high")]
    assert [p.value for p in scale.points] == [4, 5]  # the third result has no home answer
    assert scale.trend == ()
    assert [(m.point.result_id, m.change) for m in scale.marks] == [(7, 1)]


def test_over_time_filters_by_range_but_keeps_history_for_marks(areas, history) -> None:
    data = over_time(
        areas, assessment_responses(history, "areas"), TZ, DateRange(date(2026, 2, 1), None)
    )
    assert [p.result_id for p in data.areas[0].current] == [7, 9]
    assert [m.point.result_id for m in data.scales[0].marks] == [7]


def test_change_marks_add_up_slow_change_and_reset_at_each_mark() -> None:
    day = date(2026, 1, 1)
    points = [TimePoint(at(day), day, v, i) for i, v in enumerate([3, 3.5, 4, 4.2, 3.1, 3.0])]
    marks = change_marks(points, 1)
    assert [(m.point.result_id, m.change) for m in marks] == [(2, 1.0), (5, -1.0)]
    assert change_marks(points, None) == ()


def test_rolling_mean_uses_the_last_window_points() -> None:
    day = date(2026, 1, 1)
    points = [TimePoint(at(day), day, v, None) for v in [1, 2, 3, 4]]
    assert [p.value for p in rolling_mean(points, 2)] == [1, 1.5, 2.5, 3.5]


def test_band_spans_clip_to_the_axis(areas) -> None:
    assert [(s.low, s.high) for s in band_spans(areas.scales[0], 1, 3)] == [(1, 3)]


def test_checkins_give_daily_points_a_trend_and_marks_on_the_trend(checkin_template) -> None:
    start = date(2026, 1, 1)
    moods = [2, 2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4]
    checkins = [
        CheckIn(at(start + timedelta(days=i)), "check-in", 1, {"mood": m})
        for i, m in enumerate(moods)
    ]
    responses = checkin_responses(checkin_template, checkins)
    data = over_time(checkin_template, responses, TZ)
    mood, answer = data.scales
    assert [p.value for p in mood.points] == moods
    # Each numbered question is a series of its own too (its answers, its range).
    assert answer.scale_id == "question.mood" and answer.bands == () and answer.marks == ()
    assert [p.value for p in answer.points] == moods
    assert len(mood.trend) == len(moods)
    assert mood.trend[8].value == pytest.approx((2 * 5 + 4 * 2) / 7)
    # A single good day does not mark; the average moving by one does.
    assert [m.point.day for m in mood.marks] == [start + timedelta(days=10)]


def test_journal_marks_list_slips_returns_and_wins_in_range() -> None:
    slip = Slip("s", at(date(2026, 1, 5)), None, "old habit",
                back_on_track_at=at(date(2026, 1, 7)))
    open_slip = Slip("t", at(date(2026, 2, 5)), None, "again")
    win = Win(at(date(2026, 1, 6)), "called my sister")
    marks = journal_marks([slip, open_slip], [win], TZ)
    assert [(m.day.day, m.kind, m.text) for m in marks] == [
        (5, "slip", "old habit"), (6, "win", "called my sister"), (7, "return", "old habit"),
        (5, "slip", "again"),
    ]
    january = journal_marks([slip, open_slip], [win], TZ, DateRange(None, date(2026, 1, 6)))
    assert [m.kind for m in january] == ["slip", "win"]


# --- consistency ------------------------------------------------------------------------------


def test_checkin_calendar_starts_at_the_first_checkin_and_pauses_forgive() -> None:
    settings = CheckInSettings(timezone="Etc/GMT-1")
    first = date(2026, 3, 1)
    done = [first, first + timedelta(days=1), first + timedelta(days=5)]
    checkins = [CheckIn(at(d), "check-in", 1, {}) for d in done]
    holiday = Pause(first + timedelta(days=2), first + timedelta(days=3), "holiday")
    practice = Practice("p", "walk", Cadence.daily(), (holiday,))
    period = FocusPeriod("f", at(first - timedelta(days=10)), None,
                         (FocusArea("k", "work", "x", (practice,)),))
    today = first + timedelta(days=6)
    data = checkin_calendar(settings, checkins, [period], today, DateRange())
    assert data.start == first and data.end == today
    assert [data.statuses[first + timedelta(days=i)] for i in range(7)] == [
        DayStatus.DONE, DayStatus.DONE, DayStatus.PAUSED, DayStatus.PAUSED, DayStatus.MISSED,
        DayStatus.DONE, DayStatus.FUTURE,
    ]
    assert data.count(DayStatus.PAUSED) == 2


def test_no_checkins_means_an_empty_calendar() -> None:
    data = checkin_calendar(CheckInSettings(), [], [], date(2026, 3, 1))
    assert data.statuses == {}


def test_practice_calendar_is_done_when_any_practice_was_done() -> None:
    first = date(2026, 3, 2)  # a Monday
    walk = Practice("walk", "walk", Cadence.daily(), (Pause(first + timedelta(days=2)),))
    read = Practice("read", "read", Cadence.daily())
    period = FocusPeriod("f", at(first, 8), None,
                         (FocusArea("k", "work", "x", (walk, read)),))
    checkins = [
        CheckIn(at(first), "check-in", 1, {}, ("walk",)),
        CheckIn(at(first + timedelta(days=1)), "check-in", 1, {}, ()),
    ]
    today = first + timedelta(days=3)
    data = practice_calendar([period], checkins, today, TZ)
    assert data.statuses[first] is DayStatus.DONE
    assert data.statuses[first + timedelta(days=1)] is DayStatus.MISSED
    # "walk" paused but "read" still due: the day is not shown as paused.
    assert data.statuses[first + timedelta(days=2)] is DayStatus.MISSED
    assert data.statuses[today] is DayStatus.FUTURE


def test_calendar_covers_the_whole_range_with_one_row_per_year() -> None:
    settings = CheckInSettings(timezone="Etc/GMT-1")
    start = date(2024, 1, 1)
    checkins = [CheckIn(at(start + timedelta(days=i)), "check-in", 1, {}) for i in range(800)]
    today = start + timedelta(days=800)
    data = checkin_calendar(settings, checkins, [], today)
    assert (data.start, data.end) == (start, today)
    assert len(data.statuses) == 801
    weeks = data.weeks()
    assert weeks[0][0] <= data.start and weeks[-1][-1] >= data.end
    assert isinstance(data, CalendarData)
    layout = data.layout()
    assert layout.years == (2024, 2025, 2026)
    assert set(layout.cells) == set(data.statuses)
    assert len(set(layout.cells.values())) == len(layout.cells)  # no two days share a cell
    # The same date sits in the same column (give or take a week) in every year's row.
    columns = [layout.cells[date(y, 3, 1)][1] for y in (2024, 2025)]
    assert abs(columns[0] - columns[1]) <= 1
    assert layout.cells[date(2025, 3, 3)][0] == 8 + 0  # a Monday, second block


def test_a_short_calendar_is_one_row_of_weeks() -> None:
    settings = CheckInSettings(timezone="Etc/GMT-1")
    day = date(2024, 5, 8)
    data = checkin_calendar(settings, [CheckIn(at(day), "check-in", 1, {})], [], day,
                            DateRange(day, day))
    layout = data.layout()
    assert (layout.rows, layout.columns, layout.years) == (7, 1, ())
    assert layout.cells[day] == (day.weekday(), 0)
