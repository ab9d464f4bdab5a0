"""A date axis drawn with one tick moved from date to date (``StampAxes``) gives the picture
matplotlib's axis gives, labels and year included, and makes one tick; on Over time too."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from desktop_app.ui.charts import plain_text  # noqa: F401  (as the charts draw text)
from desktop_app.ui.charts.light_axes import LightAxes
from desktop_app.ui.charts.stamp_axis import StampAxes
from desktop_app.ui.charts.time_axis import SteadyDateFormatter, SteadyDateLocator
from tests.ui.test_chart_readability import over_time
from tests.ui.test_chart_readability import progress as progress
from tests.ui.test_value_scale import picture

START = 20000.0  # a day number in 2024


def strip(axes_class: type[Axes], width: float, start: float, days: float, label: str,
          dpi: int, styled: bool) -> Figure:
    """A panel above a dated strip, as Over time stacks them."""
    figure = Figure(figsize=(width, 3), dpi=dpi)
    FigureCanvasAgg(figure)
    top = figure.add_subplot(2, 1, 1, axes_class=LightAxes)
    lowest = figure.add_subplot(2, 1, 2, sharex=top, axes_class=axes_class)
    for axes in (top, lowest):
        axes.grid(True, color="#b0b0b0", linewidth=0.6)
        if styled:
            axes.tick_params(colors="#202020", labelcolor="#106010", labelsize=8)
            axes.set_axisbelow(True)
    locator = SteadyDateLocator(minticks=3, maxticks=8)
    lowest.xaxis.set_major_locator(locator)
    lowest.xaxis.set_major_formatter(SteadyDateFormatter(locator))
    top.tick_params(labelbottom=False)
    lowest.plot([start, start + days], [0, 1], marker="o")
    lowest.set_xlim(start, start + days)
    lowest.set_xlabel(label, fontsize=8)
    return figure


@settings(max_examples=30, deadline=None)
@given(width=st.floats(2.5, 9), start=st.floats(START - 9000, START),
       days=st.sampled_from([0.4, 3, 20, 75, 200, 400, 800, 3000, 7300]),
       label=st.sampled_from(["", "When"]), dpi=st.sampled_from([72, 100, 144]),
       styled=st.booleans())
def test_the_picture_is_that_of_matplotlibs_date_axis(
    width: float, start: float, days: float, label: str, dpi: int, styled: bool
) -> None:
    args = (width, start, days, label, dpi, styled)
    ours, theirs = strip(StampAxes, *args), strip(LightAxes, *args)
    assert np.array_equal(picture(ours), picture(theirs))
    # One tick made, where matplotlib makes one per date.
    assert len(ours.axes[1].xaxis.majorTicks) == 1 < len(theirs.axes[1].xaxis.majorTicks)
    # Read as matplotlib's (an export fitted to its contents measures every label).
    assert [t.get_text() for t in ours.axes[1].xaxis.get_majorticklabels()] \
        == [t.get_text() for t in theirs.axes[1].xaxis.get_majorticklabels()]
    assert np.allclose(ours.get_tightbbox().bounds, theirs.get_tightbbox().bounds)


@pytest.mark.parametrize("part", ["scales", None])
def test_over_times_scores_make_one_date_tick(qtbot, progress, part) -> None:
    _startup, screen, panel = progress
    chart = over_time(qtbot, screen, panel, "check-in", part)
    chart.canvas.draw()
    lowest = chart.panels[-1]
    assert isinstance(lowest, StampAxes)
    assert len(lowest.xaxis.majorTicks) == 1
    low, high = lowest.get_xlim()
    shown = [t for t in lowest.xaxis.get_majorticklocs() if low <= t <= high]
    assert len(shown) >= 3  # the dates are all there, read from the axis
