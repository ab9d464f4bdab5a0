"""The simulated sync engine itself: each Syncthing rule it models, and convergence."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sync.copier import (
    SyncFolder,
    conflict_name,
    deliver_partial,
    is_ignored,
    short_id,
    sync,
    temp_name,
)

WHEN = datetime(2026, 3, 14, 9, 30, 5)
SECOND = 1_000_000_000
BASE_NS = 1_770_000_000 * SECOND


def write(folder: SyncFolder, rel: str, text: str, at: int) -> None:
    """Write ``text`` with the mtime ``BASE_NS + at`` seconds (so "newer" is decided here)."""
    path = folder.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, ns=(BASE_NS + at * SECOND, BASE_NS + at * SECOND))


def tree(folder: SyncFolder) -> dict[str, str]:
    """Every file on disk, Syncthing's temp files included, with its text."""
    return {
        p.relative_to(folder.root).as_posix(): p.read_text()
        for p in sorted(folder.root.rglob("*"))
        if p.is_file()
    }


Pair = tuple[SyncFolder, SyncFolder]


@pytest.fixture
def pair(tmp_path: Path) -> Pair:
    return (
        SyncFolder.named(tmp_path / "a", "laptop", conflict_clock=lambda: WHEN),
        SyncFolder.named(tmp_path / "b", "desktop", conflict_clock=lambda: WHEN),
    )


def test_short_ids_look_like_syncthings() -> None:
    assert re.fullmatch(r"[A-Z2-7]{7}", short_id("laptop"))
    assert short_id("laptop") != short_id("desktop")


def test_conflict_names_follow_syncthing() -> None:
    assert (
        conflict_name("profiles/p/2026-03.json", WHEN, "ABCDEFG")
        == "profiles/p/2026-03.sync-conflict-20260314-093005-ABCDEFG.json"
    )
    # Go's filepath.Ext: only the last suffix moves after the mark.
    mark = "sync-conflict-20260314-093005-ABCDEFG"
    assert conflict_name("a.tar.gz", WHEN, "ABCDEFG") == f"a.tar.{mark}.gz"
    assert conflict_name("README", WHEN, "ABCDEFG") == f"README.{mark}"


def test_syncthing_files_are_never_synced() -> None:
    assert is_ignored(temp_name("2026-03.json"))
    assert is_ignored("profiles/~syncthing~x.json.tmp")
    assert is_ignored(".stfolder")
    assert not is_ignored("profiles/.groundwork.tmp")  # other dot files are synced


def test_a_file_changed_on_one_side_is_copied_with_its_mtime(pair: Pair) -> None:
    a, b = pair
    write(a, "profiles/one.json", "first", at=1)
    report = sync(a, b)
    assert tree(b) == {"profiles/one.json": "first"}
    assert report.copied == [(b.device_id, "profiles/one.json")]
    assert (b.root / "profiles/one.json").stat().st_mtime_ns == BASE_NS + SECOND

    write(b, "profiles/one.json", "second", at=2)
    sync(a, b)
    assert tree(a) == tree(b) == {"profiles/one.json": "second"}
    assert not sync(a, b).changed  # nothing left to do: the index remembers what was seen


def test_a_file_changed_on_both_sides_keeps_the_newer_and_a_conflict_copy(pair: Pair) -> None:
    a, b = pair
    write(a, "p.json", "base", at=1)
    sync(a, b)
    write(a, "p.json", "from a, older", at=5)
    write(b, "p.json", "from b, newer", at=9)
    report = sync(a, b)
    # Named with the id of the device whose change won, as Syncthing 1.19 does.
    copy = f"p.sync-conflict-20260314-093005-{b.device_id}.json"
    assert tree(a) == tree(b) == {"p.json": "from b, newer", copy: "from a, older"}
    assert report.conflicts == [(a.device_id, copy)]
    # The conflict copy keeps the losing file's own mtime (a rename), on both sides.
    assert (b.root / copy).stat().st_mtime_ns == BASE_NS + 5 * SECOND


def test_on_an_mtime_tie_the_higher_device_id_wins(pair: Pair) -> None:
    a, b = pair
    write(a, "p.json", "base", at=1)
    sync(a, b)
    write(a, "p.json", "from a", at=5)
    write(b, "p.json", "from b", at=5)
    sync(a, b)
    winner, loser = (a, b) if a.device_id > b.device_id else (b, a)
    assert (a.root / "p.json").read_text() == f"from {'a' if winner is a else 'b'}"
    copies = [name for name in tree(a) if ".sync-conflict-" in name]
    assert [tree(a)[name] for name in copies] == [f"from {'b' if winner is a else 'a'}"]
    assert winner.device_id in copies[0]
    assert loser.device_id not in copies[0]


def test_the_same_change_on_both_sides_is_no_conflict(pair: Pair) -> None:
    a, b = pair
    write(a, "p.json", "base", at=1)
    sync(a, b)
    write(a, "p.json", "same", at=5)
    write(b, "p.json", "same", at=6)
    report = sync(a, b)
    assert report.conflicts == []
    assert tree(a) == tree(b) == {"p.json": "same"}


def test_permission_bits_travel_with_the_file(pair: Pair) -> None:
    a, b = pair
    write(a, "private.json", "secret", at=1)
    (a.root / "private.json").chmod(0o600)
    sync(a, b)
    assert (b.root / "private.json").stat().st_mode & 0o777 == 0o600


def test_a_delete_on_one_side_is_propagated(pair: Pair) -> None:
    a, b = pair
    write(a, "x/p.json", "base", at=1)
    sync(a, b)
    (b.root / "x/p.json").unlink()
    report = sync(a, b)
    assert report.deleted == [(a.device_id, "x/p.json")]
    assert tree(a) == tree(b) == {}


def test_an_edit_beats_a_concurrent_delete(pair: Pair) -> None:
    a, b = pair
    write(a, "p.json", "base", at=1)
    sync(a, b)
    write(a, "p.json", "edited", at=9)
    (b.root / "p.json").unlink()
    report = sync(a, b)
    assert report.conflicts == []
    assert tree(a) == tree(b) == {"p.json": "edited"}


def test_a_file_new_on_both_sides_is_a_conflict_too(pair: Pair) -> None:
    a, b = pair
    write(a, "new.json", "a", at=3)
    write(b, "new.json", "b", at=4)
    sync(a, b)
    assert tree(a) == tree(b)
    assert tree(a)["new.json"] == "b"
    assert len([n for n in tree(a) if ".sync-conflict-" in n]) == 1


def test_only_delivers_some_files_and_keeps_the_rest_pending(pair: Pair) -> None:
    a, b = pair
    write(a, "one.json", "1", at=1)
    write(a, "two.json", "2", at=1)
    report = sync(a, b, only=lambda rel: rel == "one.json")
    assert tree(b) == {"one.json": "1"}
    assert report.pending == {"two.json"}
    sync(a, b)
    assert tree(b) == {"one.json": "1", "two.json": "2"}


def test_a_half_pulled_file_is_a_truncated_temp_file_then_replaced(pair: Pair) -> None:
    a, b = pair
    write(a, "dir/big.json", "0123456789", at=1)
    temp = deliver_partial(a, b, "dir/big.json", keep=0.3)
    assert temp.name == ".syncthing.big.json.tmp"
    # Full length from the start; the blocks not pulled yet are zeros.
    assert tree(b) == {"dir/.syncthing.big.json.tmp": "012" + "\0" * 7}
    sync(a, b)
    assert tree(b) == {"dir/big.json": "0123456789"}  # the temp file became the file
    assert tree(a) == {"dir/big.json": "0123456789"}  # and was never synced back


def test_three_devices_relay_changes_and_conflicts(tmp_path: Path) -> None:
    a, b, c = (
        SyncFolder.named(tmp_path / n, n, conflict_clock=lambda: WHEN) for n in ("a", "b", "c")
    )
    write(a, "p.json", "base", at=1)
    sync(a, b)
    sync(b, c)  # c hears of a's file through b
    assert tree(c) == {"p.json": "base"}
    write(a, "p.json", "a edit", at=5)
    write(c, "p.json", "c edit", at=7)
    sync(a, b)  # b takes a's edit: it follows from what b had, so no conflict there
    assert tree(b) == {"p.json": "a edit"}
    sync(b, c)  # the conflict surfaces between b and c
    sync(a, b, c)
    assert tree(a) == tree(b) == tree(c)
    assert tree(a)["p.json"] == "c edit"
    copies = [n for n in tree(a) if ".sync-conflict-" in n]
    assert [tree(a)[n] for n in copies] == ["a edit"]


def test_the_index_survives_between_runs(tmp_path: Path) -> None:
    state_a, state_b = tmp_path / "a.index.json", tmp_path / "b.index.json"
    a = SyncFolder.named(tmp_path / "a", "laptop", state_file=state_a)
    b = SyncFolder.named(tmp_path / "b", "desktop", state_file=state_b)
    write(a, "p.json", "base", at=1)
    sync(a, b)
    write(a, "p.json", "a edit", at=5)
    # New objects, as after a restart: a's edit is still known as one-sided, so no conflict.
    a = SyncFolder.named(tmp_path / "a", "laptop", state_file=state_a)
    b = SyncFolder.named(tmp_path / "b", "desktop", state_file=state_b)
    assert sync(a, b).conflicts == []
    assert tree(b) == {"p.json": "a edit"}


# --- convergence ------------------------------------------------------------------------
NAMES = ["p.json", "q.json", "sub/r.json"]
Op = tuple[int, str, str | None, int]  # (side, path, text or None for delete, mtime second)

ops = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.sampled_from(NAMES),
        st.one_of(st.none(), st.text("abc", min_size=1, max_size=4)),
        st.integers(0, 50),
    ),
    max_size=12,
)


def apply(folders: list[SyncFolder], op: Op) -> None:
    side, rel, text, at = op
    folder = folders[side % len(folders)]
    if text is None:
        (folder.root / rel).unlink(missing_ok=True)
    else:
        write(folder, rel, text, at)


def synced_content(folder: SyncFolder) -> dict[str, str]:
    return {rel: p.read_text() for rel, p in folder.files().items()}


@settings(max_examples=60, deadline=None)
@given(rounds=st.lists(st.tuples(ops, st.sampled_from([(0, 1), (1, 2), (0, 2)])), max_size=4))
def test_three_devices_converge_after_a_full_sync(
    tmp_path_factory: pytest.TempPathFactory, rounds: list[tuple[list[Op], tuple[int, int]]]
) -> None:
    root = tmp_path_factory.mktemp("converge")
    folders = [SyncFolder.named(root / n, n, conflict_clock=lambda: WHEN) for n in "abc"]
    for changes, (i, j) in rounds:
        for op in changes:
            apply(folders, op)
        sync(folders[i], folders[j])
    sync(*folders)
    assert synced_content(folders[0]) == synced_content(folders[1]) == synced_content(folders[2])
    assert tree(folders[0]) == synced_content(folders[0])  # no temp files left behind
    assert not sync(*folders).changed  # and a settled state stays settled


@settings(max_examples=60, deadline=None)
@given(history=st.lists(st.tuples(st.integers(0, 1), ops), max_size=5))
def test_changes_on_one_side_between_syncs_copy_over_exactly(
    tmp_path_factory: pytest.TempPathFactory, history: list[tuple[int, list[Op]]]
) -> None:
    root = tmp_path_factory.mktemp("one-sided")
    a, b = (SyncFolder.named(root / n, n, conflict_clock=lambda: WHEN) for n in "ab")
    for writer, changes in history:
        source = (a, b)[writer]
        for _side, rel, text, at in changes:
            apply([source], (0, rel, text, at))
        expected = synced_content(source)
        report = sync(a, b)
        assert report.conflicts == []
        assert synced_content(a) == synced_content(b) == expected
        for rel in expected:
            assert (a.root / rel).stat().st_mtime_ns == (b.root / rel).stat().st_mtime_ns


def test_a_second_conflict_in_the_same_second_overwrites_the_first_copy(pair: Pair) -> None:
    # Real Syncthing 1.19 does this too (seen with two instances): the copy's name has only
    # second resolution, and the rename replaces a copy of the same name.
    a, b = pair
    write(a, "x.json", "base", at=1)
    sync(a, b)
    for n in range(2):
        write(a, "x.json", f"a{n}", at=10 + n)
        write(b, "x.json", f"b{n}", at=20 + n)
        sync(a, b)
    assert tree(a) == tree(b) == {
        "x.json": "b1",
        f"x.sync-conflict-20260314-093005-{b.device_id}.json": "a1",  # "a0" is gone
    }
