"""The storage codec against the hand-written one it replaced, on a five-year profile.

``python -m tests.benchmarks.codec [RUNS]`` prints the medians (ms) of RUNS runs (default 9):
reading every check-in, writing every record, and the whole file (every record written,
then the file's bytes, as ``encode_tables`` makes them).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.domain.journal import CheckIn, FocusPeriod, Slip, Win
from desktop_app.domain.results import AssessmentResult
from desktop_app.storage import codec, plain_codec
from desktop_app.storage.tinydb_storage import encode_tables
from tests.benchmarks.data import make_five_year_profile
from tests.benchmarks.stats import median_ms

KINDS: dict[str, type] = {
    "assessments": AssessmentResult,
    "focus": FocusPeriod,
    "checkins": CheckIn,
    "lapses": Slip,
    "wins": Win,
}


def timed(work: Callable[[], object], runs: int) -> float:
    samples: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return median_ms(samples)


def measure(runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path, _count = make_five_year_profile(Path(folder))
        tables = json.loads(path.read_bytes())
    checkins = list(tables["checkins"].values())
    records = {
        table: [plain_codec.from_json(cls, doc) for doc in tables[table].values()]
        for table, cls in KINDS.items()
    }
    assert [codec.from_json(CheckIn, d) for d in checkins] == records["checkins"]

    def write_file(to_json: Callable[[Any], Any]) -> bytes:
        written = {
            table: {str(i): to_json(r) for i, r in enumerate(rows, 1)}
            for table, rows in records.items()
        }
        return encode_tables({"meta": tables["meta"], **written})

    assert write_file(codec.to_json) == write_file(plain_codec.to_json)
    count = sum(map(len, records.values()))
    figures: dict[str, Any] = {"checkins": len(checkins), "records": count}
    for name, module in (("plain", plain_codec), ("msgspec", codec)):
        figures[name] = {
            "decode checkins": timed(
                lambda m=module: [m.from_json(CheckIn, d) for d in checkins], runs
            ),
            "encode records": timed(
                lambda m=module: [m.to_json(r) for rows in records.values() for r in rows], runs
            ),
            "encode whole file": timed(lambda m=module: write_file(m.to_json), runs),
        }
    return figures


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    figures = measure(runs)
    print(f"{figures['checkins']} check-ins, {figures['records']} records, median of {runs} runs")
    for what in figures["plain"]:
        old, new = figures["plain"][what], figures["msgspec"][what]
        print(f"{what:>18}: plain {old:7.1f} ms   msgspec {new:7.1f} ms   {old / new:4.1f}x")


if __name__ == "__main__":
    main()
