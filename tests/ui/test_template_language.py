"""A template's wizard in German: its texts come from the sibling translation, what is stored
stays as in English (ids, answers, and the original's band labels, title and alert)."""

from __future__ import annotations

import gettext
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget, QWizard

from desktop_app import i18n
from desktop_app.ui.wizard import TemplateWizard
from desktop_app.ui.wizard.result_view import ResultView


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """German as the active language, through the i18n API; the language before afterwards."""
    monkeypatch.setenv("LANGUAGE", "de")
    before = (i18n.active(), i18n.language())
    i18n.install(gettext.NullTranslations(), "de")
    yield
    i18n.install(*before)


def open_wizard(qtbot) -> TemplateWizard:
    def shown() -> list[TemplateWizard]:
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, TemplateWizard) and w.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()))
    return shown()[0]


def visible_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def press(qtbot, wizard: TemplateWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def pick(qtbot, wizard: TemplateWizard, name: str, button: str) -> QAbstractButton:
    target = wizard.findChild(QWidget, name).findChild(QAbstractButton, button)
    assert target is not None and target.isVisible(), (name, button)
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    return target


def test_the_grounding_wizard_speaks_german_and_stores_what_english_stores(
    german: None, qtbot, start_app, data_dir: Path
) -> None:
    assert i18n.language() == "de"
    start_app("--profile", "Sam", "--start", "grounding")
    wizard = open_wizard(qtbot)
    assert wizard.template.translation == "de"
    assert wizard.windowTitle() == "Erdung und Belastungstoleranz"
    assert any("Wie gehen schwierige Momente" in text for text in visible_texts(wizard))

    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.currentPage()
    assert "Wenn Gefühle hochkochen" in page.title()
    shown = visible_texts(page)
    assert any("kann ich ihm einen Namen geben" in text for text in shown)
    assert "Trifft voll zu" in shown and "Very true" not in shown
    for template_page in wizard.template.pages[:2]:
        for question in template_page.questions:
            pick(qtbot, wizard, question.id, "point3")
        press(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert pick(qtbot, wizard, "overwhelmed", "option1").text() == "An einzelnen Tagen"
    assert pick(qtbot, wizard, "support", "option4").text().startswith("Meine Therapeutin")
    pick(qtbot, wizard, "self_harm", "option1")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.review_page
    with qtbot.waitSignal(wizard.finished):
        press(qtbot, wizard, QWizard.WizardButton.FinishButton)

    [path] = (data_dir / "profiles").glob("p-*/d-*/2026-03.json")
    [doc] = json.loads(path.read_text("utf-8"))["assessments"].values()
    assert (doc["template_id"], doc["template_version"]) == ("grounding", 1)
    assert doc["answers"]["overwhelmed"] == 1 and doc["answers"]["support"] == [4]
    # The same record an English wizard writes: a result reads alike in any language.
    assert doc["template_title"] == "Grounding and distress tolerance"
    assert doc["scores"] == {"steadiness": {"value": 22.0, "band": "Building steadiness"}}
    assert len(doc["alerts"]) == 1 and "crisis line" in doc["alerts"][0]

    views = [v for v in QApplication.topLevelWidgets()
             if isinstance(v, ResultView) and v.isVisible()]
    assert views
    qtbot.waitUntil(lambda: any("Standfestigkeit aufbauen" in t for t in visible_texts(views[0])))
    shown = visible_texts(views[0])
    assert any("Krisentelefon" in text for text in shown)
    assert not any("Building steadiness" in text or "crisis line" in text for text in shown)
