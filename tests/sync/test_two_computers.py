"""Two computers share one profile through a folder kept in step by a simulated Syncthing.

Each computer has its own HOME and XDG folders (so its own device id, lock and window state)
and its own data folder; the app runs in a subprocess per use. Both write before and between
syncs, including at the same time; after the last sync each must show, and export, every
record from both, with no conflict copy left anywhere; a half-delivered sync (temp files,
some files missing) never stops either from opening.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.sync.computers import (
    PROFILE,
    assert_every_record_everywhere,
    two_computers,
    work_on_two_computers,
)
from tests.sync.copier import SyncFolder, deliver_partial, sync


@pytest.mark.slow
@pytest.mark.parametrize("passphrase", [None, "shared words"], ids=["plain", "encrypted"])
def test_two_computers_writing_between_syncs_end_with_every_record(
    tmp_path: Path, passphrase: str | None
) -> None:
    laptop, desktop = two_computers(tmp_path, passphrase)
    # The sync engine's index lives outside the synced folders, as Syncthing's database does.
    lap, desk = (
        SyncFolder.named(c.data, c.name, state_file=tmp_path / f"{c.name}.index.json")
        for c in (laptop, desktop)
    )
    reports = work_on_two_computers(laptop, desktop, lambda: sync(lap, desk))
    assert_every_record_everywhere((laptop, desktop), reports)
    if passphrase is not None:
        for computer in (laptop, desktop):
            files = [p for p in (computer.data / "profiles").rglob("*.json")
                     if p.parent.name.startswith("d-") and p.name != "key.json"]
            assert files and all(p.read_bytes().startswith(b"GWENC1") for p in files)
            assert all(b"lap-" not in p.read_bytes() for p in files)


def _every_other(rel: str) -> bool:
    return hashlib.sha256(rel.encode()).digest()[0] % 2 == 0


@pytest.mark.slow
def test_half_delivered_files_never_break_opening(tmp_path: Path) -> None:
    laptop, desktop = two_computers(tmp_path)
    lap, desk = (SyncFolder.named(c.data, c.name) for c in (laptop, desktop))
    first = laptop.use(PROFILE, {"do": "checkin", "tag": "lap-checkin-1", "win": "lap-win-1"})
    sync(lap, desk)
    desk_report = desktop.use(
        PROFILE,
        {"do": "assessment", "tag": "desk-assessment-1"},
        {"do": "win", "tag": "desk-win-1"},
    )
    lap_report = laptop.use(PROFILE, {"do": "win", "tag": "lap-win-2"})

    # Half a sync: every changed file is half-pulled as a Syncthing temp file, then only some
    # files arrive whole; the rest stay pending (and their temp files stay where they are).
    pending = sync(lap, desk, only=lambda rel: False).pending
    assert pending
    for rel in sorted(pending):
        for source, target in ((lap, desk), (desk, lap)):
            if (source.root / rel).is_file():
                deliver_partial(source, target, rel, keep=0.5)
    sync(lap, desk, only=_every_other)

    for computer, own in ((laptop, [first, lap_report]), (desktop, [desk_report])):
        shown = computer.use(PROFILE)  # opens, with no traceback
        assert shown["notices"] == [], f"{computer.name} complained about sync temp files"
        for ack in (ack for report in own for ack in report["acked"]):
            assert ack["tag"] in shown["seen"][ack["kind"]], f"{computer.name} lost its own"

    sync(lap, desk)
    assert_every_record_everywhere((laptop, desktop), [first, desk_report, lap_report])
