"""The profile is read after the first paint on a worker (``desktop_app.start_read``) and
switched to on the UI thread (``desktop_app.start_steps``): input and timers run while it is
read, a close meanwhile lets go of what was read, and a profile opened or made from a menu
meanwhile is the one that stays."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer

from desktop_app import start_read
from desktop_app.app import prepare
from desktop_app.cli import parse_options
from desktop_app.services.session import Session
from tests.ui.test_start_deferred import started_unpainted


def _make_profile(data_dir: Path, clock: Any, computer: Path, name: str) -> None:
    from desktop_app.paths import resources_dir
    from desktop_app.storage.device import load_or_create_device

    session = Session(data_dir, resources_dir(), clock, load_or_create_device(computer))
    session.create_profile(name)
    session.close()


def _gated(monkeypatch: Any) -> dict[str, Any]:
    """The worker reads for real, then waits until the test opens the gate."""
    gate: dict[str, Any] = {"reached": threading.Event(), "open": threading.Event()}
    read_first = start_read.read_first

    def gated(*args: Any, **kwargs: Any) -> start_read.FirstRead:
        gate["read"] = read_first(*args, **kwargs)
        gate["thread"] = threading.current_thread()
        gate["reached"].set()
        assert gate["open"].wait(10)
        return gate["read"]  # type: ignore[no-any-return]

    monkeypatch.setattr(start_read, "read_first", gated)
    return gate


def _started(qtbot: Any, data_dir: Path, clock: Any, *args: str) -> Any:
    startup = prepare(parse_options(["--data-dir", str(data_dir), *args]), clock)
    assert not isinstance(startup, int)
    qtbot.addWidget(startup.window)
    return startup


def test_timers_run_on_the_ui_thread_while_the_profile_is_read(
    qtbot, data_dir, clock, computer, monkeypatch
) -> None:
    _make_profile(data_dir, clock, computer, "Sam")
    gate = _gated(monkeypatch)
    # The read waits for a timer of the UI thread: were it read there, this never ends.
    ticked: list[str] = []

    def tick() -> None:
        if gate["reached"].is_set():
            ticked.append("tick")
            gate["open"].set()
        else:
            QTimer.singleShot(5, tick)

    startup = _started(qtbot, data_dir, clock, "--profile", "Sam")
    QTimer.singleShot(5, tick)
    qtbot.waitUntil(lambda: startup.ready)
    assert ticked == ["tick"]
    assert gate["thread"] is not threading.main_thread()
    assert startup.session.profile is not None and startup.session.profile.name == "Sam"
    assert startup.session.repo is gate["read"].repo  # switched to, not read again
    assert startup.window.windowTitle() == "Sam — Groundwork"
    qtbot.waitUntil(lambda: startup.notices_said)
    startup.window.close()
    startup.shutdown()


def test_closing_while_the_profile_is_read_opens_nothing_and_lets_go_of_it(
    qtbot, data_dir, clock, computer, monkeypatch
) -> None:
    _make_profile(data_dir, clock, computer, "Sam")
    gate = _gated(monkeypatch)
    startup = _started(qtbot, data_dir, clock, "--profile", "Sam")
    qtbot.waitUntil(gate["reached"].is_set)
    read = gate["read"]
    assert read.repo is not None
    gate["open"].set()  # the result is handed over at a later turn: closed before it
    startup.window.close()
    startup.shutdown()
    assert read.repo is None  # let go of (closed) by the shutdown
    later: list[bool] = []
    QTimer.singleShot(50, lambda: later.append(True))
    qtbot.waitUntil(lambda: bool(later))
    assert startup.session.repo is None
    assert not startup.ready and not startup.notices_said


def test_closing_while_a_new_profile_is_looked_for_makes_nothing(
    qtbot, data_dir, clock, computer, monkeypatch
) -> None:
    gate = _gated(monkeypatch)
    startup = started_unpainted(qtbot, data_dir, clock)  # --profile Sam: there is none
    qtbot.waitUntil(gate["reached"].is_set)
    assert gate["read"].create == "Sam"  # made on the UI thread, once handed over
    gate["open"].set()
    startup.window.close()
    startup.shutdown()
    later: list[bool] = []
    QTimer.singleShot(50, lambda: later.append(True))
    qtbot.waitUntil(lambda: bool(later))
    assert startup.session.repo is None
    assert not (data_dir / "profiles").exists() or not any((data_dir / "profiles").iterdir())


def test_a_profile_made_from_a_menu_meanwhile_stays_open(
    qtbot, data_dir, clock, computer, monkeypatch
) -> None:
    _make_profile(data_dir, clock, computer, "Sam")
    gate = _gated(monkeypatch)
    startup = _started(qtbot, data_dir, clock, "--profile", "Sam")
    qtbot.waitUntil(gate["reached"].is_set)
    startup.session.create_profile("Made meanwhile")  # as Profile ▸ New does
    gate["open"].set()
    qtbot.waitUntil(lambda: startup.ready)
    profile = startup.session.profile
    assert profile is not None and profile.name == "Made meanwhile"
    assert gate["read"].repo is None  # Sam, read meanwhile, was let go of
    assert startup.window.windowTitle() == "Made meanwhile — Groundwork"
    qtbot.waitUntil(lambda: startup.notices_said)
    startup.window.close()
    startup.shutdown()


def test_a_profile_that_cannot_be_read_is_said_and_the_next_one_opens(
    qtbot, data_dir, clock, computer, monkeypatch
) -> None:
    from desktop_app.storage.schema import ProfileFileError

    _make_profile(data_dir, clock, computer, "Alex")
    _make_profile(data_dir, clock, computer, "Sam")
    read_profile = Session.read_profile

    def refuse_alex(self: Session, profile_id: str, key: Any = None) -> Any:
        info = self.profiles.by_id(profile_id)
        if info is not None and info.name == "Alex":
            raise ProfileFileError(Path("alex.json"), "could not be read")
        return read_profile(self, profile_id, key)

    monkeypatch.setattr(Session, "read_profile", refuse_alex)
    startup = _started(qtbot, data_dir, clock)
    qtbot.waitUntil(lambda: startup.ready)
    profile = startup.session.profile
    assert profile is not None and profile.name == "Sam"
    assert "alex.json: could not be read" in startup.notices
    startup.window.close()
    startup.shutdown()


def test_closing_while_the_lists_are_decoded_says_nothing_afterwards(
    qtbot, data_dir, clock, computer, monkeypatch
) -> None:
    _make_profile(data_dir, clock, computer, "Sam")
    reached, gate = threading.Event(), threading.Event()
    warm_lists = start_read.warm_lists

    def gated(session: Any, repo: Any) -> None:
        warm_lists(session, repo)
        reached.set()
        assert gate.wait(10)

    monkeypatch.setattr(start_read, "warm_lists", gated)
    startup = _started(qtbot, data_dir, clock, "--profile", "Sam")
    qtbot.waitUntil(reached.is_set)
    assert startup.ready and not startup.notices_said
    gate.set()
    startup.window.close()
    startup.shutdown()  # waits for the worker, then closes the profile
    later: list[bool] = []
    QTimer.singleShot(50, lambda: later.append(True))
    qtbot.waitUntil(lambda: bool(later))
    assert not startup.notices_said
