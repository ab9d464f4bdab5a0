"""Refused input is one kind of error, whichever service refused it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.journal import Cadence
from desktop_app.paths import resources_dir
from desktop_app.services.errors import InputError
from desktop_app.services.focus import AreaDraft, PracticeDraft
from desktop_app.services.journal import JournalService, SlipDraft
from desktop_app.services.session import Session
from tests.conftest import TEST_DEVICE, FakeClock


def test_journal_and_focus_refuse_input_the_same_way(data_dir: Path, clock: FakeClock) -> None:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    journal = JournalService(session)
    with pytest.raises(InputError, match="old pattern"):
        journal.log_slip(SlipDraft("  "))
    with pytest.raises(InputError, match="intention for Work"):
        journal.focus.change_focus(
            [AreaDraft("work", "  ", (PracticeDraft("Three breaths", Cadence.daily()),))]
        )
