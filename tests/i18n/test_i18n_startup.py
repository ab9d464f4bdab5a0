"""Babel (36 MB of CLDR data) is imported after the first window is on screen, not before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = (REPO / "tests" / "test_startup_imports.py").read_text(encoding="utf-8").split(
    'SCRIPT = r"""', 1)[1].split('"""', 1)[0].replace(
    'HEAVY = ("matplotlib", "numpy")', 'HEAVY = ("babel",)')
MO = REPO / "resources" / "locale" / "de" / "LC_MESSAGES" / "groundwork.mo"


@pytest.mark.parametrize("language", ["en", "de"])
def test_babel_waits_for_the_first_paint(tmp_path: Path, computer: Path, language: str) -> None:
    if language != "en" and not MO.is_file():
        pytest.skip("the German catalog is not compiled (make builds it)")
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen",
           "LANGUAGE": language}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "data")], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["when_shown"] == [] and report["at_first_paint"] == []
