"""The profile is opened after the first paint a step per event-loop turn
(``desktop_app.start_steps``): input and timers run between the steps, a close between two
steps stops the rest, and a profile opened from a menu meanwhile is the one that stays."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer

from desktop_app import start_steps
from tests.ui.test_start_deferred import started_unpainted


def test_a_timer_runs_between_every_two_steps_of_the_open(
    qtbot, data_dir, clock, computer, monkeypatch
) -> None:
    happened: list[str] = []
    in_turns = start_steps.in_turns

    def marked(startup: Any, steps: list[Any], then: Any) -> None:
        def step(run: Any) -> Any:
            def marked_run() -> object:
                happened.append("step")
                # A timer (not a posted call) due now: it runs before the next step only
                # if each step waits for a turn of its own.
                timer = QTimer(startup.window)
                timer.setSingleShot(True)
                timer.timeout.connect(lambda: happened.append("timer"))
                timer.start(0)
                return run()
            marked_run.marked = True  # type: ignore[attr-defined]
            return marked_run
        steps[:] = [s if getattr(s, "marked", False) else step(s) for s in steps]
        in_turns(startup, steps, then)

    monkeypatch.setattr(start_steps, "in_turns", marked)
    startup = started_unpainted(qtbot, data_dir, clock)
    qtbot.waitUntil(lambda: startup.ready)
    assert startup.session.profile is not None and startup.session.profile.name == "Sam"
    steps = happened.count("step")
    assert steps >= 4
    assert happened[:2 * steps - 1] == ["step", "timer"] * (steps - 1) + ["step"]
    qtbot.waitUntil(lambda: startup.notices_said)
    startup.window.close()
    startup.shutdown()


def test_closing_between_two_steps_opens_nothing_afterwards(
    qtbot, data_dir, clock, computer, monkeypatch
) -> None:
    holder: dict[str, Any] = {}
    imports = start_steps._import_what_home_reads

    def close_now() -> None:
        imports()
        holder["startup"].window.close()
        holder["startup"].shutdown()
        # Due after any step the chain had scheduled: if one ran, it ran before this.
        QTimer.singleShot(20, lambda: holder.setdefault("later", True))

    monkeypatch.setattr(start_steps, "_import_what_home_reads", close_now)
    startup = holder["startup"] = started_unpainted(qtbot, data_dir, clock)
    qtbot.waitUntil(lambda: holder.get("later", False))
    assert startup.session.repo is None  # the open step never ran
    assert not startup.ready and not startup.notices_said
    assert not (data_dir / "profiles").exists() or not any((data_dir / "profiles").iterdir())


def test_a_profile_made_from_a_menu_meanwhile_stays_open(
    qtbot, data_dir, clock, computer, monkeypatch
) -> None:
    holder: dict[str, Any] = {}
    imports = start_steps._import_what_home_reads

    def made_meanwhile() -> None:
        imports()
        holder["startup"].session.create_profile("Made meanwhile")

    monkeypatch.setattr(start_steps, "_import_what_home_reads", made_meanwhile)
    startup = holder["startup"] = started_unpainted(qtbot, data_dir, clock)
    qtbot.waitUntil(lambda: startup.ready)
    profile = startup.session.profile
    assert profile is not None and profile.name == "Made meanwhile"
    names = {info.name for info in startup.session.profiles.refresh()}
    assert names == {"Made meanwhile"}  # "--profile Sam" was not made over it
    qtbot.waitUntil(lambda: startup.notices_said)
    startup.window.close()
    startup.shutdown()
