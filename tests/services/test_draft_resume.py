"""One rule for which draft is resumed: Home, Assessments and the wizard agree on it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.results import Draft
from desktop_app.paths import resources_dir
from desktop_app.services.assessments import DRAFTS_TABLE, AssessmentService
from desktop_app.services.session import Session
from tests.conftest import TEST_DEVICE, FakeClock


def test_two_copies_of_a_draft_resume_the_newest_everywhere(
    data_dir: Path, clock: FakeClock
) -> None:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    service = AssessmentService(session)
    template = session.templates.get("life-areas")
    assert template is not None
    drafts = session.require_repo().collection(DRAFTS_TABLE, Draft)
    start = clock.now - timedelta(days=3)
    # As a sync engine can leave them: this computer's copy first, a newer one from another.
    drafts.add(Draft("life-areas", 1, start, start + timedelta(hours=1),
                     {"work": GapAnswer(2, 8)}, 1))
    newest = clock.now - timedelta(hours=2)
    drafts.add(Draft("life-areas", 1, start, newest,
                     {"work": GapAnswer(4, 8), "relationships": GapAnswer(5, 9)}, 2))

    assert service.unfinished() == [(template, newest)]  # listed once, with the newer time
    assert service.draft_saved_at("life-areas") == newest
    saved = service.load_draft(template)
    assert saved is not None
    assert saved.draft.answers["work"] == GapAnswer(4, 8) and saved.draft.page == 2

    # Saving again replaces the draft that was resumed, not the older copy.
    service.save_draft(template, {"work": GapAnswer(6, 8)}, start, 3)
    again = service.load_draft(template)
    assert again is not None and again.draft.answers["work"] == GapAnswer(6, 8)
    assert service.unfinished() == [(template, clock.now)]
