"""Every use case that changes more than one record writes the file once: all of it or nothing.

Each case is run against a disk that fails: the file must be byte for byte what it was, and
every service must report the old state (the same as a fresh read of the file). Then, with
the disk back, the same use case succeeds in exactly one write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.domain.journal import Cadence, CheckInSettings
from desktop_app.domain.results import Draft
from desktop_app.paths import resources_dir
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.focus import AreaDraft, PracticeDraft
from desktop_app.services.journal import JournalService, SlipDraft, WinDraft
from desktop_app.services.session import Session
from desktop_app.storage import shards
from desktop_app.storage.atomic import StorageWriteError
from tests.conftest import TEST_DEVICE, FakeClock
from tests.disk import folder_bytes, land
from tests.services.views import assert_coherent, complete_life_areas, gap_answers, view


@pytest.fixture
def session(data_dir: Path, clock: FakeClock) -> Session:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    journal = JournalService(session)
    journal.save_settings(CheckInSettings(timezone="Europe/Paris"))
    complete_life_areas(session, clock, {"work": (2, 9)})
    journal.focus.change_focus([area("work", "Calm", "Three breaths")])
    clock.advance(minutes=5)
    return session


def area(name: str, intention: str, *practices: str) -> AreaDraft:
    return AreaDraft(name, intention, tuple(PracticeDraft(p, Cadence.daily()) for p in practices))


@dataclass
class Disk:
    """Counts file replacements; ``fail_at`` makes the Nth one fail like a full disk."""

    writes: int = 0
    fail_at: int | None = None


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    state = Disk()
    real = shards.atomic_write_bytes

    def write(path: Path, payload: bytes) -> None:
        state.writes += 1
        if state.fail_at is not None and state.writes >= state.fail_at:
            raise StorageWriteError(28, f"Could not save {path.name}: No space left on device")
        real(path, payload)

    monkeypatch.setattr(shards, "atomic_write_bytes", write)
    return state


def change_focus(s: Session) -> object:
    return JournalService(s).focus.change_focus([area("mind and emotions", "Notice", "Name it")])


def checkin_with_slip_win_and_milestones(s: Session) -> object:
    journal = JournalService(s)
    template = journal.checkin_template()
    assert template is not None
    return journal.complete_checkin(
        template, {"distress": 2}, (), SlipDraft("Snapped"), WinDraft("Walked away")
    )


def log_first_win(s: Session) -> object:
    return JournalService(s).log_win(WinDraft("Called my sister"))


def log_slip_with_its_return(s: Session) -> object:
    at = s.clock() - timedelta(hours=2)
    return JournalService(s).log_slip(
        SlipDraft("Snapped", at=at, back_on_track_at=at + timedelta(hours=1))
    )


def back_on_track(s: Session) -> object:
    journal = JournalService(s)
    slips = journal.slips()
    assert slips and slips[0].item.back_on_track_at is None
    return journal.back_on_track(slips[0].id, "a walk")


def complete_with_a_draft(s: Session) -> object:
    template = s.templates.get("life-areas")
    assert template is not None
    service = AssessmentService(s)
    assert service.has_draft("life-areas")
    return service.complete(template, gap_answers(s, {"work": (6, 9)}), s.clock())


def discard_two_drafts(s: Session) -> object:
    service = AssessmentService(s)
    assert len(s.require_repo().collection("drafts", Draft).all()) == 2
    service.discard_draft("life-areas")
    return None


def with_a_draft(s: Session, copies: int = 1) -> None:
    template = s.templates.get("life-areas")
    assert template is not None
    AssessmentService(s).save_draft(template, gap_answers(s, {}), s.clock())
    drafts = s.require_repo().collection("drafts", Draft)
    for _ in range(copies - 1):  # a second copy can only come from a hand edit or a sync
        drafts.add(drafts.all()[0].item)


def with_an_open_slip(s: Session) -> None:
    JournalService(s).log_slip(SlipDraft("Snapped", at=s.clock() - timedelta(hours=1)))


CASES: dict[str, tuple[Callable[[Session], None] | None, Callable[[Session], object]]] = {
    "change focus: end the old period, start the new": (None, change_focus),
    "check-in with a slip, a win and its milestones": (None, checkin_with_slip_win_and_milestones),
    "a win and the first-win milestone": (None, log_first_win),
    "a slip with its return and the first-return milestone": (None, log_slip_with_its_return),
    "back on track and the first-return milestone": (with_an_open_slip, back_on_track),
    "finish an assessment and drop its draft": (with_a_draft, complete_with_a_draft),
    "discard the drafts of a template": (lambda s: with_a_draft(s, 2), discard_two_drafts),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_failed_write_leaves_disk_and_services_as_they_were(
    name: str, session: Session, disk: Disk
) -> None:
    prepare, use_case = CASES[name]
    if prepare is not None:
        prepare(session)
    before_bytes = folder_bytes(session.require_repo())
    before = assert_coherent(session)  # every memo warm, as the screens keep them

    disk.fail_at = disk.writes + 1
    with pytest.raises(StorageWriteError):
        use_case(session)
        land(session)  # the error comes with the ticket; memory is read from disk again
    assert folder_bytes(session.require_repo()) == before_bytes
    assert view(session) == before
    assert_coherent(session)

    disk.fail_at = None
    writes = disk.writes
    use_case(session)
    session.flush()
    assert disk.writes == writes + 1, "one use case, one write of the file"
    after = assert_coherent(session)
    assert after != before


def test_change_focus_never_leaves_the_old_focus_ended_without_a_new_one(
    session: Session, disk: Disk
) -> None:
    """The reported case: the second of two writes failed."""
    journal = JournalService(session)
    old = journal.focus.current()
    assert old is not None
    session.flush()
    disk.fail_at = disk.writes + 2  # would fail the second write, if there were one
    change_focus(session)
    current = journal.focus.current()
    assert current is not None and current.id != old.id
    assert [p.item.ended_at is None for p in journal.focus.periods()] == [True, False]
    assert_coherent(session)
