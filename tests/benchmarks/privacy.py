"""Encrypted profiles: the key derivation per guess, and a save at 20 years vs at 1 year.

Run alone with ``python -m tests.benchmarks.privacy``; ``make bench`` runs it with the rest.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.benchmarks.stats import median_ms, p95_ms

DERIVE_RUNS = 5
SAVE_RUNS = 30


def derivation() -> dict[str, Any]:
    """Seconds per passphrase guess with the parameters new wraps get."""
    from desktop_app.storage import keyfile
    from desktop_app.storage.crypto import FileCipher

    wrap = keyfile.make_wrap(FileCipher.new(), "bench", "passphrase")
    times = []
    for n in range(DERIVE_RUNS):
        started = time.perf_counter()
        keyfile._derive(wrap, f"guess {n}", Path(keyfile.KEY_FILE))
        times.append(time.perf_counter() - started)
    return {"params": dict(keyfile.ARGON2), "derive_ms": [t * 1000 for t in times],
            "median_ms": median_ms(times)}


def encrypted_save(years: int, folder: Path) -> list[float]:
    """Seconds per saved check-in in an encrypted demo profile of ``years`` of history."""
    from desktop_app.domain.journal import CheckIn
    from desktop_app.paths import resources_dir
    from desktop_app.services.demo import open_demo_profile
    from desktop_app.services.session import Session
    from desktop_app.storage import keyfile
    from tests.benchmarks.data import BENCH_DEVICE

    saved = keyfile.ARGON2
    keyfile.ARGON2 = {"time_cost": 1, "memory_cost": 64, "parallelism": 1}  # not measured here
    try:
        session = Session(folder, resources_dir(), lambda: datetime.now(UTC), BENCH_DEVICE,
                          state_dir=folder.parent / f"state-{years}")
        open_demo_profile(session, years=years)
        session.privacy.protect(session.privacy.prepare_protect("bench words"))
    finally:
        keyfile.ARGON2 = saved
    checkins = session.require_repo().collection("checkins", CheckIn)
    answers = {"practices": True, "thoughts": 4, "words": 3, "body": 4, "distress": 2}
    now = datetime.now(UTC)
    times = []
    for index in range(SAVE_RUNS):
        checkin = CheckIn(now + timedelta(minutes=index), "check-in", 1, answers, ())
        started = time.perf_counter()
        checkins.add(checkin)
        times.append(time.perf_counter() - started)
        session.flush(10)  # untimed: the file lands on the writer thread
    session.close()
    return times


def measure() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="groundwork-bench-privacy-") as raw:
        root = Path(raw)
        (root / "one").mkdir()
        (root / "twenty").mkdir()
        one = encrypted_save(1, root / "one")
        twenty = encrypted_save(20, root / "twenty")
    return {
        "derive": derivation(),
        "save_1y_ms": [t * 1000 for t in one],
        "save_20y_ms": [t * 1000 for t in twenty],
        "ratio": p95_ms(twenty) / p95_ms(one),
        "p95_1y_ms": p95_ms(one),
        "p95_20y_ms": p95_ms(twenty),
    }


if __name__ == "__main__":
    found = measure()
    print(f"key derivation per guess: median {found['derive']['median_ms']:.0f} ms "
          f"({found['derive']['params']})")
    print(f"encrypted save, 20 years vs 1 year: {found['ratio']:.2f}× "
          f"(p95 at 20 years {found['p95_20y_ms']:.1f} ms)")
