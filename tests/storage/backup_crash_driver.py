"""Kill a process while it takes backups (rotating them) or restores one, again and again.

Run as a script (no Qt, so ``os.fork`` is safe):
``python backup_crash_driver.py DIR ROUNDS SEED`` prints one JSON line.
After each kill the profile must read whole, as one of the two states the child moves
between, and every backup that is listed must verify.
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from crash_driver import _kill_after

from desktop_app.storage import backups as store
from desktop_app.storage.profile_files import read_merged
from desktop_app.storage.profile_store import ProfileStore
from desktop_app.storage.restore import finish_restore, restore_own

DEVICE = "d-00000000000000aa"
LAPTOP = "d-00000000000000bb"
START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def setup(data: Path) -> tuple[Path, list[store.Backup], list[Any]]:
    """A profile with two states of this computer's files, a backup of each, and the
    laptop's files beside them."""
    clock = lambda: START  # noqa: E731
    profiles = ProfileStore(data, DEVICE, clock)
    repo = profiles.create("Crash", START)
    laptop = ProfileStore(data, LAPTOP, clock).open(repo.profile_id, START)
    laptop.write_version("wins", None, {"text": "the laptop's"})
    laptop.close()
    states, saved = [], []
    for n in range(2):
        for k in range(20 * (n + 1)):  # a few months of files, so a restore has work
            with repo.batch():
                repo.write_version("checkins", None, {"n": n, "k": k, "text": "x" * 200})
        repo.write_version("wins", None, {"text": f"state {n}"})
        repo.flush()
        saved.append(store.take_backup(repo.path, DEVICE, START + timedelta(days=n)))
        states.append(read_merged(repo.path))
    repo.close()
    return repo.path, saved, states


def backup_forever(folder: Path, start: int, report_fd: int) -> None:
    n = start
    while True:
        n += 1
        store.take_backup(folder, DEVICE, START + timedelta(days=n))
        store.rotate(folder, DEVICE, (START + timedelta(days=n)).date())
        os.write(report_fd, f"{n}\n".encode())


def restore_forever(folder: Path, saved: list[store.Backup], start: int, report_fd: int) -> None:
    n = start
    while True:
        restore_own(folder, DEVICE, saved[(n + 1) % 2])
        n += 1
        os.write(report_fd, f"{n}\n".encode())


def rounds(where: Path, count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    data = where / "data"
    folder, saved, states = setup(data)
    results: dict[str, Any] = {"backup_rounds": 0, "restore_rounds": 0, "restores": 0,
                               "backups": 0, "problems": []}
    current = 1
    for _ in range(count):
        reported = _kill_after(rng, 0.05, lambda fd, c=current: restore_forever(
            folder, saved, c, fd), after_first=True)
        acked = max(reported, default=current)
        finish_restore(folder, DEVICE)  # what opening the profile does first
        now = read_merged(folder)
        if now == states[acked % 2]:
            current = acked
        elif now == states[(acked + 1) % 2]:
            current = acked + 1  # killed after the swap, before the report
        else:
            results["problems"].append(f"round {results['restore_rounds']}: neither state")
            break
        if sorted(p.name for p in folder.iterdir()) != sorted([DEVICE, LAPTOP]):
            results["problems"].append(f"left over: {sorted(os.listdir(folder))}")
            break
        results["restore_rounds"] += 1
    results["restores"] = current
    day = 10
    for _ in range(count):
        reported = _kill_after(rng, 0.05, lambda fd, d=day: backup_forever(folder, d, fd),
                               after_first=True)
        day = max(reported, default=day) + 1
        results["backups"] = day
        if read_merged(folder) != states[current % 2]:
            results["problems"].append("the profile changed during a backup")
        for backup in store.list_backups(folder):
            if store.verify(backup):
                results["problems"].append(f"backup {backup.name}: {store.verify(backup)}")
        results["backup_rounds"] += 1
    return results


if __name__ == "__main__":
    where, count, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(rounds(where, count, seed)))
