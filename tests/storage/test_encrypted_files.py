"""The encrypted file format: round trip, and every damage refused (never misread)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.storage.crypto import (
    HEAD,
    MAGIC,
    FileCipher,
    cipher_from_line,
    decode_raw,
    key_line,
    relative_name,
)
from desktop_app.storage.profile_files import read_merged
from desktop_app.storage.profile_store import ProfileStore
from desktop_app.storage.repository import ProfileRepository
from desktop_app.storage.schema import CorruptProfileError
from desktop_app.storage.shards import parse_file
from tests.storage.helpers import D1, D2, NOW, StillClock

CIPHER = FileCipher(bytes(range(32)), b"\x01" * 8)
SHARD = Path("/data/profiles/p-00000000000000aa/d-0000000000000001/2026-05.json")
PAYLOAD = b'{"meta": {"1": {"app": "groundwork"}}, "wins": {"1": {"text": "private"}}}'
SEALED = CIPHER.seal(SHARD, PAYLOAD)


def test_a_sealed_file_opens_to_its_payload_and_shows_none_of_it() -> None:
    assert SEALED.startswith(MAGIC)
    assert b"private" not in SEALED
    assert CIPHER.open(SHARD, SEALED) == PAYLOAD
    # A fresh nonce per write: the same payload never gives the same bytes.
    assert CIPHER.seal(SHARD, PAYLOAD) != SEALED


def test_the_associated_data_is_the_path_in_the_data_folder() -> None:
    assert relative_name(SHARD) == "profiles/p-00000000000000aa/d-0000000000000001/2026-05.json"
    copy = SHARD.with_name("2026-05.sync-conflict-20260412-101010-ABCDEFG.json")
    assert relative_name(copy) == relative_name(SHARD)
    assert CIPHER.open(copy, SEALED) == PAYLOAD  # a conflict copy opens as its original
    dropbox = SHARD.with_name("2026-05 (Sam's conflicted copy 2026-04-12).json")
    assert CIPHER.open(dropbox, SEALED) == PAYLOAD


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_flipped_byte_is_refused(data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(SEALED) - 1))
    bit = data.draw(st.integers(0, 7))
    damaged = bytearray(SEALED)
    damaged[at] ^= 1 << bit
    with pytest.raises(CorruptProfileError):
        # As the reader does: a damaged magic is not taken for a sealed file, and is junk JSON.
        parse_file(SHARD, decode_raw(SHARD, bytes(damaged), CIPHER), D1)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(SEALED) - 1))
def test_any_truncation_is_refused(length: int) -> None:
    with pytest.raises(CorruptProfileError):
        parse_file(SHARD, decode_raw(SHARD, SEALED[:length], CIPHER), D1)


@pytest.mark.parametrize("elsewhere", [
    SHARD.with_name("2026-04.json"),  # another month of the same computer
    SHARD.with_name("profile.json"),
    SHARD.parent.parent / "d-0000000000000002" / "2026-05.json",  # another computer
    SHARD.parents[2] / "p-00000000000000bb" / SHARD.parent.name / "2026-05.json",  # profile
])
def test_a_file_moved_to_another_place_is_refused(elsewhere: Path) -> None:
    with pytest.raises(CorruptProfileError, match="moved here"):
        CIPHER.open(elsewhere, SEALED)


def test_another_key_is_refused_with_its_own_message() -> None:
    other = FileCipher(bytes(32), b"\x02" * 8)
    with pytest.raises(CorruptProfileError, match="another key"):
        other.open(SHARD, SEALED)
    same_id = FileCipher(bytes(32), CIPHER.key_id)  # a forged header: the tag still fails
    with pytest.raises(CorruptProfileError, match="damaged"):
        same_id.open(SHARD, SEALED)


def test_the_key_line_for_a_child_process_carries_the_key_and_nothing_else() -> None:
    line = key_line(CIPHER)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    again = cipher_from_line(line)
    assert again.key_id == CIPHER.key_id and again.open(SHARD, SEALED) == PAYLOAD
    for bad in (b"", b"groundwork-data-key zz\n", line.replace(b"data-key", b"other"),
                line[:-20] + b"\n"):
        with pytest.raises(ValueError):
            cipher_from_line(bad)


def test_a_wiped_key_seals_nothing() -> None:
    cipher = FileCipher(bytes(range(32)), b"\x01" * 8)
    held = cipher.key
    cipher.wipe()
    assert held == bytearray(32)
    with pytest.raises(ValueError):
        cipher.seal(SHARD, PAYLOAD)


# --- through the repository -------------------------------------------------------------


def encrypted_profile(data: Path, device: str = D1) -> ProfileRepository:
    store = ProfileStore(data, device, StillClock())
    repo = store.create("Sam", NOW, cipher=CIPHER)
    repo.set_meta(note="private words")
    repo.write_version("wins", None, {"text": "private win", "day": "2026-05-01"})
    assert repo.flush(10)  # the files land on the writer's thread
    return repo


def test_every_file_of_an_encrypted_profile_is_sealed(tmp_path: Path) -> None:
    repo = encrypted_profile(tmp_path)
    files = sorted(p for p in repo.path.rglob("*") if p.is_file())
    assert [p.name for p in files] == ["2026-05.json", "profile.json"]
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(MAGIC) and b"private" not in raw
    merged = read_merged(repo.path, CIPHER)
    assert merged["profile"]["note"]["value"] == "private words"
    again = ProfileRepository.open(repo.path, device=D1, clock=StillClock(), cipher=CIPHER)
    assert [v.doc["text"] for v in again.visible("wins")] == ["private win"]


def damage(path: Path, how: str, other: Path) -> None:
    raw = path.read_bytes()
    if how == "flip":
        path.write_bytes(raw[:HEAD + 3] + bytes([raw[HEAD + 3] ^ 0x40]) + raw[HEAD + 4:])
    elif how == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "swap":
        theirs = other.read_bytes()
        other.write_bytes(raw)
        path.write_bytes(theirs)


@pytest.mark.parametrize("how", ["flip", "truncate", "swap"])
@pytest.mark.parametrize("name", ["2026-05.json", "profile.json"])
def test_a_damaged_encrypted_file_is_set_aside_as_it_is_and_never_misread(
    tmp_path: Path, how: str, name: str
) -> None:
    repo = encrypted_profile(tmp_path)
    shard = repo.own / name
    other = "profile.json" if name != "profile.json" else "2026-05.json"
    damage(shard, how, repo.own / other)
    before = {p: p.read_bytes() for p in repo.own.iterdir()}
    again = ProfileRepository.open(repo.path, device=D1, clock=StillClock(), cipher=CIPHER)
    found = again.unreported_set_aside()
    assert shard in [f.original for f in found]
    if name == "profile.json":
        assert "note" not in again.meta  # refused, not misread
    else:
        assert again.visible("wins") == []
    for odd in found:
        assert odd.copied_to is not None
        assert odd.copied_to.read_bytes() == before[odd.original]  # byte for byte: ciphertext
        assert "damaged" in odd.reason or "cut short" in odd.reason or "moved" in odd.reason
    assert {p: p.read_bytes() for p in repo.own.iterdir()} == before  # nothing overwritten


def test_a_file_copied_into_another_computers_folder_is_refused(tmp_path: Path) -> None:
    repo = encrypted_profile(tmp_path)
    (repo.path / D2).mkdir()
    shutil.copy(repo.own / "2026-05.json", repo.path / D2 / "2026-05.json")
    again = ProfileRepository.open(repo.path, device=D1, clock=StillClock(), cipher=CIPHER)
    assert [f.original.parent.name for f in again.unreported_set_aside()] == [D2]
    assert len(again.visible("wins")) == 1


def test_an_encrypted_conflict_copy_is_merged_and_tidied_sealed(tmp_path: Path) -> None:
    repo = encrypted_profile(tmp_path)
    copy = repo.own / "2026-05.sync-conflict-20260501-101010-ABCDEFG.json"
    shutil.copy(repo.own / "2026-05.json", copy)
    repo.write_version("wins", None, {"text": "second win", "day": "2026-05-01"})
    assert repo.flush(10)
    again = ProfileRepository.open(repo.path, device=D1, clock=StillClock(), cipher=CIPHER)
    assert not copy.exists()
    assert len(again.visible("wins")) == 2
    assert (repo.own / "2026-05.json").read_bytes().startswith(MAGIC)


def test_without_the_key_an_encrypted_file_is_reported_and_not_copied(tmp_path: Path) -> None:
    repo = encrypted_profile(tmp_path)
    again = ProfileRepository.open(repo.path, device=D1, clock=StillClock(), read_only=True)
    reasons = {f.reason for f in again.unreported_set_aside()}
    assert reasons == {"the file is encrypted and the profile is locked"}
    assert not (tmp_path / "profiles" / "set-aside").exists()
