"""Shared fixtures: offscreen Qt, a fresh data folder per test, a fixed clock.

Also the guards that keep one test from leaking into the next: widgets closed in a test are
deleted before the next one starts, ``when_modal`` stops waiting when its test ends, a test
that leaves the event loop unable to run is named (see ``_isolate_qt``), and an exception in
a worker thread fails its test like one in a slot does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from desktop_app.storage.device import Device

# In a module of its own: pytest imports this file as ``conftest`` and the tests import it as
# ``tests.conftest``, two modules with two lists; a wait its test did not cancel then took the
# next test's message box (a later full-disk test never saw its warning).
from tests.modal_waits import _modal_waits, cancel_modal_waits, when_modal

__all__ = ["_modal_waits", "when_modal"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read English whatever this machine speaks (LANGUAGE wins over LC_ALL and LANG).
os.environ["LANGUAGE"] = "en"

# No timing in tests, Hypothesis's included: its per-example deadline and its "input
# generation is slow" check both failed on a busy machine (make test beside stress-ng).
settings.register_profile(
    "groundwork", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("groundwork")


def pytest_configure(config: pytest.Config) -> None:
    # pytest-qt fails a test on an exception in a slot or virtual method (via sys.excepthook);
    # one in a worker thread (the chart loader's) would only be a warning.
    config.addinivalue_line(
        "filterwarnings", "error::pytest.PytestUnhandledThreadExceptionWarning"
    )


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


@pytest.fixture
def device() -> Device:
    return TEST_DEVICE


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


# Not XDG_CACHE_HOME: a fresh one makes matplotlib and fontconfig rebuild their font caches,
# seconds of work on the chart loader's thread that a busy machine turns into timeouts.
XDG_FOLDERS = ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME")


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
    qtbot, data_dir: Path, clock: FakeClock, computer: Path, request: pytest.FixtureRequest
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
            qtbot.waitUntil(lambda: _raised_in_qt(request) or result.ready)
        return result

    yield start
    for startup in started:
        startup.window.close()  # type: ignore[attr-defined]
        startup.shutdown()  # type: ignore[attr-defined]


def _raised_in_qt(request: pytest.FixtureRequest) -> bool:
    """Fail now, with its traceback, if a slot raised: waiting on would only time out."""
    from pytestqt.exceptions import format_captured_exceptions

    manager = getattr(request.node, "qt_exception_capture_manager", None)
    if manager is not None and manager.exceptions:
        pytest.fail("raised inside Qt:\n" + format_captured_exceptions(manager.exceptions))
    return False


def _event_loop_runs() -> bool:
    """False once ``QApplication.exit()`` was called with no ``exec()`` running.

    Qt then makes every later event loop return at once, so each ``waitUntil`` and
    ``waitSignal`` of every later test times out without having processed a single event.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(0, loop, loop.quit)
    return loop.exec() == 0


def _reset_event_loops() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    # exec() clears the pending exit.
    QTimer.singleShot(0, app, app.quit)
    app.exec()


def _delete_closed_widgets() -> None:
    """Run the deferred deletes of this test, as returning to the main loop would."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):  # deleting a widget may schedule more deletes
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def _fail_on_open_windows() -> None:
    """Windows (dialogs included) that outlive their test are closed, and the test fails.

    Closing a window, wizard or dialog must free it; one that stays keeps its timers, its
    slots and, through them, its whole main window, session and profile alive.
    """
    import gc

    from PySide6.QtWidgets import QApplication

    gc.collect()  # windows held only by Python cycles go now, as they would soon anyway
    _delete_closed_widgets()
    left = QApplication.topLevelWidgets()
    if not left:
        return
    names = sorted(f"{type(w).__name__} {w.objectName() or w.windowTitle()!r}" for w in left)
    for widget in left:
        widget.close()
        widget.deleteLater()
    _delete_closed_widgets()
    pytest.fail(f"windows left alive after the test: {', '.join(names)}")


@pytest.fixture(autouse=True)
def _isolate_qt(request: pytest.FixtureRequest) -> Iterator[None]:
    """Keep each test's Qt state to itself (only for tests that use Qt)."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("qapp")
    if not _event_loop_runs():
        _reset_event_loops()
        pytest.fail(
            "Qt's event loops were ended before this test started: an earlier test left "
            "a timer or slot that called QApplication.exit()/quit() outside exec()."
        )
    yield
    cancel_modal_waits()
    _delete_closed_widgets()
    _fail_on_open_windows()
    if not _event_loop_runs():
        _reset_event_loops()
        pytest.fail(
            "This test (or a timer it left) called QApplication.exit()/quit() outside "
            "exec(): every later event loop would return at once."
        )


@pytest.fixture
def light_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with tiny costs (the real ones take a third of a second per try): the
    parameters are stored beside each wrap, so everything else is as in use. The real cost
    is measured in the benchmark."""
    from desktop_app.storage import keyfile

    monkeypatch.setattr(keyfile, "ARGON2", {"time_cost": 1, "memory_cost": 64, "parallelism": 1})


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """``tmpfs(name, read_only=False)``: a real 16 KiB tmpfs under the test's folder, unmounted
    after the test; the test is skipped where mounting is not allowed (it needs root)."""
    import subprocess

    mounted: list[Path] = []

    def mount(name: str, *, read_only: bool = False) -> Path:
        mount_point = tmp_path / name
        mount_point.mkdir()
        options = "ro,size=16k" if read_only else "size=16k"
        made = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount_point)],
                              capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"cannot mount a {'read-only ' if read_only else ''}small tmpfs here "
                        "(needs root)")
        mounted.append(mount_point)
        return mount_point

    yield mount
    for mount_point in mounted:
        subprocess.run(["umount", str(mount_point)], check=False)
