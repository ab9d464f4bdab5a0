"""Counts per kind are kept across writes (not recounted per save) and always equal a recount:
adds, edits, deletes, deleting twice, writing over a deleted id, a failed batch, and another
computer's file arriving."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.storage.repository import ProfileRepository
from tests.storage.helpers import D2, new_profile, open_as


def recount(repo: ProfileRepository, kind: str) -> int:
    return sum(not v.deleted for v in repo.winners(kind).values())


OPS = st.lists(st.tuples(st.sampled_from(["add", "edit", "delete", "revive"]),
                         st.integers(0, 5), st.sampled_from(["wins", "checkins"])),
               max_size=25)


@settings(max_examples=30, deadline=None)
@given(OPS)
def test_counts_kept_across_writes_equal_a_recount(tmp_path_factory: pytest.TempPathFactory,
                                                   ops: list[tuple[str, int, str]]) -> None:
    repo = new_profile(tmp_path_factory.mktemp("counts"))
    try:
        ids: dict[str, list[str]] = {"wins": [], "checkins": []}
        for op, index, kind in ops:
            repo.count(kind)  # remembered, so the write below must carry it
            known = ids[kind]
            rid = known[index % len(known)] if known else None
            if op == "add" or rid is None:
                known.append(repo.write_version(kind, None, {"n": index}))
            elif op == "edit":
                repo.write_version(kind, rid, {"n": index}, repo.winner(kind, rid))
            elif op == "delete":
                repo.write_version(kind, rid, None, repo.winner(kind, rid))
            else:  # the same id written again after a delete
                repo.write_version(kind, rid, {"n": -index}, repo.winner(kind, rid))
            assert repo.count(kind) == recount(repo, kind)
            assert repo.table_counts()["wins"] == recount(repo, "wins")
    finally:
        repo.close()


def test_counts_follow_a_failed_batch_and_another_computer_s_file(tmp_path: Path) -> None:
    repo = new_profile(tmp_path)
    repo.write_version("wins", None, {"n": 1})
    assert repo.count("wins") == 1
    with pytest.raises(RuntimeError), repo.batch():
        repo.write_version("wins", None, {"n": 2})
        raise RuntimeError("the block fails: nothing of it stays")
    assert repo.count("wins") == 1 == recount(repo, "wins")
    repo.flush()
    other = open_as(repo, D2)
    other.write_version("wins", None, {"n": 3})
    other.close()
    assert repo.refresh_from_disk()
    assert repo.count("wins") == 2 == recount(repo, "wins")
    repo.close()
