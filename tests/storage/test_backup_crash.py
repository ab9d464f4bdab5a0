"""SIGKILL backups and restores at random moments: the profile is always whole, as before
or as after, and every backup that is listed verifies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.storage.helpers import run_crash_driver

ROUNDS = 220

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


@pytest.mark.slow
def test_a_killed_backup_or_restore_leaves_the_profile_whole(tmp_path: Path) -> None:
    report = run_crash_driver("backup_crash_driver", tmp_path, ROUNDS)
    print("backup crash test:", report)
    assert report["problems"] == []
    assert report["restore_rounds"] == ROUNDS
    assert report["backup_rounds"] == ROUNDS
    assert report["restores"] > ROUNDS  # every round restored at least once
    assert report["backups"] > ROUNDS
