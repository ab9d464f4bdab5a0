"""Home's reads of the newest records give what the full decode gives, on varied data: times in
several offsets, ties, forms Groundwork does not write, dates that do not exist, records that
do not decode, tombstones; and the answers carried across the journal's own saves."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.journal import CheckIn, Win, instant
from desktop_app.paths import resources_dir
from desktop_app.services import journal_newest
from desktop_app.services.focus import read_gaps
from desktop_app.services.journal import JournalService, WinDraft
from desktop_app.services.journal_cache import (
    checkin_index,
    latest_first,
    results_oldest_first,
)
from desktop_app.services.session import Session
from desktop_app.storage.repository import ProfileRepository
from tests.conftest import TEST_DEVICE, FakeClock

BASE = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # a DST change in Europe: offsets differ
LATER = BASE + timedelta(days=1)
OFFSETS = [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=2)),
           timezone(timedelta(hours=-5))]
ODD = ["2026-03-29T01:00:00Z", "2026-03-29 02:00:00+01:00", "2026-03-29T03:00+01:00",
       "2026-03-29T03:00:00", "yesterday", "2026-02-31T10:00:00+00:00",
       "2026-03-29T04:00:00.000000+00:00", "2026-03-29T04:00:00+00:00", 17, None]


@st.composite
def a_time(draw: st.DrawFn, odd: bool) -> Any:
    if odd and draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(ODD))
    # Few distinct instants, so ties are common; microseconds sometimes.
    moment = BASE + timedelta(minutes=30 * draw(st.integers(0, 6)),
                              microseconds=draw(st.sampled_from([0, 0, 1, 250_000])))
    return moment.astimezone(draw(st.sampled_from(OFFSETS))).isoformat()


@st.composite
def records(draw: st.DrawFn, odd: bool) -> list[tuple[Any, bool, bool]]:
    """(time, decodes, deleted) per record."""
    return draw(st.lists(st.tuples(a_time(odd), st.integers(0, 7).map(bool),
                                   st.integers(0, 5).map(lambda n: n == 0)), max_size=14))


@contextmanager
def new_session(clock: FakeClock | None = None) -> Iterator[Session]:
    with tempfile.TemporaryDirectory() as folder:
        session = Session(Path(folder), resources_dir(), clock or FakeClock(LATER), TEST_DEVICE)
        session.create_profile("Sam")
        try:
            yield session
        finally:
            session.close()


def store(repo: ProfileRepository, kind: str, rows: list[tuple[Any, bool, bool]],
          doc: Any) -> None:
    with repo.batch():
        for index, (at, decodes, deleted) in enumerate(rows):
            rid = repo.write_version(kind, None, doc(index, at, decodes))
            if deleted:
                repo.write_version(kind, rid, None, repo.winner(kind, rid))


def win_doc(index: int, at: Any, decodes: bool) -> dict[str, Any]:
    return {"at": at, "text": f"win {index}" if decodes else None, "focus_area": None}


def checkin_doc(index: int, at: Any, decodes: bool) -> dict[str, Any]:
    return {"at": at, "template_id": "check-in", "template_version": 1,
            "answers": {"mood": index} if decodes else "none", "practices_done": []}


def result_doc(index: int, at: Any, decodes: bool) -> dict[str, Any]:
    answers = {f"q{index % 3}": {"current": index % 5, "ideal": 8}} if index % 4 else {}
    return {"template_id": "own", "completed_at": at, "answers": answers if decodes else 3}


@settings(max_examples=25, deadline=None)
@given(records(odd=False), records(odd=True))
def test_the_latest_win_is_the_first_of_the_full_list(usual: Any, unusual: Any) -> None:
    for rows in (usual, unusual):
        with new_session() as session:
            repo = session.require_repo()
            store(repo, "wins", rows, win_doc)
            fast = journal_newest._latest_win(repo)
            full = latest_first(repo, "wins", Win)
            assert fast == (full[0] if full else None)


@settings(max_examples=25, deadline=None)
@given(records(odd=False), records(odd=True))
def test_the_latest_check_in_time_is_the_index_s(usual: Any, unusual: Any) -> None:
    for rows in (usual, unusual):
        with new_session() as session:
            repo = session.require_repo()
            store(repo, "checkins", rows, checkin_doc)
            found = journal_newest._last_at(repo)
            fast = found[0] if found else None
            full = checkin_index(repo).last_at()
            assert fast == full
            assert (fast and fast.utcoffset()) == (full and full.utcoffset())


@settings(max_examples=25, deadline=None)
@given(records(odd=False), records(odd=True))
def test_the_latest_check_in_is_the_index_s_newest(usual: Any, unusual: Any) -> None:
    """What the check-in card's due day is read from, without building the index at start."""
    for rows in (usual, unusual):
        with new_session() as session:
            repo = session.require_repo()
            store(repo, "checkins", rows, checkin_doc)
            fast = journal_newest.latest_checkin(repo)
            index = checkin_index(repo)
            full = [c for c in map(index.get, index.newest_first()) if c is not None]
            assert fast == (full[0] if full else None)


@settings(max_examples=25, deadline=None)
@given(records(odd=False), records(odd=True))
def test_latest_result_and_gap_ends_are_the_full_lists(usual: Any, unusual: Any) -> None:
    for rows in (usual, unusual):
        with new_session() as session:
            repo = session.require_repo()
            store(repo, "assessments", rows, result_doc)
            templates = session.templates.templates
            heads = results_oldest_first(repo)
            assert journal_newest._latest_result(repo) == (heads[-1] if heads else None)
            readings = [r for r in (read_gaps(h, i, templates) for i, h in heads) if r.gaps]
            ends = (readings[0], readings[-1]) if len(readings) >= 2 else None
            assert journal_newest._gap_ends(repo, templates) == ends


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.sampled_from(OFFSETS)), min_size=1,
                max_size=8))
def test_answers_carried_across_saves_equal_a_fresh_read(saves: list[Any]) -> None:
    clock = FakeClock(LATER)
    with new_session(clock) as session:
        journal = JournalService(session)
        repo = session.require_repo()
        template = journal.checkin_template()
        assert template is not None
        for minutes, zone in saves:
            journal.latest_win(), journal.last_checkin_at()  # remembered, then carried
            at = (BASE - timedelta(minutes=minutes)).astimezone(zone)
            journal.log_win(WinDraft(f"at {minutes}", at=at))
            clock.now = at  # a check-in is made now
            journal.complete_checkin(template, {})
            clock.now = LATER
            shown_win, shown_at = journal.latest_win(), journal.last_checkin_at()
            wins = sorted(repo.collection("wins", Win).all(), key=lambda s: -instant(s.item.at))
            checkins = sorted(repo.collection("checkins", CheckIn).all(),
                              key=lambda s: -instant(s.item.at))
            assert shown_win == wins[0].item  # ties: the lowest id, as a fresh read has it
            assert shown_at == checkins[0].item.at
            assert shown_at.utcoffset() == checkins[0].item.at.utcoffset()
