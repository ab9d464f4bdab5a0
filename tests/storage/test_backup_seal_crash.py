"""SIGKILL the resealing of plain backups (after a passphrase is set) at random moments: each
backup is always whole, the old plain one or the new sealed one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.storage.helpers import run_crash_driver

ROUNDS = 200

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


@pytest.mark.slow
def test_a_killed_reseal_leaves_each_backup_plain_or_sealed(tmp_path: Path) -> None:
    report = run_crash_driver("backup_seal_crash_driver", tmp_path, ROUNDS)
    print("backup reseal crash test:", report)
    assert report["problems"] == []
    assert report["rounds"] == ROUNDS
    sealed = report["sealed"]  # rounds by how many of the three backups ended sealed
    assert sealed[0] > 0 and sealed[3] > 0 and sealed[1] + sealed[2] > 0  # kills all along
