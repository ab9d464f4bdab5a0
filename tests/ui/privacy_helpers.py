"""Fixtures and helpers for the privacy screens' tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.services.session import Session
from tests.conftest import _modal_waits
from tests.ui.fake_privacy import FakePrivacy, install

PASSPHRASE = "quiet river morning light"


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[FakePrivacy]]:
    """Every Session made in the test gets a fake privacy service (passphrases shared)."""
    made: list[FakePrivacy] = []
    shared: dict[str, str] = {}
    original = Session.__init__

    def init(self: Session, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(install(self, shared))

    monkeypatch.setattr(Session, "__init__", init)
    yield made
    for fake in made:
        fake.gate.set()  # never leave a worker waiting


def when_dialog(kind: type[QWidget], callback: Callable[[Any], None]) -> None:
    """Run ``callback`` on the first visible modal widget of ``kind`` (no sleeping); the
    wait ends with its test, like ``when_modal``'s."""
    cancelled = [False]
    _modal_waits.append(cancelled)

    def poll() -> None:
        if cancelled[0]:
            return
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            _modal_waits.remove(cancelled)
            callback(widget)
        else:
            QTimer.singleShot(5, poll)

    QTimer.singleShot(0, poll)


def protect_now(startup: Any, fake: FakePrivacy, passphrase: str = PASSPHRASE) -> str:
    """Protect the open profile directly in the fake; its id."""
    profile_id: str = startup.session.profile.id
    fake.passphrases[profile_id] = passphrase
    startup.session.notify()
    return profile_id
