"""Kill a process that keeps changing a profile's passphrase; after each kill the old or the
new passphrase must open the profile, never neither.

Run as a script (no Qt, so ``os.fork`` is safe):
``python passphrase_crash_driver.py DIR ROUNDS SEED`` prints one JSON line.
The child changes p<n> to p<n+1> again and again, reporting each n+1 once it returned.
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from crash_driver import _kill_after

from desktop_app.services.privacy import PrivacyError
from desktop_app.services.session import Session
from desktop_app.storage import keyfile
from desktop_app.storage.device import Device

DEVICE = Device("d-00000000000000aa", "Crash computer")
MARK = "kept through every change"
# A light derivation (stored beside each wrap): the kill must land in every step, not
# nearly always inside Argon2.
keyfile.ARGON2 = {"time_cost": 1, "memory_cost": 256, "parallelism": 1}


def session(data: Path) -> Session:
    return Session(data, Path(), lambda: datetime.now(UTC), DEVICE, state_dir=data.parent)


def change_forever(data: Path, start: int, report_fd: int) -> None:
    s = session(data)
    profile_id = s.profiles.refresh()[0].id
    s.open_profile(profile_id, s.privacy.unlock(profile_id, f"p{start}"))
    n = start
    while True:
        s.privacy.change_passphrase(s.privacy.prepare_change(profile_id, f"p{n}", f"p{n + 1}"))
        n += 1
        os.write(report_fd, f"{n}\n".encode())


def opens_with(data: Path, secret: str) -> bool:
    s = session(data)
    profile_id = s.profiles.refresh()[0].id
    try:
        key = s.privacy.unlock(profile_id, secret)
    except PrivacyError:
        return False
    s.open_profile(profile_id, key)
    return s.require_repo().meta.get("note") == MARK


def rounds(folder: Path, count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    data = folder / "data"
    data.mkdir(parents=True)
    s = session(data)
    s.create_profile("Crash", "p0")
    s.require_repo().set_meta(note=MARK)
    s.close()
    results: dict[str, Any] = {"rounds": 0, "old": 0, "new": 0, "problems": []}
    current = 0
    for _ in range(count):
        reported = _kill_after(rng, 0.02, lambda fd, c=current: change_forever(data, c, fd),
                               after_first=True)
        acked = max(reported, default=current)
        # (Unlock resets the back-off on success; a wrong try is allowed at once here.)
        if opens_with(data, f"p{acked}"):
            results["old"] += 1
            current = acked
        elif opens_with(data, f"p{acked + 1}"):
            results["new"] += 1  # killed between the key file's replace and the report
            current = acked + 1
        else:
            results["problems"].append(f"neither p{acked} nor p{acked + 1} opens")
            break
        for tries in folder.glob("unlock-tries-*.json"):
            tries.unlink()  # the wrong try above is the driver's, not a person's
        results["rounds"] += 1
    results["changes"] = current
    return results


if __name__ == "__main__":
    where, count, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(rounds(where, count, seed)))
