"""Every window fits a 1366×900 screen scaled by 1.5 (911×600 to Qt): nothing off-screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CASES = Path(__file__).with_name("small_screen_cases.py")
SCREEN = {"screens": [{"name": "small", "x": 0, "y": 0, "width": 1366, "height": 900,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def test_windows_fit_a_small_scaled_screen(tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": "1.5",
    }
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         str(CASES)],
        env=env, capture_output=True, text=True, cwd=Path(__file__).parents[2],
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "4 passed" in run.stdout, run.stdout[-2000:]
