"""One hand-edited record is skipped, named once, and never dropped from the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.journal import CheckInSettings
from desktop_app.paths import resources_dir
from desktop_app.services.journal import JournalService, SlipDraft, WinDraft
from desktop_app.services.progress import ProgressService
from desktop_app.services.records import skipped_notice
from desktop_app.services.session import Session
from tests.conftest import TEST_DEVICE, FakeClock
from tests.services.views import view

MARKER = "PRIVATE-WORDS-7f3a"

CHECKIN = {
    "template_id": "check-in", "template_version": 1,
    "answers": {"distress": 4, "note": MARKER}, "practices_done": [],
}



def envelope(rid: str, at: str) -> dict[str, str]:
    return {"_id": rid, "_updated_at": at}


# (table, document key in the shard, raw document, what the notice says about it); a doc
# without an envelope or under a key that is not a number is not a record version at all.
BAD: dict[str, tuple[str, str, dict[str, Any], str]] = {
    "a check-in time without a UTC offset": (
        "checkins", "99",
        {"at": "2026-03-10T20:00:00", **CHECKIN, **envelope("a1", "2026-03-10T20:00:00+01:00")},
        "a check-in from 2026-03-10",
    ),
    "a win whose text is a number": (
        "wins", "7",
        {"at": "2026-03-12T18:00:00+01:00", "text": 1234, "focus_area": None,
         **envelope("a2", "2026-03-12T18:00:00+01:00")},
        "a win from 2026-03-12",
    ),
    "a check-in with a non-numeric id": (
        "checkins", "abc", {"at": "2026-03-11T20:00:00+01:00", **CHECKIN},
        "a check-in from 2026-03-11",
    ),
    "a win with a non-numeric id": (
        "wins", "x1", {"at": "2026-03-09T18:00:00+01:00", "text": MARKER, "focus_area": None},
        "a win from 2026-03-09",
    ),
}


@pytest.fixture
def session(data_dir: Path, clock: FakeClock) -> Session:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    journal = JournalService(session)
    journal.save_settings(CheckInSettings(timezone="Europe/Paris"))
    template = journal.checkin_template()
    assert template is not None
    clock.advance(days=-2)
    journal.complete_checkin(template, {"distress": 3})
    clock.advance(days=1)
    journal.complete_checkin(template, {"distress": 2}, win=WinDraft("Walked away"))
    clock.advance(days=1)
    return session


def shard(session: Session) -> Path:
    """This computer's newest month file of the open profile."""
    session.flush()
    own = session.require_repo().own
    return max(p for p in own.glob("*.json") if p.name != "profile.json")


def hand_edit(session: Session, change: Callable[[dict[str, Any]], None]) -> None:
    """Edit the closed profile's newest file as a person with a text editor would, then
    reopen it."""
    profile = session.profile
    assert profile is not None
    path = shard(session)
    session.close()
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), "utf-8")
    session.profiles.refresh()
    session.open_profile(profile.id)


def raw(session: Session, table: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(shard(session).read_text("utf-8"))
    return dict(data[table])


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_record_is_skipped_named_once_and_kept(case: str, session: Session) -> None:
    table, key, doc, named = BAD[case]
    hand_edit(session, lambda data: data[table].__setitem__(key, doc))
    journal = JournalService(session)

    # Home, the Journal lists, the reminder and Progress are all built from the rest.
    shown = view(session)
    assert len(shown["checkins"]) == 2 and shown["checkin_count"] == 2
    assert [w.item.text for w in shown["wins"]] == ["Walked away"]
    assert journal.next_reminder() > session.clock()
    progress = ProgressService(session).load()
    assert len(progress.checkins) == 2 and [w.text for w in progress.wins] == ["Walked away"]

    notice = skipped_notice(session)
    assert notice is not None and named in notice and notice.startswith("One record")
    assert MARKER not in notice and "1234" not in notice
    assert skipped_notice(session) is None  # said once
    view(session)
    assert skipped_notice(session) is None  # reading again says nothing new

    # Saves to the same table (add, edit, delete) leave the skipped document as it was.
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(
        template, {"distress": 1}, (), SlipDraft("Snapped"), WinDraft("Called my sister")
    )
    assert outcome.win_id is not None
    journal.update_checkin(outcome.checkin_id, {"distress": 0}, ())
    journal.update_win(outcome.win_id, WinDraft("Called my brother"))
    journal.delete_checkin(journal.checkin_ids()[-1])
    journal.log_win(WinDraft("Slept well"))
    assert raw(session, table)[key] == doc
    assert len(outcome.checkin_id) == len(outcome.win_id) == 20  # ids, not document keys

    # A fresh start names it again, once.
    other = Session(session.data_dir, resources_dir(), session.clock, session.device)
    other.profiles.refresh()
    assert session.profile is not None
    other.open_profile(session.profile.id)
    again = skipped_notice(other)
    assert again is not None and named in again
    assert skipped_notice(other) is None


def test_several_bad_records_are_named_in_one_notice(session: Session) -> None:
    def spoil(data: dict[str, Any]) -> None:
        for table, key, doc, _named in BAD.values():
            data[table][key] = doc
        data["lapses"]["5"] = {"key": "k", "at": 12}  # no date to tell

    hand_edit(session, spoil)
    notice = skipped_notice(session)
    assert notice is not None and notice.startswith("5 records")
    for _table, _key, _doc, named in BAD.values():
        assert named in notice
    assert "a slip with no date" in notice
    assert MARKER not in notice


def test_a_record_that_is_fixed_or_deleted_is_not_named(session: Session) -> None:
    table, key, doc, _named = BAD["a win whose text is a number"]
    hand_edit(session, lambda data: data[table].__setitem__(key, doc))
    JournalService(session).wins()
    hand_edit(session, lambda data: data[table].pop(key))
    assert skipped_notice(session) is None
