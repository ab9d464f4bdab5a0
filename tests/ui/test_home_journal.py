"""Home for a profile in use: focus, the next check-in (and a gentle note when it waits), wins."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLabel

from desktop_app.services.journal import WinDraft
from desktop_app.ui.wizard.template_wizard import TemplateWizard
from tests.ui.test_journal_support import (
    add_gap_result,
    button,
    click,
    closed_gap,
    modal,
    simple_focus,
    stored,
)


def test_a_new_profile_keeps_the_first_steps(start_app) -> None:
    home = start_app("--profile", "Sam").window.screens["home"]
    assert home.greeting.text() == "Hello, Sam"
    assert home.first_button.text() == "Take your first assessment"
    assert not home.has_history


def test_home_shows_focus_next_checkin_and_latest_win(qtbot, start_app, clock) -> None:
    first = start_app("--profile", "Sam")
    journal = simple_focus(first)
    add_gap_result(first, clock.now - timedelta(days=2), {"work": (3, 8)})
    journal.log_win(WinDraft("Said no to an extra shift"))
    home = first.window.screens["home"]
    assert home.focus_labels[0].text() == "Work: Answer from calm"
    assert home.due_label.objectName() == "nextCheckIn"
    assert home.due_label.text().startswith("Your next check-in is due today at 20:00")
    assert home.win_label.text() == "“Said no to an extra shift”"
    assert home.assessment_label.text() == (
        "Your latest assessment: Where I am, where I want to be, Thursday 12 March."
    )


def test_an_overdue_checkin_gets_a_gentle_note_and_one_click(qtbot, start_app, clock) -> None:
    first = start_app("--profile", "Sam")
    journal = simple_focus(first)
    template = journal.checkin_template()
    assert template is not None
    journal.complete_checkin(template, {"distress": 3})
    first.window.close()
    first.shutdown()

    clock.advance(days=2)  # Monday morning; Sunday's check-in did not happen
    startup = start_app()
    home = startup.window.screens["home"]
    qtbot.waitUntil(lambda: home.ready)  # the cards come right after the first paint
    note = home.findChild(QLabel, "overdueNote")
    assert note is not None and note.isVisible()
    assert "waiting since yesterday" in note.text()
    assert not any(w in note.text().lower() for w in ("missed", "failed", "streak"))
    click(qtbot, button(home, "checkInNow"))
    qtbot.waitUntil(lambda: isinstance(modal(), TemplateWizard))
    wizard = modal()
    assert isinstance(wizard, TemplateWizard) and wizard.template.id == "check-in"
    wizard.reject()


def test_a_closed_gap_is_acknowledged_once(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    closed_gap(startup, clock.now)
    home = startup.window.screens["home"]
    texts = " ".join(label.text() for label in home.findChildren(QLabel))
    assert "Closer in Work" in texts
    assert "narrowed from 6 to 3" in texts
    click(qtbot, button(home, "acknowledgeMilestones"))
    assert stored(startup)["meta"]["1"]["milestones_seen"] == ["gap-closed:work"]
    assert home.findChild(QLabel, "overdueNote") is None
    assert button(home, "checkInNow")
    texts = " ".join(
        label.text() for label in home.findChildren(QLabel) if label.isVisibleTo(home)
    )
    assert "Closer in Work" not in texts
