"""The Progress charts on the Demo profile: numbers on the artists, filters, tables, export,
hover and click. Expectations are computed from the stored TinyDB file, not from the code."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.ui import wizard_launcher
from desktop_app.ui.charts.palette import OKABE_ITO, OKABE_ITO_DARK
from tests.disk import stored as disk_tables

AREAS = ["work", "relationships", "world", "body", "mind", "home", "play", "growth", "meaning"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


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
    """Wait for a chart's new view (over time, the wheel): its data is worked out and its
    figure built on the render thread."""
    qtbot.waitUntil(lambda: not chart.settling, timeout=20000)


def stored(startup: Any) -> dict[str, Any]:
    return disk_tables(startup.session.repo)


def local_day(text: str) -> date:
    return datetime.fromisoformat(text).date()


def results_of(data: dict[str, Any], template_id: str) -> list[tuple[int, dict[str, Any]]]:
    found = [(k, v) for k, v in data["assessments"].items() if v["template_id"] == template_id]
    return sorted(found, key=lambda pair: datetime.fromisoformat(pair[1]["completed_at"]))


def last_year(startup: Any) -> date:
    return startup.session.clock().date().replace(year=2025)


def test_wheel_shows_the_latest_result_and_the_chosen_earlier_one(qtbot, progress) -> None:
    startup, _screen, panel = progress
    results = [
        r for r in results_of(stored(startup), "life-areas")
        if local_day(r[1]["completed_at"]) >= last_year(startup)
    ]
    latest_id, latest = results[-1]
    wheel = panel.wheel
    now = list(wheel.lines["now"].get_ydata())
    ideal = list(wheel.lines["ideal"].get_ydata())
    assert now[:-1] == [latest["answers"][a]["current"] for a in AREAS]
    assert ideal[:-1] == [latest["answers"][a]["ideal"] for a in AREAS]
    assert now[-1] == now[0]  # the outline is closed
    # The earlier choices are the other results of the year, newest first.
    offered = [wheel.compare.itemData(i) for i in range(1, wheel.compare.count())]
    assert offered == [rid for rid, _r in reversed(results[:-1])]
    chosen_id, chosen = results[2]
    wheel.compare.setCurrentIndex(wheel.compare.findData(chosen_id))
    built(qtbot, wheel)  # a new outline: built on the render thread
    earlier = list(wheel.lines["earlier"].get_ydata())
    assert earlier[:-1] == [chosen["answers"][a]["current"] for a in AREAS]
    wheel.compare.setCurrentIndex(0)
    built(qtbot, wheel)
    assert "earlier" not in wheel.lines
    assert latest_id == wheel.data.latest.result_id


def test_gaps_are_largest_first_and_the_focus_is_highlighted(progress) -> None:
    startup, _screen, panel = progress
    data = stored(startup)
    _rid, latest = results_of(data, "life-areas")[-1]
    running = [p for p in data["focus"].values() if p["ended_at"] is None]
    focus = {a["area"] for a in running[0]["areas"]}
    panel.setCurrentWidget(panel.gaps)
    bars = list(panel.gaps.bars)
    widths = [bar.get_width() for bar in bars]
    assert widths == sorted(widths, reverse=True)
    expected = sorted(
        (g["ideal"] - g["current"] for g in (latest["answers"][a] for a in AREAS)), reverse=True
    )
    assert widths == expected
    labels = [t.get_text() for t in panel.gaps.figure.axes[0].get_yticklabels()]
    for bar, label, row in zip(bars, labels, panel.gaps.data.bars, strict=True):
        assert (bar.get_hatch() == "//") == (row.area in focus) == label.endswith("(focus)")
    assert any(row.focus for row in panel.gaps.data.bars)


def test_over_time_areas_and_scales_carry_the_stored_numbers(qtbot, progress) -> None:
    startup, screen, panel = progress
    screen.range_filter.choose(4)  # all time
    panel.setCurrentWidget(panel.over_time)
    chart = panel.over_time
    data = stored(startup)
    chart.template.setCurrentIndex(chart.template.findData("life-areas"))
    chart.part.setCurrentIndex(chart.part.findData("area:work"))
    built(qtbot, chart)
    results = results_of(data, "life-areas")
    assert list(chart.lines["work.current"].get_ydata()) == [
        r["answers"]["work"]["current"] for _id, r in results
    ]
    assert list(chart.lines["work.ideal"].get_ydata()) == [
        r["answers"]["work"]["ideal"] for _id, r in results
    ]
    chart.template.setCurrentIndex(chart.template.findData("grounding"))
    built(qtbot, chart)
    scores = [r["scores"]["steadiness"]["value"] for _id, r in results_of(data, "grounding")]
    assert list(chart.lines["steadiness.points"].get_ydata()) == scores
    # Marks where the change since the last mark reaches meaningful_change (5).
    expected, reference = [], scores[0]
    for value in scores[1:]:
        if abs(value - reference) >= 5:
            expected.append(value)
            reference = value
    assert list(chart.lines["steadiness.marks"].get_ydata()) == expected
    band_labels = {t.get_text().replace("\n", " ") for t in panel.over_time.panels[0].texts}
    assert {"Finding my footing", "Building steadiness", "Steady ground"} <= band_labels
    slips = chart.lines["journal.slip"].get_xdata()
    assert len(slips) == len(data["lapses"])


def test_the_date_range_filters_every_chart(qtbot, progress) -> None:
    startup, screen, panel = progress
    screen.range_filter.choose(0)  # the last three months
    start = screen.date_range().start
    assert start == date(2025, 12, 14)
    panel.setCurrentWidget(panel.over_time)
    chart = panel.over_time
    chart.template.setCurrentIndex(chart.template.findData("check-in"))
    built(qtbot, chart)
    checkins = [
        c for c in stored(startup)["checkins"].values() if local_day(c["at"]) >= start
    ]
    assert len(chart.lines["grounded.points"].get_xdata()) == len(checkins)
    low, _high = chart.panels[0].get_xlim()
    assert min(chart.lines["grounded.points"].get_xdata()) >= low
    panel.setCurrentWidget(panel.consistency)
    assert panel.consistency.data.start >= start
    panel.setCurrentWidget(panel.wheel)
    for i in range(1, panel.wheel.compare.count()):
        snap = next(s for s in panel.wheel.data.choices
                    if s.result_id == panel.wheel.compare.itemData(i))
        assert snap.day >= start


def test_every_table_view_matches_its_chart(qtbot, progress) -> None:
    _startup, _screen, panel = progress
    wheel = panel.wheel
    qtbot.mouseClick(wheel.toggle, Qt.MouseButton.LeftButton)
    assert wheel.stack.currentWidget() is wheel.table
    rows = wheel.table_text()
    assert [float(r[1]) for r in rows] == list(wheel.lines["now"].get_ydata())[:-1]
    assert [float(r[2]) for r in rows] == list(wheel.lines["ideal"].get_ydata())[:-1]
    assert [float(r[4]) for r in rows] == list(wheel.lines["earlier"].get_ydata())[:-1]

    panel.setCurrentWidget(panel.gaps)
    rows = panel.gaps.table_text()
    assert [float(r[3]) for r in rows] == [b.get_width() for b in panel.gaps.bars]

    panel.setCurrentWidget(panel.over_time)
    chart = panel.over_time
    chart.part.setCurrentIndex(chart.part.findData("area:mind and emotions"))
    built(qtbot, chart)
    rows = [r for r in chart.table_text() if r[1] == "Mind and emotions"]
    assert [float(r[2]) for r in rows] == list(chart.lines["mind and emotions.current"].get_ydata())
    assert [float(r[3]) for r in rows] == list(chart.lines["mind and emotions.ideal"].get_ydata())
    journal = [r for r in chart.table_text() if r[1] in ("Slip", "Win")]
    assert len(journal) == len(chart.lines["journal.slip"].get_xdata()) + len(
        chart.lines["journal.win"].get_xdata()
    )

    panel.setCurrentWidget(panel.consistency)
    cons = panel.consistency
    rows = cons.table_text()
    codes = {"checked in": 0, "not done": 1, "paused": 2, "not due": 3, "still open": 4}
    grid = cons.mesh.get_array()
    assert sorted(codes[r[2]] for r in rows) == sorted(int(v) for v in grid.compressed())


def test_paused_days_show_as_paused_not_missed(progress) -> None:
    _startup, _screen, panel = progress
    panel.setCurrentWidget(panel.consistency)
    cons = panel.consistency
    paused = [d for d, s in cons.data.statuses.items() if s == "paused"]
    assert len(paused) >= 5
    assert cons.grid[~np.isnan(cons.grid)].tolist().count(2) == len(paused)
    legend = [t.get_text() for t in cons.figure.axes[0].get_legend().get_texts()]
    assert f"Paused ({len(paused)})" in legend


@pytest.mark.parametrize("tab", [0, 1, 2, 3])
def test_export_writes_valid_png_and_svg(progress, tmp_path: Path, tab: int) -> None:
    _startup, _screen, panel = progress
    panel.setCurrentIndex(tab)
    chart = panel.charts[tab]
    png = chart.export(tmp_path / "chart.png")
    assert png.read_bytes()[:8] == PNG_MAGIC
    svg = chart.export(tmp_path / "chart.svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert chart.export(tmp_path / "noext").name == "noext.png"


def test_hover_shows_the_date_and_value_and_a_click_opens_the_result(
    qtbot, progress, monkeypatch
) -> None:
    _startup, _screen, panel = progress
    opened: list[int] = []
    monkeypatch.setattr(wizard_launcher, "open_result", lambda _p, _c, rid: opened.append(rid))
    wheel = panel.wheel
    wheel.canvas.draw()
    axes = wheel.figure.axes[0]
    theta, radius = wheel.lines["now"].get_data()
    x, y = axes.transData.transform((theta[0], radius[0]))
    ratio = wheel.canvas.devicePixelRatioF()
    where = QPoint(round(x / ratio), round(wheel.canvas.height() - y / ratio))
    # Events go straight to the canvas: a synthetic cursor move is routed to whatever
    # top-level window the platform thinks is under it, which other tests may leave open.
    send_mouse(wheel.canvas, QEvent.Type.MouseMove, where, Qt.MouseButton.NoButton)
    qtbot.waitUntil(lambda: wheel.hovered is not None)
    latest = wheel.data.latest
    assert wheel.hovered.label == (
        f"Work: now {radius[0]:g} ({latest.day.day} {latest.day:%b %Y})"
    )
    send_mouse(wheel.canvas, QEvent.Type.MouseButtonPress, where, Qt.MouseButton.LeftButton)
    send_mouse(wheel.canvas, QEvent.Type.MouseButtonRelease, where, Qt.MouseButton.LeftButton)
    assert opened == [latest.result_id]
    send_mouse(wheel.canvas, QEvent.Type.MouseMove, QPoint(2, 2), Qt.MouseButton.NoButton)
    assert wheel.hovered is None


def send_mouse(widget: Any, kind: QEvent.Type, where: QPoint, button: Qt.MouseButton) -> None:
    held = button if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, QPointF(where), QPointF(widget.mapToGlobal(where)), button, held,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def hover_last_point(qtbot: Any, chart: Any, line: Any) -> QPoint:
    """Move the mouse over ``line``'s last point until the chart says what is under it;
    where it is, in the canvas's coordinates."""
    xs, ys = line.get_data()
    x, y = line.get_transform().transform((xs[-1], ys[-1]))
    ratio = chart.canvas.devicePixelRatioF()
    where = QPoint(round(x / ratio), round(chart.canvas.height() - y / ratio))
    send_mouse(chart.canvas, QEvent.Type.MouseMove, where, Qt.MouseButton.NoButton)
    qtbot.waitUntil(lambda: chart.hovered is not None)
    return where


def test_enter_in_a_table_opens_that_result(qtbot, progress, monkeypatch) -> None:
    _startup, _screen, panel = progress
    opened: list[int] = []
    monkeypatch.setattr(wizard_launcher, "open_result", lambda _p, _c, rid: opened.append(rid))
    panel.setCurrentWidget(panel.gaps)
    gaps = panel.gaps
    qtbot.mouseClick(gaps.toggle, Qt.MouseButton.LeftButton)
    gaps.table.setFocus()
    gaps.table.selectRow(0)
    qtbot.keyClick(gaps.table, Qt.Key.Key_Return)
    assert opened == [gaps.data.result.result_id]


def same_hues(fitted: tuple[str, ...], original: tuple[str, ...]) -> bool:
    return len(fitted) == len(original) and all(
        abs(QColor(f).hueF() - QColor(o).hueF()) < 0.03
        for f, o in zip(fitted, original, strict=True))


def test_colours_are_colour_blind_safe_and_follow_a_dark_palette(qtbot, progress) -> None:
    _startup, _screen, panel = progress
    wheel = panel.wheel
    assert same_hues(wheel.theme.series, OKABE_ITO)  # darkened to 3:1, hues kept
    assert not wheel.theme.dark
    dark = QPalette(wheel.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    wheel.setPalette(dark)
    assert wheel.theme.dark
    assert same_hues(wheel.theme.series, OKABE_ITO_DARK)
    built(qtbot, wheel)  # drawn anew in the new colours, on the render thread
    face = wheel.figure.get_facecolor()
    assert max(face[:3]) < 0.2
    assert wheel.lines["now"].get_color().lower() == wheel.theme.now.lower()


@pytest.mark.parametrize("template", ["check-in", "grounding"])
def test_over_time_data_is_worked_out_off_the_ui_thread_and_shows_the_same_table(
    qtbot, progress, monkeypatch, template
) -> None:
    import threading

    from desktop_app.domain import progress_time
    from desktop_app.services.progress import ProgressService
    from desktop_app.ui.charts.over_time_text import table

    startup, screen, panel = progress
    screen.range_filter.choose(3)  # two years
    panel.setCurrentWidget(panel.over_time)
    chart = panel.over_time
    built(qtbot, chart)
    threads: list[str] = []
    started, release = threading.Event(), threading.Event()
    work = progress_time.over_time

    def held(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        started.set()
        release.wait(20)
        return work(*args, **kwargs)

    monkeypatch.setattr(progress_time, "over_time", held)
    before = chart.data
    chart.template.setCurrentIndex(chart.template.findData(template))
    qtbot.waitUntil(started.is_set, timeout=20000)
    # Meanwhile the window goes on (this wait runs the event loop), showing the last view.
    assert chart.awaiting_data and chart.data is before and not screen.charts_ready
    # Its parts are the last view's: not offered until the new choice's have come.
    assert not chart.part.isEnabled()
    release.set()
    built(qtbot, chart)
    assert threads == ["chart-render"]
    assert chart.part.isEnabled() == (chart.part.count() > 1)
    assert chart.data is not None and chart.data.template_id == template
    # The same as worked out here, from the records on disk, by a service of its own.
    monkeypatch.setattr(progress_time, "over_time", work)
    startup.session.require_repo().forget("progress-data")
    expected = ProgressService(startup.session).over_time(template, screen.date_range())
    assert expected == chart.data
    _headers, rows = table(expected, *chart.selection())
    assert chart.table_text() == [list(r.cells) for r in rows]
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
