"""Progress decodes twenty years of check-ins a batch per event-loop turn, and reads exactly
what one read of the whole table would, even when a save lands between two batches."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.journal import CheckIn, CheckInSettings
from desktop_app.paths import resources_dir
from desktop_app.services import progress as progress_module
from desktop_app.services.journal import JournalService
from desktop_app.services.progress import ProgressService
from desktop_app.services.session import Session
from tests.conftest import TEST_DEVICE, FakeClock


@pytest.fixture
def session(data_dir: Path, clock: FakeClock) -> Session:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    journal = JournalService(session)
    journal.save_settings(CheckInSettings(timezone="Europe/Paris"))
    template = journal.checkin_template()
    assert template is not None
    for day in range(7):
        journal.complete_checkin(template, {"distress": day % 5})
        clock.advance(days=1)
    return session


def test_check_ins_are_decoded_in_batches_and_all_read(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_module, "CHECKIN_STEP", 3)
    steps = list(ProgressService(session).load_steps())
    assert steps.count("checkins") == 3  # 7 check-ins, 3 at a time
    whole = [s.item for s in session.require_repo().collection("checkins", CheckIn).all()]
    assert ProgressService(session).load().checkins == whole
    assert [c.answers["distress"] for c in whole] == [0, 1, 2, 3, 4, 0, 1]


def test_batches_are_one_read_of_the_table(session: Session) -> None:
    checkins = session.require_repo().collection("checkins", CheckIn)
    batches = list(checkins.all_in_steps(2))
    assert [len(b) for b in batches] == [2, 2, 2, 1]
    assert [s for b in batches for s in b] == checkins.all()
    assert list(checkins.all_in_steps(100)) == [checkins.all()]


def test_a_check_in_saved_between_two_batches_is_shown(
    session: Session, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_module, "CHECKIN_STEP", 2)
    progress = ProgressService(session)
    journal = JournalService(session)
    template = journal.checkin_template()
    assert template is not None
    steps = progress.load_steps()
    while next(steps) != "checkins":
        pass
    journal.complete_checkin(template, {"distress": 9})  # lands while Progress is loading
    for _step in steps:
        pass
    assert [c.answers["distress"] for c in progress.load().checkins][-1] == 9
    assert len(progress.load().checkins) == 8
