"""Fixtures and helpers for the privacy screens' tests: the real privacy service, with a
cheap key derivation the test can hold, and a back-off that runs on the test's clock."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.services.privacy import PrivacyService
from desktop_app.storage import keyfile
from tests.conftest import FakeClock
from tests.modal_waits import when_modal

PASSPHRASE = "quiet river morning light"
LIGHT_ARGON2 = {"time_cost": 1, "memory_cost": 64, "parallelism": 1}


class Kdf:
    """The key derivation as the tests see it: ``calls`` counts the derivations started;
    while ``gate`` is closed (``hold()``) each one waits until the test opens it."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.gate.set()
        self.calls = 0

    def hold(self) -> None:
        self.gate.clear()

    def release(self) -> None:
        self.gate.set()


@pytest.fixture
def kdf(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> Iterator[Kdf]:
    """Real PrivacyService everywhere, with tiny Argon2 costs (stored beside each wrap, so
    all else is as in use), a gate on each derivation, and the back-off on ``clock``."""
    monkeypatch.setattr(keyfile, "ARGON2", LIGHT_ARGON2)
    kdf = Kdf()
    derive = keyfile._derive

    def gated(wrap: dict[str, Any], secret: str, path: Path) -> bytes:
        kdf.calls += 1
        if not kdf.gate.wait(10):
            raise RuntimeError("the test never let the key derivation finish")
        return derive(wrap, secret, path)

    monkeypatch.setattr(keyfile, "_derive", gated)
    init = PrivacyService.__init__

    def on_test_clock(self: PrivacyService, session: Any, state_dir: Path | None = None,
                      now: Callable[[], float] | None = None) -> None:
        init(self, session, state_dir, now or (lambda: clock().timestamp()))

    monkeypatch.setattr(PrivacyService, "__init__", on_test_clock)
    yield kdf
    kdf.release()  # never leave a worker waiting


def when_dialog(kind: type[QWidget], callback: Callable[[Any], None]) -> None:
    """Run ``callback`` on the first visible modal widget of ``kind`` (no sleeping); the
    wait ends with its test, like ``when_modal``'s."""
    when_modal(callback, kind)


def protect_now(startup: Any, passphrase: str = PASSPHRASE) -> tuple[str, str]:
    """Protect the open profile through the service (on this thread); its id and its
    recovery key."""
    session = startup.session
    privacy = session.privacy
    recovery = privacy.protect(privacy.prepare_protect(passphrase))
    session.notify()
    return session.profile.id, recovery


def pressing(choice: str, said: list[str]) -> Callable[[QMessageBox], None]:
    """For ``when_dialog(QMessageBox, …)``: keep the box's informative text, click ``choice``."""
    def press(box: QMessageBox) -> None:
        said.append(box.informativeText())
        [button] = [b for b in box.buttons() if b.text() == choice]
        button.click()

    return press
