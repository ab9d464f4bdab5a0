"""Editing and deleting what was written, the check-in settings, and the reminder timer."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop_app.services.journal import WinDraft
from desktop_app.ui.journal.reminder import CheckInReminder
from desktop_app.ui.journal.settings_dialog import CheckInSettingsDialog
from desktop_app.ui.journal.win_dialog import WinDialog
from tests.conftest import when_modal
from tests.ui.test_journal_support import click, journal_of, opened, simple_focus, stored


def journal_screen(startup, tab: str):
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab(tab)
    return getattr(screen, tab)


def delete_on_confirm(box: QMessageBox) -> None:
    [delete] = [b for b in box.buttons() if b.text() == "Delete"]
    delete.click()


def test_edit_and_delete_a_win(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    journal.log_win(WinDraft("Went for a walk"))
    tab = journal_screen(startup, "wins")
    assert tab.list.count() == 1
    assert tab.list.item(0).text().startswith("Went for a walk\nToday")
    tab.list.setCurrentRow(0)

    def edit(dialog: WinDialog) -> None:
        dialog.form.text.setPlainText("Went for a long walk in the rain")
        dialog.form.area.setCurrentIndex(1)
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    click(qtbot, tab.edit_button)
    edit(opened(qtbot, WinDialog))
    [win] = stored(startup)["wins"].values()
    assert win["text"] == "Went for a long walk in the rain"
    assert win["focus_area"] == journal.focus.current().item.areas[0].key  # type: ignore[union-attr]
    assert "Work" in tab.list.item(0).text()

    tab.list.setCurrentRow(0)
    when_modal(delete_on_confirm)
    click(qtbot, tab.delete_button)
    assert stored(startup)["wins"] == {}
    assert tab.stack.currentWidget() is tab.empty


def test_delete_a_checkin_after_confirmation(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = journal_of(startup)
    template = journal.checkin_template()
    assert template is not None
    journal.complete_checkin(template, {"distress": 4, "note": "A rough one"})
    tab = journal_screen(startup, "checkins")
    assert tab.model.index(0, tab.model.column_titles().index("Note")).data() == "A rough one"
    tab.table.selectRow(0)
    when_modal(delete_on_confirm)
    click(qtbot, tab.delete_button)
    assert stored(startup)["checkins"] == {}
    assert tab.model.rowCount() == 0


def test_checkin_settings_from_the_menu(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    action = startup.window.action_checkin_settings
    assert action.isEnabled() and startup.window.settings_menu.menuAction().isVisible()

    def weekly(dialog: CheckInSettingsDialog) -> None:
        dialog.cadence.setCurrentIndex(1)
        assert dialog.weekday.isEnabled()
        dialog.weekday.setCurrentIndex(6)
        dialog.time.setTime(QTime(19, 30))
        dialog.zone.setCurrentText("Europe/Paris")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    when_modal(weekly)
    action.trigger()
    assert stored(startup)["meta"]["1"]["checkin_settings"] == {
        "cadence": "weekly", "weekday": 6, "reminder_time": "19:30", "timezone": "Europe/Paris",
    }


def test_an_unknown_time_zone_is_explained(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    dialog = CheckInSettingsDialog(journal_of(startup), startup.window)
    qtbot.addWidget(dialog)
    dialog.zone.setCurrentText("Mars/Olympus")
    dialog.save()
    assert "not one Groundwork knows" in dialog.error.text()
    assert stored(startup)["meta"]["1"]["checkin_settings"]["timezone"] == "Europe/Paris"


def test_the_reminder_fires_at_the_chosen_time(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal = journal_of(startup)
    reminder = CheckInReminder(startup.window.ctx, startup.window, tray_available=False)
    qtbot.waitUntil(lambda: reminder.target is not None)
    assert reminder.target.isoformat() == "2026-03-14T20:00:00+01:00"
    assert reminder.timer.isActive()
    assert reminder.timer.interval() == 60 * 60 * 1000  # never waits more than an hour at once

    clock.advance(hours=1)
    with qtbot.assertNotEmitted(reminder.due):
        reminder.check()  # not yet: the timer is aimed again
    clock.advance(hours=10)  # 20:30
    with qtbot.waitSignal(reminder.due, timeout=1000):
        reminder.check()
    assert reminder.target.isoformat() == "2026-03-15T20:00:00+01:00"

    # A check-in made today moves the next reminder to tomorrow at once.
    template = journal.checkin_template()
    assert template is not None
    clock.advance(days=1, hours=-3)  # Sunday 17:30
    journal.complete_checkin(template, {"distress": 1})
    assert reminder.target.isoformat() == "2026-03-16T20:00:00+01:00"


def test_the_main_window_starts_a_reminder(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    # Set up once the window has been painted, so it never delays the first window.
    qtbot.waitUntil(lambda: startup.window.reminder is not None)
    reminder = startup.window.reminder
    assert isinstance(reminder, CheckInReminder)
    qtbot.waitUntil(lambda: reminder.target is not None)
    assert reminder.timer.isActive()
