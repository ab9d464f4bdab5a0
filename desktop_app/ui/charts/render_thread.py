"""One worker thread that renders chart figures with Agg, off the UI thread.

Rendering a figure of 1000 × 600 pixels takes 40–100 ms of Python on a busy two-core
machine; on the UI thread that is a visible stall at every first paint and every new
period. The worker holds the GIL only in slices (the interpreter's switch interval), so
timers, input and painting are served meanwhile.

matplotlib allows a figure to be drawn on another thread as long as no other thread touches
it meanwhile (its font objects are per thread); ``Canvas`` in ``canvas`` keeps that rule: the
UI thread waits for a render under way before it changes or reads that figure.

A daemon Python thread, for the reasons given in ``loader``: quitting never waits on it.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

Job = Callable[[], None]


class RenderThread:
    """A first-in first-out queue of render jobs, run one at a time on one thread."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, job: Job) -> None:
        """Run ``job`` on the render thread (started on first use)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="chart-render", daemon=True
                )
                self._thread.start()
        self._jobs.put(job)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                job()
            except Exception:  # a job reports its own failure; this only keeps the thread
                log.exception("A chart render job failed")
            # Waiting for the next job must not keep the last one's canvas (and window) alive.
            del job


_shared: RenderThread | None = None


def shared_render_thread() -> RenderThread:
    """The application's one render thread."""
    global _shared
    if _shared is None:
        _shared = RenderThread()
    return _shared
