"""Chart redraws at 20 years of daily data, in this process (the charts draw on the UI thread)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.stats import Row, max_ms, median_ms


def bench_redraw(data_dir: Path, runs: int) -> list[Row]:
    """Redraw of each chart on 20 years of data (set the data, draw the canvas)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop_app.domain.progress import DateRange
    from desktop_app.paths import resources_dir
    from desktop_app.services.clock import system_clock
    from desktop_app.services.progress import ProgressService
    from desktop_app.services.session import Session
    from desktop_app.ui.charts.consistency import ConsistencyChart
    from desktop_app.ui.charts.over_time import OverTimeChart
    from desktop_app.ui.charts.wheel import WheelChart
    from tests.benchmarks.data import BENCH_DEVICE

    if QApplication.instance() is None:
        QApplication([sys.argv[0]])
    session = Session(data_dir, resources_dir(), system_clock, BENCH_DEVICE)
    session.load_templates()
    session.profiles.refresh()
    session.open_profile(session.profiles.profiles[0].id)
    service = ProgressService(session)
    everything = DateRange(None, service.today())
    over_time = OverTimeChart()
    over_time.resize(1000, 620)
    over_time.show()
    data = service.over_time("check-in", everything)
    assert data is not None
    points = len(data.scales[0].points)
    cases: list[tuple[str, Callable[[], None], Any]] = [
        ("over-time chart, daily check-ins", lambda: over_time.set_data(data, everything),
         over_time),
    ]
    areas = service.over_time("life-areas", everything)
    assert areas is not None
    cases.append(("over-time chart, nine areas", lambda: over_time.set_data(areas, everything),
                  over_time))
    consistency = ConsistencyChart()
    consistency.resize(1000, 620)
    calendar = service.consistency("checkins", everything)
    cases.append(("consistency calendar, one year", lambda: consistency.set_data(calendar),
                  consistency))
    wheel = WheelChart()
    wheel.resize(1000, 620)
    wheel_data = service.wheel(everything)
    assert wheel_data is not None
    cases.append(("wheel", lambda: wheel.set_data(wheel_data), wheel))
    rows = []
    for name, redraw, chart in cases:
        samples = []
        for _ in range(runs + 2):
            started = time.perf_counter()
            redraw()
            chart.canvas.draw()
            samples.append(time.perf_counter() - started)
        samples = samples[2:]  # the first draws warm caches, as the app's first open does
        rows.append(Row(
            f"redraw at 20 y: {name}" + (f" ({points:,} points)" if "daily" in name else ""),
            f"median {median_ms(samples):.0f} ms, max {max_ms(samples):.0f} ms",
            "≤ 100 ms",
            max_ms(samples) <= 100,
            {"samples_ms": [s * 1000 for s in samples]},
        ))
    session.close()
    # Delete the charts while the application still exists; left to interpreter exit,
    # their destruction order crashes PySide6.
    for chart in (over_time, consistency, wheel):
        chart.close()
        chart.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return rows
