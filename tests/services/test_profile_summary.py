from __future__ import annotations

from pathlib import Path

from desktop_app.domain.journal import Win
from desktop_app.domain.results import Draft
from desktop_app.services.profiles import ProfileService
from desktop_app.ui.profile_dialogs import describe_loss
from tests.conftest import TEST_DEVICE, FakeClock


def test_summary_counts_and_what_counts_as_history(tmp_path: Path) -> None:
    clock = FakeClock()
    service = ProfileService(tmp_path, clock, TEST_DEVICE.id)
    _info, repo = service.create("Sam")
    assert not service.summary(repo).has_history
    repo.collection("drafts", Draft).add(Draft("life-areas", 1, clock(), clock(), {}))
    summary = service.summary(repo)
    assert summary.drafts == 1
    assert not summary.has_history  # an unfinished draft alone is not yet history
    repo.collection("wins", Win).add(Win(clock(), "Walked to work"))
    summary = service.summary(repo)
    assert summary.has_history
    assert "1 win and 1 unfinished draft" in describe_loss("Sam", summary)
