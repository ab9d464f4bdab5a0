"""A score panel's value axis drawn as artists of its own (``ValueScale``) gives the
picture matplotlib's axis gives, at any height, and makes no tick; on Over time too."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from desktop_app.ui.charts import plain_text  # noqa: F401  (as the charts draw text)
from desktop_app.ui.charts.light_axes import LightAxes
from desktop_app.ui.charts.locale_axis import LocaleNumberFormatter
from desktop_app.ui.charts.still_scale import ValueScale
from tests.ui.test_chart_readability import over_time
from tests.ui.test_chart_readability import progress as progress

FOREGROUND, GRID = "#202020", "#b0b0b0"


def panels(scale: bool, height: float, limits: tuple[float, float], title: str,
           dpi: int, count: int) -> Figure:
    """``count`` stacked score panels as Over time styles them: matplotlib's value axis,
    or a ``ValueScale`` in its place."""
    figure = Figure(figsize=(5, height), dpi=dpi)
    FigureCanvasAgg(figure)
    figure.subplots_adjust(left=0.2, right=0.9)
    low, high = limits
    for row in range(count):
        axes = figure.add_subplot(count, 1, row + 1,
                                  axes_class=LightAxes if scale else Axes)
        axes.set_facecolor("#f0f0f0")
        axes.tick_params(colors=FOREGROUND, labelcolor=FOREGROUND)
        axes.yaxis.label.set_color(FOREGROUND)
        axes.grid(True, color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        axes.yaxis.set_zorder(0.4)
        axes.plot([0, 1, 2], [low, high, (low + high) / 2], zorder=2)
        axes.set_ylim(low, high)
        axes.yaxis.set_major_formatter(LocaleNumberFormatter())
        if scale:
            ValueScale(axes, colour=FOREGROUND, grid_colour=GRID,
                       fontsize=rcParams["ytick.labelsize"], zorder=0.4, title=title,
                       title_size=8)
        else:
            axes.set_ylabel(title, fontsize=8)
    return figure


def picture(figure: Figure) -> np.ndarray:
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba()).copy()  # type: ignore[attr-defined]


@settings(max_examples=40, deadline=None)
@given(height=st.floats(1.2, 6.0), low=st.floats(-20, 20), span=st.floats(0.5, 60),
       title=st.sampled_from(["Grounded today", "Distress", "A much longer name of a score",
                              ""]),
       wrap=st.booleans(), dpi=st.sampled_from([72, 100, 144]), count=st.integers(1, 3))
def test_the_picture_is_that_of_matplotlibs_value_axis(
    height: float, low: float, span: float, title: str, wrap: bool, dpi: int, count: int
) -> None:
    name = textwrap.fill(title, 10) if wrap else title
    args = (height, (low, low + span), name, dpi, count)
    ours, theirs = panels(True, *args), panels(False, *args)
    assert np.array_equal(picture(ours), picture(theirs))
    # An export fitted to its contents (bbox_inches="tight") holds the numbers and name.
    assert np.allclose(ours.get_tightbbox().bounds, theirs.get_tightbbox().bounds, atol=0.5)


def test_fewer_numbers_on_a_lower_panel_and_no_tick_made() -> None:
    shown = []
    for height in (6.0, 1.5):
        figure = panels(True, height, (0.8, 5.2), "Score", 100, 1)
        picture(figure)
        (axes,) = figure.axes
        (scale,) = [a for a in axes.get_children() if isinstance(a, ValueScale)]
        assert not any(n in vars(axes.yaxis) for n in ("majorTicks", "minorTicks"))
        shown.append([t.get_text() for t in scale.numbers if t.get_visible()])
    assert shown[0] == ["1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"]
    assert shown[1] == ["2", "4"]


@pytest.mark.parametrize("part", ["scales", None])
def test_over_times_score_panels_show_their_numbers_and_name_left_of_the_frame(
    qtbot, progress, part
) -> None:
    _startup, screen, panel = progress
    chart = over_time(qtbot, screen, panel, "check-in", part)
    chart.canvas.draw()
    renderer = chart.canvas.get_renderer()
    scales = [s for s in chart.data.scales if s.points]
    if part is None:
        scales = scales[:1]
    for axes, data in zip(chart.panels, scales, strict=False):
        assert not axes.yaxis.get_visible()
        assert "majorTicks" not in vars(axes.yaxis)  # the axis made none
        (scale,) = [a for a in axes.get_children() if isinstance(a, ValueScale)]
        frame = axes.get_window_extent(renderer)
        numbers = [t for t in scale.numbers if t.get_visible()]
        values = [float(t.get_text()) for t in numbers]
        assert len(values) >= 2 and values == sorted(values)
        assert data.low <= values[0] and values[-1] <= data.high
        for number, value in zip(numbers, values, strict=True):
            box = number.get_window_extent(renderer)
            height = axes.transData.transform((0, value))[1]
            assert box.x1 < frame.x0 and box.y0 < height < box.y1
        name = scale.title.get_window_extent(renderer)
        assert scale.title.get_text().replace("\n", " ") == data.title
        assert name.x1 < min(n.get_window_extent(renderer).x0 for n in numbers)
        assert name.y0 < (frame.y0 + frame.y1) / 2 < name.y1
