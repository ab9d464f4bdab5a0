"""SIGKILL backups and restores at random moments: the profile is always whole, as before
or as after, and every backup that is listed verifies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROUNDS = 220

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


@pytest.mark.slow
def test_a_killed_backup_or_restore_leaves_the_profile_whole(tmp_path: Path) -> None:
    driver = Path(__file__).with_name("backup_crash_driver.py")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run([sys.executable, str(driver), str(tmp_path), str(ROUNDS), "20261201"],
                          capture_output=True, text=True, env=env, timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    print("backup crash test:", report)
    assert report["problems"] == []
    assert report["restore_rounds"] == ROUNDS
    assert report["backup_rounds"] == ROUNDS
    assert report["restores"] > ROUNDS  # every round restored at least once
    assert report["backups"] > ROUNDS
