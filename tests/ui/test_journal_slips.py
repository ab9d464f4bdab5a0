"""Slips and returns: log one, mark the return, see the time it took; pause a practice."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from desktop_app.services.journal import SlipDraft
from desktop_app.ui.journal.acknowledge import Acknowledgement
from desktop_app.ui.journal.pause_dialog import PauseDialog
from desktop_app.ui.journal.slip_dialog import BackOnTrackDialog, SlipDialog
from tests.conftest import when_modal
from tests.ui.test_journal_support import button, click, modal, opened, simple_focus, stored


def slips_tab(startup):
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab("slips")
    return screen.slips


def test_log_a_slip_then_get_back_on_track(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    tab = slips_tab(startup)
    assert "When you log a slip" in tab.summary.text()

    def log(dialog: SlipDialog) -> None:
        qtbot.keyClicks(dialog.form.old_pattern, "Doomscrolling in bed")
        qtbot.keyClicks(dialog.form.trigger, "A hard phone call")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    click(qtbot, button(tab, "logSlip"))
    log(opened(qtbot, SlipDialog))
    [slip] = stored(startup)["lapses"].values()
    assert slip["old_pattern"] == "Doomscrolling in bed"
    assert slip["back_on_track_at"] is None
    assert tab.table.item(0, 1).text() == "not yet"

    clock.advance(hours=6)
    tab.table.selectRow(0)
    assert tab.back_button.isEnabled()

    def back(dialog: BackOnTrackDialog) -> None:
        qtbot.keyClicks(dialog.helped, "Phone charging in the kitchen")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    click(qtbot, tab.back_button)
    back(opened(qtbot, BackOnTrackDialog))
    [slip] = stored(startup)["lapses"].values()
    assert slip["back_on_track_at"] == "2026-03-14T15:30:00+01:00"
    assert slip["what_helped"] == "Phone charging in the kitchen"
    # The time it took is the measure, per slip and as the headline.
    assert tab.table.item(0, 1).text() == "after 6 hours"
    assert tab.summary.text() == "Time back on track so far: 6 hours."
    # The first return is worth a word.
    qtbot.waitUntil(lambda: isinstance(modal(), Acknowledgement))
    thanks = modal()
    assert isinstance(thanks, Acknowledgement)
    assert "it is the work" in " ".join(thanks.texts)
    thanks.reject()
    assert journal.slips()[0].item.what_helped == "Phone charging in the kitchen"


def test_deleting_a_slip_asks_first(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    journal.log_slip(SlipDraft("Skipped lunch again"))
    tab = slips_tab(startup)
    tab.table.selectRow(0)

    def keep(box: QMessageBox) -> None:
        assert "Skipped lunch again" in box.text()
        box.defaultButton().click()  # the safe default keeps it

    when_modal(keep)
    click(qtbot, tab.delete_button)
    assert len(stored(startup)["lapses"]) == 1

    def remove(box: QMessageBox) -> None:
        [delete] = [b for b in box.buttons() if b.text() == "Delete"]
        delete.click()

    when_modal(remove)
    click(qtbot, tab.delete_button)
    assert stored(startup)["lapses"] == {}


def test_pausing_a_practice_is_not_missing_it(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    current = journal.focus.current()
    assert current is not None
    key = current.item.areas[0].practices[0].key
    clock.advance(days=1)
    tab = slips_tab(startup)
    row = tab.practices.rows[key]

    def pause(dialog: PauseDialog) -> None:
        assert dialog.open_ended.isChecked()
        qtbot.keyClicks(dialog.reason, "Flu")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    when_modal(pause)
    click(qtbot, row.button)
    [period] = stored(startup)["focus"].values()
    pauses = period["areas"][0]["practices"][0]["pauses"]
    assert pauses == [{"start": "2026-03-15", "end": None, "reason": "Flu"}]
    row = tab.practices.rows[key]
    assert row.button.objectName() == f"resume-{key}"
    assert row.status.text() == "Paused now. Paused days never count as missed."
    said = [label.text() for label in row.findChildren(QLabel)]
    assert sum("(Flu)" in text for text in said) == 1  # when and why, said once
    assert "Paused from today, until resumed (Flu)." in said

    clock.advance(days=4)  # four days of flu: none of them missed
    startup.session.notify()
    row = tab.practices.rows[key]
    [view] = [r.view for r in tab.practices.rows.values()]
    assert all(view.statuses[date(2026, 3, d)] == "paused" for d in range(15, 20))
    click(qtbot, row.button)  # Resume
    [period] = stored(startup)["focus"].values()
    pauses = period["areas"][0]["practices"][0]["pauses"]
    assert pauses == [{"start": "2026-03-15", "end": "2026-03-18", "reason": "Flu"}]
    assert tab.practices.rows[key].button.objectName() == f"pause-{key}"


def test_a_pause_entered_by_mistake_can_be_removed(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    current = journal.focus.current()
    assert current is not None
    key = current.item.areas[0].practices[0].key
    journal.focus.pause(key, date(2026, 3, 10), date(2026, 3, 12), "Typo")
    tab = slips_tab(startup)
    row = tab.practices.rows[key]
    [(remove, pause)] = row.remove_buttons
    assert pause.reason == "Typo"
    assert "Paused from" in " ".join(label.text() for label in row.findChildren(QLabel))

    def cancel(box: QMessageBox) -> None:
        assert "count as usual again" in box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()

    when_modal(cancel)
    click(qtbot, remove)
    [period] = stored(startup)["focus"].values()
    assert len(period["areas"][0]["practices"][0]["pauses"]) == 1

    def confirm(box: QMessageBox) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(confirm)
    click(qtbot, remove)
    [period] = stored(startup)["focus"].values()
    assert period["areas"][0]["practices"][0]["pauses"] == []
    assert tab.practices.rows[key].remove_buttons == []
