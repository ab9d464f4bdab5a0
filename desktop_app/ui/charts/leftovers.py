"""Freeing what a rebuilt chart figure left behind, soon after the new picture shows.

A figure's artists refer to one another (an axes to its lines, each line to its axes), so
the ones a new view or a rebuild drops are freed only by a full collection of the garbage
collector. Left to itself it ran one every few views, during a later build, on whichever
thread was making objects then: it walked the garbage of five or six dropped views at once
and held the interpreter 100-160 ms, freezing the window (measured at 20 years, where a
nine-area view leaves ~7,000 objects). Collected after each build's picture is shown, the
same work comes in pieces of 10-30 ms, and never between a click and its picture.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer

from desktop_app.ui.charts.render_thread import shared_render_thread

# After the paint of the new picture: the person sees it first.
COLLECT_DELAY_MS = 30

_timer: QTimer | None = None  # one, restarted: never two collections for one ask


def collect_soon() -> None:
    """Collect the garbage a bit after now (once, however many builds ask meanwhile)."""
    if gc.isenabled():
        _wait(COLLECT_DELAY_MS)


def pending() -> bool:
    return _timer is not None and shiboken6.isValid(_timer) and _timer.isActive()


def _wait(delay_ms: int) -> None:
    global _timer
    if _timer is None or not shiboken6.isValid(_timer):
        _timer = QTimer(QCoreApplication.instance())  # goes with the application
        _timer.setSingleShot(True)
        _timer.timeout.connect(_collect)
    if not _timer.isActive():
        _timer.start(delay_ms)


def _collect() -> None:
    if shared_render_thread().busy:
        # Not while a chart is built or drawn: the collection would hold the interpreter
        # the render thread needs, and the window waits for both (Progress opening builds
        # its charts one after another: measured, stalls of 60-100 ms instead of 25-40).
        _wait(COLLECT_DELAY_MS)
        return
    if gc.isenabled():  # a worker's gentle() may have it off (ui.worker_calm)
        gc.collect()
