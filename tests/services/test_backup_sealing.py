"""Protect seals what this computer kept of the profile in plain text (its backups, set-aside
copies, pre-migration backups); another computer seals its own when it next unlocks; Remove
passphrase leaves sealed backups readable and restorable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.paths import resources_dir
from desktop_app.services.backups import BackupService
from desktop_app.services.session import Session
from desktop_app.services.set_aside import SetAsideService
from desktop_app.storage import backup_seal
from desktop_app.storage import backups as store
from desktop_app.storage.crypto import MAGIC, is_encrypted
from desktop_app.storage.debris import copy_aside
from desktop_app.storage.device import Device
from tests.conftest import TEST_DEVICE, FakeClock

OTHER = Device("d-0000000000000002", "Laptop")
SECRET = "words only I should read"
PHRASE = "river stones"


pytestmark = pytest.mark.usefixtures("light_kdf")  # Argon2id at tiny costs: tests/conftest.py


def session_for(data_dir: Path, clock: FakeClock, tmp_path: Path,
                device: Device = TEST_DEVICE) -> Session:
    session = Session(data_dir, resources_dir(), clock, device,
                      state_dir=tmp_path / f"st-{device.id}")
    session.profiles.refresh()
    return session


def win(session: Session, text: str) -> None:
    session.require_repo().write_version("wins", None, {"text": text})
    assert session.flush(5)


def plain_hits(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and SECRET.encode() in
                  p.read_bytes())


def days_of_backups(session: Session, clock: FakeClock, days: int) -> str:
    """A plain profile with a backup on each of ``days`` days; its id."""
    info = session.create_profile("Sam")
    for n in range(days):
        win(session, f"{SECRET} {n}")
        session.close()
        clock.advance(days=1)
        session.open_profile(info.id)
    return info.id


def test_protect_seals_every_plain_backup_and_they_still_read_and_restore(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    session = session_for(data_dir, clock, tmp_path)
    days_of_backups(session, clock, 3)
    repo = session.require_repo()
    before = [(s.day, s.wins) for s in BackupService(session).summaries()]
    assert len(before) == 4 and plain_hits(data_dir)
    session.privacy.protect(session.privacy.prepare_protect(PHRASE))
    assert plain_hits(data_dir) == []
    found = store.list_backups(repo.path)
    assert len(found) == 4
    for backup in found:
        assert store.verify(backup) == []
        copies = store.backup_files(backup)
        assert all(is_encrypted(c.read_bytes()) for c in copies if c.name != "key.json")
        assert json.loads((backup.path / "manifest.json").read_bytes())["sealed"] is True
    summaries = BackupService(session).summaries()
    assert [(s.day, s.wins) for s in summaries] == before
    assert all(s.problems == () for s in summaries)
    assert sorted(p.name for p in store.own_folder(repo.path, TEST_DEVICE.id).iterdir()) == \
        sorted(b.name for b in found)  # no folder of work left behind
    # The oldest backup (one win) restores, with the passphrase in use now.
    outcome = BackupService(session).restore(summaries[-1].backup)
    assert outcome.files >= 1
    assert len(session.require_repo().visible("wins")) == 1
    assert plain_hits(data_dir) == []  # the copy made before the restore is sealed too


def test_set_aside_copies_are_sealed_and_still_explained(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    session = session_for(data_dir, clock, tmp_path)
    session.create_profile("Sam")
    repo = session.require_repo()
    original = repo.own / "2026-01.json"
    raw = json.dumps({"_default": {"1": {"text": SECRET}}}).encode()[:-3]  # cut short
    copied = copy_aside(repo.path.parent / "set-aside", original, raw,
                        f"{repo.profile_id}.{repo.device}.", "cut short")
    assert copied is not None and copied.copied_to is not None
    session.privacy.protect(session.privacy.prepare_protect(PHRASE))
    assert copied.copied_to.read_bytes().startswith(MAGIC)
    assert plain_hits(data_dir) == []
    [listed] = SetAsideService(session).copies()
    assert listed.path == copied.copied_to and not listed.readable
    assert "encrypted" not in listed.reason  # it opened with the key; the JSON is what fails


def test_a_pre_migration_backup_is_sealed(data_dir: Path, clock: FakeClock,
                                          tmp_path: Path) -> None:
    profiles = data_dir / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    old = {"meta": {"1": {"app": "groundwork", "schema_version": 1, "profile_name": "Old",
                          "created_at": "2025-01-02T10:00:00+01:00"}},
           "wins": {"1": {"text": SECRET, "logged_at": "2025-01-02T10:00:00+01:00"}}}
    (profiles / "profile-0123abcd.json").write_text(json.dumps(old))
    session = session_for(data_dir, clock, tmp_path)
    [info] = session.profiles.profiles
    session.open_profile(info.id)
    assert (profiles / "backups" / "profile-0123abcd.v1.json").is_file()
    session.privacy.protect(session.privacy.prepare_protect(PHRASE))
    assert plain_hits(data_dir) == []
    assert (profiles / "backups" / "profile-0123abcd.v1.json").read_bytes().startswith(MAGIC)


def test_another_computer_seals_its_own_backups_when_it_next_unlocks(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    laptop = session_for(data_dir, clock, tmp_path, OTHER)
    pid = days_of_backups(laptop, clock, 2)
    laptop.close()
    desk = session_for(data_dir, clock, tmp_path)
    desk.open_profile(pid)
    desk.privacy.protect(desk.privacy.prepare_protect(PHRASE))
    folder = desk.require_repo().path
    theirs = store.own_folder(folder, OTHER.id)
    assert plain_hits(theirs)  # never another computer's files
    desk.close()
    laptop = session_for(data_dir, clock, tmp_path, OTHER)
    laptop.open_profile(pid, laptop.privacy.unlock(pid, PHRASE))
    assert plain_hits(data_dir) == []
    assert all(store.verify(b) == [] for b in store.list_backups(folder))


def test_a_damaged_plain_backup_is_deleted_not_left_plain(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    session = session_for(data_dir, clock, tmp_path)
    days_of_backups(session, clock, 2)
    folder = session.require_repo().path
    assert len(store.list_backups(folder)) == 3
    damaged = store.list_backups(folder)[-1]
    copy = next(c for c in store.backup_files(damaged) if c.name != "key.json")
    copy.write_bytes(copy.read_bytes() + b" ")  # no longer what its manifest says
    session.privacy.protect(session.privacy.prepare_protect(PHRASE))
    assert plain_hits(data_dir) == []
    assert damaged.name not in [b.name for b in store.list_backups(folder)]
    assert len(store.list_backups(folder)) == 2


def test_remove_passphrase_keeps_sealed_backups_readable_and_protect_again_reseals_them(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    session = session_for(data_dir, clock, tmp_path)
    info = session.create_profile("Sam", passphrase=PHRASE)
    win(session, SECRET)
    session.close()
    clock.advance(days=1)
    session.open_profile(info.id, session.privacy.unlock(info.id, PHRASE))
    folder = session.require_repo().path
    sealed = store.list_backups(folder)  # on close, and on the next day's open
    assert len(sealed) == 2
    assert session.key is not None
    session.privacy.remove_passphrase(session.key)
    # Still sealed with the profile's key, which the key file now holds in the clear: the
    # backup reads and restores as before.
    assert [s.wins for s in BackupService(session).summaries()] == [1, 1]
    # Protect again (a new data key): the backup is sealed with the new one, the old key
    # in the clear no longer opens anything.
    session.privacy.protect(session.privacy.prepare_protect("new words"))
    key_id = session.require_repo().cipher.key_id  # type: ignore[union-attr]
    again = store.list_backups(folder)
    assert [b.name for b in again] == [b.name for b in sealed]
    for backup in again:
        for copy in store.backup_files(backup):
            raw = copy.read_bytes()
            if copy.name != "key.json":
                assert raw[len(MAGIC):len(MAGIC) + 8] == key_id
            else:
                assert json.loads(raw)["protected"] is True  # no data key in the clear
        assert not backup_seal.is_plain(backup, session.require_repo().cipher)  # type: ignore[arg-type]
    assert [s.wins for s in BackupService(session).summaries()] == [1, 1]


def test_a_backup_holding_a_data_key_in_the_clear_loses_it_when_sealed(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    session = session_for(data_dir, clock, tmp_path)
    info = session.create_profile("Sam", passphrase=PHRASE)
    win(session, SECRET)
    assert session.key is not None
    session.privacy.remove_passphrase(session.key)  # the key file: the data key in the clear
    session.close()  # the day's backup holds that key file
    folder = data_dir / "profiles" / info.id
    [backup] = store.list_backups(folder)
    keys = [c for c in store.backup_files(backup) if c.name == "key.json"]
    assert keys and "plain_key" in keys[0].read_text()
    clock.advance(days=1)
    session.open_profile(info.id)
    session.privacy.protect(session.privacy.prepare_protect("new words"))
    [backup] = [b for b in store.list_backups(folder) if b.name == backup.name]
    assert all("plain_key" not in c.read_text() for c in store.backup_files(backup)
               if c.name == "key.json")
    assert store.verify(backup) == [] and plain_hits(data_dir) == []
    by_day = {s.day: s for s in BackupService(session).summaries()}
    assert by_day[backup.day].wins == 1 and by_day[backup.day].problems == ()
