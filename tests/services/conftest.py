"""Fixtures of the service tests: a session with a profile "Sam", its journal in Paris time.

A test module that needs another profile or other settings defines its own fixture of the
same name, which takes precedence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.paths import resources_dir
from desktop_app.services.journal import JournalService
from desktop_app.services.session import Session
from tests.conftest import TEST_DEVICE, FakeClock
from tests.services.journal_setup import PARIS


@pytest.fixture
def session(data_dir: Path, clock: FakeClock) -> Session:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    return session


@pytest.fixture
def journal(session: Session) -> JournalService:
    service = JournalService(session)
    service.save_settings(PARIS)
    return service
