"""Longest UI-thread stall while live refresh takes in a change to a five-year profile.

``python -m tests.benchmarks.refresh_stall [home|journal|progress]``: a 5 ms timer ticks while
another writer's win arrives in the profile and the screen on show is refreshed; prints the
longest gap between two ticks minus the 5 ms, and the cost of a look when nothing changed.
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
import time
from pathlib import Path


def main(screen: str = "home") -> dict[str, object]:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.app import prepare
    from desktop_app.cli import parse_options
    from desktop_app.paths import resources_dir
    from desktop_app.services.clock import system_clock
    from desktop_app.services.journal import JournalService, WinDraft
    from desktop_app.services.session import Session
    from tests.benchmarks.data import make_five_year_profile

    qt_app = QApplication([sys.argv[0]])
    data_dir = Path(tempfile.mkdtemp(prefix="groundwork-refresh-")) / "data"
    data_dir.mkdir()
    path, docs = make_five_year_profile(data_dir)
    startup = prepare(parse_options(["--data-dir", str(data_dir)]))
    assert not isinstance(startup, int)
    window = startup.window
    report: dict[str, object] = {"screen": screen, "documents": docs,
                                 "file_bytes": path.stat().st_size}
    ticks: list[float] = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def when_ready() -> None:
        if not startup.ready:
            QTimer.singleShot(20, when_ready)
            return
        window.show_screen(screen)
        if screen == "journal":
            window.screens["journal"].show_tab("checkins")
        QTimer.singleShot(1500, write_elsewhere)

    def write_elsewhere() -> None:
        live = window.live_refresh
        assert live is not None
        started = time.perf_counter()
        for _ in range(200):
            live._look()  # nothing changed: a stat
        report["look_unchanged_ms"] = (time.perf_counter() - started) / 200 * 1000
        theirs = Session(data_dir, resources_dir(), system_clock)
        theirs.profiles.refresh()
        theirs.open_profile(path.stem)
        JournalService(theirs).log_win(WinDraft("From the laptop"))
        theirs.close()
        live.looked.connect(lambda changed: QTimer.singleShot(300, lambda: finish(changed)))
        session = startup.session
        original_refresh, original_notify = session.refresh_from_disk, session.notify

        def timed(name: str, call):  # type: ignore[no-untyped-def]
            def run():  # type: ignore[no-untyped-def]
                began = time.perf_counter()
                result = call()
                report[name] = round((time.perf_counter() - began) * 1000, 1)
                return result
            return run

        session.refresh_from_disk = timed("read_ms", original_refresh)  # type: ignore[method-assign]
        session.notify = timed("notify_ms", original_notify)  # type: ignore[method-assign]
        ticks.clear()
        ticks.append(time.perf_counter())
        timer.start()

    def finish(changed: bool) -> None:
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        report["changed"] = changed
        report["longest_stall_ms"] = round(max(0.0, (max(gaps) - 0.005) * 1000), 1)
        report["ticks"] = len(ticks)
        report["home_win"] = window.screens["home"].win_label.text()
        print(json.dumps(report))
        startup.shutdown()
        qt_app.quit()

    QTimer.singleShot(0, when_ready)
    qt_app.exec()
    return report


if __name__ == "__main__":
    main(*sys.argv[1:2])
