"""Axes that make their ticks only when drawn give the picture matplotlib's own axes give,
whatever styles, clips and tick changes come before the draw, and make no tick before it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from desktop_app.ui.charts.canvas import fixed_ticks
from desktop_app.ui.charts.light_axes import LightAxes

Step = Callable[[Axes], Any]

STEPS: dict[str, Step] = {
    "colours": lambda a: a.tick_params(colors="#aa2200", labelcolor="#0033aa"),
    "label size": lambda a: a.tick_params(labelsize=7),
    "x labels off": lambda a: a.tick_params(axis="x", labelbottom=False),
    "ticks inward": lambda a: a.tick_params(direction="in", length=6, width=1.5),
    "grid": lambda a: a.grid(True, color="#33aa33", linewidth=0.6),
    "grid off on x": lambda a: a.grid(False, axis="x"),
    "below": lambda a: a.set_axisbelow(True),
    "minor ticks": lambda a: a.minorticks_on(),
    "fixed y ticks": lambda a: fixed_ticks(a.yaxis, [0, 5, 10], ["none", "some", "all"], 8),
    "y limits": lambda a: a.set_ylim(-0.6, 10.6),
    "no x axis": lambda a: a.xaxis.set_visible(False),
    "reset": lambda a: a.tick_params(reset=True, labelsize=9),
    "a line": lambda a: a.plot([0, 3, 7], [1, 9, 4], marker="o"),
}


def picture(axes_class: type[Axes] | None, steps: list[str], panels: int) -> np.ndarray:
    figure = Figure(figsize=(4, 3), dpi=72)
    FigureCanvasAgg(figure)
    first: Axes | None = None
    for row in range(panels):
        axes = figure.add_subplot(panels, 1, row + 1, sharex=first, axes_class=axes_class)
        first = first or axes
        for name in steps:
            STEPS[name](axes)
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba()).copy()  # type: ignore[attr-defined]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(sorted(STEPS)), max_size=6), st.integers(1, 3))
def test_the_picture_is_that_of_matplotlibs_axes(steps: list[str], panels: int) -> None:
    assert np.array_equal(picture(LightAxes, steps, panels), picture(None, steps, panels))


def test_no_tick_is_made_before_the_draw_and_none_on_a_hidden_axis() -> None:
    figure = Figure(figsize=(4, 3))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(axes_class=LightAxes)
    for name in ("colours", "grid", "below", "label size"):
        STEPS[name](axes)
    axes.yaxis.set_visible(False)
    made = ("majorTicks", "minorTicks")
    assert not any(name in vars(axis) for axis in (axes.xaxis, axes.yaxis) for name in made)
    figure.canvas.draw()
    assert "majorTicks" in vars(axes.xaxis)
    assert not any(name in vars(axes.yaxis) for name in made)
    # A tick made at the draw has what was asked before it, and the axes' clip.
    tick = axes.xaxis.majorTicks[0]
    assert tick.gridline.get_visible() and tick.gridline.get_clip_box() is not None
