"""Passphrases through the services: protect, unlock, back-off, change, remove, lock, and two
computers sharing the (synced) data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.paths import resources_dir
from desktop_app.services.privacy import (
    KeyDamagedError,
    PrivacyError,
    ProfileLockedError,
    TooSoonError,
    WrongPassphraseError,
)
from desktop_app.services.session import Session
from desktop_app.storage import keyfile
from desktop_app.storage.crypto import MAGIC
from desktop_app.storage.device import Device
from tests.conftest import TEST_DEVICE, FakeClock

OTHER = Device("d-0000000000000002", "Laptop")
SECRET = "a marker only the person knows"


pytestmark = pytest.mark.usefixtures("light_kdf")  # Argon2id at tiny costs: tests/conftest.py


class WallClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def open_session(data_dir: Path, clock: FakeClock, state: Path, device: Device = TEST_DEVICE,
                 wall: WallClock | None = None) -> Session:
    session = Session(data_dir, resources_dir(), clock, device, state_dir=state)
    session.privacy.now = wall or WallClock()
    session.profiles.refresh()
    return session


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def locked(data_dir: Path, clock: FakeClock, state: Path) -> tuple[Session, str, str]:
    """A protected profile with one setting, locked; and its recovery key."""
    session = open_session(data_dir, clock, state)
    info = session.create_profile("Sam", passphrase="first phrase")
    recovery = session.privacy.take_recovery_key()
    assert recovery is not None and session.privacy.take_recovery_key() is None
    session.require_repo().set_meta(note=SECRET)
    session.privacy.lock()
    return session, info.id, recovery


def own_files(data_dir: Path, device: Device = TEST_DEVICE) -> list[Path]:
    return sorted((data_dir / "profiles").glob(f"p-*/{device.id}/*.json"))


def test_a_protected_profile_needs_its_key(locked: tuple[Session, str, str]) -> None:
    session, pid, _ = locked
    assert session.repo is None and session.locked_profile_id == pid
    assert session.privacy.is_protected(pid)
    with pytest.raises(ProfileLockedError, match="protected by a passphrase"):
        session.open_profile(pid)
    assert session.repo is None
    session.open_profile(pid, session.privacy.unlock(pid, "first phrase"))
    assert session.require_repo().meta["note"] == SECRET
    assert session.locked_profile_id is None
    assert session.key is not None
    held = session.key.cipher.key  # the very bytes the key lives in
    assert any(held)
    session.privacy.lock()
    assert held == bytearray(32) and session.key is None and session.repo is None
    assert session.locked_profile_id == pid
    # The list still shows the name, from the key file.
    assert [p.name for p in session.profiles.refresh()] == ["Sam"]


def test_files_are_sealed_and_the_key_file_holds_no_secret(
    locked: tuple[Session, str, str], data_dir: Path
) -> None:
    names = {p.name: p.read_bytes() for p in own_files(data_dir)}
    assert set(names) == {"key.json", "profile.json"}
    assert names["profile.json"].startswith(MAGIC)
    key = json.loads(names["key.json"])
    assert key["protected"] is True and key["name"] == "Sam"
    assert key["passphrase"]["kdf"] == "argon2id" and "plain_key" not in key
    assert SECRET.encode() not in names["key.json"]


def test_the_recovery_key_opens_the_profile_in_any_case_and_spacing(
    locked: tuple[Session, str, str]
) -> None:
    session, pid, recovery = locked
    typed = recovery.lower().replace("-", " ")
    session.open_profile(pid, session.privacy.unlock(pid, typed))
    assert session.require_repo().meta["note"] == SECRET


def test_wrong_passphrases_back_off_and_the_count_survives_a_restart(
    locked: tuple[Session, str, str], data_dir: Path, clock: FakeClock, state: Path
) -> None:
    session, pid, _ = locked
    wall = session.privacy.now
    assert isinstance(wall, WallClock)
    with pytest.raises(WrongPassphraseError) as first:
        session.privacy.unlock(pid, "guess 1")
    assert first.value.wait_seconds == 0
    with pytest.raises(WrongPassphraseError) as second:
        session.privacy.unlock(pid, "guess 2")
    assert second.value.wait_seconds == 1 and "wait 1 second" in str(second.value)
    with pytest.raises(TooSoonError):  # even the right one is refused during the wait
        session.privacy.unlock(pid, "first phrase")
    wall.now += 1
    with pytest.raises(WrongPassphraseError) as third:
        session.privacy.unlock(pid, "guess 3")
    assert third.value.wait_seconds == 2
    # A restart (a new session, the same state folder) keeps the count.
    again = open_session(data_dir, clock, state, wall=wall)
    assert again.privacy.retry_wait(pid) == 2
    with pytest.raises(TooSoonError) as soon:
        again.privacy.unlock(pid, "first phrase")
    assert "wait 2 seconds" in str(soon.value)
    wall.now += 2
    again.open_profile(pid, again.privacy.unlock(pid, "first phrase"))
    assert again.privacy.retry_wait(pid) == 0  # a success resets the count
    # The count is kept on this computer, never in the synced data folder.
    assert list(state.glob("unlock-tries-*.json"))
    assert not list(data_dir.rglob("*tries*"))


def test_changing_the_passphrase_rewraps_and_never_rewrites_data(
    locked: tuple[Session, str, str], data_dir: Path
) -> None:
    session, pid, recovery = locked
    session.open_profile(pid, session.privacy.unlock(pid, "first phrase"))
    data_before = (own_files(data_dir)[1]).read_bytes()
    with pytest.raises(WrongPassphraseError):
        session.privacy.prepare_change(pid, "not it", "second phrase")
    session.privacy.now.now += 10  # type: ignore[attr-defined]
    session.privacy.change_passphrase(
        session.privacy.prepare_change(pid, "first phrase", "second phrase"))
    assert own_files(data_dir)[1].read_bytes() == data_before
    session.privacy.lock()
    with pytest.raises(WrongPassphraseError):
        session.privacy.unlock(pid, "first phrase")
    session.open_profile(pid, session.privacy.unlock(pid, "second phrase"))
    session.privacy.lock()
    session.open_profile(pid, session.privacy.unlock(pid, recovery))  # still valid
    assert session.require_repo().meta["note"] == SECRET


def test_protect_an_existing_profile_then_remove_the_passphrase(
    data_dir: Path, clock: FakeClock, state: Path
) -> None:
    session = open_session(data_dir, clock, state)
    info = session.create_profile("Kim")
    session.require_repo().set_meta(note=SECRET)
    session.require_repo().write_version("wins", None, {"text": SECRET, "day": "2026-03-02"})
    assert not session.privacy.is_protected(info.id)
    recovery = session.privacy.protect(session.privacy.prepare_protect("kim phrase"))
    assert keyfile.as_recovery_key(recovery) is not None and len(recovery) == 39
    assert session.privacy.is_protected(info.id)
    for path in own_files(data_dir):
        assert SECRET.encode() not in path.read_bytes()
    with pytest.raises(PrivacyError, match="already"):
        session.privacy.protect(session.privacy.prepare_protect("again"))
    session.privacy.lock()
    key = session.privacy.unlock(info.id, "kim phrase")
    session.open_profile(info.id, key)
    session.privacy.remove_passphrase(key)
    assert not session.privacy.is_protected(info.id)
    for path in own_files(data_dir):
        if path.name != "key.json":
            assert not path.read_bytes().startswith(MAGIC)
    session.privacy.lock()
    session.open_profile(info.id)
    assert session.require_repo().meta["note"] == SECRET


def test_an_empty_passphrase_is_refused(data_dir: Path, clock: FakeClock, state: Path) -> None:
    session = open_session(data_dir, clock, state)
    with pytest.raises(PrivacyError, match="cannot be empty"):
        session.create_profile("Sam", passphrase="   ")
    assert session.profiles.refresh() == []


def test_a_tampered_key_file_is_refused_and_left_as_it_is(
    locked: tuple[Session, str, str], data_dir: Path
) -> None:
    session, pid, _ = locked
    path = next(p for p in own_files(data_dir) if p.name == "key.json")
    doc = json.loads(path.read_bytes())
    doc["passphrase"]["memory_cost"] = -1
    path.write_text(json.dumps(doc))
    raw = path.read_bytes()
    with pytest.raises(KeyDamagedError, match="damaged"):
        session.privacy.unlock(pid, "first phrase")
    doc["passphrase"]["memory_cost"] = 64 * 1024 * 1024  # 64 GiB: refused before any work
    path.write_text(json.dumps(doc))
    with pytest.raises(KeyDamagedError, match="damaged"):
        session.privacy.unlock(pid, "first phrase")
    path.write_bytes(b"{ half a file")
    with pytest.raises(KeyDamagedError, match="cannot be read"):
        session.privacy.unlock(pid, "first phrase")
    assert path.read_bytes() == b"{ half a file" and raw  # nothing written


def test_a_rename_keeps_the_listed_name_without_the_key(
    locked: tuple[Session, str, str]
) -> None:
    session, pid, _ = locked
    session.open_profile(pid, session.privacy.unlock(pid, "first phrase"))
    session.rename_profile("Samuel")
    session.privacy.lock()
    assert [p.name for p in session.profiles.refresh()] == ["Samuel"]


# --- two computers on one synced folder ----------------------------------------------------


def test_a_change_on_one_computer_reaches_the_other(
    locked: tuple[Session, str, str], data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    desk, pid, _ = locked
    laptop = open_session(data_dir, clock, tmp_path / "laptop-state", OTHER)
    with pytest.raises(ProfileLockedError):
        laptop.open_profile(pid)
    laptop.open_profile(pid, laptop.privacy.unlock(pid, "first phrase"))
    laptop.require_repo().write_version("wins", None, {"text": SECRET, "day": "2026-03-02"})
    assert laptop.flush(5)  # the file lands on the writer's thread
    laptop_files = own_files(data_dir, OTHER)
    assert [p.name for p in laptop_files] == ["2026-03.json", "key.json"]
    assert laptop_files[0].read_bytes().startswith(MAGIC)
    laptop.privacy.lock()

    clock.advance(minutes=5)
    desk.open_profile(pid, desk.privacy.unlock(pid, "first phrase"))
    assert len(desk.require_repo().visible("wins")) == 1  # the laptop's sealed file reads
    desk.privacy.change_passphrase(desk.privacy.prepare_change(pid, "first phrase", "new one"))

    # The laptop's own key file still holds the old wrap, but only the newest opens.
    with pytest.raises(WrongPassphraseError):
        laptop.privacy.unlock(pid, "first phrase")
    laptop.privacy.now.now += 10  # type: ignore[attr-defined]
    laptop.open_profile(pid, laptop.privacy.unlock(pid, "new one"))
    mine = json.loads((data_dir / "profiles" / pid / OTHER.id / "key.json").read_bytes())
    theirs = json.loads((data_dir / "profiles" / pid / TEST_DEVICE.id / "key.json").read_bytes())
    assert mine["passphrase"] == theirs["passphrase"]  # rewritten to the newest wrap


def test_protect_and_remove_on_one_computer_reach_the_other(
    data_dir: Path, clock: FakeClock, state: Path, tmp_path: Path
) -> None:
    desk = open_session(data_dir, clock, state)
    pid = desk.create_profile("Ana").id
    laptop = open_session(data_dir, clock, tmp_path / "laptop-state", OTHER)
    laptop.open_profile(pid)
    laptop.require_repo().set_meta(note=SECRET)  # the laptop's plain profile.json
    laptop.close()
    desk.profiles.refresh()
    desk.open_profile(pid)
    desk.privacy.protect(desk.privacy.prepare_protect("ana phrase"))
    assert desk.require_repo().meta["note"] == SECRET  # plain files of others still read
    # The laptop rewrites its own files sealed when it next opens the profile.
    assert SECRET.encode() in own_files(data_dir, OTHER)[0].read_bytes()
    laptop.profiles.refresh()
    with pytest.raises(ProfileLockedError):
        laptop.open_profile(pid)
    laptop.open_profile(pid, laptop.privacy.unlock(pid, "ana phrase"))
    assert all(SECRET.encode() not in p.read_bytes() for p in own_files(data_dir, OTHER))
    key = laptop.privacy.unlock(pid, "ana phrase")
    laptop.privacy.remove_passphrase(key)
    laptop.close()
    # The desk reads its sealed files with the key the removal left, and rewrites them plain.
    desk.close()
    desk.open_profile(pid)
    assert desk.require_repo().meta["note"] == SECRET
    assert not any(p.read_bytes().startswith(MAGIC) for p in own_files(data_dir)
                   if p.name != "key.json")
