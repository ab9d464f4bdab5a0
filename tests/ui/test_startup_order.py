"""Start-up order: Home first, then the records it left out are looked for and named once.

Reading every list for the notice waits until Home is on screen; Home reads what it shows
itself, so it shows the same whether the lists were read before it or after.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop_app.services.journal import WinDraft
from desktop_app.services.records import read_lists
from desktop_app.ui.main_window import MainWindow
from tests.conftest import when_modal
from tests.ui.test_journal_support import journal_of


def make_history(start_app: Any, clock: Any, bad_win: bool) -> None:
    first = start_app("--profile", "Sam")
    journal = journal_of(first)
    template = journal.checkin_template()
    assert template is not None
    journal.complete_checkin(template, {"distress": 3})
    clock.advance(hours=1)
    journal.complete_checkin(template, {"distress": 2}, win=WinDraft("Walked away"))
    first.session.flush()
    path: Path = first.session.require_repo().own / "2026-03.json"
    first.window.close()
    first.shutdown()
    if bad_win:
        data = json.loads(path.read_text("utf-8"))
        data["wins"]["7"] = {"at": "2026-03-12T18:00:00+01:00", "text": 1234,
                             "focus_area": None}
        path.write_text(json.dumps(data, indent=1), "utf-8")


def home_texts(startup: Any) -> list[str]:
    home = startup.window.screens["home"]
    return [label.text() for label in home.findChildren(QLabel) if label.isVisibleTo(home)]


def test_the_notice_comes_once_after_home_is_on_screen(qtbot, start_app, clock) -> None:
    make_history(start_app, clock, bad_win=True)
    seen: list[tuple[str, list[str]]] = []
    holder: dict[str, Any] = {}

    def read(box: QMessageBox) -> None:
        # What Home shows at the moment the notice appears.
        built = holder["startup"].window.stack.built()
        wins = [s.win_label.text() for s in built if hasattr(s, "win_label") and s.ready]
        seen.append((box.text(), wins))
        box.accept()

    when_modal(read)
    startup = start_app()
    holder["startup"] = startup
    qtbot.waitUntil(lambda: bool(seen))
    [(notice, wins_then)] = seen
    assert "a win from 2026-03-12" in notice and "1234" not in notice
    assert wins_then == ["“Walked away”"]  # Home was built and filled first
    assert startup.notices_said and startup.notices == [notice.split("\n\nGroundwork")[0]]
    # A save makes Home read the lists again: nothing new to name.
    clock.advance(minutes=5)
    journal_of(startup).log_win(WinDraft("Slept well"))
    qtbot.waitUntil(lambda: "“Slept well”" in home_texts(startup))
    assert len(seen) == 1


def test_without_bad_records_nothing_is_said(qtbot, start_app, clock) -> None:
    make_history(start_app, clock, bad_win=False)
    shown: list[str] = []
    when_modal(lambda box: (shown.append(box.text()), box.accept()))
    startup = start_app()
    qtbot.waitUntil(lambda: startup.notices_said)
    assert startup.notices == [] and shown == []


@pytest.mark.parametrize("bad_win", [False, True])
def test_home_shows_the_same_whether_the_lists_are_read_before_or_after(
    qtbot, start_app, clock, monkeypatch: pytest.MonkeyPatch, bad_win: bool
) -> None:
    make_history(start_app, clock, bad_win=bad_win)
    when_modal(lambda box: box.accept())
    lazily = start_app()
    qtbot.waitUntil(lambda: lazily.notices_said)
    lazy = home_texts(lazily)
    lazily.window.close()
    lazily.shutdown()

    real = MainWindow.start_showing_session

    def eagerly(window: MainWindow) -> None:
        if window.session.repo is not None:
            read_lists(window.session)  # as start-up did before Home was built
        real(window)

    monkeypatch.setattr(MainWindow, "start_showing_session", eagerly)
    when_modal(lambda box: box.accept())
    eager_start = start_app()
    qtbot.waitUntil(lambda: eager_start.notices_said)
    assert "“Walked away”" in lazy
    assert home_texts(eager_start) == lazy


def test_the_lists_are_read_one_per_turn_of_the_event_loop(
    qtbot, start_app, clock, monkeypatch
) -> None:
    from PySide6.QtCore import QTimer

    from desktop_app.services import records

    make_history(start_app, clock, bad_win=True)
    happened: list[str] = []
    steps = records.reading_steps

    def marked(session: Any) -> list[Any]:
        def step(read: Any) -> Any:
            def run() -> object:
                happened.append("read")
                # Runs at the next turn: between two reads if each has a turn of its own.
                QTimer.singleShot(0, lambda: happened.append("turn"))
                return read()
            return run
        return [step(read) for read in steps(session)]

    monkeypatch.setattr(records, "reading_steps", marked)
    when_modal(lambda box: box.accept())
    startup = start_app()
    qtbot.waitUntil(lambda: startup.notices_said)
    reads = happened.count("read")
    assert reads == 6
    assert happened[:2 * reads - 1] == ["read", "turn"] * (reads - 1) + ["read"]
    assert any("could not be read" in notice for notice in startup.notices)
