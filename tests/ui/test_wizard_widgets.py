"""TemplateWizard: each question type driven by qtbot, required answers, Back/Next, review."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
    QWizardPage,
)

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.templates import Template, parse_template
from desktop_app.ui.wizard import TemplateWizard

# Every question type, on two pages; used by the other wizard tests too.
ALL_TYPES = """
format = 1
id = "all-types"
version = 2
title = "Every kind of question"
description = "A template that uses each question type once."
[[pages]]
title = "Numbers"
intro = "Two numbers."
[[pages.questions]]
id = "life"
type = "gap"
area = "life"
prompt = "How is life?"
anchors = { "0" = "Hard", "10" = "Good" }
[[pages.questions]]
id = "mood"
type = "scale"
prompt = "How is your mood?"
min = 1
max = 5
anchors = { "1" = "Low", "5" = "High" }
[[pages]]
title = "Words"
[[pages.questions]]
id = "pick"
type = "choice"
prompt = "Pick one"
options = [
    { value = 0, label = "Zero" }, { value = 1, label = "One" }, { value = 2, label = "Two" },
]
[[pages.questions]]
id = "many"
type = "multi"
prompt = "Pick some"
options = [
    { value = 1, label = "Apples" }, { value = 2, label = "Pears" }, { value = 3, label = "Plums" },
]
[[pages.questions]]
id = "ok"
type = "yes_no"
prompt = "Is that all right?"
[[pages.questions]]
id = "note"
type = "text"
prompt = "Anything else?"
[[scales]]
id = "mood_score"
title = "Mood score"
method = "sum"
items = ["mood"]
[[scales.bands]]
max = 2
label = "A heavy day"
meaning = "Be gentle with yourself today."
[[scales.bands]]
max = 5
label = "A lighter day"
[[alerts]]
item = "pick"
at_least = 2
message = "You picked two. If things feel heavy, a crisis line can help."
"""

FULL_ANSWERS: dict[str, Any] = {
    "life": GapAnswer(3, 8),
    "mood": 4,
    "pick": 1,
    "many": [1, 3],
    "ok": False,
    "note": "Nothing more",
}


@pytest.fixture
def template() -> Template:
    return parse_template(ALL_TYPES, "all-types.toml")


@pytest.fixture
def wizard(qtbot, template: Template) -> TemplateWizard:
    wizard = TemplateWizard(template)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def widget(wizard: TemplateWizard, name: str) -> QWidget:
    found = wizard.findChild(QWidget, name)
    assert found is not None, name
    return found


def read(wizard: TemplateWizard, name: str) -> Any:
    w = widget(wizard, name)
    return w.metaObject().userProperty().read(w)


def write(wizard: TemplateWizard, name: str, value: Any) -> bool:
    w = widget(wizard, name)
    return bool(w.metaObject().userProperty().write(w, value))


def child(parent: QWidget, name: str) -> QAbstractButton:
    found = parent.findChild(QAbstractButton, name)
    assert found is not None, name
    return found


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible(), "go to its page first"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def visible_errors(page: QWidget) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel, "inlineError") if label.isVisible()]


def on_page(wizard: TemplateWizard, number: int) -> None:
    """Go to template page ``number`` (1-based), answering the pages before it."""
    for page in wizard.question_pages[: number - 1]:
        wizard.set_answers({q.id: FULL_ANSWERS[q.id] for q in page.page.questions})
    while wizard.currentPage() is not wizard.question_pages[number - 1]:
        wizard.next()


def test_every_answer_widget_is_named_by_its_id_and_reads_none_at_first(wizard) -> None:
    names = ["life.current", "life.ideal", "mood", "pick", "many", "ok", "note"]
    for name in names:
        prop = widget(wizard, name).metaObject().userProperty()
        assert prop.isValid() and prop.isUser() and prop.name() == "answer"
        assert read(wizard, name) is None
    assert wizard.answers() == dict.fromkeys(["life", "mood", "pick", "many", "ok", "note"])


def test_gap_is_two_linked_scales_with_the_gap_shown_live(qtbot, wizard) -> None:
    on_page(wizard, 1)
    distance = widget(wizard, "life.distance")
    assert isinstance(distance, QLabel)
    assert "Mark both" in distance.text()
    click(qtbot, child(widget(wizard, "life.current"), "point3"))
    assert read(wizard, "life.current") == 3
    assert wizard.answers()["life"] is None  # half a gap is not an answer yet
    click(qtbot, child(widget(wizard, "life.ideal"), "point8"))
    assert wizard.answers()["life"] == GapAnswer(3, 8)
    assert distance.text() == "5 points to go towards your ideal."
    assert "Now 3, ideal 8" in widget(wizard, "life.bar").accessibleDescription()
    click(qtbot, child(widget(wizard, "life.ideal"), "point2"))
    assert distance.text() == "Your ideal is 1 point below where you are now."
    assert write(wizard, "life.current", None)
    assert wizard.answers()["life"] is None


def test_scale_by_mouse_keys_and_property(qtbot, wizard) -> None:
    on_page(wizard, 1)
    mood = widget(wizard, "mood")
    anchors = [label.text() for label in mood.findChildren(QLabel)]
    assert anchors == ["Low", "High"]
    click(qtbot, child(mood, "point2"))
    assert read(wizard, "mood") == 2
    qtbot.keyClick(child(mood, "point2"), Qt.Key.Key_Right)
    assert read(wizard, "mood") == 3
    qtbot.keyClick(child(mood, "point3"), Qt.Key.Key_5)
    assert read(wizard, "mood") == 5
    qtbot.keyClick(child(mood, "point5"), Qt.Key.Key_Home)
    assert read(wizard, "mood") == 1
    qtbot.keyClick(child(mood, "point1"), Qt.Key.Key_9)  # out of range: ignored
    assert read(wizard, "mood") == 1
    assert write(wizard, "mood", 4) and child(mood, "point4").isChecked()
    write(wizard, "mood", 7)  # does not fit: cleared rather than raising
    assert read(wizard, "mood") is None
    assert not any(b.isChecked() for b in mood.findChildren(QAbstractButton))


def test_choice_by_mouse_and_keys(qtbot, wizard) -> None:
    on_page(wizard, 2)
    pick = widget(wizard, "pick")
    click(qtbot, child(pick, "option0"))
    assert read(wizard, "pick") == 0
    qtbot.keyClick(child(pick, "option0"), Qt.Key.Key_Down)
    assert read(wizard, "pick") == 1
    write(wizard, "pick", 2)
    assert child(pick, "option2").isChecked()
    write(wizard, "pick", None)
    assert read(wizard, "pick") is None


def test_multi_ticks_and_unticks(qtbot, wizard) -> None:
    on_page(wizard, 2)
    many = widget(wizard, "many")
    click(qtbot, child(many, "option3"))
    click(qtbot, child(many, "option1"))
    assert read(wizard, "many") == [1, 3]
    qtbot.keyClick(child(many, "option3"), Qt.Key.Key_Space)
    assert read(wizard, "many") == [1]
    click(qtbot, child(many, "option1"))
    assert read(wizard, "many") is None
    write(wizard, "many", [2, 3])
    assert [b.isChecked() for b in many.findChildren(QAbstractButton)] == [False, True, True]


def test_yes_no_by_mouse(qtbot, wizard) -> None:
    on_page(wizard, 2)
    ok = widget(wizard, "ok")
    click(qtbot, child(ok, "no"))
    assert read(wizard, "ok") is False
    click(qtbot, child(ok, "yes"))
    assert read(wizard, "ok") is True
    write(wizard, "ok", False)
    assert child(ok, "no").isChecked()
    write(wizard, "ok", "maybe")
    assert read(wizard, "ok") is None


def test_text_typed_and_blank(qtbot, wizard) -> None:
    note = widget(wizard, "note")
    assert isinstance(note, QPlainTextEdit)
    qtbot.keyClicks(note, "A good week")
    assert read(wizard, "note") == "A good week"
    note.clear()
    qtbot.keyClicks(note, "   ")
    assert read(wizard, "note") is None
    write(wizard, "note", "Set from outside")
    assert note.toPlainText() == "Set from outside"


def test_answers_changed_fires_on_every_edit_and_once_for_set_answers(
    qtbot, wizard
) -> None:
    on_page(wizard, 1)
    with qtbot.waitSignal(wizard.answers_changed, timeout=1000):
        click(qtbot, child(widget(wizard, "mood"), "point2"))
    wizard.set_answers(FULL_ANSWERS)
    wizard.next()
    with qtbot.waitSignal(wizard.answers_changed, timeout=1000):
        qtbot.keyClicks(widget(wizard, "note"), "x")
    seen: list[int] = []
    wizard.answers_changed.connect(lambda: seen.append(1))
    wizard.set_answers(FULL_ANSWERS)
    assert seen == [1]
    assert wizard.answers() == FULL_ANSWERS


def test_required_answers_are_enforced_with_a_visible_reason(qtbot, wizard) -> None:
    wizard.next()
    page = wizard.currentPage()
    wizard.next()
    assert wizard.currentPage() is page
    errors = visible_errors(page)
    assert "Please mark where you are now and where you want to be." in errors
    assert "Please answer this question." in errors
    assert "2 questions on this page still need an answer (marked above)." in errors
    click(qtbot, child(widget(wizard, "life.current"), "point3"))
    wizard.next()
    errors = visible_errors(page)
    assert "Please also mark where you want to be." in errors
    wizard.set_answers({"life": GapAnswer(3, 4), "mood": 2})
    assert not visible_errors(page)
    wizard.next()
    assert wizard.currentPage() is not page


def test_optional_questions_can_be_left_empty(qtbot, template) -> None:
    # Text questions are optional unless the template says otherwise.
    wizard = TemplateWizard(template, answers={**FULL_ANSWERS, "note": None})
    qtbot.addWidget(wizard)
    wizard.show()
    for _ in range(3):
        wizard.next()
    assert wizard.currentPage() is wizard.review_page
    assert "(optional)" in widget(wizard, "note.block").findChild(QLabel).text()


def test_back_and_next_keep_answers(qtbot, wizard) -> None:
    wizard.next()
    wizard.set_answers({"life": GapAnswer(2, 6), "mood": 3})
    wizard.next()
    click(qtbot, child(widget(wizard, "pick"), "option2"))
    wizard.back()
    wizard.back()
    wizard.next()
    wizard.next()
    assert wizard.answers()["life"] == GapAnswer(2, 6)
    assert read(wizard, "mood") == 3
    assert read(wizard, "pick") == 2


def test_review_page_lists_answers_and_change_goes_back(qtbot, wizard) -> None:
    wizard.set_answers(FULL_ANSWERS)
    wizard.next()
    wizard.next()
    wizard.next()
    review = wizard.currentPage()
    assert review is wizard.review_page
    shown = {label.objectName(): label.text() for label in review.findChildren(QLabel)}
    assert shown["life.review"].startswith("Now 3, ideal 8. 5 points to go")
    assert shown["mood.review"] == "4 on a scale of 1 to 5"
    assert shown["pick.review"] == "One"
    assert shown["many.review"] == "Apples, Plums"
    assert shown["ok.review"] == "No"
    assert shown["note.review"] == "Nothing more"
    click(qtbot, review.change_buttons[0])
    assert wizard.currentPage() is wizard.question_pages[0]
    assert wizard.answers() == FULL_ANSWERS


def test_extra_pages_come_before_the_review_and_start_page_keeps_history(
    qtbot, template
) -> None:
    extra = QWizardPage()
    extra.setTitle("Extra")
    wizard = TemplateWizard(template, answers=FULL_ANSWERS, extra_pages=[extra], start_page=3)
    qtbot.addWidget(wizard)
    wizard.show()
    ids = wizard.pageIds()
    assert [wizard.page(i) for i in ids] == [
        wizard.intro_page,
        *wizard.question_pages,
        extra,
        wizard.review_page,
    ]
    assert wizard.currentPage() is extra
    wizard.back()
    assert wizard.currentPage() is wizard.question_pages[1]


def test_start_page_stops_at_the_first_page_that_needs_answers(qtbot, template) -> None:
    wizard = TemplateWizard(template, answers={"life": GapAnswer(1, 2)}, start_page=3)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentPage() is wizard.question_pages[0]
    # Quietly: the person has not pressed Next here yet.
    assert not visible_errors(wizard.currentPage())


def test_every_input_has_an_accessible_name(wizard) -> None:
    inputs = [
        w
        for page_id in wizard.pageIds()
        for w in wizard.page(page_id).findChildren(QWidget)
        if isinstance(w, (QAbstractButton, QPlainTextEdit, QSpinBox))
    ]
    assert len(inputs) > 20
    for w in inputs:
        name = QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name)
        assert name.strip(), w.objectName()
    scale_point = child(widget(wizard, "mood"), "point1")
    assert scale_point.accessibleName() == "1, Low"
    assert widget(wizard, "life.current").accessibleName() == "How is life? Where I am now"


def test_a_long_scale_becomes_a_number_box(qtbot) -> None:
    text = """
format = 1
id = "long"
version = 1
title = "Long"
[[pages]]
title = "One"
[[pages.questions]]
id = "mood"
type = "scale"
prompt = "From 0 to 100?"
min = 0
max = 100
"""
    wizard = TemplateWizard(parse_template(text, "t.toml"))
    qtbot.addWidget(wizard)
    box = widget(wizard, "mood")
    assert isinstance(box, QSpinBox)
    assert read(wizard, "mood") is None
    write(wizard, "mood", 42)
    assert box.text() == "42"
    box.setValue(box.minimum())
    assert read(wizard, "mood") is None
