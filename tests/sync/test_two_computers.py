"""Two computers share one profile through a folder kept in step by a simulated Syncthing.

Each computer has its own HOME and XDG folders (so its own device id, lock and window state)
and its own data folder; the app runs in a subprocess per use. Both write before and between
syncs, including at the same time; after the last sync each must show, and export, every
record from both, with no conflict copy left anywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.computers import (
    PENDING_STORAGE,
    assert_every_record_everywhere,
    two_computers,
    work_on_two_computers,
)
from tests.sync.copier import SyncFolder, sync


@pytest.mark.slow
@PENDING_STORAGE
def test_two_computers_writing_between_syncs_end_with_every_record(tmp_path: Path) -> None:
    laptop, desktop = two_computers(tmp_path)
    # The sync engine's index lives outside the synced folders, as Syncthing's database does.
    lap, desk = (
        SyncFolder.named(c.data, c.name, state_file=tmp_path / f"{c.name}.index.json")
        for c in (laptop, desktop)
    )
    reports = work_on_two_computers(laptop, desktop, lambda: sync(lap, desk))
    assert_every_record_everywhere((laptop, desktop), reports)
