"""Backups through the session: taken on open and close once a day, summaries (decrypted
with the open profile's key), restore with its safety copy, set-aside copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.paths import resources_dir
from desktop_app.services.backups import BackupService
from desktop_app.services.session import Session
from desktop_app.services.set_aside import SetAsideError, SetAsideService
from desktop_app.storage import backups as store
from desktop_app.storage.debris import copy_aside
from tests.conftest import TEST_DEVICE, FakeClock

pytestmark = pytest.mark.usefixtures("light_kdf")  # Argon2id at tiny costs: tests/conftest.py


def session_for(data_dir: Path, clock: FakeClock, tmp_path: Path) -> Session:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE, state_dir=tmp_path / "st")
    session.profiles.refresh()
    return session


def win(session: Session, text: str) -> str:
    rid = session.require_repo().write_version("wins", None, {"text": text})
    session.flush()
    return rid


def test_a_backup_is_taken_on_open_and_close_at_most_once_a_day(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    session = session_for(data_dir, clock, tmp_path)
    info = session.create_profile("Sam")
    folder = session.require_repo().path
    assert store.list_backups(folder) == []  # not of a profile just made: it is empty
    win(session, "one")
    session.close()  # closing takes the day's backup
    session.open_profile(info.id)
    assert len(store.list_backups(folder)) == 1  # the same day: no second backup
    clock.advance(days=1)
    win(session, "two")
    session.close()  # closing on the next day takes that day's backup
    again = session_for(data_dir, clock, tmp_path)
    again.open_profile(info.id)
    found = BackupService(again).summaries()
    assert [(s.day, s.wins, s.computer) for s in found] == [
        (clock().date(), 2, TEST_DEVICE.name), (clock().date().replace(day=14), 1,
                                                 TEST_DEVICE.name)]


def test_a_protected_profile_is_backed_up_sealed_and_summarised_with_its_key(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    session = session_for(data_dir, clock, tmp_path)
    session.create_profile("Sam", passphrase="a long phrase")
    win(session, "a private marker")
    clock.advance(days=1)
    session._backup(session.require_repo())
    backup = store.list_backups(session.require_repo().path)[0]
    for copy in backup.path.rglob("*.json"):
        assert b"private marker" not in copy.read_bytes()
    assert BackupService(session).summaries()[0].wins == 1
    assert BackupService(session).summaries()[0].problems == ()


def test_restore_keeps_a_safety_copy_and_reopens_the_profile(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    session = session_for(data_dir, clock, tmp_path)
    session.create_profile("Sam", passphrase="a long phrase")
    win(session, "kept")
    clock.advance(days=1)
    session._backup(session.require_repo())
    clock.advance(hours=2)
    win(session, "undone by the restore")
    service = BackupService(session)
    chosen = next(s for s in service.summaries() if s.wins == 1)
    outcome = service.restore(chosen.backup)
    assert outcome.safety.safety and outcome.other_computers == 0
    repo = session.require_repo()
    assert [v.doc["text"] for v in repo.visible("wins")] == ["kept"]
    after = {s.backup.name: s.wins for s in service.summaries()}
    assert after[outcome.safety.name] == 2  # how things were just before, kept
    # A later save lands in the restored folder, and the profile is still protected.
    win(session, "after the restore")
    assert len(session.require_repo().visible("wins")) == 2
    assert session.key is not None


def set_aside_copies(session: Session) -> list[Path]:
    repo = session.require_repo()
    aside = repo.path.parent / "set-aside"
    good = repo.own / "2026-01.json"
    readable = (b'{"meta": {"1": {"app": "groundwork", "schema_version": 2}}, "wins": {"1": '
                b'{"_id": "0000000000001aaaaaaa", "_updated_at": "2026-01-01T00:00:00+00:00",'
                b' "text": "found again"}}}')
    label = f"{repo.profile_id}.{repo.device}."
    first = copy_aside(aside, good, readable, label, "half delivered")
    second = copy_aside(aside, repo.own / "2026-02.json", b'{"meta": ', label, "cut short")
    assert first is not None and second is not None
    return [p for p in (first.copied_to, second.copied_to) if p is not None]


def test_set_aside_copies_show_why_open_read_only_come_back_and_go(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    session = session_for(data_dir, clock, tmp_path)
    session.create_profile("Sam")
    set_aside_copies(session)
    service = SetAsideService(session)
    copies = {c.original.split("/")[1]: c for c in service.copies()}
    readable, broken = copies["2026-01.json"], copies["2026-02.json"]
    assert readable.readable and readable.count == 1 and "reads now" in readable.reason
    assert not broken.readable and broken.reason
    assert "found again" in service.view(readable)
    with pytest.raises(SetAsideError, match="cannot be read"):
        service.restore(broken)
    assert service.restore(readable) == 1
    assert service.restore(readable) == 0  # never twice
    session.flush()
    assert [v.doc["text"] for v in session.require_repo().visible("wins")] == ["found again"]
    service.delete(broken)
    assert not broken.path.exists() and readable.path.exists()
