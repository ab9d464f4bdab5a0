"""Bring matplotlib in on a worker thread, so the window stays responsive meanwhile.

The first import of matplotlib (and numpy) and the first text it renders take about a
second; done on the UI thread that would freeze the window. The worker imports the chart
modules and draws one throw-away figure with the Agg canvas (no Qt widget involved), which
also warms the font cache. Widgets are then created on the UI thread.

The worker is a daemon Python thread, not a ``QThread``: quitting must never wait on it. A
``QThread`` still running when the application object goes away aborts the process, and one
whose ``quit`` goes through the UI thread deadlocks a UI thread that waits for it. A daemon
thread that is still importing when the person quits is given a moment, then left behind;
the interpreter stops it at exit.
"""

from __future__ import annotations

import contextlib
import importlib
import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop_app.ui.worker_calm import freeze_survivors

CHART_MODULES = (
    # The Progress screen's own modules first: imported here, the screen sets up without a
    # dozen imports on the UI thread.
    "desktop_app.services.progress",
    "desktop_app.ui.charts.range_filter",
    "desktop_app.ui.charts.base",
    "desktop_app.ui.charts.wheel",
    "desktop_app.ui.charts.gaps",
    "desktop_app.ui.charts.over_time",
    "desktop_app.ui.charts.consistency",
    "desktop_app.ui.charts.panel",
)


def warm_up() -> None:
    """Import the chart modules and render one small figure off screen."""
    for name in CHART_MODULES:
        importlib.import_module(name)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # One of each kind of artist the charts use, at the font sizes they use, so the
    # first real chart finds fonts, glyph and hatch caches ready.
    figure = Figure(figsize=(4, 3), dpi=100)
    canvas = FigureCanvasAgg(figure)
    axes = figure.add_subplot(2, 2, 1)
    axes.plot([19000.0, 19400.0], [0.0, 1.0], marker="o", label="Warm up 0123456789")
    axes.barh([0, 1], [1, 2], hatch=["//", ""])
    axes.axhspan(0, 1, alpha=0.2)
    from desktop_app.ui.charts.locale_axis import locale_date_axis

    locale_date_axis(axes.xaxis)
    for size in (7, 8, 9, 10):
        axes.text(0, 0, "Warm up (focus) 0123456789", fontsize=size)
    axes.legend(fontsize=8)
    polar = figure.add_subplot(2, 2, 2, projection="polar")
    polar.plot([0.0, 1.0], [1.0, 2.0], linestyle="--", marker="s")
    polar.fill([0.0, 1.0, 2.0], [1.0, 2.0, 1.0], alpha=0.15)
    grid = figure.add_subplot(2, 2, 3)
    grid.pcolormesh([[0.0, 1.0], [2.0, 3.0]], edgecolors="white", linewidth=1)
    canvas.draw()  # type: ignore[no-untyped-call]


# How long quitting waits for a warm-up under way before leaving it behind.
QUIT_GRACE_S = 2.0


class ChartLoader(QObject):
    """Loads matplotlib once per process on a worker thread.

    ``ready`` or ``failed`` arrive on the UI thread. There is one loader for the whole
    application (see ``shared_loader``): screens come and go with profiles, the import
    happens once.
    """

    ready = Signal()
    failed = Signal(str)
    # Emitted on the worker thread, so Qt queues it to this object's (the UI) thread; the
    # text is empty on success.
    _finished = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self.is_ready = False
        self.error: str | None = None
        self._finished.connect(self._on_finished)

    def start(self) -> None:
        """Start loading, unless it has already started."""
        if self._thread is not None:
            return
        # What is loaded by now (the profile, the screens) stays: importing matplotlib makes
        # enough objects for a full collection, which would walk all of it holding the GIL.
        freeze_survivors()
        self._thread = threading.Thread(target=self._run, name="chart-loader", daemon=True)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.wait)
        self._thread.start()

    def _run(self) -> None:
        """The worker thread: import and warm up, then report back."""
        reason = ""
        try:
            warm_up()
        except Exception as error:  # any import or font problem: say so, keep the app up
            reason = f"{type(error).__name__}: {error}"
        # RuntimeError: the application is already gone, so nobody is waiting.
        with contextlib.suppress(RuntimeError):
            self._finished.emit(reason)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait at most ``timeout`` (default ``QUIT_GRACE_S``) seconds; True if finished."""
        if self._thread is None:
            return True
        self._thread.join(QUIT_GRACE_S if timeout is None else timeout)
        return not self._thread.is_alive()

    def _on_finished(self, reason: str) -> None:
        if reason:
            self.error = reason
            self.failed.emit(reason)
        else:
            # matplotlib, numpy and the profile read so far stay for the whole run: a full
            # garbage collection walking them all stalled the window ~100 ms at 20 years.
            freeze_survivors()
            self.is_ready = True
            self.ready.emit()


_shared: ChartLoader | None = None


def shared_loader() -> ChartLoader:
    """The application's one chart loader."""
    global _shared
    if _shared is None:
        _shared = ChartLoader(QCoreApplication.instance())
    return _shared
