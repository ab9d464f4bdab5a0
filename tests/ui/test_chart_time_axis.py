"""The over-time charts' date ticks, worked out once per view, are those matplotlib's own
locator and the uncached language-aware formatter give."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib import dates as mdates
from matplotlib.figure import Figure

from desktop_app.ui.charts.locale_axis import LocaleDateFormatter
from desktop_app.ui.charts.time_axis import (
    SharedMoments,
    SteadyDateFormatter,
    SteadyDateLocator,
    day_number,
    x_values,
)

VIEWS = [
    (datetime(2024, 3, 1), datetime(2024, 5, 30)),
    (datetime(2005, 1, 1), datetime(2025, 12, 31)),
    (datetime(2025, 12, 30, 8), datetime(2025, 12, 31, 20)),
    (datetime(2024, 3, 1), datetime(2024, 5, 30)),  # back to the first view
]


@pytest.mark.parametrize("shared", [1, 9])
def test_the_ticks_and_labels_are_those_of_matplotlib_for_every_view(shared: int) -> None:
    mine, theirs = Figure(figsize=(7, 4.5)), Figure(figsize=(7, 4.5))
    axes = [mine.add_subplot(shared, 1, row + 1) for row in range(shared)]
    for other in axes[1:]:
        other.sharex(axes[0])
    reference = theirs.add_subplot()
    locator = SteadyDateLocator(minticks=3, maxticks=8)
    axes[0].xaxis.set_major_locator(locator)
    axes[0].xaxis.set_major_formatter(SteadyDateFormatter(locator))
    auto = mdates.AutoDateLocator(minticks=3, maxticks=8)
    reference.xaxis.set_major_locator(auto)
    reference.xaxis.set_major_formatter(LocaleDateFormatter(auto))
    for start, end in VIEWS:
        for each in (axes[0], reference):
            each.set_xlim(day_number(start), day_number(end))
        for each in axes:  # every shared axes asks; all get the one answer
            assert list(each.xaxis.get_majorticklocs()) == list(reference.xaxis.get_majorticklocs())
            ticks = each.xaxis.get_majorticklocs()
            assert each.xaxis.get_major_formatter().format_ticks(ticks) == \
                reference.xaxis.get_major_formatter().format_ticks(ticks)
            assert each.xaxis.get_major_formatter().get_offset() == \
                reference.xaxis.get_major_formatter().get_offset()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1),
                             timezones=st.sampled_from([UTC,
                                                        timezone(timedelta(hours=2)),
                                                        timezone(timedelta(hours=-5))])),
                max_size=40))
def test_moments_met_again_in_a_fill_give_the_same_dates(moments: list[datetime]) -> None:
    times = SharedMoments()
    first = times(moments)
    assert np.array_equal(first, x_values(moments))
    assert times(list(moments)) is first  # the same datetime objects: worked out once
    copies = [m.replace() for m in moments]  # equal, but other objects: worked out anew
    again = times(copies)
    assert np.array_equal(again, first) and (again is not first or not moments)
    assert np.array_equal(times(moments[:-1]), x_values(moments[:-1]))
