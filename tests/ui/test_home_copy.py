"""Home drawn at start from this computer's copy of its inputs, before the profile opens:
the same texts as from the profile, clicks held until it is open, and never a copy of a
protected profile."""

from __future__ import annotations

import contextlib
import stat
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from desktop_app import start_steps as app_module
from desktop_app.domain.answers import GapAnswer
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.journal import JournalService, WinDraft
from desktop_app.ui.journal.win_dialog import WinDialog
from desktop_app.ui.main_window import MainWindow
from tests.test_home_time import counting
from tests.ui.privacy_helpers import kdf, protect_now
from tests.ui.test_journal_support import add_gap_result, closed_gap, simple_focus

__all__ = ["kdf"]  # a fixture


def shown(home: QWidget) -> list[tuple[str, str, str]]:
    """Every label and button Home shows: kind, name and text (sorted: a redraw makes new
    labels, which come last among the children)."""
    return sorted(
        (type(w).__name__, w.objectName(), w.text())
        for w in home.findChildren(QWidget)
        if isinstance(w, QLabel | QPushButton) and w.isVisibleTo(home)
    )


def quit_app(startup: Any) -> None:
    startup.window.close()
    startup.shutdown()


def new_profile(startup: Any, clock: Any) -> None:
    """Nothing beyond the profile itself."""


def with_drafts(startup: Any, clock: Any) -> None:
    service = AssessmentService(startup.session)
    templates = startup.session.templates
    service.save_draft(templates.get("life-areas"), {"work": GapAnswer(3, 8)}, clock(), 1)
    clock.advance(hours=1)
    service.save_draft(templates.get("check-in"), {}, clock(), 0)


def checkin_due(startup: Any, clock: Any) -> None:
    journal = simple_focus(startup)
    template = journal.checkin_template()
    journal.complete_checkin(template, {"distress": 3})
    journal.log_win(WinDraft("Said no to an extra shift"))
    clock.advance(days=3)  # the check-in has waited since


def paused_practice(startup: Any, clock: Any) -> None:
    journal = simple_focus(startup)
    current = journal.focus.current()
    practice = current.item.areas[0].practices[0]
    journal.focus.pause(practice.key, clock().date(), None, "a week away")
    closed_gap(startup, clock())
    add_gap_result(startup, clock() - timedelta(days=1), {"family": (4, 8)})
    startup.session.notify()


def demo(startup: Any, clock: Any) -> None:
    """Made by ``--demo`` (below); nothing to add."""


@pytest.mark.parametrize("make", [new_profile, with_drafts, checkin_due, paused_practice, demo])
def test_home_from_the_copy_shows_what_the_profile_shows(
    qtbot, start_app, clock, monkeypatch, make: Callable[[Any, Any], None]
) -> None:
    first = start_app("--demo") if make is demo else start_app("--profile", "Sam")
    make(first, clock)
    qtbot.waitUntil(lambda: first.notices_said)
    quit_app(first)
    assert first.home_copy.path.is_file()

    from_copy: list[list[tuple[str, str, str]]] = []
    open_and_show = app_module._open_and_show

    def before_the_profile_opens(startup: Any, *args: Any) -> None:
        assert startup.session.repo is None
        from_copy.append(shown(startup.window.screens["home"]))
        open_and_show(startup, *args)

    monkeypatch.setattr(app_module, "_open_and_show", before_the_profile_opens)
    second = start_app()
    assert from_copy, "Home was not drawn from the copy"
    home = second.window.screens["home"]
    qtbot.waitUntil(lambda: second.session.repo is not None and second.notices_said)
    # Labels made by the redraw are shown on the next turn of the event loop (Qt posts it).
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: shown(home) == from_copy[0], timeout=2000)
    assert shown(home) == from_copy[0]
    assert home.inputs is not None and home.inputs.profile_id == second.session.profile.id


def test_home_from_the_copy_writes_no_date_itself(qtbot, start_app, clock, monkeypatch) -> None:
    """The dates and times Home shows come with the copy (``home_time``): drawing Home at
    start needs no formatter (Babel, tens of milliseconds to load)."""
    first = start_app("--profile", "Sam")
    journal = simple_focus(first)
    journal.log_win(WinDraft("Said no to an extra shift"))
    clock.advance(days=2)  # the win is two days old; the check-in is done, the next not due
    journal.complete_checkin(journal.checkin_template(), {"distress": 3})
    with_drafts(first, clock)
    qtbot.waitUntil(lambda: first.notices_said)
    quit_app(first)

    calls = counting(monkeypatch)
    drawn = previews(monkeypatch)
    second = start_app()
    qtbot.waitUntil(lambda: second.notices_said)
    home = second.window.screens["home"]
    assert drawn == [second.session.profile.id]
    assert calls == []
    assert home.win_day.text() == (clock() - timedelta(days=2)).strftime("%A %-d %B")
    assert home.due_label.text().startswith("Your next check-in is due ")
    assert " at " in home.due_label.text() and "You check in every" in home.due_label.text()
    assert any("your answers were saved" in label.text() for label in home.findChildren(QLabel))


def test_a_click_on_home_before_the_profile_opens_is_not_lost(
    qtbot, start_app, clock, monkeypatch
) -> None:
    first = start_app("--profile", "Sam")
    checkin_due(first, clock)
    qtbot.waitUntil(lambda: first.notices_said)
    quit_app(first)
    open_and_show = app_module._open_and_show

    def click_first(startup: Any, *args: Any) -> None:
        home = startup.window.screens["home"]
        qtbot.mouseClick(home.win_button, Qt.MouseButton.LeftButton)
        assert not dialogs()  # nothing to write to yet
        open_and_show(startup, *args)

    monkeypatch.setattr(app_module, "_open_and_show", click_first)
    second = start_app()
    qtbot.waitUntil(lambda: bool(dialogs()))
    [dialog] = dialogs()
    assert second.session.repo is not None
    dialog.reject()


def dialogs() -> list[WinDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, WinDialog) and w.isVisible()]


def test_the_copy_is_private_and_left_after_a_quit(qtbot, start_app, clock) -> None:
    first = start_app("--profile", "Sam")
    JournalService(first.session).log_win(WinDraft("Walked to work"))
    qtbot.waitUntil(lambda: first.notices_said)
    quit_app(first)
    path = first.home_copy.path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Walked to work" in path.read_text("utf-8")  # the latest win, as Home shows it


def test_a_protected_profile_never_has_a_copy(qtbot, start_app, kdf) -> None:
    startup = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: startup.notices_said)
    path = startup.home_copy.path
    assert path.is_file()  # written once Home was on screen
    protect_now(startup)
    assert not path.exists()  # protecting removes it at once
    quit_app(startup)
    assert not path.exists()  # and quitting does not write one


@pytest.mark.parametrize("change", ["rename", "delete"])
def test_renaming_or_deleting_the_profile_removes_the_copy(
    qtbot, start_app, change: str
) -> None:
    startup = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: startup.notices_said)
    path = startup.home_copy.path
    assert path.is_file()
    if change == "rename":
        startup.session.rename_profile("Samira")
    else:
        startup.session.delete_profile()
    assert not path.exists()


def previews(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The profile ids Home is drawn from a copy for, from now on."""
    drawn: list[str] = []
    show = MainWindow.show_home_preview

    def record(window: MainWindow, inputs: Any, *texts: Any) -> QWidget:
        drawn.append(inputs.profile_id)
        return show(window, inputs, *texts)

    monkeypatch.setattr(MainWindow, "show_home_preview", record)
    return drawn


def test_a_damaged_copy_is_ignored(qtbot, start_app, clock, monkeypatch) -> None:
    first = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: first.notices_said)
    quit_app(first)
    path = first.home_copy.path
    path.write_text(path.read_text("utf-8")[:-40], "utf-8")
    drawn = previews(monkeypatch)
    second = start_app()
    home = second.window.screens["home"]
    qtbot.waitUntil(lambda: home.ready)
    assert drawn == []
    assert home.greeting.text() == "Hello, Sam"


def test_a_profile_file_changed_since_makes_the_copy_unused(
    qtbot, start_app, clock, monkeypatch
) -> None:
    first = start_app("--profile", "Sam")
    JournalService(first.session).log_win(WinDraft("Walked to work"))
    qtbot.waitUntil(lambda: first.notices_said)
    profile_id = first.session.profile.id
    quit_app(first)
    # As a sync engine delivers a file while Groundwork is closed (still valid JSON).
    [month] = [p for p in (first.session.data_dir / "profiles" / profile_id).rglob("*.json")
               if p.name != "profile.json"]
    month.write_bytes(month.read_bytes() + b"\n")
    drawn = previews(monkeypatch)
    second = start_app()
    home = second.window.screens["home"]
    qtbot.waitUntil(lambda: home.ready)
    assert drawn == []
    assert home.win_label.text() == "“Walked to work”"


def test_delete_all_my_data_takes_the_copy_and_quitting_does_not_bring_it_back(
    qtbot, start_app, tmp_path
) -> None:
    from desktop_app.local_state import LocalFolders
    from desktop_app.services.data_removal import delete_places, groundwork_places

    startup = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: startup.notices_said)
    path = startup.home_copy.path
    assert path.is_file()
    places = groundwork_places(startup.session.data_dir, LocalFolders.of_this_computer(),
                               tmp_path / "logs", tmp_path / "cache")
    # As Settings ▸ Delete all my data does it (ui/privacy_actions.py).
    startup.session.close()
    startup.session.profile = None
    delete_places(places)
    assert not path.exists()
    quit_app(startup)
    assert not path.exists()


def test_a_section_chosen_before_the_profile_opens_is_shown_once_it_is(
    qtbot, start_app, monkeypatch
) -> None:
    first = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: first.notices_said)
    quit_app(first)
    open_and_show = app_module._open_and_show

    def choose_first(startup: Any, *args: Any) -> None:
        startup.window.show_screen("assessments")
        assert startup.window.current_screen_key() == "home"  # nothing to show it from yet
        open_and_show(startup, *args)

    monkeypatch.setattr(app_module, "_open_and_show", choose_first)
    second = start_app()
    qtbot.waitUntil(lambda: second.window.current_screen_key() == "assessments")
