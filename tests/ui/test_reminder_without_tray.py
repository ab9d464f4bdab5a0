"""A check-in falling due while the window is open, on a desktop with no system tray:
Home and the window title say so, and the window asks for attention."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget, QWizard

from tests.ui.test_checkin_flow import ANSWERS, answer, open_wizard
from tests.ui.test_journal_support import click, modal, simple_focus, stored


@pytest.fixture
def no_tray(monkeypatch: pytest.MonkeyPatch) -> list[QWidget]:
    """No system tray (stock GNOME); returns the windows that asked for attention."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    alerts: list[QWidget] = []
    monkeypatch.setattr(
        QApplication, "alert", staticmethod(lambda widget, ms=0: alerts.append(widget))
    )
    return alerts


def checked_in_yesterday(startup, clock) -> None:
    """A profile that checked in yesterday morning (a new one is never waiting)."""
    journal = simple_focus(startup)
    template = journal.checkin_template()
    assert template is not None
    journal.complete_checkin(template, ANSWERS)
    clock.advance(days=1)  # Sunday 09:30: today's check-in falls due at 20:00
    startup.session.notify()


def test_a_checkin_falling_due_shows_on_home_and_in_the_title(
    qtbot, start_app, clock, no_tray: list[QWidget]
) -> None:
    startup = start_app("--profile", "Sam")
    checked_in_yesterday(startup, clock)
    window = startup.window
    qtbot.waitUntil(lambda: window.reminder is not None and window.reminder.target is not None)
    reminder = window.reminder
    assert reminder.tray is None
    home = window.screens["home"]
    assert window.windowTitle() == "Sam — Groundwork"
    assert "due today at 20:00" in home.due_label.text()

    clock.advance(hours=11)  # 20:30: the reminder time has passed with the window open
    reminder.timer.timeout.emit()  # as the timer does when its wait is over
    assert window.windowTitle() == "Check-in waiting — Sam — Groundwork"
    assert home.due_label.text() == "Your check-in for today is ready whenever you are."
    assert home.due_label.objectName() == "overdueNote"
    assert home.checkin_button.isVisible() and home.checkin_button.text() == "Check in now"
    assert no_tray == [window]  # the taskbar entry asks for attention, once
    assert reminder.target.isoformat() == "2026-03-16T20:00:00+01:00"

    click(qtbot, home.checkin_button)
    wizard = open_wizard(qtbot)
    answer(wizard, ANSWERS)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: modal() is not wizard)
    if (thanks := modal()) is not None:
        thanks.reject()
    assert len(stored(startup)["checkins"]) == 2
    # Checked in: the title and Home move on, and nothing more asks for attention.
    assert window.windowTitle() == "Sam — Groundwork"
    assert "tomorrow at 20:00" in home.due_label.text()
    assert no_tray == [window]


def test_a_checkin_already_waiting_at_start_is_in_the_title(
    qtbot, start_app, clock, no_tray: list[QWidget]
) -> None:
    startup = start_app("--profile", "Sam")
    checked_in_yesterday(startup, clock)
    startup.window.close()
    startup.shutdown()
    clock.advance(days=1)  # Monday 09:30: Sunday's check-in is waiting
    again = start_app("--profile", "Sam")
    window = again.window
    qtbot.waitUntil(lambda: window.windowTitle().startswith("Check-in waiting"))
    assert window.windowTitle() == "Check-in waiting — Sam — Groundwork"
    assert no_tray == []  # a window just opened needs no blinking to be seen
