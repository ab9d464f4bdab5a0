"""Unlocking a protected profile as a person does it, with the real key derivation.

``python -m tests.benchmarks.unlock DIR``: Groundwork starts on DIR, whose only profile has
a passphrase, and shows the unlock screen; the passphrase is typed and Unlock clicked. Prints
one line of JSON: the longest UI-thread stall from the click until Home shows the profile,
and how long that took; and, beside it, the UI thread's own CPU time in its longest stall
(``stall_cpu_ms``): on a loaded machine the wall-clock stall also counts the time other
processes had the CPU, the CPU time only what the UI thread did itself (a wait for the
interpreter lock, held by a worker, counts in the first only: so read both).
``make`` (in the parent) builds such a folder from a demo profile.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.benchmarks.flows import TICK_MS, _finish, _when

PASSPHRASE = "a walk along the river at dusk"


def make(data_dir: Path, years: int) -> None:
    """A data folder with a ``years`` demo profile protected by :data:`PASSPHRASE`."""
    from desktop_app.paths import resources_dir
    from desktop_app.services.clock import system_clock
    from desktop_app.services.session import Session
    from tests.benchmarks.data import BENCH_DEVICE, make_demo_folder

    make_demo_folder(data_dir, years)
    session = Session(data_dir, resources_dir(), system_clock, BENCH_DEVICE)
    session.load_templates()
    session.profiles.refresh()
    session.open_profile(session.profiles.profiles[0].id)
    privacy = session.privacy
    privacy.protect(privacy.prepare_protect(PASSPHRASE))
    session.close()


class Ticks:
    """A precise 5 ms timer on the UI thread noting wall and UI-thread CPU time at each tick;
    its late ticks are the stalls. ``report()`` notes the moment it is called too: the last
    stall (Home being built) ends there, often before the timer fires again, and counts."""

    def __init__(self) -> None:
        self.marks: list[tuple[float, float]] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._mark)

    def _mark(self) -> None:
        self.marks.append((time.perf_counter(), time.thread_time()))

    def start(self) -> None:
        self._mark()
        self.timer.start()

    def report(self) -> dict[str, float]:
        self._mark()
        self.timer.stop()
        pairs = list(itertools.pairwise(self.marks))
        (w0, c0), (w1, c1) = max(pairs, key=lambda p: p[1][0] - p[0][0])
        return {"longest_stall_ms": round(max(0.0, (w1 - w0) * 1000 - TICK_MS), 1),
                "stall_cpu_ms": round((c1 - c0) * 1000, 1)}


def unlock(data_dir: str) -> None:
    from desktop_app.app import prepare
    from desktop_app.cli import parse_options
    from desktop_app.ui.unlock import UnlockScreen

    qt_app = QApplication([sys.argv[0]])
    startup = prepare(parse_options(["--data-dir", data_dir]))
    assert not isinstance(startup, int)
    ticks = Ticks()
    held: dict[str, Any] = {}

    def screen() -> UnlockScreen | None:
        found = startup.window.findChildren(UnlockScreen)
        return next((s for s in found if s.isVisible()), None)

    def type_and_click() -> None:
        panel = screen().panel  # type: ignore[union-attr]
        QTest.keyClicks(panel.field, PASSPHRASE)
        ticks.start()
        held["clicked"] = time.perf_counter()
        QTest.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)
        _when(home_filled, done)

    def home_filled() -> bool:
        built = startup.window.stack.built()
        return startup.session.profile is not None and any(
            getattr(s, "has_history", False) for s in built)

    def done() -> None:
        took = (time.perf_counter() - held["clicked"]) * 1000
        _finish({**ticks.report(), "unlock_ms": round(took, 1)})

    _when(lambda: startup.ready and screen() is not None,
          lambda: QTimer.singleShot(300, type_and_click))
    QTimer.singleShot(120_000, lambda: _finish({"error": "never unlocked"}))
    qt_app.exec()


if __name__ == "__main__":
    unlock(sys.argv[1])
