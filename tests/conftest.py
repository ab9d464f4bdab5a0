"""Shared fixtures: offscreen Qt, a fresh data folder per test, a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

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


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


XDG_FOLDERS = ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "XDG_CACHE_HOME",
               "XDG_DATA_HOME")


def point_xdg_at(root: Path, patch: pytest.MonkeyPatch) -> Path:
    """This computer's folders (platformdirs reads these on Linux) under ``root``."""
    for name in XDG_FOLDERS:
        folder = root / name.removeprefix("XDG_").lower()
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)  # a runtime folder must be private, or platformdirs refuses it
        patch.setenv(name, str(folder))
    return root


@pytest.fixture(autouse=True, scope="session")
def _no_real_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test writes this computer's real config, state or runtime folders."""
    with pytest.MonkeyPatch.context() as patch:
        point_xdg_at(tmp_path_factory.mktemp("computer"), patch)
        yield


@pytest.fixture
def computer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh set of this computer's folders for one test; returns their root."""
    return point_xdg_at(tmp_path / "computer", monkeypatch)


@pytest.fixture
def start_app(
    qtbot, data_dir: Path, clock: FakeClock, computer: Path
) -> Iterator[Callable[..., object]]:
    """Start Groundwork in-process (without the event loop) and close it after the test."""
    from desktop_app.app import prepare
    from desktop_app.cli import parse_options

    started: list[object] = []

    def start(*args: str, data: Path | None = None, folders: object = None) -> object:
        folder = data or data_dir
        result = prepare(parse_options(["--data-dir", str(folder), *args]), clock, folders)
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
