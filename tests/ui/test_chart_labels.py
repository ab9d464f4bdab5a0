"""Chart labels that neither collide nor get cut off: the wheel's ring numbers clear the
rings, the markers and the other labels; no text of any chart leaves its picture at the
small window sizes of issue 13. On the Demo profile, after a real draw."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from matplotlib.text import Text

from desktop_app.ui.charts.wheel import RINGS
from tests.ui.test_chart_contrast import views


def _overlaps(a: Any, b: Any) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.fixture
def demo(start_app) -> Iterator[Any]:
    yield start_app("--demo")


@pytest.mark.parametrize("size", [(1100, 780), (1024, 600), (760, 560)])
def test_ring_numbers_clear_the_rings_markers_and_names(
    qtbot, demo, size: tuple[int, int]
) -> None:
    name, wheel = next(views(demo, qtbot))
    demo.window.resize(*size)
    qtbot.waitUntil(lambda: not wheel.canvas.rendering, timeout=20000)
    wheel.canvas.draw()
    renderer = wheel.canvas.get_renderer()
    axes = wheel.figure.axes[0]
    # No numbers from the axis itself: they sat on the rings.
    assert [t.get_text() for t in axes.yaxis.get_ticklabels() if t.get_visible()] \
        == [""] * len(RINGS)
    assert [t.get_text() for t in wheel.ring_labels] == [str(r) for r in RINGS]
    rim = axes.patch.get_window_extent(renderer)
    cx, cy = (rim.x0 + rim.x1) / 2, (rim.y0 + rim.y1) / 2
    per_unit = rim.width / 2 / axes.get_ylim()[1]
    boxes = [t.get_window_extent(renderer) for t in wheel.ring_labels]
    for ring, box in zip(RINGS, boxes, strict=True):
        corners = np.array([(x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)])
        xs = np.clip(cx, box.x0, box.x1)
        ys = np.clip(cy, box.y0, box.y1)
        nearest = np.hypot(xs - cx, ys - cy)
        farthest = np.hypot(corners[:, 0] - cx, corners[:, 1] - cy).max()
        # Between two rings: no circle runs through the number; its own ring is just outside.
        for circle in RINGS:
            assert not nearest <= circle * per_unit <= farthest, (name, ring, circle)
        assert farthest < ring * per_unit < farthest + 20
    for line in wheel.lines.values():
        points = line.get_transform().transform(np.column_stack(line.get_data()))
        half = line.get_markersize() * wheel.figure.dpi / 72 / 2
        for ring, box in zip(RINGS, boxes, strict=True):
            for x, y in points:
                assert not (box.x0 - half < x < box.x1 + half
                            and box.y0 - half < y < box.y1 + half), ring
    others = [t.get_window_extent(renderer) for t in wheel.area_labels]
    others.append(axes.get_legend().get_window_extent(renderer))
    for i, box in enumerate(boxes):
        assert not any(_overlaps(box, other) for other in others + boxes[i + 1:])


@pytest.mark.parametrize("size", [(1024, 600), (760, 560)])
def test_no_chart_text_is_cut_off_at_small_sizes(qtbot, demo, size: tuple[int, int]) -> None:
    seen = []
    for name, chart in views(demo, qtbot, size):
        chart.canvas.draw()
        renderer = chart.canvas.get_renderer()
        picture = chart.figure.bbox
        # Ticks outside the axis's range keep their label objects but are not drawn.
        undrawn = {id(label) for axes in chart.figure.axes
                   for axis in (axes.xaxis, axes.yaxis)
                   for tick in axis.get_major_ticks()
                   if not min(axis.get_view_interval()) - 1e-9 <= tick.get_loc()
                   <= max(axis.get_view_interval()) + 1e-9
                   for label in (tick.label1, tick.label2)}
        drawn = []
        for text in chart.figure.findobj(Text):
            if id(text) in undrawn or not text.get_visible() or not text.get_text().strip():
                continue
            box = text.get_window_extent(renderer)
            drawn.append((text.get_text(), box))
            inside = (box.x0 >= picture.x0 - 1 and box.x1 <= picture.x1 + 1
                      and box.y0 >= picture.y0 - 1 and box.y1 <= picture.y1 + 1)
            assert inside, (name, text.get_text(), box.bounds, picture.bounds)
        for i, (words, box) in enumerate(drawn):  # and no two texts over each other
            for other, other_box in drawn[i + 1:]:
                assert not _overlaps(box, other_box), (name, words, other)
        seen.append(name)
    assert len(seen) == 9
    strip = demo.window.screens["progress"].panel.over_time.panels[-1]
    rows = sorted(strip.texts, key=lambda t: t.get_position()[1])  # from the bottom up
    assert [t.get_text() for t in rows] == ["Wins", "Returns", "Slips"]


def texts_outside(chart: Any) -> list[str]:
    """The drawn texts of ``chart`` that reach past its picture (after a draw)."""
    renderer = chart.canvas.get_renderer()
    picture = chart.figure.bbox
    outside = []
    for text in chart.figure.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        box = text.get_window_extent(renderer)
        if not (box.y0 >= picture.y0 - 1 and box.y1 <= picture.y1 + 1):
            outside.append(text.get_text())
    return outside


@pytest.mark.parametrize("height", [450, 400, 330])
def test_the_year_under_the_small_multiples_dates_stays_in_the_picture(
    qtbot, demo, height: int
) -> None:
    from desktop_app.ui.charts.over_time import OverTimeChart

    window = demo.window
    window.show_screen("progress")
    screen = window.screens["progress"]
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    # Three months, all their dates in one year: the year is said once, under the last date.
    screen.range_filter.choose(0)
    source = screen.panel.over_time
    source.template.setCurrentIndex(source.template.findData("life-areas"))
    chart = OverTimeChart()
    qtbot.addWidget(chart)
    chart.canvas.setFixedSize(830, height)
    chart.show()
    chart.set_data(source.data, screen.date_range())
    chart.part.setCurrentIndex(chart.part.findData("areas"))
    qtbot.waitUntil(lambda: not chart.settling and len(chart.cells) == 9,
                    timeout=20000)
    chart.canvas.draw()
    assert any(axis.get_offset_text().get_text().strip()
               for axes in chart.figure.axes for axis in (axes.xaxis,))
    assert texts_outside(chart) == []
    # And after the window changes its height, without a rebuild.
    chart.canvas.setFixedSize(830, height - 60)
    qtbot.waitUntil(lambda: chart.canvas.get_width_height()[1] == height - 60, timeout=20000)
    chart.canvas.draw()
    assert texts_outside(chart) == []
