"""Kill a process while it reseals plain backups with a profile's new key, again and again.

Run as a script (no Qt, so ``os.fork`` is safe):
``python backup_seal_crash_driver.py DIR ROUNDS SEED`` prints one JSON line.
After each kill (and ``finish_reseal``, what the next open does) every backup must be
there, whole: the old plain one byte for byte, or the new one sealed with the key, holding
the same bytes once opened; never both, never neither, no folder of work left behind.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from crash_driver import _kill_after

from desktop_app.storage import backup_seal
from desktop_app.storage import backups as store
from desktop_app.storage.crypto import FileCipher, is_encrypted
from desktop_app.storage.profile_store import ProfileStore

DEVICE = "d-00000000000000aa"
START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
DAYS = 3


def setup(data: Path) -> tuple[Path, dict[str, dict[str, bytes]]]:
    """A plain profile with a few months of files and three plain backups; what each holds."""
    clock = lambda: START  # noqa: E731
    repo = ProfileStore(data, DEVICE, clock).create("Crash", START)
    for k in range(300):
        with repo.batch():
            repo.write_version("checkins", None, {"k": k, "text": "private words " * 40})
    repo.flush()
    held = {}
    for n in range(DAYS):
        backup = store.take_backup(repo.path, DEVICE, START + timedelta(days=n))
        held[backup.name] = contents(backup)
    repo.close()
    return repo.path, held


def contents(backup: store.Backup) -> dict[str, bytes]:
    return {f"{o.parent.name}/{o.name}": c.read_bytes()
            for c, o in store.backup_files(backup).items()}


def reseal_forever(folder: Path, cipher: FileCipher, report_fd: int) -> None:
    os.write(report_fd, b"0\n")
    resealed, _ = backup_seal.reseal_backups(folder, DEVICE, cipher)
    os.write(report_fd, f"{len(resealed)}\n".encode())
    time.sleep(60)  # the parent kills us


def check(folder: Path, cipher: FileCipher, held: dict[str, dict[str, bytes]]
          ) -> tuple[list[str], int]:
    """Problems, and how many backups are sealed."""
    problems: list[str] = []
    mine = store.own_folder(folder, DEVICE)
    names = sorted(p.name for p in mine.iterdir())
    if names != sorted(held):
        return [f"backups now: {names}"], 0
    sealed = 0
    for backup in store.list_backups(folder):
        if store.verify(backup):
            problems.append(f"{backup.name}: {store.verify(backup)}")
        now = contents(backup)
        if now == held[backup.name]:
            continue
        originals = {f"{o.parent.name}/{o.name}": o for o in store.backup_files(backup).values()}
        if sorted(now) != sorted(held[backup.name]) or not all(
                is_encrypted(raw) and cipher.open(originals[rel], raw) == held[backup.name][rel]
                for rel, raw in now.items()):
            problems.append(f"{backup.name}: neither the plain backup nor the sealed one")
        sealed += 1
    return problems, sealed


def rounds(where: Path, count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    folder, held = setup(where / "data")
    mine = store.own_folder(folder, DEVICE)
    pristine = where / "pristine"
    shutil.copytree(mine, pristine)
    cipher = FileCipher.new()
    started = time.perf_counter()
    backup_seal.reseal_backups(folder, DEVICE, cipher)  # how long a whole reseal takes
    whole = time.perf_counter() - started
    results: dict[str, Any] = {"rounds": 0, "sealed": [0] * (DAYS + 1), "problems": [],
                               "reseal_ms": round(whole * 1000, 1)}
    for n in range(count):
        shutil.rmtree(mine)
        shutil.copytree(pristine, mine)
        _kill_after(rng, whole * 1.3, lambda fd: reseal_forever(folder, cipher, fd),
                    after_first=True)
        store.finish_reseal(mine)  # what the next open does first
        problems, sealed = check(folder, cipher, held)
        results["sealed"][sealed] += 1
        if problems:
            results["problems"].append(f"round {n}: {problems}")
            break
        results["rounds"] += 1
    return results


if __name__ == "__main__":
    where, count, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(rounds(where, count, seed)))
