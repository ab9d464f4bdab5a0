"""Verified backups: byte-for-byte copies, rotation over 400 days, restore of each kind."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.storage import backups as store
from desktop_app.storage.backups import BackupError
from desktop_app.storage.crypto import FileCipher
from desktop_app.storage.profile_files import read_merged
from desktop_app.storage.profile_store import ProfileStore
from desktop_app.storage.restore import check_restorable, read_backup, restore_own
from tests.storage.helpers import D1, D2, NOW, StillClock, new_profile, open_as


def note(repo, text: str) -> str:  # type: ignore[no-untyped-def]
    rid = repo.write_version("wins", None, {"text": text, "at": NOW.isoformat()})
    repo.flush()
    return str(rid)


def test_a_backup_is_every_file_byte_for_byte_with_a_manifest(data_dir: Path) -> None:
    repo = new_profile(data_dir)
    note(repo, "first")
    other = open_as(repo, D2)
    note(other, "from the laptop")
    backup = store.take_backup(repo.path, D1, NOW)
    assert backup.path == data_dir / "profiles" / "backups" / repo.profile_id / D1 / "2026-05-01"
    originals = sorted(p for p in repo.path.rglob("*.json"))
    copies = store.backup_files(backup)
    assert sorted(copies.values()) == originals
    for copy, original in copies.items():
        assert copy.read_bytes() == original.read_bytes()
    assert store.verify(backup) == []
    manifest = json.loads((backup.path / "manifest.json").read_text())
    listed = {f"{p.parent.name}/{p.name}" for p in originals}
    assert {e["file"] for e in manifest["files"]} == listed
    with pytest.raises(FileExistsError):
        store.take_backup(repo.path, D1, NOW)  # once a day
    assert store.has_backup_of(repo.path, D1, NOW.date())


def test_a_damaged_backup_is_named_and_never_restored(data_dir: Path) -> None:
    repo = new_profile(data_dir)
    note(repo, "kept")
    backup = store.take_backup(repo.path, D1, NOW)
    victim = next(c for c in store.backup_files(backup) if c.name != "profile.json")
    victim.write_bytes(victim.read_bytes()[:-5])
    assert store.verify(backup) == [f"{D1}/{victim.name} is missing or changed"]
    repo.close()
    before = read_merged(repo.path)
    with pytest.raises(BackupError, match="damaged"):
        check_restorable(backup, D1, None)
    assert read_merged(repo.path) == before


def test_an_encrypted_backup_stays_sealed_and_reads_as_its_original_path(data_dir: Path) -> None:
    cipher = FileCipher.new()
    store_ = ProfileStore(data_dir, D1, StillClock())
    repo = store_.create("Sam", NOW, cipher=cipher)
    note(repo, "a private win")
    backup = store.take_backup(repo.path, D1, NOW)
    for copy in store.backup_files(backup):
        assert b"private" not in copy.read_bytes()
    records, unreadable = read_backup(backup, cipher)
    assert unreadable == []
    assert [w["text"] for w in records["wins"].values()] == ["a private win"]
    _, locked = read_backup(backup, None)
    assert locked and "locked" in locked[0]
    with pytest.raises(BackupError, match="key"):
        check_restorable(backup, D1, FileCipher.new())


def test_rotation_keeps_7_daily_4_weekly_12_monthly_over_400_days(data_dir: Path) -> None:
    repo = new_profile(data_dir)
    repo.close()
    start = date(2026, 1, 1)
    for n in range(400):
        day = start + timedelta(days=n)
        if n % 11 == 5:
            continue  # a day without Groundwork
        now = NOW.replace(year=day.year, month=day.month, day=day.day)
        store.take_backup(repo.path, D1, now)
        store.rotate(repo.path, D1, day)
        kept = sorted(b.day for b in store.list_backups(repo.path))
        taken = [start + timedelta(days=k) for k in range(n + 1) if k % 11 != 5]
        expected: set[date] = set()
        for count, bucket in ((7, lambda d: d), (4, lambda d: d.isocalendar()[:2]),
                              (12, lambda d: (d.year, d.month))):
            seen: list[object] = []
            for d in sorted(taken, reverse=True):
                if bucket(d) not in seen and len(seen) < count:
                    seen.append(bucket(d))
                    expected.add(d)
        assert kept == sorted(expected), day
        assert len(kept) <= 23
    assert kept[-7:] == sorted(taken)[-7:]
    assert len({(d.year, d.month) for d in kept}) == 12
    assert len({d.isocalendar()[:2] for d in kept}) >= 4
    assert kept[0] <= date(2026, 12, 31)  # a year back is still there


@pytest.mark.parametrize("kind", ["daily", "weekly", "monthly", "safety"])
def test_restore_from_each_kind_of_backup(data_dir: Path, kind: str) -> None:
    clock = StillClock()
    repo = new_profile(data_dir, clock=clock)
    laptop = open_as(repo, D2)
    note(laptop, "the laptop's win")
    old = note(repo, "in the backup")
    for n in range(100, 0, -1):  # a backup a day for 100 days, rotated
        day = NOW - timedelta(days=n)
        store.take_backup(repo.path, D1, day)
        store.rotate(repo.path, D1, day.date())
    if kind == "safety":
        store.take_backup(repo.path, D1, NOW, safety=True)
    kept = store.list_backups(repo.path)  # newest first
    recent = (NOW - timedelta(days=7)).date()
    backup = {"daily": kept[0], "safety": kept[0],
              "weekly": min((b for b in kept if (NOW.date() - b.day).days in range(8, 35)),
                            key=lambda b: b.day),
              "monthly": kept[-1]}[kind]
    assert backup.safety == (kind == "safety")
    assert kind in ("daily", "safety") or backup.day < recent
    clock.now = NOW + timedelta(hours=1)
    note(repo, "after the backup")
    repo.write_version("wins", old, None)  # deleted after the backup
    repo.flush()
    note(laptop, "the laptop, later")
    repo.close()
    laptop.close()
    check_restorable(backup, D1, None)
    restore_own(repo.path, D1, backup)
    texts = sorted(w["text"] for w in read_merged(repo.path)["wins"].values())
    # This computer's writes since the backup are undone; the laptop's stay.
    assert texts == ["in the backup", "the laptop's win", "the laptop, later"]
    assert not [p for p in repo.path.iterdir() if p.name.startswith(".")]


def test_a_backup_from_another_computer_without_our_files_is_refused(data_dir: Path) -> None:
    repo = new_profile(data_dir, device=D2)
    backup = store.take_backup(repo.path, D2, NOW)
    with pytest.raises(BackupError, match="nothing this computer wrote"):
        check_restorable(backup, D1, None)
