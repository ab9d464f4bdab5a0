"""Returns from slips in words: per slip, few listed, more as a real middle return and range."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.journal import Slip, mark_back_on_track
from desktop_app.domain.return_time import (
    DAY,
    FEW_RETURNS,
    MINUTE,
    TYPICAL_WINDOW,
    ReturnTime,
    back_words,
    comparison_words,
    duration_words,
    return_time,
    typical_sentence,
    typical_words,
)

PARIS_WINTER = timezone(timedelta(hours=1))


def test_the_issue_case_lists_both_returns() -> None:
    returns = [ReturnTime(MINUTE), ReturnTime(2 * DAY)]
    assert typical_words(returns) == "1 minute and 2 days"
    assert typical_sentence(returns) == "Time back on track so far: 1 minute and 2 days."


def test_more_returns_give_a_middle_one_with_the_range() -> None:
    hours = [1, 3, 6, 6, 20, 30, 72]
    returns = [ReturnTime(h * 3600.0) for h in hours]
    assert typical_words(returns) == (
        "about 6 hours; from 1 hour to 3 days over your last 7 returns"
    )
    assert typical_words([ReturnTime(3600.0)] * 5) == "about 1 hour, each of your last 5 returns"
    assert typical_words([]) is None


def test_a_slip_known_to_the_day_is_told_in_days() -> None:
    day_start = datetime(2026, 3, 13, 0, 0, tzinfo=PARIS_WINTER)
    slip = Slip("k", day_start, None, "Snapped", time_known=False)
    same_day = mark_back_on_track(slip, datetime(2026, 3, 13, 9, 31, tzinfo=PARIS_WINTER))
    next_day = mark_back_on_track(slip, datetime(2026, 3, 14, 0, 1, tzinfo=PARIS_WINTER))
    later = mark_back_on_track(slip, datetime(2026, 3, 16, 23, 0, tzinfo=PARIS_WINTER))
    assert back_words(return_time(same_day)) == "the same day"
    assert back_words(return_time(next_day)) == "the next day"
    assert back_words(return_time(later)) == "after 3 days"
    assert back_words(return_time(slip)) == "not yet"
    timed = Slip("t", datetime(2026, 3, 13, 9, 30, tzinfo=UTC), None, "Snapped")
    assert back_words(return_time(mark_back_on_track(
        timed, datetime(2026, 3, 13, 9, 31, tzinfo=UTC)))) == "after 1 minute"


def test_comparison_needs_enough_returns_on_both_sides() -> None:
    slow = [ReturnTime(2 * DAY)] * 5
    quick = [ReturnTime(3 * 3600.0)] * 5
    assert comparison_words(quick, slow) == (
        "That is sooner than before, when a return typically took about 2 days."
    )
    assert comparison_words(slow, quick).startswith("Before that, a return typically took")
    assert comparison_words(quick, slow[:4]) == ""
    assert comparison_words(quick, quick) == ""


exact = st.floats(min_value=0, max_value=90 * DAY).map(ReturnTime)
by_day = st.integers(min_value=0, max_value=60).map(lambda d: ReturnTime(d * DAY, d))
a_return = st.one_of(exact, by_day)

DURATION = re.compile(
    r"the same day|the next day|\d+ (?:minute|hour|day)s?"
)


@given(st.lists(a_return, min_size=1, max_size=30))
def test_typical_words_only_name_real_returns(returns: list[ReturnTime]) -> None:
    words = typical_words(returns)
    assert words is not None
    recent = returns[-TYPICAL_WINDOW:]
    named = DURATION.findall(words)
    real = {duration_words(r) for r in recent}
    # Every duration it names is one of the returns it speaks of: never an average of two.
    assert set(named) <= real
    if len(recent) <= FEW_RETURNS:
        assert named == [duration_words(r) for r in recent]
        assert "about" not in words
        assert words.count(" and ") == (1 if len(recent) > 1 else 0)
    else:
        ordered = sorted(recent, key=lambda r: r.sort_seconds)
        low, high = duration_words(ordered[0]), duration_words(ordered[-1])
        assert f"over your last {len(recent)} returns" in words or (
            f"each of your last {len(recent)} returns" in words and low == high
        )
        if low != high:
            assert f"; from {low} to {high} over" in words
        # The typical one is the lower middle return itself, between the two ends.
        assert named[0] == duration_words(ordered[(len(ordered) - 1) // 2])
        assert words.startswith("the ") or words.startswith(f"about {named[0]}")


@given(a_return)
def test_a_single_return_is_never_made_shorter_than_it_was(took: ReturnTime) -> None:
    words = back_words(took)
    if took.days is not None:
        assert "minute" not in words and "hour" not in words
    elif took.seconds >= 90 * MINUTE:
        assert "minute" not in words
