"""What Home reads, read cheaply: the same answers as the codec gives, and no stale memo."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.domain.journal import CheckIn
from desktop_app.paths import resources_dir
from desktop_app.services.journal import JournalService
from desktop_app.services.journal_cache import _At, checkin_index
from desktop_app.services.session import Session
from desktop_app.storage.codec import DecodeError, from_json
from tests.conftest import TEST_DEVICE, FakeClock
from tests.services.views import complete_life_areas


@pytest.fixture
def session(data_dir: Path, clock: FakeClock) -> Session:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.create_profile("Sam")  # templates are read on first use
    return session


# As Groundwork writes them, and as a hand or another program might.
TIMES = [
    "2026-03-10T08:00:00+01:00",
    "2026-03-11T08:00:00.123456+01:00",
    "2026-03-12T07:00:00Z",
    "2026-03-12 09:00:00+01:00",
    "2026-03-13T08:00+01:00",
    "2026-03-13T08:00:00",  # no offset: does not decode
    "yesterday",  # does not decode
]


def codec_time(value: str) -> datetime | None:
    try:
        return from_json(_At, {"at": value}).at
    except DecodeError:
        return None


def test_check_in_times_are_what_the_codec_reads(session: Session) -> None:
    repo = session.require_repo()
    ids = {
        repo.write_version("checkins", None, {"at": at, "template_id": "check-in",
                                               "template_version": 1, "answers": {}}): at
        for at in TIMES
    }
    times = checkin_index(repo).times()
    expected = {rid: codec_time(at) for rid, at in ids.items()}
    assert times == {rid: t for rid, t in expected.items() if t is not None}
    for rid, at in times.items():
        assert at.utcoffset() == expected[rid].utcoffset()  # type: ignore[union-attr]
    skipped = {r.key for r in repo.unreported_skips()}
    assert skipped == {rid for rid, t in expected.items() if t is None}


def test_check_in_times_follow_edits(session: Session, clock: FakeClock) -> None:
    repo = session.require_repo()
    checkins = repo.collection("checkins", CheckIn)
    rid = checkins.add(CheckIn(clock.now, "check-in", 1, {}))
    index = checkin_index(repo)
    assert index.last_at() == clock.now
    earlier = datetime.fromisoformat("2026-03-01T08:00:00+01:00")
    checkins.update(rid, CheckIn(earlier, "check-in", 1, {}))
    assert checkin_index(repo).last_at() == earlier


def test_gap_readings_follow_new_results(session: Session, clock: FakeClock) -> None:
    journal = JournalService(session)
    assert journal.focus.gap_readings() == []
    complete_life_areas(session, clock, {"work": (3, 9)})
    first = journal.focus.gap_readings()
    assert len(first) == 1
    clock.advance(days=30)
    complete_life_areas(session, clock, {"work": (6, 9)})
    readings = journal.focus.gap_readings()
    assert len(readings) == 2 and readings[0] == first[0]
    assert readings[1].gaps != first[0].gaps
