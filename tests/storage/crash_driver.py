"""Kill a writing process at random moments; report what was saved and what was found.

Run as a script (a clean process without Qt threads, so ``os.fork`` is safe):
``python crash_driver.py DIR ROUNDS SEED`` prints one JSON line.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.storage.repository import ProfileRepository
from desktop_app.storage.schema import CorruptProfileError, parse_profile_bytes

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Tick:
    n: int
    text: str


def write_forever(path: Path, report_fd: int) -> None:
    repo = ProfileRepository.open(path, now=NOW)
    ticks = repo.collection("checkins", Tick)
    n = len(ticks)
    while True:
        n += 1
        ticks.add(Tick(n, "a line of diary text " * 4))
        os.write(report_fd, f"{n}\n".encode())


def saved_counters(path: Path) -> list[int]:
    tables = parse_profile_bytes(path, path.read_bytes())
    docs = tables["checkins"]
    return [docs[k]["n"] for k in sorted(docs, key=int)]


def read_line(fd: int) -> bytes:
    """One line from a pipe, unbuffered, so the rest stays for the final read."""
    line = b""
    while not line.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte:  # the writer died before reporting anything
            break
        line += byte
    return line


def main(folder: Path, rounds: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    path = folder / "profile.json"
    ProfileRepository.create(path, "Crash test", NOW).close()
    results = {"rounds": 0, "writes_reported": 0, "one_ahead": 0, "torn": 0, "lost": 0,
               "problems": []}
    for round_no in range(rounds):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            try:
                write_forever(path, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        # Kill only once the writer has saved once, at a random moment of the saves after:
        # on a busy machine a fixed delay may end a round before it has written anything.
        first = read_line(read_fd)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_fd, "rb") as pipe:
            reported = [int(x) for x in (first + pipe.read()).split()]
        before = results["writes_reported"]
        last = reported[-1] if reported else None
        try:
            found = saved_counters(path)
        except CorruptProfileError as error:
            results["torn"] += 1
            results["problems"].append(f"round {round_no}: {error}")
            break
        count = found[-1] if found else 0
        if found != list(range(1, len(found) + 1)):
            results["problems"].append(f"round {round_no}: counters not contiguous")
        if last is not None and count < last:
            results["lost"] += 1
            results["problems"].append(f"round {round_no}: reported {last}, found {count}")
        if count > (last if last is not None else count):
            results["one_ahead"] += 1  # killed between os.replace and the report
        if last is not None and count > last + 1:
            results["problems"].append(f"round {round_no}: found {count}, reported {last}")
        results["writes_reported"] = max(before, count)
        results["rounds"] += 1
    results["final_documents"] = len(saved_counters(path))
    return results


if __name__ == "__main__":
    out = main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
    print(json.dumps(out))
