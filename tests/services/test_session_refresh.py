"""Session.refresh_from_disk: what another computer wrote reaches every listener."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.journal import Win
from desktop_app.paths import resources_dir
from desktop_app.services.session import Session
from desktop_app.storage.device import Device
from tests.conftest import TEST_DEVICE, FakeClock


def test_a_second_computer_s_win_and_rename_are_picked_up(data_dir: Path, clock: FakeClock) -> None:
    here = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    info = here.create_profile("Sam")
    told: list[int] = []
    here.subscribe(lambda: told.append(1))
    assert here.refresh_from_disk() is False and told == []

    there = Session(data_dir, resources_dir(), clock, Device("d-00000000000000ff", "Laptop"))
    there.profiles.refresh()
    there.open_profile(info.id)
    there.require_repo().collection("wins", Win).add(Win(clock(), "Walked home"))
    clock.advance(minutes=1)
    there.rename_profile("Sam B.")
    there.flush()

    assert here.refresh_from_disk() is True and told == [1]
    assert [w.item.text for w in here.require_repo().collection("wins", Win).all()] == [
        "Walked home"]
    assert here.profile is not None and here.profile.name == "Sam B."
    assert here.refresh_from_disk() is False


def test_an_old_format_profile_opens_migrated(data_dir: Path, clock: FakeClock) -> None:
    import json

    old = data_dir / "profiles" / "profile-0a1b2c3d.json"
    old.parent.mkdir()
    old.write_text(json.dumps({
        "meta": {"1": {"app": "groundwork", "schema_version": 1, "profile_name": "Sam",
                       "created_at": "2025-01-01T10:00:00+01:00"}},
        "wins": {"1": {"at": "2025-01-02T10:00:00+01:00", "text": "kept", "focus_area": None}},
    }))
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    (listed,) = session.profiles.refresh()
    info = session.open_profile(listed.id)
    assert info.id.startswith("p-") and info.name == "Sam"
    assert [p.id for p in session.profiles.profiles] == [info.id]
    assert [w.item.text for w in session.require_repo().collection("wins", Win).all()] == ["kept"]
    assert not old.exists()
