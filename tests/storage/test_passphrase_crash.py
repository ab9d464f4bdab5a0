"""SIGKILL a passphrase change at random moments: the old or the new passphrase always
opens the profile (with its data), never neither."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.storage.helpers import run_crash_driver

ROUNDS = 250

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


@pytest.mark.slow
def test_a_killed_passphrase_change_leaves_the_old_or_the_new_passphrase(tmp_path: Path) -> None:
    report = run_crash_driver("passphrase_crash_driver", tmp_path, ROUNDS)
    print("passphrase crash test:", report)
    assert report["problems"] == []
    assert report["rounds"] == ROUNDS
    assert report["changes"] > ROUNDS  # every round changed the passphrase at least once
    # No temp file of a killed write is left once the profile has been opened again.
    assert not list((tmp_path / "data").rglob("*.tmp"))
