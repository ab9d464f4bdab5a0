"""Profile ▸ Import ▸ From a Groundwork export, added to the open profile, as a person does it.

``python -m tests.benchmarks.import_flow DIR FILE``: Groundwork starts on DIR (a copy: the
run adds a profile); once Home shows, a new empty profile is made and opened, then the menu
item is triggered, the file dialog answers FILE and the import dialog "add to the open
profile". Prints one line of JSON: the longest UI-thread stall from the click until the
records are in the window and the progress is gone, how long that took, and the records.
"""

from __future__ import annotations

import itertools
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.benchmarks.children import Sampler
from tests.benchmarks.flows import SETTLE_MS, Ticks, _finish, _start, _when

AFTER_MS = 800  # ticks go on this long after the records are in, for Home's refresh


def import_into_open(data_dir: str, source: str) -> None:
    from desktop_app.ui.import_dialog import ImportDialog

    QFileDialog.getOpenFileName = staticmethod(  # type: ignore[assignment]
        lambda *_a, **_k: (source, ""))
    ticks = Ticks()
    held: dict[str, Any] = {}
    sampler = Sampler()
    sampler.start()
    # The UI thread's CPU time at each tick: a gap's wall time on a loaded machine is mostly
    # other processes' turns; its CPU time is what the app spent in it.
    cpu: list[float] = []
    ticks.timer.timeout.connect(lambda: cpu.append(time.thread_time()))

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ImportDialog):
            dialog.into_open.setChecked(True)
            dialog.import_button.click()
        else:
            QTimer.singleShot(2, answer)

    def empty_profile(startup: Any) -> None:
        held["startup"] = startup
        startup.session.create_profile("Empty")
        QTimer.singleShot(SETTLE_MS, click)

    def click() -> None:
        ticks.start()
        cpu[:] = [time.thread_time()]
        held["clicked"] = time.perf_counter()
        QTimer.singleShot(0, answer)
        held["startup"].window.transfer.action_import.trigger()
        _when(added, done)

    def added() -> bool:
        startup = held["startup"]
        return (not startup.window.transfer.busy
                and startup.session.require_repo().count("checkins") > 0)

    def done() -> None:
        held["took"] = (time.perf_counter() - held["clicked"]) * 1000
        # Home's refresh follows the import: the ticks go on until it is surely over.
        QTimer.singleShot(AFTER_MS, report)

    def report() -> None:
        ticks.times.append(time.perf_counter())  # a stall just before the end counts too
        cpu.append(time.thread_time())
        sampler.stop()
        repo = held["startup"].session.require_repo()
        gaps = [b - a for a, b in itertools.pairwise(ticks.times)]
        at = gaps.index(max(gaps)) if gaps else 0
        _finish({"longest_stall_ms": ticks.longest_stall_ms(),
                 "import_ms": round(held["took"], 1),
                 "records": sum(repo.table_counts().values()),
                 "longest_stall_cpu_ms": round(max(
                     (b - a for a, b in itertools.pairwise(cpu)), default=0) * 1000, 1),
                 "longest_held_by": sampler.explain(ticks.times[at], ticks.times[at + 1])
                 if gaps else ""})

    qt_app = _start(data_dir, empty_profile)
    QTimer.singleShot(300_000, lambda: _finish({"error": "never imported"}))
    qt_app.exec()


def bench_import(data_dir: Path, source: Path, scratch: Path, runs: int) -> list[Any]:
    """``make bench``: add a 20-year export to an open (empty) profile, ``runs`` times."""
    from tests.benchmarks.measure import child
    from tests.benchmarks.stats import Row

    reports = []
    for run in range(runs):
        copy = scratch / f"import-{run}"
        shutil.copytree(data_dir, copy)
        try:
            reports.append(json.loads(child("import_flow", str(copy), str(source),
                                            timeout=360)))
        finally:
            shutil.rmtree(copy, ignore_errors=True)
    stalls = [r["longest_stall_ms"] for r in reports]
    took = [r["import_ms"] for r in reports]
    return [Row(
        "add a 20-year JSON export to the open profile (Profile ▸ Import), longest UI stall",
        f"max {max(stalls):.0f} ms ({', '.join(f'{s:.0f}' for s in stalls)}); import took "
        f"{', '.join(f'{t:.0f}' for t in took)} ms for {reports[0]['records']:,} records; "
        f"UI-thread CPU max {max(r.get('longest_stall_cpu_ms', -1) for r in reports):.0f} ms; in "
        f"the longest: {reports[stalls.index(max(stalls))].get('longest_held_by', '?')}",
        "≤ 50 ms", max(stalls) <= 50, {"reports": reports},
    )]


def bench_import_only(data_dir: Path, scratch: Path, runs: int) -> list[Any]:
    """The import row without the export rows: the export is written once, untimed."""
    from tests.benchmarks.measure import child

    out = scratch / "export-20y.json"
    child("export_flow", str(data_dir), str(out), timeout=360)
    try:
        return bench_import(data_dir, out, scratch, runs)
    finally:
        out.unlink(missing_ok=True)


if __name__ == "__main__":
    import_into_open(sys.argv[1], sys.argv[2])
