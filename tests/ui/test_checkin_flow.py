"""The check-in wizard: answers, today's practices, a slip and a win, then a warm word."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox, QWizard

from desktop_app.ui.journal.acknowledge import Acknowledgement
from desktop_app.ui.journal.checkin_flow import PracticesPage, edit_checkin
from desktop_app.ui.wizard.template_wizard import TemplateWizard
from tests.ui.privacy_helpers import pressing, when_dialog
from tests.ui.test_journal_support import (
    button,
    click,
    journal_of,
    modal,
    set_answer,
    simple_focus,
    stored,
)

ANSWERS = {"practices": True, "thoughts": 4, "words": 3, "body": 2, "distress": 6}


def open_wizard(qtbot) -> TemplateWizard:
    qtbot.waitUntil(lambda: isinstance(modal(), TemplateWizard))
    wizard = modal()
    assert isinstance(wizard, TemplateWizard)
    return wizard


def answer(wizard: TemplateWizard, answers: dict[str, object]) -> None:
    for question_id, value in answers.items():
        widget = wizard.question_widget(question_id)
        assert widget is not None, question_id
        set_answer(widget, value)


def practices_page(wizard: TemplateWizard) -> PracticesPage:
    [page] = wizard.extra_pages
    assert isinstance(page, PracticesPage)
    return page


def test_a_checkin_that_logs_a_slip_and_a_win(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    current = journal.focus.current()
    assert current is not None
    area = current.item.areas[0]
    practice = area.practices[0]
    home = startup.window.screens["home"]
    click(qtbot, home.checkin_button)
    wizard = open_wizard(qtbot)
    # Straight to the questions: a check-in is short.
    assert wizard.currentPage() is wizard.question_pages[0]
    answer(wizard, {**ANSWERS, "note": "Long day."})
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    page = practices_page(wizard)
    assert wizard.currentPage() is page
    box = page.findChild(QCheckBox, f"practice-{practice.key}")
    assert box is not None
    assert box.isChecked()  # "yes, I did my practices" ticks them as a starting point
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # ...and the keyboard unticks it
    assert not box.isChecked()
    qtbot.keyClick(box, Qt.Key.Key_Space)

    page.log_slip.setFocus()
    qtbot.keyClick(page.log_slip, Qt.Key.Key_Space)
    assert page.slip_form.isVisible()
    # Next without saying what the old pattern was: the page says why it waits.
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is page
    assert "old pattern" in page.summary.text()
    page.slip_form.area.set_key(area.key)
    qtbot.keyClicks(page.slip_form.old_pattern, "Snapped at Alex")
    qtbot.keyClicks(page.slip_form.trigger, "Tired and hungry")
    page.log_win.setChecked(True)
    qtbot.keyClicks(page.win_form.text, "Kept my cool in the budget meeting")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is wizard.review_page
    # The review shows what the practices page adds, not only the template's answers.
    reviewed = " ".join(label.text() for label in wizard.review_page.findChildren(QLabel))
    assert f"Practices done: {practice.what}" in reviewed
    assert "A slip to log: Snapped at Alex" in reviewed
    assert "A win to log: Kept my cool in the budget meeting" in reviewed
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))

    data = stored(startup)
    [checkin] = data["checkins"].values()
    assert checkin["answers"] == {**ANSWERS, "note": "Long day."}
    assert checkin["practices_done"] == [practice.key]
    assert checkin["template_id"] == "check-in"
    [slip] = data["lapses"].values()
    assert slip["old_pattern"] == "Snapped at Alex"
    assert slip["trigger"] == "Tired and hungry"
    assert slip["focus_area"] == area.key
    assert slip["back_on_track_at"] is None
    [win] = data["wins"].values()
    assert win["text"] == "Kept my cool in the budget meeting"

    # A warm word for the win and the first check-in; no points, no streaks.
    qtbot.waitUntil(lambda: isinstance(modal(), Acknowledgement))
    thanks = modal()
    assert isinstance(thanks, Acknowledgement)
    words = " ".join(thanks.texts).lower()
    assert "thank you for noting it" in words
    assert "you stopped and looked" in words
    assert not any(w in words for w in ("points", "streak", "badge", "level"))
    thanks.reject()
    # Home has moved on: the next check-in is tomorrow and the win is shown.
    assert "tomorrow at 20:00" in home.due_label.text()
    assert home.win_label.text() == "“Kept my cool in the budget meeting”"
    assert startup.window.statusBar().currentMessage().startswith("Check-in saved")


def test_discarding_a_checkin_asks_first_and_saves_nothing(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    simple_focus(startup)
    click(qtbot, startup.window.screens["home"].checkin_button)
    wizard = open_wizard(qtbot)
    answer(wizard, ANSWERS)
    said: list[str] = []
    when_dialog(QMessageBox, pressing("Discard", said))
    with qtbot.waitSignal(wizard.finished):
        wizard.reject()
    assert said and "Discard throws these answers away" in said[0]
    assert stored(startup)["checkins"] == {}
    assert stored(startup)["drafts"] == {}


def test_start_option_opens_the_checkin_at_once(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam", "--start", "check-in")
    wizard = open_wizard(qtbot)
    assert wizard.template.id == "check-in"
    assert wizard.currentPage() is wizard.question_pages[0]
    # No focus yet: the practices page says where to choose one.
    answer(wizard, {**ANSWERS, "practices": False})
    wizard.next()
    page = practices_page(wizard)
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "You have not chosen a focus yet" in texts
    when_dialog(QMessageBox, pressing("Discard", []))
    with qtbot.waitSignal(wizard.finished):
        wizard.reject()
    assert stored(startup)["checkins"] == {}


def test_editing_a_checkin_rewrites_it(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    template = journal.checkin_template()
    assert template is not None
    current = journal.focus.current()
    assert current is not None
    key = current.item.areas[0].practices[0].key
    outcome = journal.complete_checkin(template, {**ANSWERS, "note": "first"}, [key])
    wizard = edit_checkin(startup.window, startup.window.ctx, outcome.checkin_id)
    assert wizard is not None
    answer(wizard, {"distress": 2, "note": "Changed my mind"})
    wizard.next()
    page = practices_page(wizard)
    assert page.log_slip.isHidden()  # slips and wins are edited on their own
    box = page.findChild(QCheckBox, f"practice-{key}")
    assert box is not None and box.isChecked()
    box.setChecked(False)
    wizard.next()
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    [checkin] = stored(startup)["checkins"].values()
    assert checkin["answers"]["distress"] == 2
    assert checkin["answers"]["note"] == "Changed my mind"
    assert checkin["practices_done"] == []
    assert checkin["at"] == outcome_time(journal, outcome.checkin_id)


def outcome_time(journal, doc_id: int) -> str:
    checkin = journal.checkin(doc_id)
    assert checkin is not None
    return str(checkin.at.isoformat())


def test_checkin_from_the_journal_tab(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    startup.window.show_screen("journal")
    startup.window.screens["journal"].show_tab("checkins")  # the Journal opens on Focus
    tab = startup.window.screens["journal"].checkins
    assert "due today at 20:00" in tab.due_label.text()
    click(qtbot, button(tab, "checkInNow"))
    wizard = open_wizard(qtbot)
    answer(wizard, ANSWERS)
    while wizard.currentPage() is not wizard.review_page:
        wizard.next()
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    distress = tab.model.column_titles().index("Distress (0–10)")
    assert tab.model.index(0, distress).data() == "6"
    qtbot.waitUntil(lambda: isinstance(modal(), Acknowledgement))
    modal().reject()  # type: ignore[union-attr]


def test_closing_an_edited_checkin_asks_before_the_changes_go(qtbot, start_app) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.privacy_helpers import pressing, when_dialog

    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(template, {**ANSWERS, "note": "first"}, [])
    wizard = edit_checkin(startup.window, startup.window.ctx, outcome.checkin_id)
    assert wizard is not None
    answer(wizard, {"note": "Changed my mind"})
    said: list[str] = []
    when_dialog(QMessageBox, pressing("Go back", said))
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert said and wizard.isVisible()  # asked, and still open with the change
    assert wizard.answers()["note"] == "Changed my mind"
    when_dialog(QMessageBox, pressing("Discard the changes", said))
    with qtbot.waitSignal(wizard.finished):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    [checkin] = stored(startup)["checkins"].values()
    assert checkin["answers"]["note"] == "first"  # the stored check-in is as it was

    untouched = edit_checkin(startup.window, startup.window.ctx, outcome.checkin_id)
    assert untouched is not None
    with qtbot.waitSignal(untouched.finished):  # nothing changed: it closes at once
        qtbot.keyClick(untouched, Qt.Key.Key_Escape)
