"""A check-in never loses a word: drafts kept on close or crash, resumed by Check in now."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWizard

from tests.ui.privacy_helpers import pressing, when_dialog
from tests.ui.test_checkin_flow import ANSWERS, answer, open_wizard, practices_page
from tests.ui.test_journal_support import click, simple_focus, stored

NOTE = "A long note about the day, the meeting, and the walk home that helped."
# Unticking the one practice turns "did I do my practices" to no: the answer follows the ticks.
KEPT = {**ANSWERS, "practices": False, "note": NOTE}


def fill_everything(qtbot, startup):
    """Home ▸ Check in now; answer all, type a note, untick a practice, start a slip."""
    journal = simple_focus(startup)
    current = journal.focus.current()
    assert current is not None
    practice = current.item.areas[0].practices[0]
    click(qtbot, startup.window.screens["home"].checkin_button)
    wizard = open_wizard(qtbot)
    answer(wizard, ANSWERS)
    note = wizard.question_widget("note")
    note.setFocus()
    qtbot.keyClicks(note, NOTE)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    page = practices_page(wizard)
    box = page.findChild(QCheckBox, f"practice-{practice.key}")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # unticked: my own answer, not the default
    page.log_slip.setFocus()
    qtbot.keyClick(page.log_slip, Qt.Key.Key_Space)
    page.slip_form.old_pattern.setFocus()
    qtbot.keyClicks(page.slip_form.old_pattern, "Scrolled till 2am")
    return wizard, practice


def drafts(startup) -> list[dict]:
    return list(stored(startup)["drafts"].values())


def test_escape_keeps_the_checkin_as_a_draft_and_check_in_now_resumes_it_exactly(
    qtbot, start_app
) -> None:
    startup = start_app("--profile", "Sam")
    wizard, practice = fill_everything(qtbot, startup)
    said: list[str] = []
    when_dialog(QMessageBox, pressing("Keep it as a draft", said))
    with qtbot.waitSignal(wizard.finished):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert said, "closing with answers asks first"
    assert stored(startup)["checkins"] == {}
    [draft] = drafts(startup)
    assert draft["template_id"] == "check-in"
    assert draft["answers"] == KEPT
    assert draft["practices"] == []
    assert draft["practices_touched"] is True
    assert draft["slip"]["old_pattern"] == "Scrolled till 2am"
    home = startup.window.screens["home"]
    qtbot.waitUntil(lambda: home.unfinished_card.isVisible())
    assert home.checkin_button.text() == "Continue my check-in"

    click(qtbot, home.checkin_button)
    again = open_wizard(qtbot)
    assert again is not wizard
    assert again.answers() == KEPT
    page = practices_page(again)
    assert again.currentPage() is page  # back on the page where it was left
    assert not page.findChild(QCheckBox, f"practice-{practice.key}").isChecked()
    assert page.log_slip.isChecked()
    assert page.slip_form.old_pattern.text() == "Scrolled till 2am"
    assert "back as you left it" in page.notice.text()
    # Finishing stores the check-in and its draft goes with it.
    click(qtbot, again.button(QWizard.WizardButton.NextButton))
    click(qtbot, again.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: bool(stored(startup)["checkins"]))
    [checkin] = stored(startup)["checkins"].values()
    assert checkin["answers"]["note"] == NOTE
    assert checkin["practices_done"] == []
    assert drafts(startup) == []


def test_go_back_keeps_the_wizard_open_with_everything(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    wizard, _practice = fill_everything(qtbot, startup)
    said: list[str] = []
    when_dialog(QMessageBox, pressing("Go back", said))
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))  # the question runs inside
    assert said
    assert wizard.isVisible()
    assert wizard.answers()["note"] == NOTE
    assert practices_page(wizard).slip_form.old_pattern.text() == "Scrolled till 2am"


def test_closing_an_untouched_checkin_asks_nothing_and_keeps_nothing(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    simple_focus(startup)
    click(qtbot, startup.window.screens["home"].checkin_button)
    wizard = open_wizard(qtbot)
    with qtbot.waitSignal(wizard.finished):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert drafts(startup) == []
    assert stored(startup)["checkins"] == {}


def test_a_crash_keeps_the_checkin_draft(qtbot, start_app, tmp_path: Path) -> None:
    startup = start_app("--profile", "Sam")
    _wizard, practice = fill_everything(qtbot, startup)
    qtbot.waitUntil(
        lambda: bool(drafts(startup)) and (drafts(startup)[0].get("slip") or {}).get(
            "old_pattern") == "Scrolled till 2am"
    )
    # What a crash leaves: the data folder as it is on disk, the wizard never closed.
    after_crash = tmp_path / "after-crash"
    shutil.copytree(startup.session.data_dir, after_crash,
                    ignore=shutil.ignore_patterns("*.lock"))
    restarted = start_app("--profile", "Sam", data=after_crash)
    click(qtbot, restarted.window.screens["home"].checkin_button)
    wizard = open_wizard(qtbot)
    assert wizard.answers() == KEPT
    page = practices_page(wizard)
    assert not page.findChild(QCheckBox, f"practice-{practice.key}").isChecked()
    assert page.slip_form.old_pattern.text() == "Scrolled till 2am"


def test_the_close_question_by_keyboard_enter_keeps_escape_goes_back(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    wizard, _practice = fill_everything(qtbot, startup)
    seen: list[str] = []

    def escape(box: QMessageBox) -> None:
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    when_dialog(QMessageBox, escape)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert seen == ["Keep it as a draft"]  # Enter would keep it
    assert wizard.isVisible()  # Escape on the question is the safe way: back to the check-in

    when_dialog(QMessageBox, lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))
    with qtbot.waitSignal(wizard.finished):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    [draft] = drafts(startup)
    assert draft["answers"]["note"] == NOTE


def test_a_backfill_keeps_its_day_in_its_draft_and_never_overwrites_another(
    qtbot, start_app
) -> None:
    from datetime import date

    from desktop_app.ui.journal.checkin_flow import start_checkin
    from tests.ui.test_backfill import finish, journal_of, stored_days

    startup = start_app("--profile", "Sam")
    journal = journal_of(startup)
    template = journal.checkin_template()
    yesterday = date(2026, 3, 13)
    wizard = start_checkin(startup.window, startup.window.ctx, template, day=yesterday)
    qtbot.waitExposed(wizard)
    note = wizard.question_widget("note")
    note.setFocus()
    qtbot.keyClicks(note, NOTE)
    when_dialog(QMessageBox, pressing("Keep it as a draft", []))
    with qtbot.waitSignal(wizard.finished):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    [draft] = drafts(startup)
    assert draft["for_day"] == "2026-03-13"

    # Check in now finds the unfinished backfill: it says so and carries on for that day.
    said: list[str] = []

    def read(box: QMessageBox) -> None:
        said.append(box.text())
        box.accept()

    when_dialog(QMessageBox, read)
    click(qtbot, startup.window.screens["home"].checkin_button)
    again = open_wizard(qtbot)
    assert said and "not finished it yet" in said[0]
    assert again.answers()["note"] == NOTE
    finish(qtbot, again)
    qtbot.waitUntil(lambda: stored(startup)["checkins"] != {})
    assert stored_days(startup) == ["2026-03-13"]  # for the day it was started for
    assert all(d.get("_deleted") for d in drafts(startup))
