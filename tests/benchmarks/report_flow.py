"""The report of a 20-year profile, from the report dialog, as a person makes it.

``python -m tests.benchmarks.report_flow DIR save OUT`` or ``… DIR preview``: Groundwork
starts on DIR; once Home shows, the report dialog opens with every day of the history
chosen; then Save as PDF… (answered OUT) or Preview…. Prints one line of JSON: the longest
UI-thread stall from the click until the PDF is written (or the last page of the preview
is shown), how long that took, and the pages.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QTimer

from tests.benchmarks.flows import SETTLE_MS, Ticks, _finish, _start, _when


def make_report(data_dir: str, action: str, out: str = "") -> None:
    from desktop_app.ui.report.dialog import open_report_dialog

    ticks = Ticks()
    held: dict[str, Any] = {}

    def open_dialog(startup: Any) -> None:
        dialog = open_report_dialog(startup.window.ctx, startup.window)
        assert dialog is not None
        first = dialog.today - timedelta(days=366 * 20)
        dialog.start.setDate(QDate(first.year, first.month, first.day))
        dialog.ask_target = lambda _period: Path(out)  # type: ignore[method-assign]
        held["dialog"] = dialog
        QTimer.singleShot(SETTLE_MS, click)

    def click() -> None:
        dialog = held["dialog"]
        ticks.start()
        held["clicked"] = time.perf_counter()
        (dialog.save_button if action == "save" else dialog.preview_button).click()
        _when(finished, done)

    def finished() -> bool:
        dialog = held["dialog"]
        if dialog.busy:
            return False
        if action == "save":
            return dialog.saved_to is not None
        return dialog.preview is not None and dialog.preview.print_button.isEnabled()

    def done() -> None:
        ticks.times.append(time.perf_counter())
        took = (time.perf_counter() - held["clicked"]) * 1000
        dialog = held["dialog"]
        if action == "save":
            info = subprocess.run(["pdfinfo", out], capture_output=True, text=True,
                                  check=False).stdout
            pages = next((int(line.split()[-1]) for line in info.splitlines()
                          if line.startswith("Pages:")), -1)
        else:
            pages = dialog.preview.count()
        _finish({"longest_stall_ms": ticks.longest_stall_ms(), "took_ms": round(took, 1),
                 "pages": pages, "status": dialog.status.text()})

    qt_app = _start(data_dir, open_dialog)
    QTimer.singleShot(300_000, lambda: _finish({"error": "never finished"}))
    qt_app.exec()


def bench_report(data_dir: Path, scratch: Path, runs: int) -> list[Any]:
    """``make bench``: the whole history's report saved as PDF, and previewed."""
    from tests.benchmarks.measure import child
    from tests.benchmarks.stats import Row

    out = scratch / "report-20y.pdf"
    rows = []
    for action, what in (("save", "save a 20-year report as PDF (Save as PDF…)"),
                         ("preview", "preview a 20-year report (Preview…)")):
        reports = [json.loads(child("report_flow", str(data_dir), action, str(out),
                                    timeout=600)) for _ in range(runs)]
        out.unlink(missing_ok=True)
        stalls = [r["longest_stall_ms"] for r in reports]
        took = [r["took_ms"] for r in reports]
        rows.append(Row(
            f"{what}, longest UI stall",
            f"max {max(stalls):.0f} ms ({', '.join(f'{s:.0f}' for s in stalls)}); took "
            f"{', '.join(f'{t / 1000:.1f}' for t in took)} s for {reports[0]['pages']} pages",
            "≤ 50 ms", max(stalls) <= 50, {"reports": reports},
        ))
    return rows


if __name__ == "__main__":
    make_report(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
