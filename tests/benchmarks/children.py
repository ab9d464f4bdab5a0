"""What the benchmark runs in fresh processes: ``python -m tests.benchmarks.children WHAT``.

* ``bare``: a bare PySide6 QMainWindow; prints "shown" at its first paint, then exits.
* ``app DIR``: Groundwork on data folder DIR, started the same way; "shown" at first paint,
  followed by the heavy modules (matplotlib, numpy) loaded by then, as JSON.
* ``home DIR``: Groundwork on DIR; "home" once Home, showing the profile's focus and latest
  win, has painted its latest win.
* ``prime DIR``: Groundwork on DIR, started and quit the way a person does; "primed".
* ``startstall DIR``: Groundwork on DIR; from the window's first paint until every notice
  is said (the profile and the lists read on workers, applied on the UI thread), the
  longest lateness of a 5 ms timer and the UI thread's largest CPU time between two ticks,
  as JSON.
* ``stall DIR``: Groundwork on DIR; opens Progress, draws every chart, and prints the
  longest lateness of a 10 ms timer (the UI-thread stall), the most UI-thread CPU time
  between two of its ticks (the stall without other processes' turns) and whether
  matplotlib or numpy were loaded before the first window was shown, as JSON.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from typing import Any

HEAVY = ("matplotlib", "numpy")


def _heavy_loaded() -> list[str]:
    return sorted(name for name in HEAVY if name in sys.modules)


def _first_paint_then(callback: Any) -> Any:
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                callback()
            return False

    return FirstPaint()


def _say_and_exit(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    os._exit(0)  # the measurement ends here; skip teardown


def _shown_and_exit() -> None:
    _say_and_exit("shown")


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    # Watch the window itself, not every event of the application: an app-wide Python
    # filter costs more the more widgets a window has, which would skew the comparison.
    watcher = _first_paint_then(_shown_and_exit)
    window.installEventFilter(watcher)
    window.setWindowTitle("Bare")
    window.resize(1040, 720)
    window.show()
    app.exec()


def app(data_dir: str) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import prepare
    from desktop_app.cli import parse_options

    qt_app = QApplication([sys.argv[0]])
    startup = prepare(parse_options(["--data-dir", data_dir]))
    assert not isinstance(startup, int)
    # The window is shown but not yet painted: painting happens in the event loop.
    watcher = _first_paint_then(lambda: _say_and_exit(f"shown {json.dumps(_heavy_loaded())}"))
    startup.window.installEventFilter(watcher)
    qt_app.exec()


def home(data_dir: str) -> None:
    """Ends when Home, filled with the profile's data, paints its latest win."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import prepare
    from desktop_app.cli import parse_options
    from desktop_app.ui.screens.home import HomeScreen

    qt_app = QApplication([sys.argv[0]])
    startup = prepare(parse_options(["--data-dir", data_dir]))
    assert not isinstance(startup, int)
    painted = _first_paint_then(lambda: _filled_and_exit(found[0]))
    found: list[HomeScreen] = []

    class HomeAdded(QObject):
        """Home is built whole (and filled) before the stack adopts it."""

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.ChildAdded and not found:
                child = event.child()  # type: ignore[attr-defined]
                if isinstance(child, HomeScreen):
                    found.append(child)
                    child.win_label.installEventFilter(painted)
            return False

    adopted = HomeAdded()
    startup.window.stack.installEventFilter(adopted)
    qt_app.exec()


def prime(data_dir: str) -> None:
    """Start, wait until Home is on screen and every notice said, then quit as a person
    would: what a start leaves for the next one (Home's copy in the state folder)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import prepare
    from desktop_app.cli import parse_options

    qt_app = QApplication([sys.argv[0]])
    startup = prepare(parse_options(["--data-dir", data_dir]))
    assert not isinstance(startup, int)

    def done_yet() -> None:
        if not startup.notices_said:
            QTimer.singleShot(20, done_yet)
            return
        startup.window.close()
        startup.shutdown()
        _say_and_exit("primed")

    QTimer.singleShot(20, done_yet)
    qt_app.exec()


def start_stall(data_dir: str) -> None:
    """The UI stall a person meets right after the window shows: from its first paint (the
    blank page, then Home from its copy) until the start has said every notice."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import prepare
    from desktop_app.cli import parse_options

    qt_app = QApplication([sys.argv[0]])
    startup = prepare(parse_options(["--data-dir", data_dir]))
    assert not isinstance(startup, int)
    ticks: list[float] = []
    cpu_ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)

    def tick() -> None:
        ticks.append(time.perf_counter())
        cpu_ticks.append(time.thread_time())
        if startup.notices_said:
            timer.stop()
            gaps = [b - a for a, b in itertools.pairwise(ticks)]
            cpu = [b - a for a, b in itertools.pairwise(cpu_ticks)]
            _say_and_exit(json.dumps({
                "longest_stall_ms": max(0.0, (max(gaps) - 0.005) * 1000),
                "longest_stall_cpu_ms": max(cpu) * 1000,
                "span_ms": (ticks[-1] - ticks[0]) * 1000, "ticks": len(ticks),
                # Where each long gap began (ms after the first paint): the next one to cut.
                "long_gaps": [{"at_ms": round((ticks[at] - ticks[0]) * 1000),
                               "ms": round((gap - 0.005) * 1000),
                               "cpu_ms": round(cpu[at] * 1000)}
                              for at, gap in enumerate(gaps) if gap - 0.005 > 0.025]}))

    timer.timeout.connect(tick)

    def painted() -> None:
        tick()
        timer.start()

    watcher = _first_paint_then(painted)
    startup.window.installEventFilter(watcher)
    qt_app.exec()


def _filled_and_exit(screen: Any) -> None:
    shows = {"has_history": screen.has_history, "win": screen.win_label.text(),
             "focus": [label.text() for label in screen.focus_labels]}
    _say_and_exit(f"home {json.dumps(shows)}")


def _where(frame: Any, depth: int = 3) -> str:
    """The innermost few Python frames of a thread, as ``file:function`` names."""
    names = []
    while frame is not None and len(names) < depth:
        code = frame.f_code
        names.append(f"{os.path.basename(code.co_filename)}:{code.co_name}:{frame.f_lineno}")
        frame = frame.f_back
    return " < ".join(names)


def _app_where(frame: Any, depth: int = 4) -> str:
    """The innermost few frames of the app's own code (what of the app is under way)."""
    names = []
    while frame is not None and len(names) < depth:
        code = frame.f_code
        if "desktop_app" in code.co_filename:
            names.append(f"{os.path.basename(code.co_filename)}:{code.co_name}:{frame.f_lineno}")
        frame = frame.f_back
    return " < ".join(names)


class Sampler:
    """What every thread runs, every 2 ms, from a watchdog thread (the bench only).

    The watchdog needs the GIL to take a sample: a gap in its own samples as long as a UI
    stall means some thread held the GIL throughout (a long C call without releasing it),
    and the render thread's frame on both sides of that gap names the call.
    """

    def __init__(self) -> None:
        import threading

        self.samples: list[tuple[float, str, str]] = []
        self.main = threading.main_thread().ident
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        import threading

        while not self._stop.wait(0.002):
            now = time.perf_counter()
            frames = sys._current_frames()
            render = next((t.ident for t in threading.enumerate()
                           if t.name == "chart-render"), None)
            main = _where(frames.get(self.main), 8) if self.main in frames else "?"
            if self.main in frames:
                main += " | " + _app_where(frames[self.main])
            other = _where(frames[render]) if render in frames else "-"
            self.samples.append((now, main, other))

    def explain(self, start: float, end: float) -> str:
        """Who held the UI thread between ``start`` and ``end`` (a tick gap)."""
        import collections

        inside = [s for s in self.samples if start <= s[0] <= end]
        around = [s for s in self.samples if start - 0.05 <= s[0] <= end + 0.05]
        gaps = [(b[0] - a[0], a, b) for a, b in itertools.pairwise(around)
                if a[0] < end and b[0] > start]
        own, before, after = max(gaps, key=lambda g: g[0]) if gaps else (0.0, None, None)
        main = collections.Counter(s[1] for s in inside).most_common(2)
        text = (f"watchdog's own longest gap {own * 1000:.0f} ms of {(end - start) * 1000:.0f}"
                f"; UI thread: {main or 'no sample'}")
        if before is not None and after is not None:
            text += f"; render thread before the gap: {before[2]}, after: {after[2]}"
        return text


def stall(data_dir: str) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import prepare
    from desktop_app.cli import parse_options

    qt_app = QApplication([sys.argv[0]])
    report: dict[str, Any] = {}
    ticks: list[float] = []
    # The UI thread's CPU time at each tick: on a loaded machine a gap's wall time is mostly
    # other processes' turns; its CPU time is what the app itself spent in it.
    cpu_ticks: list[float] = []
    cpu_at: list[float] = []  # the wall time of each CPU tick
    startup = prepare(parse_options(["--data-dir", data_dir]))
    assert not isinstance(startup, int)
    report["heavy_when_shown"] = _heavy_loaded()
    window = startup.window
    screens: dict[str, Any] = {}
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(10)
    timer.timeout.connect(
        lambda: (ticks.append(time.perf_counter()), cpu_ticks.append(time.thread_time()),
                 cpu_at.append(ticks[-1]))
    )
    steps: list[str] = []
    sampler = Sampler()
    sampler.start()

    def open_progress() -> None:
        if not startup.ready:  # the profile opens right after the first paint
            QTimer.singleShot(10, open_progress)
            return
        if not timer.isActive():
            ticks.append(time.perf_counter())
            timer.start()
        if not startup.notices_said:
            # Once Home is on screen the start reads every list once (start_steps.py,
            # _report_notices); that stall is the start's, reported apart from Progress's.
            QTimer.singleShot(10, open_progress)
            return
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        report["after_home_stall_ms"] = max(0.0, (max(gaps) - 0.010) * 1000) if gaps else 0.0
        timer.stop()
        ticks.clear()
        ticks.append(time.perf_counter())
        cpu_ticks.clear()
        cpu_ticks.append(time.thread_time())
        cpu_at.clear()
        cpu_at.append(ticks[-1])
        timer.start()
        window.show_screen("progress")
        screens["progress"] = window.screens["progress"]
        QTimer.singleShot(10, wait_ready)

    def wait_ready() -> None:
        screen = screens["progress"]
        if not screen.charts_ready:
            QTimer.singleShot(10, wait_ready)
            return
        steps.append("ready")
        next_tab(1)

    def next_tab(index: int) -> None:
        screen = screens["progress"]
        if index < screen.panel.count():
            screen.panel.setCurrentIndex(index)
            QTimer.singleShot(300, lambda: next_tab(index + 1))
        else:
            QTimer.singleShot(300, finish)

    def finish() -> None:
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        report["longest_stall_ms"] = max(0.0, (max(gaps) - 0.010) * 1000) if gaps else None
        sampler.stop()
        if gaps:
            at = gaps.index(max(gaps))
            report["longest_held_by"] = sampler.explain(ticks[at], ticks[at + 1])
        cpu = [b - a for a, b in itertools.pairwise(cpu_ticks)]
        report["longest_stall_cpu_ms"] = max(cpu) * 1000 if cpu else None
        if cpu:  # what the UI thread ran in its largest chunk of CPU time
            at = cpu.index(max(cpu))
            report["longest_cpu_held_by"] = sampler.explain(cpu_at[at], cpu_at[at + 1])
        # Every long gap, with what the UI thread ran in it: the next one to cut.
        report["long_gaps"] = [
            {"ms": round((gap - 0.010) * 1000), "cpu_ms": round(cpu[at] * 1000),
             "held_by": sampler.explain(ticks[at], ticks[at + 1])}
            for at, gap in enumerate(gaps) if gap - 0.010 > 0.030 and at < len(cpu)
        ]
        report["ui_cpu_ms"] = (cpu_ticks[-1] - cpu_ticks[0]) * 1000 if cpu_ticks else None
        report["load"] = os.getloadavg()[0]
        report["ticks"] = len(ticks)
        report["heavy_after_progress"] = _heavy_loaded()
        sys.stdout.write(json.dumps(report) + "\n")
        sys.stdout.flush()
        os._exit(0)

    QTimer.singleShot(200, open_progress)
    QTimer.singleShot(120_000, finish)
    qt_app.exec()


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "bare":
        bare()
    elif what == "app":
        app(sys.argv[2])
    elif what == "home":
        home(sys.argv[2])
    elif what == "prime":
        prime(sys.argv[2])
    elif what == "stall":
        stall(sys.argv[2])
    elif what == "startstall":
        start_stall(sys.argv[2])
    else:
        raise SystemExit(f"unknown benchmark child {what!r}")
