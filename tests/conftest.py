"""Shared fixtures: offscreen Qt, a fresh data folder per test, a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop_app.storage.device import Device

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXED_NOW = datetime(2026, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=1)))


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


# This computer, as every test sees it (a fixed id, so its files have known names).
TEST_DEVICE = Device("d-0000000000000001", "Test computer")


@pytest.fixture(autouse=True, scope="session")
def _config_outside_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test ever reads or writes the real ~/.config (this computer's identity lives there)."""
    before = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config"))
    yield
    if before is None:
        os.environ.pop("XDG_CONFIG_HOME", None)
    else:
        os.environ["XDG_CONFIG_HOME"] = before


@pytest.fixture
def device() -> Device:
    return TEST_DEVICE


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def start_app(
    qtbot, data_dir: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., object]]:
    """Start Groundwork in-process (without the event loop) and close it after the test.

    The platform config folder (this computer's identity) is under ``tmp_path``, never the
    real one."""
    from desktop_app.app import prepare
    from desktop_app.cli import parse_options

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))

    started: list[object] = []

    def start(*args: str, data: Path | None = None) -> object:
        folder = data or data_dir
        result = prepare(parse_options(["--data-dir", str(folder), *args]), clock)
        if not isinstance(result, int):
            qtbot.addWidget(result.window)
            started.append(result)
            # The profile opens right after the window's first paint.
            qtbot.waitUntil(lambda: result.ready)
        return result

    yield start
    for startup in started:
        startup.window.close()  # type: ignore[attr-defined]
        startup.shutdown()  # type: ignore[attr-defined]


def when_modal(callback: Callable[[object], None]) -> None:
    """Run ``callback`` on the next modal dialog as soon as it is shown (no sleeping)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible():
            QTimer.singleShot(5, poll)
            return
        callback(widget)

    QTimer.singleShot(0, poll)
