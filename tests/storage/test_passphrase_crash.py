"""SIGKILL a passphrase change at random moments: the old or the new passphrase always
opens the profile (with its data), never neither."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROUNDS = 250

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


@pytest.mark.slow
def test_a_killed_passphrase_change_leaves_the_old_or_the_new_passphrase(tmp_path: Path) -> None:
    driver = Path(__file__).with_name("passphrase_crash_driver.py")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run([sys.executable, str(driver), str(tmp_path), str(ROUNDS), "20261201"],
                          capture_output=True, text=True, env=env, timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    print("passphrase crash test:", report)
    assert report["problems"] == []
    assert report["rounds"] == ROUNDS
    assert report["changes"] > ROUNDS  # every round changed the passphrase at least once
    # No temp file of a killed write is left once the profile has been opened again.
    assert not list((tmp_path / "data").rglob("*.tmp"))
