"""Answers that can be taken back, options that stand alone, practices that agree with the
check-in, past days named as such, and a pointer to help when distress is at its top."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QPushButton, QWizard

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.templates import Template
from desktop_app.services.journal import JournalService
from desktop_app.services.journal_settings import SupportContacts, read_support, write_support
from desktop_app.ui.dates import day_text, long_date
from desktop_app.ui.journal.acknowledge import Acknowledgement
from desktop_app.ui.journal.checkin_flow import edit_checkin
from desktop_app.ui.journal.settings_dialog import CheckInSettingsDialog
from desktop_app.ui.wizard import TemplateWizard
from desktop_app.ui.wizard_launcher import start_template
from tests.disk import folder_bytes, land
from tests.ui.privacy_helpers import kdf as kdf  # the fixture, used by name
from tests.ui.privacy_helpers import protect_now
from tests.ui.test_checkin_flow import ANSWERS, answer, open_wizard, practices_page
from tests.ui.test_journal_support import click, modal, simple_focus, stored

CRISIS_LINE = "Samaritans 116 123"
PEOPLE = "Alex 0123 456789"


def valid_answers(template: Template, **chosen: Any) -> dict[str, Any]:
    """An acceptable answer to every question, with ``chosen`` ones as given."""
    found: dict[str, Any] = {}
    for q in template.questions:
        if q.type == "gap":
            found[q.id] = GapAnswer(q.min or 0, q.max or 10)
        elif q.type == "scale":
            found[q.id] = q.min
        elif q.type == "choice":
            found[q.id] = q.options[0].value
        elif q.type == "multi":
            found[q.id] = [q.options[0].value]
        elif q.type == "yes_no":
            found[q.id] = False
    return {**found, **chosen}


def grounding_at(qtbot, startup, question_id: str) -> TemplateWizard:
    wizard = start_template(startup.window, startup.window.ctx, "grounding")
    assert isinstance(wizard, TemplateWizard)
    wizard.set_answers(valid_answers(wizard.template, self_harm=None))
    while not wizard.question_widget(question_id).isVisible():
        wizard.next()
    return wizard


def option(wizard: TemplateWizard, question_id: str, value: int) -> QAbstractButton:
    found = wizard.question_widget(question_id).findChild(QAbstractButton, f"option{value}")
    assert found is not None
    return found


def test_the_self_harm_answer_can_be_cleared_by_key_or_button_and_the_note_goes(
    qtbot, start_app
) -> None:
    startup = start_app("--profile", "Sam")
    wizard = grounding_at(qtbot, startup, "self_harm")
    alert = wizard.findChild(QLabel, "self_harm.alert")
    status = wizard.findChild(QLabel, "self_harm.status")
    clear = wizard.findChild(QPushButton, "self_harm.clear")
    assert clear.accessibleName().startswith("Clear answer: In the last two weeks")
    assert not clear.isEnabled()  # nothing to clear yet
    assert status.text() == "Not answered"

    misclick = option(wizard, "self_harm", 1)
    click(qtbot, misclick)
    assert wizard.answers()["self_harm"] == 1
    assert alert.isVisible() and "you do not have to carry them alone" in alert.text()
    assert clear.isEnabled() and status.isHidden()
    # The keyboard takes it back: Delete on the chosen option.
    misclick.setFocus()
    qtbot.keyClick(misclick, Qt.Key.Key_Delete)
    assert wizard.answers()["self_harm"] is None
    assert alert.isHidden()
    assert status.isVisible() and status.accessibleName() == "Not answered"
    widget = wizard.question_widget("self_harm")
    assert widget.accessibleDescription().startswith("Not answered.")
    # ...and so does the button.
    click(qtbot, option(wizard, "self_harm", 2))
    assert alert.isVisible()
    click(qtbot, clear)
    assert wizard.answers()["self_harm"] is None
    assert alert.isHidden()

    while wizard.currentPage() is not wizard.review_page:
        wizard.next()
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: bool(stored(startup)["assessments"]))
    [result] = stored(startup)["assessments"].values()
    assert result["answers"]["self_harm"] is None
    assert result["alerts"] == []


def test_no_one_right_now_stands_alone(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    wizard = grounding_at(qtbot, startup, "support")
    wizard.question_widget("support").set_value(None)
    friend, family, no_one = (option(wizard, "support", v) for v in (1, 2, 0))
    assert "clears the other choices" in no_one.accessibleDescription()
    click(qtbot, friend)
    no_one.setFocus()
    qtbot.keyClick(no_one, Qt.Key.Key_Space)
    assert wizard.answers()["support"] == [0]
    assert not friend.isChecked()
    click(qtbot, family)
    assert wizard.answers()["support"] == [2]
    assert not no_one.isChecked()


def to_practices(qtbot, wizard: TemplateWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def test_ticking_a_practice_after_no_makes_the_answer_yes(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    current = journal.focus.current()
    assert current is not None
    key = current.item.areas[0].practices[0].key
    click(qtbot, startup.window.screens["home"].checkin_button)
    wizard = open_wizard(qtbot)
    assert wizard.question_pages[0].subTitle() == "Part 1 of 2"
    answer(wizard, {**ANSWERS, "practices": False})
    to_practices(qtbot, wizard)
    page = practices_page(wizard)
    assert page.subTitle().startswith("Part 2 of 2.")
    box = page.findChild(QCheckBox, f"practice-{key}")
    assert not box.isChecked()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert wizard.answers()["practices"] is True
    to_practices(qtbot, wizard)
    review = wizard.findChild(QLabel, "practices.review")
    assert review.text() == "Yes"
    # Going back and saying "no" after all unticks them: the latest word wins.
    wizard.back()
    wizard.back()
    wizard.question_widget("practices").findChild(QAbstractButton, "no").click()
    to_practices(qtbot, wizard)
    assert not box.isChecked()
    box.setChecked(True)
    to_practices(qtbot, wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: bool(stored(startup)["checkins"]))
    [checkin] = stored(startup)["checkins"].values()
    assert checkin["answers"]["practices"] is True
    assert checkin["practices_done"] == [key]


def test_editing_an_earlier_checkin_names_its_day_and_asks_in_the_past(
    qtbot, start_app, clock
) -> None:
    startup = start_app("--profile", "Sam")
    journal = JournalService(startup.session)
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(template, {**ANSWERS, "note": "then"})
    day = journal.local(journal.now()).date()
    clock.advance(days=3)
    wizard = edit_checkin(startup.window, startup.window.ctx, outcome.checkin_id)
    assert wizard is not None
    assert long_date(day) in wizard.windowTitle()
    first = wizard.question_pages[0]
    named = day_text(day, journal.today())
    assert named not in ("today", "yesterday")
    assert first.subTitle() == f"Part 1 of 2 · for {named}"
    assert practices_page(wizard).subTitle().startswith(f"Part 2 of 2 · for {named}.")
    prompts = [label.text() for label in first.findChildren(QLabel) if label.buddy()]
    assert "How much distress was I carrying then?" in prompts
    assert "Did I do my practices that day?" in prompts
    assert not any("right now" in p or "today" in p for p in prompts)
    distress = wizard.question_widget("distress")
    assert "carrying then" in distress.accessibleName()


def test_top_distress_points_to_help_with_my_own_contacts(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    dialog = CheckInSettingsDialog(journal, startup.window)
    dialog.open()
    dialog.crisis_line.setFocus()
    qtbot.keyClicks(dialog.crisis_line, CRISIS_LINE)
    qtbot.keyClick(dialog.crisis_line, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.people
    qtbot.keyClicks(dialog.people, PEOPLE)
    assert dialog.people.accessibleName() == "People I can reach out to"
    with qtbot.waitSignal(dialog.finished):
        dialog.save()
    land(startup.session)
    assert stored(startup)["meta"]["1"]["support_contacts"] == {
        "people": PEOPLE, "crisis_line": CRISIS_LINE,
    }

    click(qtbot, startup.window.screens["home"].checkin_button)
    wizard = open_wizard(qtbot)
    answer(wizard, {k: v for k, v in ANSWERS.items() if k != "distress"})
    alert = wizard.findChild(QLabel, "distress.alert")
    top = wizard.question_widget("distress").findChild(QAbstractButton, "point9")
    top.setFocus()
    qtbot.keyClick(top, Qt.Key.Key_End)  # the top of the scale, by keyboard
    assert wizard.answers()["distress"] == 10
    assert alert.isVisible()
    assert "you do not have to carry it alone" in alert.text()
    assert f"Your crisis line: {CRISIS_LINE}" in alert.text()
    assert f"People you can reach: {PEOPLE}" in alert.text()
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_9)
    assert alert.isHidden()  # one below the top: no alert
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_End)
    while wizard.currentPage() is not wizard.review_page:
        wizard.next()
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: isinstance(modal(), Acknowledgement))
    thanks = modal()
    words = " ".join(thanks.texts)
    assert "you do not have to carry it alone" in words
    assert CRISIS_LINE in words and PEOPLE in words
    thanks.reject()


def test_support_contacts_are_encrypted_with_the_profile(qtbot, start_app, kdf) -> None:
    startup = start_app("--profile", "Sam")
    protect_now(startup)
    repo = startup.session.require_repo()
    write_support(repo, SupportContacts(PEOPLE, CRISIS_LINE))
    land(startup.session)
    assert read_support(repo) == SupportContacts(PEOPLE, CRISIS_LINE)
    for raw in folder_bytes(startup.session).values():
        assert CRISIS_LINE.encode() not in raw
        assert PEOPLE.encode() not in raw


def test_overlong_support_contacts_are_refused_and_kept_in_the_form(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    dialog = CheckInSettingsDialog(journal, startup.window)
    dialog.open()
    dialog.people.setPlainText("x" * 2001)
    dialog.save()
    assert dialog.isVisible()
    assert "under 2000 characters" in dialog.error.text()
    assert dialog.people.toPlainText() == "x" * 2001
    assert "support_contacts" not in stored(startup)["meta"]["1"]
    dialog.reject()


def test_without_practices_to_tick_the_answer_stands(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = JournalService(startup.session)  # no focus: nothing to tick
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(template, ANSWERS)
    wizard = edit_checkin(startup.window, startup.window.ctx, outcome.checkin_id)
    assert wizard is not None
    wizard.next()
    assert wizard.answers()["practices"] is True
    wizard.next()
    with qtbot.waitSignal(wizard.finished):
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    [checkin] = stored(startup)["checkins"].values()
    assert checkin["answers"]["practices"] is True


def test_the_grounding_note_shows_my_own_contacts_too(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    write_support(startup.session.require_repo(), SupportContacts(PEOPLE, CRISIS_LINE))
    wizard = grounding_at(qtbot, startup, "self_harm")
    click(qtbot, option(wizard, "self_harm", 2))
    alert = wizard.findChild(QLabel, "self_harm.alert")
    assert f"Your crisis line: {CRISIS_LINE}" in alert.text()
    assert alert.accessibleName() == alert.text()
