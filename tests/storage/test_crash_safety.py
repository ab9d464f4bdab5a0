"""SIGKILL a writer at random moments; every file must parse and match a reported state."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROUNDS = 200


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_killed_writer_never_leaves_a_torn_or_stale_file(tmp_path: Path) -> None:
    driver = Path(__file__).with_name("crash_driver.py")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = subprocess.run(
        [sys.executable, str(driver), str(tmp_path), str(ROUNDS), "20261125"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    print("crash test:", report)
    assert report["rounds"] == ROUNDS
    assert report["torn"] == 0
    assert report["lost"] == 0
    assert report["problems"] == []
    # Each round is killed only after the writer has saved at least once.
    assert report["final_documents"] >= ROUNDS
