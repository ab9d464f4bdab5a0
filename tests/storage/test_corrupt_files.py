from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.storage.profile_store import ProfileStore
from desktop_app.storage.repository import ProfileRepository
from desktop_app.storage.schema import CorruptProfileError

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


def valid_bytes(tmp_path: Path) -> bytes:
    repo = ProfileRepository.create(tmp_path / "valid.json", "Sam", NOW)
    data = repo.path.read_bytes()
    repo.path.unlink()
    return data


CASES = {
    "empty": lambda good: b"",
    "whitespace": lambda good: b"  \n",
    "truncated": lambda good: good[: len(good) // 2],
    "not json": lambda good: b"Dear diary, today I...",
    "binary": lambda good: bytes(range(256)),
    "json list": lambda good: b"[1, 2, 3]",
    "foreign json": lambda good: json.dumps({"_default": {"1": {"x": 1}}}).encode(),
    "other app": lambda good: good.replace(b'"groundwork"', b'"notes-app"'),
    "no schema version": lambda good: good.replace(b'"schema_version":1', b'"schema_version":"1"'),
    "damaged table": lambda good: good.replace(b'"wins":{}', b'"wins":[]'),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_unreadable_file_is_refused_without_writing(tmp_path: Path, case: str) -> None:
    raw = CASES[case](valid_bytes(tmp_path))
    path = tmp_path / "profile.json"
    path.write_bytes(raw)
    with pytest.raises(CorruptProfileError) as caught:
        ProfileRepository.open(path, now=NOW)
    assert path.read_bytes() == raw
    assert "profile.json" in str(caught.value)


@pytest.mark.parametrize("case", sorted(CASES))
def test_scan_sets_unreadable_files_aside_untouched(tmp_path: Path, case: str) -> None:
    store = ProfileStore(tmp_path)
    good = store.create("Sam", NOW)
    raw = CASES[case](valid_bytes(tmp_path))
    broken = store.folder / "profile-broken.json"
    broken.write_bytes(raw)

    profiles, moved = store.scan(NOW)

    assert [p.name for p in profiles] == ["Sam"]
    assert profiles[0].path == good.path
    assert len(moved) == 1
    assert not broken.exists()
    assert moved[0].moved_to.read_bytes() == raw
    assert moved[0].moved_to.parent == store.set_aside_folder
    assert moved[0].reason


def test_messages_say_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    for raw, words in [
        (b"", "empty"),
        (b'{"meta": {', "damaged or cut short"),
        (b'{"a": 1}', "not a Groundwork profile"),
    ]:
        path.write_bytes(raw)
        with pytest.raises(CorruptProfileError, match=words):
            ProfileRepository.open(path, now=NOW)
