"""Issue 13 on the charts: small multiples for every area, every check-in answer chartable,
captions that say what is drawn, calendars longer than a year, labels that do not collide,
and a tab order that follows the header. On the Demo profile; numbers from the stored file."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.domain.progress import DateRange
from desktop_app.ui.charts.over_time_areas import FOCUS_GID, FOCUS_MARK
from desktop_app.ui.charts.over_time_panels import BANDS_GID
from desktop_app.ui.charts.small_multiples import FRAME_GID, multiples_of
from desktop_app.ui.charts.still_scale import VALUE_TICKS
from tests.disk import stored as disk_tables


@pytest.fixture
def progress(qtbot, start_app) -> Any:
    startup = start_app("--demo")
    window = startup.window
    window.resize(1100, 780)
    window.show_screen("progress")
    screen = window.screens["progress"]
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    return startup, screen, screen.panel


def built(qtbot: Any, chart: Any) -> None:
    """Wait for a new view of the over-time chart: its data is worked out and its figure
    built on the render thread."""
    qtbot.waitUntil(lambda: not chart.settling, timeout=20000)


def over_time(
    qtbot: Any, screen: Any, panel: Any, template: str, part: str | None = None
) -> Any:
    screen.range_filter.choose(4)  # all time
    panel.setCurrentWidget(panel.over_time)
    chart = panel.over_time
    chart.template.setCurrentIndex(chart.template.findData(template))
    if part is not None:
        chart.part.setCurrentIndex(chart.part.findData(part))
    built(qtbot, chart)
    return chart


def test_all_areas_are_small_multiples_with_the_focus_first_and_marked(qtbot, progress) -> None:
    startup, screen, panel = progress
    chart = over_time(qtbot, screen, panel, "life-areas", "areas")
    data = disk_tables(startup.session.repo)
    running = [p for p in data["focus"].values() if p["ended_at"] is None]
    focus = {a["area"] for a in running[0]["areas"]}
    areas = [a.area for a in chart.data.areas if a.current]
    cells = [chart.cells[a] for a in areas]
    assert len(set(map(id, cells))) == len(areas) == 9
    # One panel per area, each with only that area's now and ideal, clipped to its panel.
    for area in areas:
        cell = chart.cells[area]
        assert cell.lines == [chart.lines[f"{area}.current"], chart.lines[f"{area}.ideal"]]
        assert all(line.get_clip_box() is cell.box for line in cell.lines)
    # Shared scales: every panel shows the same time span and the same 0–10, at its place.
    spans = {tuple(np.round(c.to_display.transform([(x, 0), (x, 10)])[:, 1] - c.box.y0, 6))
             for c in cells for x in chart.panels[0].get_xlim()}
    assert len(spans) == 1
    for cell in cells:
        left, right = chart.panels[0].get_xlim()
        ends = cell.to_display.transform([(left, -0.6), (right, 10.6)])
        assert np.allclose(ends, [[cell.box.x0, cell.box.y0], [cell.box.x1, cell.box.y1]])
    # Focus areas first, in reading order; a star in the title and a heavier frame.
    in_order = sorted(cells, key=lambda c: (-round(c.box.y0), c.box.x0))
    assert set(c.area for c in in_order[: len(focus)]) == focus
    frames = _frames(chart)
    for cell in cells:
        title = cell.title.get_text()
        if cell.area in focus:
            assert title.startswith(FOCUS_MARK) and title.endswith("(focus)")
            assert cell.focus_frame is not None and cell.focus_frame.get_gid() == FOCUS_GID
            assert cell.focus_frame.get_linewidth() >= 2 * frames.get_linewidth()[0]
            assert not _framed_sides(frames, cell)  # the thin frame is not drawn under it
        else:
            assert FOCUS_MARK not in title and cell.focus_frame is None
            assert _framed_sides(frames, cell) == 4
    # No colour-and-marker pair stands for two things.
    meaning: dict[tuple[str, str, str], set[str]] = {}
    for key, line in chart.lines.items():
        if key.endswith((".current", ".ideal")):
            style = (str(line.get_color()).lower(), str(line.get_marker()), line.get_linestyle())
            meaning.setdefault(style[:2], set()).add(key.rsplit(".", 1)[1])
    assert all(len(roles) == 1 for roles in meaning.values())
    assert len(meaning) == 2
    assert "One small chart per area" in chart.caption.text()
    assert "starred and framed" in chart.caption.text()


def _frames(chart: Any) -> Any:
    """The one artist that draws every panel's thin frame."""
    multiples = multiples_of(chart.figure)
    assert multiples is not None and multiples.furniture.frames.get_gid() == FRAME_GID
    return multiples.furniture.frames


def _framed_sides(frames: Any, cell: Any) -> int:
    """How many of ``cell``'s four edges ``frames`` draws (in display pixels)."""
    box = cell.box
    found = 0
    for segment in frames.get_segments():
        (x0, y0), (x1, y1) = frames.get_transform().transform(segment)
        upright = np.isclose(x0, x1) and any(np.isclose(x0, e) for e in (box.x0, box.x1))
        flat = np.isclose(y0, y1) and any(np.isclose(y0, e) for e in (box.y0, box.y1))
        across = np.isclose(min(x0, x1), box.x0) and np.isclose(max(x0, x1), box.x1)
        along = np.isclose(min(y0, y1), box.y0) and np.isclose(max(y0, y1), box.y1)
        found += bool((upright and along) or (flat and across))
    return found


def frame_sides(axes: Any) -> dict[str, np.ndarray]:
    """Where each visible side of a panel's frame is drawn, in display pixels."""
    return {side: spine.get_transform().transform(spine.get_path().vertices)
            for side, spine in axes.spines.items() if spine.get_visible()}


def assert_framed(axes: Any) -> None:
    box = axes.get_window_extent()
    edges = {"left": (0, box.x0), "right": (0, box.x1), "bottom": (1, box.y0), "top": (1, box.y1)}
    for side, points in frame_sides(axes).items():
        column, edge = edges[side]
        assert np.allclose(points[:, column], edge, atol=0.5), side


@pytest.mark.parametrize(("template", "part"), [("life-areas", "areas"), ("check-in", None)])
def test_every_panel_is_framed_on_its_edges(qtbot, progress, template, part) -> None:
    # Panels without a date axis (or value axis) draw no ticks of it; their frame must still
    # sit on the panel's edges, not at the values 0 and 1 of the data.
    _startup, screen, panel = progress
    chart = over_time(qtbot, screen, panel, template, part)
    assert len(chart.panels) + len(chart.cells) >= 2
    for axes in chart.panels:
        assert_framed(axes)
    if chart.cells:  # the small multiples' cells have no axes: their frames are drawn apart
        frames = _frames(chart)
        assert all(_framed_sides(frames, c) == 4 for c in chart.cells.values() if not c.focus)


def test_each_small_panel_shows_the_0_to_10_scale(qtbot, progress) -> None:
    _startup, screen, panel = progress
    chart = over_time(qtbot, screen, panel, "life-areas", "areas")
    areas = [a.area for a in chart.data.areas if a.current]
    multiples = multiples_of(chart.figure)
    assert multiples is not None
    marks = multiples.furniture.marks
    assert marks.get_gid() == VALUE_TICKS
    ticked = marks.get_transform().transform(np.column_stack(marks.get_data()))
    for index, area in enumerate(areas):
        cell = chart.cells[area]
        box = cell.box
        heights = [cell.to_display.transform((0, v))[1] for v in (0, 5, 10)]
        assert box.y0 < heights[0] < heights[1] < heights[2] < box.y1
        # A tick mark on the panel's left edge at each of them.
        for height in heights:
            assert np.isclose(np.hypot(ticked[:, 0] - box.x0, ticked[:, 1] - height), 0).any()
        labels = {t.get_text(): t.get_transform().transform(t.get_position())
                  for t in cell.value_labels}
        if index % 3:  # the numbers only left of the first column
            assert not labels
            continue
        assert sorted(labels, key=int) == ["0", "5", "10"]
        for text, height in zip(("0", "5", "10"), heights, strict=True):
            assert labels[text][0] < box.x0 and abs(labels[text][1] - height) < 0.5


def test_all_areas_table_keeps_the_same_numbers(qtbot, progress) -> None:
    startup, screen, panel = progress
    chart = over_time(qtbot, screen, panel, "life-areas", "areas")
    results = [r for r in disk_tables(startup.session.repo)["assessments"].values()
               if r["template_id"] == "life-areas"]
    table = chart.table_text()
    work = [row for row in table if row[1] == "Work"]
    assert len(work) == len(results)
    assert list(chart.lines["work.current"].get_ydata()) == [
        r["answers"]["work"]["current"]
        for r in sorted(results, key=lambda r: datetime.fromisoformat(r["completed_at"]))
    ]


def test_every_numbered_check_in_answer_can_be_charted(qtbot, progress) -> None:
    startup, screen, panel = progress
    chart = over_time(qtbot, screen, panel, "check-in")
    parts = [chart.part.itemText(i) for i in range(chart.part.count())]
    assert chart.part.isEnabled()
    assert chart.part.currentText() == "Score: Grounded today"
    for answer in ("Distress", "Thoughts", "Words", "Body"):
        assert f"Answer: {answer}" in parts
    chart.part.setCurrentIndex(chart.part.findData("scale:question.distress"))
    built(qtbot, chart)
    checkins = sorted(disk_tables(startup.session.repo)["checkins"].values(),
                      key=lambda c: datetime.fromisoformat(c["at"]))
    expected = [c["answers"]["distress"] for c in checkins
                if c["template_id"] == "check-in" and c["answers"].get("distress") is not None]
    assert list(chart.lines["question.distress.points"].get_ydata()) == expected
    assert chart.panels[0].get_ylim()[0] < 0 < 10 < chart.panels[0].get_ylim()[1]


@pytest.mark.parametrize("part", ["scale:grounded", "scale:question.distress", "scales"])
def test_the_check_in_caption_promises_only_what_is_drawn(qtbot, progress, part: str) -> None:
    _startup, screen, panel = progress
    chart = over_time(qtbot, screen, panel, "check-in", part)
    shaded = [c for axes in chart.panels for c in axes.collections
              if c.get_gid() == BANDS_GID and len(c.get_paths())]
    assert ("Shaded bands" in chart.caption.text()) == bool(shaded)
    assert "average of the last seven check-ins" in chart.caption.text()


def test_the_calendar_shows_every_day_of_a_long_range_one_row_per_year(qtbot, progress) -> None:
    startup, screen, panel = progress
    screen.range_filter.choose(4)  # all time: more than two years of check-ins
    panel.setCurrentWidget(panel.consistency)
    cons = panel.consistency
    qtbot.waitUntil(lambda: cons.data is not None and cons.data.start < cons.data.end)
    data = disk_tables(startup.session.repo)
    first = min(datetime.fromisoformat(c["at"]).date() for c in data["checkins"].values())
    assert (cons.data.end - cons.data.start).days > 400
    assert cons.data.start <= first + timedelta(days=1)
    assert cons.mesh.get_array().count() == len(cons.data.statuses)
    cons.canvas.draw()
    years = [t.get_text() for t in cons.calendar.yaxis.get_majorticklabels()]
    assert years == [str(y) for y in range(cons.data.start.year, cons.data.end.year + 1)]
    assert "one row per year" in cons.caption.text()


def test_a_one_day_calendar_is_one_square_day(qtbot, progress) -> None:
    startup, _screen, panel = progress
    panel.setCurrentWidget(panel.consistency)
    cons = panel.consistency
    today = startup.session.clock().date()
    cons.set_data(panel.service.consistency("checkins", DateRange(today, today)))
    cons.canvas.draw()
    assert cons.mesh.get_array().count() == 1
    axes = cons.calendar
    to_px = axes.transData.transform
    (x0, y0), (x1, y1) = to_px((0, 0)), to_px((1, 1))
    width, height = abs(x1 - x0), abs(y1 - y0)
    assert width == pytest.approx(height, rel=0.05)
    assert width < axes.get_window_extent().width / 10


def _overlaps(a: Any, b: Any) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("size", [(1100, 780), (1024, 600)])
def test_wheel_labels_clear_the_rings_the_markers_and_each_other(
    qtbot, progress, size: tuple[int, int]
) -> None:
    startup, _screen, panel = progress
    startup.window.resize(*size)
    wheel = panel.wheel
    panel.setCurrentWidget(wheel)
    qtbot.waitUntil(lambda: not wheel.canvas.rendering, timeout=20000)
    wheel.canvas.draw()
    renderer = wheel.canvas.get_renderer()
    axes = wheel.figure.axes[0]
    boxes = [t.get_window_extent(renderer) for t in wheel.area_labels]
    names = [t.get_text().replace("\n", " ") for t in wheel.area_labels]
    for name in ("A person in the world", "Meaning and values", "Play and rest"):
        assert name in names
    # The rim: no name reaches inside the outer ring.
    rim = axes.patch.get_window_extent(renderer)
    cx, cy, radius = (rim.x0 + rim.x1) / 2, (rim.y0 + rim.y1) / 2, rim.width / 2
    for name, box in zip(names, boxes, strict=True):
        nearest_x = min(max(cx, box.x0), box.x1)
        nearest_y = min(max(cy, box.y0), box.y1)
        assert np.hypot(nearest_x - cx, nearest_y - cy) > radius, name
    # No marker of any outline under a name.
    for line in wheel.lines.values():
        points = line.get_transform().transform(np.column_stack(line.get_data()))
        half = line.get_markersize() * wheel.figure.dpi / 72 / 2
        for name, box in zip(names, boxes, strict=True):
            for x, y in points:
                assert not (box.x0 - half < x < box.x1 + half
                            and box.y0 - half < y < box.y1 + half), name
    # Nor over each other, nor over the legend.
    legend = axes.get_legend().get_window_extent(renderer)
    for i, box in enumerate(boxes):
        assert not _overlaps(box, legend), names[i]
        for other in boxes[i + 1:]:
            assert not _overlaps(box, other)


def test_in_table_view_the_caption_says_what_the_table_shows(qtbot, progress) -> None:
    _startup, _screen, panel = progress
    for chart in panel.charts:
        panel.setCurrentWidget(chart)
        qtbot.waitUntil(lambda chart=chart: not chart.settling, timeout=20000)
        if chart is panel.together:  # no partner has shared in the demo: nothing to show
            assert chart.is_empty and not chart.toggle.isEnabled()
            continue
        drawn = chart.caption.text()
        qtbot.mouseClick(chart.toggle, Qt.MouseButton.LeftButton)
        assert chart.stack.currentWidget() is chart.table
        assert chart.caption.text() == chart.table_caption() != drawn
        assert "One row" in chart.caption.text() or "Every" in chart.caption.text()
        qtbot.mouseClick(chart.toggle, Qt.MouseButton.LeftButton)
        assert chart.caption.text() == drawn


def test_tab_goes_through_the_chart_header_as_it_reads(qtbot, progress) -> None:
    _startup, _screen, panel = progress
    for chart, first in ((panel.wheel, "compare"), (panel.over_time, "template"),
                         (panel.consistency, "kind")):
        panel.setCurrentWidget(chart)
        box = getattr(chart, first)
        box.setEnabled(True)
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        visited = [box]
        for _ in range(4):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            visited.append(QApplication.focusWidget())
        expected = [box, *([chart.part] if chart is panel.over_time else []),
                    chart.toggle, chart.export_button]
        assert visited[: len(expected)] == expected
        # Left to right on screen is the order Tab takes.
        xs = [w.mapTo(chart, w.rect().topLeft()).x() for w in expected]
        assert xs == sorted(xs)
