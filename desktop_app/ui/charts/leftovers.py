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

from PySide6.QtCore import QTimer

# After the paint of the new picture: the person sees it first.
COLLECT_DELAY_MS = 30

_pending = False


def collect_soon() -> None:
    """Collect the garbage a bit after now (once, however many builds ask meanwhile)."""
    global _pending
    if not _pending and gc.isenabled():
        _pending = True
        QTimer.singleShot(COLLECT_DELAY_MS, _collect)


def _collect() -> None:
    global _pending
    _pending = False
    if gc.isenabled():  # a worker's gentle() may have it off (ui.worker_calm)
        gc.collect()
