"""What a rebuilt chart left behind is collected soon, once, and never while the render
thread builds or draws a chart (the window would wait for both)."""

from __future__ import annotations

import gc
import threading

from desktop_app.ui.charts import leftovers
from desktop_app.ui.charts.render_thread import shared_render_thread


class _Job:
    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.delivered = 0

    def run(self) -> None:
        self.started.set()
        self.release.wait(10)

    def done(self) -> None:  # a bound method: the render thread holds it weakly
        self.delivered += 1


def test_the_collection_waits_for_the_render_thread_and_runs_once(qtbot) -> None:
    full: list[int] = []

    def counted(phase: str, info: dict) -> None:
        if phase == "stop" and info["generation"] == 2:
            full.append(1)

    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], 1_000_000)  # none of its own meanwhile
    gc.callbacks.append(counted)
    job = _Job()
    thread = shared_render_thread()
    try:
        thread.submit(job.run, job.done)
        assert job.started.wait(10)
        leftovers.collect_soon()
        leftovers.collect_soon()  # asked twice
        leftovers._collect()  # its time comes while a chart is drawn: it waits
        assert full == [] and leftovers.pending()
        job.release.set()
        qtbot.waitUntil(lambda: not thread.busy and job.delivered == 1, timeout=5000)
        qtbot.waitUntil(lambda: not leftovers.pending(), timeout=5000)
        assert full == [1]  # once, after the render
    finally:
        job.release.set()
        gc.callbacks.remove(counted)
        gc.set_threshold(*thresholds)
