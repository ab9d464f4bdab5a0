"""Over time's small multiples, drawn as cells of one axes: where each panel's frame, scale,
date grid and dates are, and which points answer the mouse. On the Demo profile."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from desktop_app.ui.charts.small_multiples import FRAME_GID, multiples_of
from desktop_app.ui.charts.still_scale import VALUE_TICKS
from desktop_app.ui.charts.targets import Targets, nearest
from tests.ui.test_progress_charts import hover_last_point


@pytest.fixture
def demo_areas(qtbot, start_app) -> Iterator[tuple[Any, Any]]:
    """Every area's results over all time, and the period, from the Demo's Progress."""
    window = start_app("--demo").window
    window.show_screen("progress")
    screen = window.screens["progress"]
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    screen.range_filter.choose(4)  # all time
    source = screen.panel.over_time
    source.template.setCurrentIndex(source.template.findData("life-areas"))
    qtbot.waitUntil(lambda: source.data is not None and len(source.data.areas) == 9
                    and not source.awaiting_data, timeout=20000)
    yield source.data, screen.date_range()


def small_multiples(qtbot: Any, data: Any, period: Any, height: int = 560) -> Any:
    from desktop_app.ui.charts.over_time import OverTimeChart

    chart = OverTimeChart()
    qtbot.addWidget(chart)
    chart.canvas.setFixedSize(900, height)
    chart.show()
    chart.set_data(data, period)
    chart.part.setCurrentIndex(chart.part.findData("areas"))
    qtbot.waitUntil(lambda: not chart.settling and len(chart.cells) == 9, timeout=20000)
    chart.canvas.draw()
    return chart


def furniture(chart: Any) -> Any:
    multiples = multiples_of(chart.figure)
    assert multiples is not None
    return multiples.furniture


def frames_of(chart: Any) -> list[np.ndarray]:
    frames = furniture(chart).frames
    assert frames.get_gid() == FRAME_GID and frames.figure is chart.figure
    return [frames.get_transform().transform(s) for s in frames.get_segments()]


def assert_in_place(chart: Any) -> None:
    """Every thin frame on its panel's edges, every 0-5-10 tick mark on its left edge."""
    sides = frames_of(chart)
    for cell in chart.cells.values():
        if cell.focus:
            continue
        box = cell.box
        corners = {(round(x, 3), round(y, 3)) for side in sides for x, y in side
                   if box.x0 - 1 <= x <= box.x1 + 1 and box.y0 - 1 <= y <= box.y1 + 1}
        assert corners == {(round(x, 3), round(y, 3)) for x in (box.x0, box.x1)
                           for y in (box.y0, box.y1)}, cell.area
    marks = furniture(chart).marks
    assert marks.get_gid() == VALUE_TICKS
    ticked = marks.get_transform().transform(np.column_stack(marks.get_data()))
    for cell in chart.cells.values():
        heights = cell.to_display.transform([(0, v) for v in (0, 5, 10)])[:, 1]
        for height in heights:
            assert np.isclose(np.hypot(ticked[:, 0] - cell.box.x0, ticked[:, 1] - height),
                              0, atol=1e-6).any(), cell.area


def test_frames_and_scales_follow_the_panels_when_the_height_changes(
    qtbot, demo_areas
) -> None:
    chart = small_multiples(qtbot, *demo_areas)
    assert_in_place(chart)
    before = {a: c.box.bounds for a, c in chart.cells.items()}
    figure = chart.figure
    chart.canvas.setFixedSize(900, 380)  # a new bottom margin for the dates: the cells move
    qtbot.waitUntil(lambda: chart.canvas.get_width_height()[1] == 380, timeout=20000)
    chart.canvas.draw()
    assert chart.figure is figure  # not rebuilt
    assert all(c.box.bounds != before[a] for a, c in chart.cells.items())
    assert_in_place(chart)


def test_without_a_journal_strip_each_column_shows_its_dates_under_its_lowest_panel(
    qtbot, demo_areas
) -> None:
    data, period = demo_areas
    chart = small_multiples(qtbot, dataclasses.replace(data, marks=[]), period)
    dated = chart.panels
    assert len(dated) == 3  # one per column
    renderer = chart.canvas.get_renderer()
    lowest = list(chart.cells.values())[-3:]
    for axes, cell in zip(dated, lowest, strict=True):
        labels = [t for t in axes.xaxis.get_ticklabels() if t.get_visible() and t.get_text()]
        assert len(labels) >= 2
        for label in labels:
            box = label.get_window_extent(renderer)
            assert cell.box.x0 - box.width <= box.x0 and box.x1 <= cell.box.x1 + box.width
            assert box.y1 <= cell.box.y0
    assert_in_place(chart)
    # A point of a lowest panel answers the mouse, though that panel's dates lie over it.
    hover_last_point(qtbot, chart, lowest[0].lines[0])
    title = next(a.title for a in data.areas if a.area == lowest[0].area)
    assert title in chart.hovered.label


def test_a_panel_point_answers_only_a_pointer_inside_its_panel(qtbot, demo_areas) -> None:
    chart = small_multiples(qtbot, *demo_areas)
    cells = list(chart.cells.values())
    first, second = cells[0], cells[1]  # side by side
    gap = (first.box.x1 + second.box.x0) / 2
    edge_y = (first.box.y0 + first.box.y1) / 2
    inside = first.to_display.inverted().transform((first.box.x1 - 2, edge_y))
    targets = Targets(chart.panels[0], np.array([inside]), ["edge point"], None,
                      first.to_display, first.box)
    assert nearest([targets], first.box.x1 - 4, edge_y) is not None
    assert nearest([targets], first.box.x1 + 3, edge_y) is None  # just outside: the gap
    assert gap - first.box.x1 < 10  # within reach of the point, were it not for its panel
    assert nearest([targets], second.box.x0 + 1, edge_y) is None
