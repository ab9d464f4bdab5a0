"""The whole wizard with the keyboard alone: every key goes to whatever has focus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget, QWizard

from desktop_app.domain.answers import GapAnswer
from desktop_app.ui.wizard import TemplateWizard
from desktop_app.ui.wizard_launcher import start_template
from tests.disk import stored as disk_tables
from tests.ui.test_wizard_widgets import ALL_TYPES


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def where(widget: QWidget) -> str:
    """A readable name for the focused widget: its own name, or its answer widget's."""
    parent = widget.parentWidget()
    name = widget.objectName()
    if (name.startswith(("point", "option")) or name in ("yes", "no")) and parent is not None:
        return f"{parent.objectName()}/{widget.objectName()}"
    return widget.objectName() or type(widget).__name__


def press(qtbot, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def test_keyboard_only_completion_in_a_sensible_tab_order(
    qtbot, start_app, data_dir: Path
) -> None:
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "all-types.toml").write_text(ALL_TYPES, "utf-8")
    startup = start_app("--profile", "Sam")
    wizard = start_template(startup.window, startup.window.ctx, "all-types")
    assert isinstance(wizard, TemplateWizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)

    press(qtbot, Qt.Key.Key_Return)  # intro -> Numbers
    assert wizard.currentPage() is wizard.question_pages[0]
    assert where(focused()) == "life.current/point0"
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_Tab)
    assert where(focused()) == "life.ideal/point0"
    press(qtbot, Qt.Key.Key_Right, 8)  # arrows move focus; Space picks
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Tab)
    assert where(focused()) == "mood/point1"
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Left)  # once a point is picked, arrows move the choice
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.question_pages[1]

    order = [where(focused())]
    for _ in range(7):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(where(focused()))
    assert order == [
        "pick/option0",
        "many/option1",
        "many/option2",
        "many/option3",
        "ok/yes",
        "note",
        "__qt__passive_wizardbutton0",  # Back
        "__qt__passive_wizardbutton1",  # Next
    ]
    press(qtbot, Qt.Key.Key_Backtab, 7)
    assert where(focused()) == "pick/option0"
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # pick: One
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # many: Apples
    press(qtbot, Qt.Key.Key_Tab, 2)
    press(qtbot, Qt.Key.Key_Space)  # many: Plums
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Space)  # ok: No
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Nothing more")
    press(qtbot, Qt.Key.Key_Tab, 2)  # past Back to Next
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.review_page
    assert wizard.answers() == {
        "life": GapAnswer(3, 8),
        "mood": 4,
        "pick": 1,
        "many": [1, 3],
        "ok": False,
        "note": "Nothing more",
    }
    with qtbot.waitSignal(wizard.finished):  # once the result is on disk
        press(qtbot, Qt.Key.Key_Return)  # Finish

    stored = disk_tables(startup.session.require_repo())
    [doc] = stored["assessments"].values()
    assert doc["answers"]["life"] == {"current": 3, "ideal": 8}
    assert doc["scores"] == {"mood_score": {"value": 4.0, "band": "A lighter day"}}
    assert stored["drafts"] == {}


def test_the_review_page_can_send_you_back_by_keyboard(qtbot, start_app, data_dir) -> None:
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "all-types.toml").write_text(ALL_TYPES, "utf-8")
    startup = start_app("--profile", "Sam")
    wizard = start_template(startup.window, startup.window.ctx, "all-types")
    assert isinstance(wizard, TemplateWizard)
    wizard.set_answers({"life": GapAnswer(1, 2), "mood": 1, "pick": 0, "many": [2], "ok": True})
    for _ in range(3):
        wizard.next()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    button = wizard.review_page.change_buttons[1]
    button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert wizard.currentPage() is wizard.question_pages[1]
    # One press of Enter leads straight back to the review, not through every later page.
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.text() == "Back to the &review"
    wizard.question_widget("pick").setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.review_page
    assert next_button.text() != "Back to the &review"


def test_ten_is_typed_as_1_then_0_on_a_0_to_10_scale(qtbot, start_app, data_dir) -> None:
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "all-types.toml").write_text(ALL_TYPES, "utf-8")
    startup = start_app("--profile", "Sam")
    wizard = start_template(startup.window, startup.window.ctx, "all-types")
    assert isinstance(wizard, TemplateWizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    press(qtbot, Qt.Key.Key_Return)  # intro -> Numbers; focus on life.current (0 to 10)
    assert where(focused()) == "life.current/point0"
    # "Quickly" is the desktop's type-ahead interval; generous here, so a busy machine
    # cannot split the two key presses.
    interval = QApplication.keyboardInputInterval()
    QApplication.setKeyboardInputInterval(10_000)
    press(qtbot, Qt.Key.Key_1)
    assert where(focused()) == "life.current/point1"  # 1 at once: it may be all there is
    press(qtbot, Qt.Key.Key_0)
    assert where(focused()) == "life.current/point10"
    press(qtbot, Qt.Key.Key_7)  # a new number starts afresh
    assert where(focused()) == "life.current/point7"
    QApplication.setKeyboardInputInterval(interval)
    intro = " ".join(label.text() for label in wizard.intro_page.findChildren(QLabel))
    assert "1 then 0" in intro  # the hint says how
