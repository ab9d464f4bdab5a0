"""Validation messages in the journal dialogs lead to their field (scrolled into view and
focused) and go away as soon as that field is put right."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QScrollArea, QWidget

from desktop_app.ui.journal.focus_dialog import FocusDialog
from desktop_app.ui.journal.pause_dialog import PauseDialog
from desktop_app.ui.journal.settings_dialog import CheckInSettingsDialog
from desktop_app.ui.journal.slip_dialog import SlipDialog
from desktop_app.ui.journal.win_dialog import WinDialog
from tests.ui.test_journal_focus import tick
from tests.ui.test_journal_slips import slips_tab
from tests.ui.test_journal_support import (
    button,
    click,
    journal_of,
    opened,
    simple_focus,
    stored,
)


def save(qtbot, dialog) -> None:
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))


def in_view(scroll: QScrollArea, field: QWidget) -> bool:
    """Whether ``field`` lies wholly inside the scroll area's visible part."""
    top = field.mapTo(scroll.viewport(), QPoint(0, 0))
    return top.y() >= 0 and top.y() + field.height() <= scroll.viewport().height()


def test_a_missing_intention_scrolls_to_and_focuses_its_field(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    dialog = FocusDialog(startup.window.ctx, parent=startup.window)
    dialog.resize(760, 520)
    dialog.show()
    qtbot.waitExposed(dialog)
    areas = [dialog.area_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(3)]
    for area in areas:
        tick(qtbot, dialog, area)
    first, second, last = (dialog.sections[a] for a in areas)
    for section in (first, second):
        qtbot.keyClicks(section.intention, "Answer from calm")
    for section in (first, second, last):
        qtbot.keyClicks(section.practices.rows[0].what, "Three breaths")
    [scroll] = [s for s in dialog.findChildren(QScrollArea) if s.widget().isAncestorOf(last)]
    scroll.verticalScrollBar().setValue(0)
    assert not in_view(scroll, last.intention)  # the last area is below the fold

    save(qtbot, dialog)
    assert dialog.error.text() == f"Write an intention for {last.title()}, in your own words."
    assert stored(startup)["focus"] == {}
    assert dialog.focusWidget() is last.intention
    assert in_view(scroll, last.intention)
    # One letter in the field puts it right: the message goes at once, before any Save.
    qtbot.keyClicks(last.intention, "B")
    assert dialog.error.isHidden()
    qtbot.keyClicks(last.intention, "e kind")
    save(qtbot, dialog)
    [period] = stored(startup)["focus"].values()
    assert [a["intention"] for a in period["areas"]][-1] == "Be kind"


def test_an_empty_practice_leads_to_it(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    dialog = FocusDialog(startup.window.ctx, parent=startup.window)
    dialog.show()
    tick(qtbot, dialog, "work")
    work = dialog.sections["work"]
    qtbot.keyClicks(work.intention, "Answer from calm")
    save(qtbot, dialog)
    assert "Add at least one practice for Work" in dialog.error.text()
    assert dialog.focusWidget() is work.practices.rows[0].what
    qtbot.keyClicks(work.practices.rows[0].what, "B")
    assert dialog.error.isHidden()
    dialog.reject()


def test_describe_the_old_pattern_goes_once_it_is_written(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    simple_focus(startup)
    tab = slips_tab(startup)
    click(qtbot, button(tab, "logSlip"))
    dialog = opened(qtbot, SlipDialog)
    qtbot.keyClicks(dialog.form.trigger, "A long day")
    save(qtbot, dialog)
    assert dialog.error.text() == "Describe the old pattern in a few words."
    assert dialog.focusWidget() is dialog.form.old_pattern
    assert stored(startup)["lapses"] == {}
    qtbot.keyClicks(dialog.form.old_pattern, "S")
    assert dialog.error.isHidden()
    # Emptied again, the message comes back with the same words.
    qtbot.keyClick(dialog.form.old_pattern, Qt.Key.Key_Backspace)
    assert dialog.error.isHidden()  # it has let go: the next Save asks again
    save(qtbot, dialog)
    assert dialog.error.text() == "Describe the old pattern in a few words."
    qtbot.keyClicks(dialog.form.old_pattern, "Snapped")
    assert dialog.error.isHidden()
    assert dialog.form.trigger.text() == "A long day"  # nothing typed is lost
    save(qtbot, dialog)
    [slip] = stored(startup)["lapses"].values()
    assert slip["old_pattern"] == "Snapped"


def test_a_win_without_words_and_a_pause_ending_too_soon(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    win = WinDialog(journal, parent=startup.window)
    win.show()
    save(qtbot, win)
    assert win.error.text() == "Write a few words about what went well."
    assert win.focusWidget() is win.form.text
    qtbot.keyClicks(win.form.text, "W")
    assert win.error.isHidden()
    win.reject()

    current = journal.focus.current()
    assert current is not None
    practice = current.item.areas[0].practices[0]
    pause = PauseDialog(journal.focus, practice, journal.today(), startup.window)
    pause.show()
    pause.open_ended.setChecked(False)
    pause.end.setDate(pause.start.date().addDays(-2))
    save(qtbot, pause)
    assert pause.error.text() == "The last paused day cannot come before the first."
    assert pause.focusWidget() is pause.end
    pause.end.setDate(pause.start.date().addDays(-1))
    assert not pause.error.isHidden()  # still before the first day
    pause.end.setDate(QDate(pause.start.date()))
    assert pause.error.isHidden()
    pause.reject()
    assert stored(startup)["focus"]  # the focus is there, with no pause added
    [period] = stored(startup)["focus"].values()
    assert period["areas"][0]["practices"][0]["pauses"] == []


def test_an_unknown_time_zone_goes_once_a_known_one_is_typed(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    dialog = CheckInSettingsDialog(journal_of(startup), startup.window)
    dialog.show()
    dialog.zone.setCurrentText("Mars/Olympus")
    save(qtbot, dialog)
    assert "not one Groundwork knows" in dialog.error.text()
    assert dialog.focusWidget() in (dialog.zone, dialog.zone.lineEdit())
    dialog.zone.setCurrentText("Europe/Berlin")
    assert dialog.error.isHidden()
    dialog.reject()


def test_in_the_check_in_the_slip_message_leads_to_the_pattern_and_goes(
    qtbot, start_app
) -> None:
    from PySide6.QtWidgets import QWizard

    from tests.ui.test_checkin_flow import ANSWERS, answer, open_wizard, practices_page

    startup = start_app("--profile", "Sam")
    simple_focus(startup)
    click(qtbot, startup.window.screens["home"].checkin_button)
    wizard = open_wizard(qtbot)
    answer(wizard, ANSWERS)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    page = practices_page(wizard)
    page.log_slip.setFocus()
    qtbot.keyClick(page.log_slip, Qt.Key.Key_Space)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is page  # not on until the slip says what happened
    assert page.summary.text() == "Describe the old pattern in a few words."
    assert wizard.focusWidget() is page.slip_form.old_pattern
    qtbot.keyClicks(page.slip_form.old_pattern, "S")
    assert page.summary.isHidden()  # one letter puts it right
