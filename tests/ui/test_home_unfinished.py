"""After a crash or a closed wizard, the next start offers the unfinished assessment on Home."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.domain.answers import GapAnswer
from desktop_app.services.assessments import AssessmentService
from desktop_app.ui.wizard.template_wizard import TemplateWizard
from tests.conftest import when_modal


def open_wizards() -> list[TemplateWizard]:
    return [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, TemplateWizard) and w.isVisible()
    ]


def test_home_offers_to_continue_a_draft(qtbot, start_app, clock) -> None:
    first = start_app("--profile", "Sam")
    service = AssessmentService(first.session)
    template = first.session.templates.get("life-areas")
    assert template is not None
    service.save_draft(template, {"work": GapAnswer(3, 8)}, clock(), 1)
    first.window.close()
    first.shutdown()  # as after a crash: the draft is all that is left

    second = start_app()
    home = second.window.screens["home"]
    button = home.continue_buttons["life-areas"]
    assert button.accessibleName() == "Continue Where I am, where I want to be"
    offered: list[str] = []

    def resume(box: QMessageBox) -> None:
        offered.append(box.text())
        next(b for b in box.buttons() if b.text() == "Resume").click()

    when_modal(resume)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(open_wizards()))
    assert "Where I am, where I want to be" in offered[0]
    [wizard] = open_wizards()
    assert wizard.answers()["work"] == GapAnswer(3, 8)
    wizard.close()


def test_a_new_profile_has_nothing_unfinished(start_app) -> None:
    home = start_app("--profile", "Sam").window.screens["home"]
    assert home.continue_buttons == {}
