"""Undo of a deletion: the exact record comes back under its id, newer than its tombstone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.journal import Cadence
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.focus import AreaDraft, PracticeDraft
from desktop_app.services.journal import JournalService, SlipDraft, WinDraft
from desktop_app.services.session import Session
from desktop_app.services.undo import UndoError, UndoService
from desktop_app.storage.profile_files import read_merged
from tests.conftest import FakeClock
from tests.services.test_journal_service import add_gap_result


def raw(session: Session, table: str, rid: str) -> dict[str, object]:
    """The winning version of one record, read from disk with its envelope."""
    repo = session.require_repo()
    repo.flush()
    found = repo.winner(table, rid)
    assert found is not None
    on_disk = read_merged(Path(repo.path)).get(table, {})
    assert rid in on_disk or found.deleted
    return dict(found.doc)


def test_a_deleted_win_comes_back_with_its_id_and_a_newer_stamp(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    journal.log_win(WinDraft("Asked for help"))
    [win] = journal.wins()
    before = raw(session, "wins", win.id)
    clock.advance(seconds=1)
    undo = UndoService(session)
    change = undo.record("wins", win.id, "Deleted a win.", lambda: journal.delete_win(win.id))
    assert change is not None and journal.wins() == []
    tombstone = raw(session, "wins", win.id)
    assert tombstone["_deleted"] is True
    clock.advance(seconds=2)
    assert undo.can_undo(change)
    undo.undo(change)
    [back] = journal.wins()
    assert back == win  # the same id and the same fields
    after = raw(session, "wins", win.id)
    assert {k: v for k, v in after.items() if k != "_updated_at"} == {
        k: v for k, v in before.items() if k != "_updated_at"
    }
    assert str(after["_updated_at"]) > str(tombstone["_updated_at"])
    # On disk, after the write lands: the merged view of the files holds the win again.
    assert read_merged(Path(session.require_repo().path))["wins"][win.id]["text"] == (
        "Asked for help"
    )


def test_every_kind_of_deletion_can_be_undone(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    journal.focus.change_focus([
        AreaDraft("work", "Calm", (PracticeDraft("Breathe", Cadence.daily()),)),
    ])
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(template, {"note": "Long day."})
    slip_id, _ = journal.log_slip(SlipDraft("Snapped"))
    current = journal.focus.current()
    assert current is not None
    practice = current.item.areas[0].practices[0]
    journal.focus.pause(practice.key, date(2026, 3, 1), date(2026, 3, 3), "Flu")
    current = journal.focus.current()
    assert current is not None
    paused = current.item.areas[0].practices[0].pauses
    add_gap_result(session, clock(), {"work": (3, 8)})
    results = AssessmentService(session)
    [result] = results.results("life-areas")
    undo = UndoService(session)
    changes = [
        undo.record("assessments", result.id, "Deleted a result.",
                    lambda: results.delete(result.id)),
        undo.record("checkins", outcome.checkin_id, "Deleted a check-in.",
                    lambda: journal.delete_checkin(outcome.checkin_id)),
        undo.record("lapses", slip_id, "Deleted a slip.", lambda: journal.delete_slip(slip_id)),
        undo.record("focus", current.id, "Removed a pause.",
                    lambda: journal.focus.remove_pause(practice.key, paused[0])),
    ]
    assert journal.checkin_count() == 0 and journal.slips() == []
    assert results.results("life-areas") == []
    for change in changes:
        assert change is not None
        undo.undo(change)
    assert journal.checkin_ids() == [outcome.checkin_id]
    assert journal.checkin(outcome.checkin_id).answers["note"] == "Long day."  # type: ignore[union-attr]
    assert [s.id for s in journal.slips()] == [slip_id]
    assert [r.id for r in results.results("life-areas")] == [result.id]
    again = journal.focus.current()
    assert again is not None and again.item.areas[0].practices[0].pauses == paused


def test_undo_never_overwrites_a_newer_version(session: Session, journal: JournalService) -> None:
    journal.log_win(WinDraft("Asked for help"))
    [win] = journal.wins()
    undo = UndoService(session)
    change = undo.record("wins", win.id, "Deleted a win.", lambda: journal.delete_win(win.id))
    assert change is not None
    # Something newer arrives for the same id (here: written directly, as a sync would).
    repo = session.require_repo()
    repo.write_version("wins", win.id, {**win_fields(session, change), "text": "Newer"},
                       repo.winner("wins", win.id))
    assert not undo.can_undo(change)
    with pytest.raises(UndoError, match="nothing was overwritten"):
        undo.undo(change)
    assert journal.wins()[0].item.text == "Newer"


def win_fields(session: Session, change: object) -> dict[str, object]:
    return dict(change.before.fields())  # type: ignore[attr-defined]


def test_nothing_to_undo_when_nothing_was_deleted(session: Session,
                                                  journal: JournalService) -> None:
    undo = UndoService(session)
    assert undo.record("wins", "0" * 20, "Deleted a win.", lambda: None) is None
