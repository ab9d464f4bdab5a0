"""Profile ▸ Export ▸ As JSON as a person does it, on a long history.

``python -m tests.benchmarks.export_flow DIR OUT``: Groundwork starts on DIR; once Home shows
the profile, the menu item is triggered (the save dialog answers OUT). Prints one line of
JSON: the longest UI-thread stall from the click until the file is written and the progress
is gone, how long that took, and the file's size.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from tests.benchmarks.flows import Ticks, _finish, _start, _when


def export_json(data_dir: str, out: str) -> None:
    target = Path(out)
    target.unlink(missing_ok=True)
    QFileDialog.getSaveFileName = staticmethod(  # type: ignore[assignment]
        lambda *_a, **_k: (out, ""))
    ticks = Ticks()
    held: dict[str, Any] = {}

    def click(startup: Any) -> None:
        held["startup"] = startup
        ticks.start()
        held["clicked"] = time.perf_counter()
        startup.window.action_export.trigger()
        _when(written, done)

    def written() -> bool:
        return not held["startup"].window.transfer.busy and target.exists()

    def done() -> None:
        ticks.times.append(time.perf_counter())  # a stall just before the end counts too
        took = (time.perf_counter() - held["clicked"]) * 1000
        records = sum(len(v) for k, v in json.loads(target.read_bytes()).items()
                      if isinstance(v, list))
        _finish({"longest_stall_ms": ticks.longest_stall_ms(), "export_ms": round(took, 1),
                 "bytes": os.path.getsize(target), "records": records})

    qt_app = _start(data_dir, click)
    QTimer.singleShot(300_000, lambda: _finish({"error": "never exported"}))
    qt_app.exec()


def bench_export(data_dir: Path, scratch: Path, runs: int) -> list[Any]:
    """``make bench``: export a 20-year profile as JSON from the menu, ``runs`` times; then
    add that export to an open profile (``import_flow``), and the 20-year report saved as
    PDF and previewed (``report_flow``)."""
    from tests.benchmarks.import_flow import bench_import
    from tests.benchmarks.measure import child
    from tests.benchmarks.report_flow import bench_report
    from tests.benchmarks.stats import Row

    out = scratch / "export-20y.json"
    reports = [json.loads(child("export_flow", str(data_dir), str(out), timeout=360))
               for _ in range(runs)]
    more = bench_import(data_dir, out, scratch, runs) + bench_report(data_dir, scratch, runs)
    out.unlink(missing_ok=True)
    stalls = [r["longest_stall_ms"] for r in reports]
    took = [r["export_ms"] for r in reports]
    return [Row(
        "export a 20-year profile as JSON (Profile ▸ Export), longest UI stall",
        f"max {max(stalls):.0f} ms ({', '.join(f'{s:.0f}' for s in stalls)}); export took "
        f"{', '.join(f'{t:.0f}' for t in took)} ms for {reports[0]['records']:,} records, "
        f"{reports[0]['bytes'] / 1e6:.1f} MB",
        "≤ 50 ms", max(stalls) <= 50, {"reports": reports},
    ), *more]


if __name__ == "__main__":
    export_json(sys.argv[1], sys.argv[2])
