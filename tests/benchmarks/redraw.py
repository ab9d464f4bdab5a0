"""Chart redraws at 20 years of daily data, in this process (the charts draw on the UI thread)."""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.stats import Row, max_ms, median_ms

Samples = tuple[list[float], list[float]]  # wall seconds, UI-thread CPU seconds
Case = tuple[str, Callable[[], None], Any]  # a row's name, the change, the chart it redraws
PAUSE_MS = 100  # between two changes, untimed


def _a_moment() -> None:
    """Untimed, between two changes: the event loop runs a little, as it does between a
    person's clicks (what the app tidies after a picture shows, such as collecting a
    dropped view, is measured by the stall rows, not here)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(PAUSE_MS, loop.quit)
    loop.exec()


def _synchronous(redraw: Callable[[], None], chart: Any, runs: int) -> Samples:
    """Set the data and draw the canvas on this thread (the first two draws warm caches)."""
    wall, cpu = [], []
    for _ in range(runs + 2):
        _a_moment()
        started, started_cpu = time.perf_counter(), time.thread_time()
        redraw()
        # As the app lays out before it renders: a caption of another height moves the
        # canvas, and a draw at the old size missed the pictures kept for the new one.
        chart.canvas.lay_out_around()
        chart.canvas.draw()
        wall.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
    return wall[2:], cpu[2:]


def _as_shown(redraw: Callable[[], None], chart: Any, runs: int) -> Samples:
    """Set the data, then wait until the canvas shows the new picture, as the app does."""
    from PySide6.QtCore import QEventLoop, QTimer

    wall, cpu = [], []
    for _ in range(runs + 2):
        _a_moment()
        loop = QEventLoop()
        chart.canvas.rendered.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        started, started_cpu = time.perf_counter(), time.thread_time()
        redraw()
        loop.exec()
        wall.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
        chart.canvas.rendered.disconnect(loop.quit)
    return wall[2:], cpu[2:]


def _row(name: str, points: int, samples: Samples, years: int = 20) -> Row:
    wall, cpu = samples
    return Row(
        f"redraw at {years} y: {name}" + (f" ({points:,} points)" if "daily" in name else ""),
        f"median {median_ms(wall):.0f} ms, max {max_ms(wall):.0f} ms; UI-thread CPU median "
        f"{median_ms(cpu):.0f}, max {max_ms(cpu):.0f} ms; load {os.getloadavg()[0]:.1f}",
        "≤ 100 ms",
        max_ms(wall) <= 100,
        {"samples_ms": [s * 1000 for s in wall], "ui_cpu_ms": [s * 1000 for s in cpu]},
    )


def never_shown_cases(chart: Any, daily: Any, areas: Any, period: Any) -> list[Case]:
    """Daily check-ins and nine areas in turn, each as a view never drawn before: no view
    kept built, and no text kept by the renderer (ui/charts/text_renderer.py) from earlier
    pictures, the worst a person can meet."""
    from desktop_app.ui.charts import text_renderer

    views = itertools.cycle([(daily, period), (areas, period)])

    def never_shown() -> None:
        chart._kept.clear()
        text_renderer.forget()
        chart.set_data(*next(views))

    return [("over-time chart, first draw of a view never shown before", never_shown, chart)]


def bench_never_shown(data_dir: Path, runs: int, years: int) -> list[Row]:
    """The never-shown rows alone, for a profile of ``years``: the cost of a new view,
    set beside the same at 20 years, says whether it grows with the history."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop_app.domain.progress import DateRange
    from desktop_app.ui.charts.over_time import OverTimeChart

    session, service = _open(data_dir)
    everything = DateRange(None, service.today())
    chart = _shown(OverTimeChart)
    daily = service.over_time("check-in", everything)
    areas = service.over_time("life-areas", everything)
    assert daily is not None and areas is not None
    points = len(daily.scales[0].points)
    ((name, redraw, _chart),) = never_shown_cases(chart, daily, areas, everything)
    rows = [_row(name, points, _synchronous(redraw, chart, runs), years),
            _row(f"as shown: {name}", points, _as_shown(redraw, chart, runs), years)]
    session.close()
    chart.close()
    chart.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return rows


def _shown(chart_class: Any) -> Any:
    chart = chart_class()
    chart.resize(1000, 620)
    chart.show()
    return chart


def _open(data_dir: Path) -> tuple[Any, Any]:
    """A session with the profile of ``data_dir`` open, and its progress service."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.paths import resources_dir
    from desktop_app.services.clock import system_clock
    from desktop_app.services.progress import ProgressService
    from desktop_app.services.session import Session
    from tests.benchmarks.data import BENCH_DEVICE

    if QApplication.instance() is None:
        QApplication([sys.argv[0]])
    session = Session(data_dir, resources_dir(), system_clock, BENCH_DEVICE)
    session.load_templates()
    session.profiles.refresh()
    session.open_profile(session.profiles.profiles[0].id)
    return session, ProgressService(session)


def bench_redraw(data_dir: Path, runs: int) -> list[Row]:
    """Redraw of each chart on 20 years of data: set the data and draw the canvas on this
    thread; then, where the canvas renders off the UI thread, until the new picture shows."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop_app.domain.progress import DateRange, months_back
    from desktop_app.ui.charts.consistency import ConsistencyChart
    from desktop_app.ui.charts.over_time import OverTimeChart
    from desktop_app.ui.charts.wheel import WheelChart

    session, service = _open(data_dir)
    everything = DateRange(None, service.today())
    over_time = _shown(OverTimeChart)
    data = service.over_time("check-in", everything)
    assert data is not None
    points = len(data.scales[0].points)
    cases: list[Case] = [
        ("over-time chart, daily check-ins", lambda: over_time.set_data(data, everything),
         over_time),
    ]
    areas = service.over_time("life-areas", everything)
    assert areas is not None
    cases.append(("over-time chart, nine areas", lambda: over_time.set_data(areas, everything),
                  over_time))
    consistency = _shown(ConsistencyChart)
    calendar = service.consistency("checkins", everything)
    cases.append(("consistency calendar, one year", lambda: consistency.set_data(calendar),
                  consistency))
    wheel = _shown(WheelChart)
    wheel_data = service.wheel(everything)
    assert wheel_data is not None
    cases.append(("wheel", lambda: wheel.set_data(wheel_data), wheel))
    year = months_back(service.today(), 12)
    two_years = months_back(service.today(), 24)
    areas_year = service.over_time("life-areas", year)
    areas_two = service.over_time("life-areas", two_years)
    assert areas_year is not None and areas_two is not None
    ranges = itertools.cycle([(areas_year, year), (areas_two, two_years)])
    cases.append(("over-time chart, nine areas, period changing",
                  lambda: over_time.set_data(*next(ranges)), over_time))
    daily_year = service.over_time("check-in", year)
    daily_all = service.over_time("check-in", everything)
    assert daily_year is not None and daily_all is not None
    periods = itertools.cycle([(daily_year, year), (daily_all, everything)])
    cases.append(("over-time chart, daily check-ins, period changing (1 y ↔ 20 y)",
                  lambda: over_time.set_data(*next(periods)), over_time))
    # A new view (Show or Part) builds the panels anew and draws the whole figure: no
    # cached picture holds. Alternating the two views makes every draw such a first one.
    # The chart keeps the last few views built (ui/charts/over_time_views.py), so this
    # measures going back to a view; ``never_shown_cases``, a view never shown before.
    views = itertools.cycle([(daily_all, everything), (areas, everything)])
    cases.append(("over-time chart, first draw of a view (daily check-ins ↔ nine areas)",
                  lambda: over_time.set_data(*next(views)), over_time))
    cases += never_shown_cases(over_time, daily_all, areas, everything)
    # As the Progress screen does once it has its data (ui/screens/progress.py): what is
    # loaded is frozen, so full collections during the redraws do not walk it.
    from desktop_app.ui.worker_calm import freeze_survivors

    freeze_survivors()
    rows = []
    for name, redraw, chart in cases:
        rows.append(_row(name, points, _synchronous(redraw, chart, runs)))
    for name, redraw, chart in cases:  # rendered off the UI thread, as the app does
        rows.append(_row(f"as shown: {name}", points, _as_shown(redraw, chart, runs)))
    session.close()
    # Delete the charts while the application still exists; left to interpreter exit,
    # their destruction order crashes PySide6.
    for chart in (over_time, consistency, wheel):
        chart.close()
        chart.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return rows
