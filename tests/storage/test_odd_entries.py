"""Odd entries in the profiles folder never stop the other profiles from opening."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.storage import debris as debris_module
from desktop_app.storage import reading
from desktop_app.storage.profile_store import ProfileStore, read_profile_file
from desktop_app.storage.schema import NotAProfileFileError
from tests.storage.helpers import D1, StillClock
from tests.storage.odd_entries import ODD, fingerprint

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("case", list(ODD))
def test_odd_entry_is_reported_once_and_the_others_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    odd = ODD[case]
    store = ProfileStore(tmp_path, D1, StillClock())
    store.create("Sam", NOW).close()
    entry = store.folder / "profile-odd.json"
    raw_before = None
    odd.make(entry, monkeypatch)
    if odd.moved:
        raw_before = entry.read_bytes()
    else:
        before = fingerprint(entry)

    profiles, found = store.scan(NOW)

    assert [p.name for p in profiles] == ["Sam"]
    assert store.open(profiles[0].id, NOW).name == "Sam"
    assert len(found) == 1 and found[0].original == entry
    assert odd.words in found[0].reason
    if odd.moved:
        assert found[0].copied_to is not None
        assert found[0].copied_to.read_bytes() == raw_before
        assert entry.read_bytes() == raw_before  # copied, never moved
    else:
        assert found[0].copied_to is None
        assert fingerprint(entry) == before
        assert not store.set_aside_folder.exists()
    # A rescan (after a rename or a new profile) does not report it again.
    assert store.scan(NOW)[1] == []


def test_odd_entry_cannot_be_opened_by_id(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path, D1, StillClock())
    store.ensure()
    (store.folder / "profile-dir.json").mkdir()
    with pytest.raises(NotAProfileFileError, match="a folder"):
        store.open("profile-dir", NOW)


def test_a_file_swapped_for_a_pipe_after_the_check_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kind is checked again on the opened descriptor, not only on the name.
    path = tmp_path / "p.json"
    os.mkfifo(path)
    real_stat = os.stat
    regular = os.stat_result((0o100644, 1, 1, 1, 0, 0, 10, 0, 0, 0))
    monkeypatch.setattr(
        reading.os, "stat", lambda p, *a, **k: regular if Path(p) == path else real_stat(p)
    )
    with pytest.raises(NotAProfileFileError, match="a pipe"):
        read_profile_file(path)


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b"{}" * 50)
    monkeypatch.setattr(reading, "MAX_PROFILE_BYTES", 10)
    with pytest.raises(NotAProfileFileError, match="larger"):
        read_profile_file(path)


def test_symlinked_old_profile_is_listed_and_migrated_leaving_the_target(
    tmp_path: Path,
) -> None:
    target = tmp_path / "synced" / "mine.json"
    target.parent.mkdir()
    target.write_text(json.dumps({"meta": {"1": {
        "app": "groundwork", "schema_version": 1, "profile_name": "Linked",
        "created_at": NOW.isoformat()}}, "wins": {}}))
    before = target.read_bytes()
    store = ProfileStore(tmp_path / "data", D1, StillClock())
    store.ensure()
    (store.folder / "profile-link.json").symlink_to(target)
    profiles, found = store.scan(NOW)
    assert [p.name for p in profiles] == ["Linked"] and found == []
    repo = store.open(profiles[0].id, NOW)
    assert repo.name == "Linked"
    assert target.read_bytes() == before  # the file the link named is not ours to move
    assert not os.path.lexists(store.folder / "profile-link.json")


def test_a_damaged_file_that_cannot_be_copied_is_left_and_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProfileStore(tmp_path, D1, StillClock())
    store.create("Sam", NOW).close()
    broken = store.folder / "profile-broken.json"
    broken.write_bytes(b"{not json")

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(debris_module, "atomic_write_bytes", full)
    profiles, found = store.scan(NOW)
    assert [p.name for p in profiles] == ["Sam"]
    assert len(found) == 1 and found[0].copied_to is None
    assert "could not be copied aside (No space left on device)" in found[0].reason
    assert broken.read_bytes() == b"{not json"
    assert store.scan(NOW)[1] == []
