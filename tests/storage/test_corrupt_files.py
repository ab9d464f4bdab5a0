"""Unreadable files: never a reason not to open the rest; copied aside once, never moved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.storage.profile_store import ProfileStore
from desktop_app.storage.schema import CorruptProfileError
from desktop_app.storage.shards import parse_file
from tests.storage.helpers import D1, D2, NOW, Note, StillClock, new_profile, open_as

V1_GOOD = json.dumps({
    "meta": {"1": {"app": "groundwork", "schema_version": 1, "profile_name": "Old",
                   "created_at": "2025-01-01T10:00:00+01:00"}},
    "wins": {},
}, separators=(",", ":")).encode()

CASES = {
    "empty": lambda good: b"",
    "whitespace": lambda good: b"  \n",
    "truncated": lambda good: good[: len(good) // 2],
    "not json": lambda good: b"Dear diary, today I...",
    "binary": lambda good: bytes(range(256)),
    "json list": lambda good: b"[1, 2, 3]",
    "foreign json": lambda good: json.dumps({"_default": {"1": {"x": 1}}}).encode(),
    "other app": lambda good: good.replace(b'"groundwork"', b'"notes-app"'),
    "no schema version": lambda good: good.replace(b'"schema_version":', b'"version":'),
    "damaged table": lambda good: good.replace(b'"wins":{', b'"wins":[{').replace(
        b"}}}", b"}}]}") if b'"wins":{}' not in good else good.replace(b'"wins":{}', b'"wins":[]'),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_damaged_file_of_another_computer_is_copied_aside_once(
    tmp_path: Path, case: str
) -> None:
    mine = new_profile(tmp_path)
    mine.collection("wins", Note).add(Note(NOW, "mine"))
    theirs = open_as(mine, D2)
    theirs.collection("wins", Note).add(Note(NOW, "theirs"))
    theirs.flush()
    path = theirs.own / "2026-05.json"
    raw = CASES[case](path.read_bytes())
    path.write_bytes(raw)

    reopened = open_as(mine, D1)
    assert [s.item.text for s in reopened.collection("wins", Note).all()] == ["mine"]
    [found] = reopened.unreported_set_aside()
    assert found.original == path and found.reason
    if raw:
        assert found.copied_to is not None and found.copied_to.read_bytes() == raw
    assert path.read_bytes() == raw  # left where it is: the sync engine may complete it
    assert reopened.unreported_set_aside() == []
    assert reopened.refresh_from_disk() is False  # unchanged: not read or reported again
    # Once the file is whole again, it is read.
    theirs.collection("wins", Note).add(Note(NOW, "theirs, again"))
    theirs.flush()
    assert reopened.refresh_from_disk() is True
    assert sorted(s.item.text for s in reopened.collection("wins", Note).all()) == [
        "mine", "theirs", "theirs, again"]
    # A later start does not copy or report the same bytes again.
    path.write_bytes(raw)
    again = open_as(mine, D1)
    assert len(again.unreported_set_aside()) in (0, 1)
    aside = tmp_path / "profiles" / "set-aside"
    assert len(list(aside.iterdir()) if aside.exists() else []) <= 2


@pytest.mark.parametrize("case", sorted(CASES))
def test_scan_copies_unreadable_old_files_aside_untouched(tmp_path: Path, case: str) -> None:
    store = ProfileStore(tmp_path, D1, StillClock())
    good = store.create("Sam", NOW)
    raw = CASES[case](V1_GOOD)
    broken = store.folder / "profile-broken.json"
    broken.write_bytes(raw)

    profiles, found = store.scan(NOW)

    assert [p.name for p in profiles] == ["Sam"]
    assert profiles[0].path == good.path
    assert len(found) == 1 and found[0].reason
    assert broken.read_bytes() == raw
    if raw.strip():
        assert found[0].copied_to is not None and found[0].copied_to.read_bytes() == raw
        assert found[0].copied_to.parent == store.set_aside_folder
    assert store.scan(NOW)[1] == []
    assert ProfileStore(tmp_path, D1, StillClock()).scan(NOW)[1] == []  # the next start


def test_messages_say_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "2026-05.json"
    for raw, words in [
        (b"", "empty"),
        (b'{"meta": {', "damaged or cut short"),
        (b'{"a": 1}', "not a Groundwork file"),
        (b'{"meta": {"1": {"app": "groundwork", "schema_version": 1}}}', "no valid schema"),
    ]:
        with pytest.raises(CorruptProfileError, match=words):
            parse_file(path, raw, D1)
