"""Run every benchmark at 1 and at 20 years, print a table and write bench-results.json.

Every child process gets this run's own config, state, runtime and cache folders, so nothing
touches the person's real ones. Run counts: BENCH_START_RUNS, BENCH_SAVE_RUNS,
BENCH_REDRAW_RUNS, BENCH_STALL_RUNS, BENCH_WIN_RUNS; BENCH_DIR puts the data on a chosen disk.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from tests.benchmarks.stats import Row

REPO = Path(__file__).resolve().parents[2]
RESULTS = REPO / "bench-results.json"
YEARS = (1, 20)


def isolate(root: Path) -> None:
    """Point this process and every child at folders of this run (platformdirs reads XDG_*)."""
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "XDG_CACHE_HOME"):
        folder = root / name.removeprefix("XDG_").lower()
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)  # a runtime folder must be private, or platformdirs refuses it
        os.environ[name] = str(folder)
    os.environ.pop("MPLCONFIGDIR", None)


def load() -> str:
    """The load average (1, 5, 15 minutes) and the number of CPUs, as a sentence."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def print_table(rows: list[Row]) -> None:
    widths = [max(len(r.what) for r in rows), max(len(r.measured) for r in rows),
              max(len(r.budget) for r in rows)]
    header = ("what", "measured", "budget")
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "  ok"
    print(line)
    print("-" * len(line))
    for row in rows:
        cells = (row.what, row.measured, row.budget)
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
              + ("  yes" if row.ok else "  NO"))


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="groundwork-bench-", dir=os.environ.get("BENCH_DIR")))
    loads = [load()]
    profiles: dict[str, dict[str, object]] = {}
    try:
        isolate(folder / "computer")
        # Imported only now: nothing may read the XDG folders before they are this run's.
        from tests.benchmarks import measure
        from tests.benchmarks.data import make_demo_folder, use_bench_device

        use_bench_device(Path(os.environ["XDG_CONFIG_HOME"]) / "Groundwork")
        folders: dict[int, Path] = {}
        for years in YEARS:
            data_dir = folder / f"data-{years}y"
            started = time.perf_counter()
            profile, records = make_demo_folder(data_dir, years)
            size = sum(p.stat().st_size for p in profile.rglob("*.json"))
            profiles[f"{years}y"] = {"records": records, "bytes": size}
            print(f"{years:>2}-year demo profile: {records:,} records, {size:,} bytes, "
                  f"made in {time.perf_counter() - started:.1f} s")
            folders[years] = data_dir
        print(f"load before: {loads[0]}\n")
        rows = measure.run_all(folders, folder)
        loads.append(load())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print_table(rows)
    print(f"\nload average before / after: {loads[0]} / {loads[-1]}")
    RESULTS.write_text(json.dumps({
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_before": loads[0],
        "load_after": loads[-1],
        "profiles": profiles,
        "results": [asdict(r) for r in rows],
    }, indent=2), "utf-8")
    print(f"written to {RESULTS}")
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
