"""Simulated computers on one data folder: each its own device id and its own repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from desktop_app.storage.profile_store import ProfileStore
from desktop_app.storage.repository import ProfileRepository

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))
D1, D2, D3 = "d-0000000000000001", "d-0000000000000002", "d-0000000000000003"


class StillClock:
    """A clock that stands still unless moved (as the tests' FakeClock does)."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Note:
    at: datetime
    text: str


def new_profile(data: Path, device: str = D1, clock: StillClock | None = None,
                name: str = "Sam") -> ProfileRepository:
    store = ProfileStore(data, device, clock or StillClock())
    return store.create(name, NOW)


def open_as(repo_or_folder: ProfileRepository | Path, device: str,
            clock: StillClock | None = None) -> ProfileRepository:
    """The same profile opened by another computer (or again by the same one)."""
    if isinstance(repo_or_folder, ProfileRepository):
        repo_or_folder.flush()  # what it saved must be on disk for another reader
    folder = repo_or_folder if isinstance(repo_or_folder, Path) else repo_or_folder.path
    return ProfileRepository.open(folder, device=device, clock=clock or StillClock())


def run_crash_driver(name: str, folder: Path, rounds: int, seed: str = "20261201") -> Any:
    """Run ``tests/storage/<name>.py`` (a fork-and-SIGKILL driver) in a fresh interpreter;
    its JSON report."""
    driver = Path(__file__).with_name(f"{name}.py")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run([sys.executable, str(driver), str(folder), str(rounds), seed],
                          capture_output=True, text=True, env=env, timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
