"""Every service sees every write: what the live session says equals what a fresh one reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.journal import Cadence, CheckIn, CheckInSettings, Win
from desktop_app.paths import resources_dir
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.focus import AreaDraft, PracticeDraft
from desktop_app.services.journal import JournalService, SlipDraft, WinDraft
from desktop_app.services.progress import ProgressService
from desktop_app.services.session import Session
from desktop_app.storage import shards
from desktop_app.storage.atomic import StorageWriteError
from tests.conftest import TEST_DEVICE, FakeClock
from tests.disk import land
from tests.services.views import assert_coherent, complete_life_areas, view


@pytest.fixture
def session(data_dir: Path, clock: FakeClock) -> Session:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    JournalService(session).save_settings(CheckInSettings(timezone="Europe/Paris"))
    return session


@pytest.fixture
def journal(session: Session) -> JournalService:
    return JournalService(session)


def area(name: str, intention: str, *practices: str) -> AreaDraft:
    return AreaDraft(name, intention, tuple(PracticeDraft(p, Cadence.daily()) for p in practices))


def test_a_deleted_result_leaves_no_trace_in_focus_milestones_or_home(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    """The reported bug: complete, delete, complete another; the deleted one lingered."""
    assessments = AssessmentService(session)
    clock.advance(days=-90)
    complete_life_areas(session, clock, {"work": (2, 9), "body": (3, 9)})
    clock.advance(days=89)
    # Warm every memo the screens use, as Home and the focus dialog do.
    closed = complete_life_areas(session, clock, {"work": (8, 9), "body": (3, 9)})
    assert [m.key for m in journal.milestones.pending()] == ["gap-closed:work"]
    assert journal.focus.choices()[0].area == "body and health"
    assert journal.latest_assessment() is not None

    assessments.delete(closed)
    clock.advance(hours=2)
    complete_life_areas(session, clock, {"work": (2, 9), "body": (3, 9), "mind": (1, 10)})

    assert journal.milestones.pending() == []
    assert [c.area for c in journal.focus.choices()[:2]] == ["mind and emotions", "work"]
    latest = journal.latest_assessment()
    assert latest is not None and latest[1] == clock.now
    readings = journal.focus.gap_readings()
    assert [r.result_id for r in readings] == [s.id for s in reversed(assessments.results())]
    assert closed not in [r.result_id for r in readings]
    assert_coherent(session)


def test_every_service_follows_add_edit_and_delete(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    template = journal.checkin_template()
    assert template is not None
    assert_coherent(session)

    complete_life_areas(session, clock, {"work": (2, 9)})
    assert_coherent(session)
    focus = journal.focus.change_focus([area("work", "Calm", "Three breaths")])
    assert_coherent(session)

    clock.advance(hours=1)
    outcome = journal.complete_checkin(
        template, {"distress": 3, "thoughts": 4}, (),
        SlipDraft("Snapped", focus.item.areas[0].key), WinDraft("Walked away"),
    )
    assert outcome.slip_id is not None and outcome.win_id is not None
    assert_coherent(session)

    # Edits keep every table's size: a size-keyed memo would miss each of them.
    journal.update_checkin(outcome.checkin_id, {"distress": 1}, ())
    journal.update_win(outcome.win_id, WinDraft("Walked away, calmly"))
    journal.update_slip(outcome.slip_id, SlipDraft("Snapped at Alex"))
    journal.back_on_track(outcome.slip_id, "a walk")
    journal.focus.edit_current([area("work", "Calm, still", "Three breaths")])
    live = assert_coherent(session)
    assert live["latest_win"].text == "Walked away, calmly"
    assert live["checkins"][0][1].answers == {"distress": 1}

    # A delete followed by an add keeps the size too.
    journal.delete_win(outcome.win_id)
    journal.log_win(WinDraft("Called my sister"))
    journal.delete_slip(outcome.slip_id)
    journal.log_slip(SlipDraft("Doom-scrolled"))
    journal.delete_checkin(outcome.checkin_id)
    clock.advance(hours=1)
    journal.complete_checkin(template, {"distress": 2})
    current = journal.focus.current()
    assert current is not None
    journal.focus.delete_period(current.id)
    journal.focus.change_focus([area("mind and emotions", "Notice", "Name it")])
    live = assert_coherent(session)
    assert [w.item.text for w in live["wins"]] == ["Called my sister"]
    assert [s.item.old_pattern for s in live["slips"]] == ["Doom-scrolled"]
    assert live["checkins"][0][1].answers == {"distress": 2}


def test_writes_from_outside_the_services_are_seen(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    """An import or the demo builder writes straight to the repository."""
    assert_coherent(session)
    repo = session.require_repo()
    repo.collection("checkins", CheckIn).add(CheckIn(clock.now, "check-in", 1, {}))
    repo.collection("wins", Win).add(Win(clock.now, "From an import"))
    live = assert_coherent(session)
    assert live["checkin_count"] == 1 and live["latest_win"].text == "From an import"
    [stored] = repo.collection("wins", Win).all()
    repo.collection("wins", Win).update(stored.id, Win(clock.now, "Edited elsewhere"))
    assert journal.latest_win() == Win(clock.now, "Edited elsewhere")


def test_progress_sees_a_save_made_while_it_was_loading(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    progress = ProgressService(session)
    steps = progress.load_steps()
    next(steps)  # the screen decodes one table per event-loop turn
    journal.log_win(WinDraft("Saved between two steps"))
    for _step in steps:
        pass
    assert [w.text for w in progress.load().wins] == ["Saved between two steps"]


def test_memory_follows_the_file_after_a_failed_write(
    session: Session, journal: JournalService, clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal.log_win(WinDraft("Kept"))
    before = assert_coherent(session)

    def full_disk(path: Path, payload: bytes) -> None:
        raise StorageWriteError(28, "Could not save: No space left on device")

    monkeypatch.setattr(shards, "atomic_write_bytes", full_disk)
    [kept] = journal.wins()
    with pytest.raises(StorageWriteError):
        journal.update_win(kept.id, WinDraft("Lost"))
        land(session)
    with pytest.raises(StorageWriteError):
        journal.delete_win(kept.id)
        land(session)
    monkeypatch.undo()
    assert view(session) == before
    assert_coherent(session)


def test_closing_the_profile_lets_the_memos_go(session: Session, journal: JournalService) -> None:
    journal.log_win(WinDraft("Remembered"))
    repo = session.require_repo()
    assert journal.wins() and repo._memos
    session.close()
    assert repo._memos == {}


def test_memos_of_one_table_survive_a_write_to_another(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    """A check-in must not make Home decode every win again."""
    journal.log_win(WinDraft("Once"))
    wins = session.require_repo().memo("latest-first:wins", ("wins",), lambda: None)
    template = journal.checkin_template()
    assert template is not None
    clock.advance(minutes=5)
    journal.complete_checkin(template, {"distress": 2})
    again = session.require_repo().memo("latest-first:wins", ("wins",), lambda: None)
    assert again is wins is not None


def test_a_checkin_save_carries_the_index_instead_of_rebuilding_it(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    from desktop_app.services.journal_cache import checkin_index

    template = journal.checkin_template()
    assert template is not None
    index = checkin_index(session.require_repo())
    outcome = journal.complete_checkin(template, {"distress": 2})
    assert checkin_index(session.require_repo()) is index
    assert index.newest_first() == [outcome.checkin_id]
    journal.delete_checkin(outcome.checkin_id)
    assert checkin_index(session.require_repo()) is index
    assert len(index) == 0
    clock.advance(days=1)
    assert_coherent(session)
