"""One worker thread that renders chart figures with Agg, off the UI thread.

Rendering a figure of 1000 × 600 pixels takes 40–100 ms of Python on a busy two-core
machine; on the UI thread that is a visible stall at every first paint and every new
period. The worker holds the GIL only in slices (the interpreter's switch interval), so
timers, input and painting are served meanwhile.

matplotlib allows a figure to be drawn on another thread as long as no other thread touches
it meanwhile (its font objects are per thread); ``Canvas`` in ``canvas`` keeps that rule: the
UI thread waits for a render under way before it changes or reads that figure.

A daemon Python thread, for the reasons given in ``loader``: quitting never waits on it for
long. It reports back through this object, which lives as long as the application, never
through a canvas that may be deleted while the worker is about to signal it.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import threading
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop_app.ui.worker_calm import quick_turns

log = logging.getLogger(__name__)

Job = Callable[[], None]
# How long quitting waits for a render under way, so none runs while the window goes away.
QUIT_GRACE_S = 2.0


class RenderThread(QObject):
    """A first-in first-out queue of jobs, run one at a time on one thread; each job's
    ``done`` then runs on the UI thread (skipped if its object is gone by then)."""

    _finished = Signal(int)  # emitted on the worker; queued to this object's (UI) thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: queue.SimpleQueue[tuple[int, Job]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._tokens = itertools.count()
        # Held weakly: a queued render must not keep a closed chart (and its window) alive.
        self._done: dict[int, weakref.WeakMethod[Callable[[], None]]] = {}
        self._idle = threading.Condition()
        self._pending = 0
        self._finished.connect(self._deliver)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.wait_idle)

    def submit(self, job: Job, done: Callable[[], None]) -> None:
        """Run ``job`` on the render thread, then the bound method ``done`` on this one."""
        token = next(self._tokens)
        self._done[token] = weakref.WeakMethod(done)
        with self._idle:
            self._pending += 1
            if self._thread is None:
                quick_turns()
                self._thread = threading.Thread(
                    target=self._run, name="chart-render", daemon=True
                )
                self._thread.start()
        self._jobs.put((token, job))

    @property
    def busy(self) -> bool:
        """True while a job is queued or running."""
        with self._idle:
            return self._pending > 0

    def wait_idle(self, timeout: float = QUIT_GRACE_S) -> bool:
        """Wait until no job is queued or running; False if ``timeout`` passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def _run(self) -> None:
        while True:
            token, job = self._jobs.get()
            try:
                job()
            except Exception:  # a job reports its own failure; this only keeps the thread
                log.exception("A chart render job failed")
            # Waiting for the next job must not keep the last one's canvas (and window) alive.
            del job
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()
            # RuntimeError: the application is already gone, so nobody is waiting.
            with contextlib.suppress(RuntimeError):
                self._finished.emit(token)

    def _deliver(self, token: int) -> None:
        ref = self._done.pop(token, None)
        done = ref() if ref is not None else None
        owner = getattr(done, "__self__", None)
        if done is not None and (not isinstance(owner, QObject) or shiboken6.isValid(owner)):
            done()


_shared: RenderThread | None = None


def shared_render_thread() -> RenderThread:
    """The application's one render thread."""
    global _shared
    if _shared is None:
        _shared = RenderThread(QCoreApplication.instance())
    return _shared
