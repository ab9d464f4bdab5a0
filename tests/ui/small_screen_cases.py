"""Cases run by test_small_screen.py in a child on a 1366×900 screen scaled by 1.5.

Not collected on their own: the screen must be set before the QApplication is made.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from desktop_app.services.assessments import AssessmentService
from desktop_app.ui.wizard import TemplateWizard
from desktop_app.ui.wizard.result_view import ResultView
from tests.ui.test_start_end_to_end import open_wizard

pytestmark = pytest.mark.skipif(
    os.environ.get("QT_SCALE_FACTOR") != "1.5", reason="run by test_small_screen.py"
)


def area() -> QRect:
    screen = QApplication.primaryScreen()
    assert screen.size().width() == 911 and screen.devicePixelRatio() == 1.5
    return screen.availableGeometry()


def on_screen(widget: QWidget) -> bool:
    """The whole widget lies on the screen (a window: with its frame)."""
    if widget.isWindow():
        rect = widget.frameGeometry()
    else:
        rect = QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())
    return area().contains(rect)


def test_a_new_main_window_fits_the_screen(start_app) -> None:
    window = start_app("--profile", "Sam").window
    assert window.width() <= 911 and on_screen(window), window.frameGeometry()


def test_a_window_saved_on_a_larger_screen_is_brought_inside(start_app, qtbot) -> None:
    first = start_app("--profile", "Sam")
    first.window.setMinimumSize(1, 1)
    first.window.setGeometry(400, 300, 1560, 1080)  # as a 1920×1200 screen allowed it
    first.window.close()  # saves the geometry
    first.shutdown()
    again = start_app("--profile", "Sam").window
    assert on_screen(again), again.frameGeometry()


def test_the_wizard_and_its_buttons_fit_the_screen(start_app, qtbot) -> None:
    start_app("--profile", "Sam", "--start", "life-areas")
    wizard = open_wizard(qtbot)
    assert isinstance(wizard, TemplateWizard)
    assert on_screen(wizard), wizard.frameGeometry()
    wizard.next()  # a page of questions: the tallest kind
    for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                  QWizard.WizardButton.CancelButton):
        button = wizard.button(which)
        assert button.isVisible() and on_screen(button), (which, button.geometry())


def test_the_result_dialog_fits_the_screen(start_app, qtbot) -> None:
    startup = start_app("--demo")
    service = AssessmentService(startup.session)
    stored = service.latest("life-areas")
    assert stored is not None
    view = ResultView(service.report(stored.item), parent=startup.window)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert on_screen(view), view.frameGeometry()
