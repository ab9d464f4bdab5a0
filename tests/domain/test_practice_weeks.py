"""A practice's history: daily ones by the day, "3 days a week" ones by the week."""

from datetime import date, timedelta

from desktop_app.domain.consistency import DayStatus
from desktop_app.domain.journal import Cadence, Pause
from desktop_app.domain.practice_history import (
    COMPLETE,
    OPEN,
    PAUSED_WEEK,
    SHORT,
    history_statuses,
    judged_by_week,
    short_weeks_twice,
    week_verdicts,
)

MONDAY = date(2026, 3, 2)


def days(*offsets: int) -> set[date]:
    return {MONDAY + timedelta(days=o) for o in offsets}


def test_a_week_with_three_done_is_complete_and_no_day_is_missed() -> None:
    three = Cadence.per_week(3)
    assert judged_by_week(three) and not judged_by_week(Cadence.daily())
    done = days(0, 2, 4, 7)  # week 1: Mon, Wed, Fri; week 2: Mon only
    end = MONDAY + timedelta(days=13)
    today = end + timedelta(days=1)
    statuses = history_statuses(three, done, MONDAY, end, today)
    assert DayStatus.MISSED not in statuses.values()
    assert statuses[MONDAY + timedelta(days=1)] is DayStatus.NOT_DUE
    assert statuses[MONDAY] is DayStatus.DONE
    weeks = week_verdicts(three, done, MONDAY, end, today)
    assert [(w.done, w.target, w.verdict) for w in weeks] == [(3, 3, COMPLETE), (1, 3, SHORT)]


def test_a_week_still_able_to_make_it_is_open() -> None:
    three = Cadence.per_week(3)
    today = MONDAY + timedelta(days=3)  # Thursday: Thu, Fri, Sat, Sun are left
    [week] = week_verdicts(three, days(0), MONDAY, MONDAY + timedelta(days=6), today)
    assert week.verdict == OPEN
    statuses = history_statuses(three, days(0), MONDAY, MONDAY + timedelta(days=6), today)
    assert statuses[today] is DayStatus.FUTURE


def test_pauses_shrink_the_week_and_a_paused_week_is_not_short() -> None:
    three = Cadence.per_week(3)
    end = MONDAY + timedelta(days=13)
    pauses = [Pause(MONDAY, MONDAY + timedelta(days=6), "Holiday"),
              Pause(MONDAY + timedelta(days=7), MONDAY + timedelta(days=10))]
    weeks = week_verdicts(three, days(11), MONDAY, end, end + timedelta(days=1), pauses)
    assert weeks[0].verdict == PAUSED_WEEK
    assert (weeks[1].target, weeks[1].done, weeks[1].verdict) == (1, 1, COMPLETE)


def test_never_miss_twice_counts_short_weeks_in_a_row() -> None:
    three = Cadence.per_week(3)
    end = MONDAY + timedelta(days=27)
    today = end + timedelta(days=1)
    # Week 1 complete, weeks 2 and 3 short, week 4 complete.
    done = days(0, 1, 2, 7, 21, 22, 23)
    weeks = week_verdicts(three, done, MONDAY, end, today)
    assert [w.verdict for w in weeks] == [COMPLETE, SHORT, SHORT, COMPLETE]
    assert short_weeks_twice(weeks) == [(MONDAY + timedelta(days=7),
                                         MONDAY + timedelta(days=20))]
    # A single short week is normal.
    assert short_weeks_twice(weeks[:2]) == []


def test_daily_practices_keep_their_missed_days() -> None:
    statuses = history_statuses(Cadence.daily(), days(0), MONDAY, MONDAY + timedelta(days=2),
                                MONDAY + timedelta(days=3))
    assert list(statuses.values()) == [DayStatus.DONE, DayStatus.MISSED, DayStatus.MISSED]
