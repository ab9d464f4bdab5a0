"""SIGKILL a writer at random moments: every file must parse and hold every reported write;
SIGKILL a migration at random moments: the old profile or the new one is always whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SAVE_ROUNDS = 1000
MIGRATION_ROUNDS = 200

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def run_driver(tmp_path: Path, mode: str, rounds: int) -> dict[str, Any]:
    driver = Path(__file__).with_name("crash_driver.py")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run(
        [sys.executable, str(driver), mode, str(tmp_path), str(rounds), "20261201"],
        capture_output=True, text=True, env=env, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    print(f"crash test ({mode}):", {k: v for k, v in report.items() if k != "problems"})
    return report


@pytest.mark.slow
def test_killed_writer_never_leaves_a_torn_file_or_half_a_batch(tmp_path: Path) -> None:
    report = run_driver(tmp_path, "save", SAVE_ROUNDS)
    assert report["problems"] == []
    assert report["rounds"] == SAVE_ROUNDS
    assert report["torn"] == report["lost"] == report["half_batches"] == 0
    # Each round is killed only after the writer has saved at least once.
    assert report["final_documents"] >= SAVE_ROUNDS
    assert report["shards"] > 3  # kills landed across several month files


@pytest.mark.slow
def test_killed_migration_leaves_the_old_or_the_new_profile_whole(tmp_path: Path) -> None:
    report = run_driver(tmp_path, "migrate", MIGRATION_ROUNDS)
    assert report["problems"] == []
    assert report["rounds"] == MIGRATION_ROUNDS
    # The kills landed before, during and after the switch.
    assert report["old_whole"] > 0 and report["new_whole"] > 0
