"""Kill a writing process at random moments; report what was saved and what was found.

Run as a script (a clean process without Qt threads, so ``os.fork`` is safe):
``python crash_driver.py save|migrate DIR ROUNDS SEED`` prints one JSON line.

save: a child writes batches of 1-3 records (and now and then a profile setting) with a
clock that crosses a month every ~90 writes, so kills land across shards and batches. The
files land on the repository's writer thread, a few batches queued behind each other; a
write is reported (acknowledged) once its ticket completed.
migrate: a child migrates a format-1 profile; the kill may land at any step.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sys
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_app.storage.profile_files import read_merged
from desktop_app.storage.profile_store import ProfileStore
from desktop_app.storage.repository import ProfileRepository
from desktop_app.storage.schema import ProfileFileError
from desktop_app.storage.shards import Signature, parse_file, signature_of

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
DEVICE = "d-00000000000000aa"
IN_FLIGHT = 4  # batches queued behind the one being written
TABLES = ("checkins", "lapses", "wins")


@dataclass(frozen=True)
class Tick:
    n: int
    batch: int
    size: int
    text: str


def _read_line(fd: int) -> bytes:
    """One line from a pipe, unbuffered, so the rest stays for the final read."""
    line = b""
    while not line.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte:  # the child died before reporting anything
            break
        line += byte
    return line


def _kill_after(
    rng: random.Random, most: float, child: Any, *, after_first: bool = False
) -> list[int]:
    """Run ``child`` in a fork and SIGKILL it within ``most`` seconds.

    With ``after_first`` the delay starts at the child's first report: on a busy machine a
    fixed delay may end a round before it has done anything at all.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        try:
            child(write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    first = _read_line(read_fd) if after_first else b""
    time.sleep(rng.uniform(0.0, most))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with os.fdopen(read_fd, "rb") as pipe:
        return [int(x) for x in (first + pipe.read()).split()]


# --- saves -------------------------------------------------------------------------------
def write_forever(folder: Path, start: int, seed: int, report_fd: int) -> None:
    n = start
    rng = random.Random(seed)

    def clock() -> datetime:
        return NOW + timedelta(hours=8 * n)

    repo = ProfileRepository.open(folder, device=DEVICE, clock=clock)
    batch = 0
    # Batches queue on the writer thread while the next ones are made; a write counts as
    # acknowledged (reported) only once its ticket completed, i.e. it is on disk.
    in_flight: deque[tuple[Future[Any], int]] = deque()
    while True:
        batch = n + 1
        size = rng.randint(1, 3)
        with repo.batch():
            for k in range(size):
                n += 1
                repo.collection(TABLES[k], Tick).add(Tick(n, batch, size, "a diary line " * 6))
            if size == 3:
                repo.set_meta(last_batch=batch)
        in_flight.append((repo.ticket(), n))
        while in_flight and (in_flight[0][0].done() or len(in_flight) > IN_FLIGHT):
            ticket, last = in_flight.popleft()
            ticket.result()
            os.write(report_fd, f"{last}\n".encode())


class Checker:
    """Reads every file of the device folder (only those that changed since the last look)."""

    def __init__(self, own: Path) -> None:
        self.own = own
        self.seen: dict[Path, tuple[Signature, list[dict[str, Any]]]] = {}

    def docs(self) -> tuple[list[dict[str, Any]], list[str]]:
        torn: list[str] = []
        found: list[dict[str, Any]] = []
        for entry in os.scandir(self.own):
            if entry.name.startswith(".") or not entry.name.endswith(".json"):
                continue
            path = Path(entry.path)
            signature = signature_of(entry.stat())
            held = self.seen.get(path)
            if held is None or held[0] != signature:
                try:
                    shard = parse_file(path, path.read_bytes(), DEVICE)
                except ProfileFileError as error:
                    torn.append(f"{path.name}: {error}")
                    continue
                docs = [v.doc for t in TABLES for v in shard.versions.get(t, {}).values()]
                held = (signature, docs)
                self.seen[path] = held
            found.extend(held[1])
        return found, torn


def save_rounds(folder: Path, rounds: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    store = ProfileStore(folder, DEVICE, lambda: NOW)
    repo = store.create("Crash test", NOW)
    repo.close()  # its writer thread ends: the children are forked from a one-thread process
    profile = repo.path
    checker = Checker(repo.own)
    results: dict[str, Any] = {"rounds": 0, "writes_reported": 0, "one_ahead": 0, "torn": 0,
                               "lost": 0, "half_batches": 0, "problems": []}
    count = 0
    for round_no in range(rounds):
        reported = _kill_after(
            rng, 0.03, lambda fd, c=count, r=round_no: write_forever(profile, c, r, fd),
            after_first=True)
        last = reported[-1] if reported else None
        docs, torn = checker.docs()
        if torn:
            results["torn"] += len(torn)
            results["problems"] += [f"round {round_no}: {t}" for t in torn]
            break
        numbers = sorted(d["n"] for d in docs)
        count = numbers[-1] if numbers else 0
        if numbers != list(range(1, count + 1)):
            results["problems"].append(f"round {round_no}: counters not contiguous")
        if last is not None and count < last:
            results["lost"] += 1
            results["problems"].append(f"round {round_no}: reported {last}, found {count}")
        if last is not None and count > last:
            results["one_ahead"] += 1  # killed between os.replace and the report of its ticket
        batches: dict[int, list[int]] = {}
        for doc in docs:
            batches.setdefault(doc["batch"], []).append(doc["size"])
        if any(len(sizes) != sizes[0] for sizes in batches.values()):
            results["half_batches"] += 1
            results["problems"].append(f"round {round_no}: a batch landed in part")
        results["writes_reported"] = max(results["writes_reported"], count)
        results["rounds"] += 1
    results["shards"] = len([p for p in repo.own.glob("*.json") if p.name != "profile.json"])
    results["final_documents"] = count
    return results


# --- migration ---------------------------------------------------------------------------
def v1_bytes(records: int) -> bytes:
    tables: dict[str, Any] = {"meta": {"1": {
        "app": "groundwork", "schema_version": 1, "profile_name": "Old",
        "created_at": "2024-01-02T10:00:00+01:00", "checkin_settings": {"cadence": "daily"}}}}
    for k, table in enumerate(TABLES):
        tables[table] = {str(i): {"n": i, "batch": i, "size": 1, "text": f"{table} {i}"}
                         for i in range(1, records + 1) if i % 3 == k}
    return json.dumps(tables, separators=(",", ":")).encode()


def migrate_rounds(folder: Path, rounds: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    raw = v1_bytes(240)
    results: dict[str, Any] = {"rounds": 0, "old_whole": 0, "new_whole": 0, "both": 0,
                               "problems": []}
    for round_no in range(rounds):
        data = folder / f"r{round_no}"
        (data / "profiles").mkdir(parents=True)
        old = data / "profiles" / "profile-0a1b2c3d.json"
        old.write_bytes(raw)

        def child(_fd: int, data: Path = data) -> None:
            store = ProfileStore(data, DEVICE, lambda: NOW)
            store.scan(NOW)
            store.open("profile-0a1b2c3d", NOW)
            os._exit(0)

        _kill_after(rng, 0.06, child)
        problems = _check_migration(data, old, raw, results)
        results["problems"] += [f"round {round_no}: {p}" for p in problems]
        results["rounds"] += 1
        shutil.rmtree(data)
    return results


def _check_migration(data: Path, old: Path, raw: bytes, results: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    folders = [p for p in (data / "profiles").glob("p-*") if p.is_dir()]
    complete = bool(folders) and _complete(folders[0])
    if folders and not complete:
        problems.append("a profile folder that is not whole")
    if old.exists():
        if old.read_bytes() != raw:
            problems.append("the old file changed")
        results["old_whole"] += 1
        results["both"] += int(complete)
    elif complete:
        results["new_whole"] += 1
    else:
        problems.append("neither the old profile nor the new one")
    # The next start finishes or restarts the job.
    store = ProfileStore(data, DEVICE, lambda: NOW)
    profiles, _aside = store.scan(NOW)
    if len(profiles) != 1:
        return [*problems, f"the next start lists {len(profiles)} profiles"]
    repo = store.open(profiles[0].id, NOW)
    if not _complete(repo.path) or old.exists():
        problems.append("the next start did not finish the migration")
    backups = list((data / "profiles" / "backups").glob("*.json"))
    if [b.read_bytes() for b in backups] != [raw]:
        problems.append("the backup is not the old file, byte for byte")
    leftovers = [p.name for p in (data / "profiles").iterdir() if p.name.startswith(".")]
    if leftovers:
        problems.append(f"left behind: {leftovers}")
    return problems


def _complete(folder: Path) -> bool:
    merged = read_merged(folder)
    numbers = sorted(f["n"] for t in TABLES for f in merged.get(t, {}).values())
    name = merged.get("profile", {}).get("profile_name", {}).get("value")
    return numbers == list(range(1, 241)) and name == "Old"


if __name__ == "__main__":
    mode, where, count, seed_text = sys.argv[1:5]
    run = save_rounds if mode == "save" else migrate_rounds
    print(json.dumps(run(Path(where), int(count), int(seed_text))))
