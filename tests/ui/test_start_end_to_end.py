"""`--start`: the wizard opens at once; finishing it leaves the result in the TinyDB file."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget, QWizard
from tinydb import TinyDB

from desktop_app.ui.wizard import TemplateWizard
from desktop_app.ui.wizard.result_view import ResultView


def open_wizard(qtbot) -> TemplateWizard:
    def shown() -> TemplateWizard | None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, TemplateWizard) and w.isVisible()
        ]
        return found[0] if found else None

    qtbot.waitUntil(lambda: shown() is not None)
    wizard = shown()
    assert wizard is not None
    return wizard


def pick(qtbot, wizard: TemplateWizard, name: str, button: str) -> None:
    widget = wizard.findChild(QWidget, name)
    target = widget.findChild(QAbstractButton, button)
    assert target is not None and target.isVisible(), (name, button)
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def next_page(qtbot, wizard: TemplateWizard) -> None:
    before = wizard.currentId()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == before + 1


def profile_file(data_dir: Path) -> Path:
    """This computer's file of this month, where every record it writes now lands."""
    [path] = (data_dir / "profiles").glob("p-*/d-*/2026-03.json")
    return path


def test_start_grounding_finish_and_find_it_in_the_tinydb_file(
    qtbot, start_app, data_dir: Path, clock
) -> None:
    start_app("--profile", "Sam", "--start", "grounding")
    wizard = open_wizard(qtbot)
    assert wizard.template.id == "grounding"
    clock.advance(minutes=7)
    next_page(qtbot, wizard)
    for page in wizard.template.pages[:2]:
        for question in page.questions:
            pick(qtbot, wizard, question.id, "point3")
        next_page(qtbot, wizard)
    pick(qtbot, wizard, "overwhelmed", "option1")
    pick(qtbot, wizard, "support", "option1")
    pick(qtbot, wizard, "support", "option4")
    pick(qtbot, wizard, "self_harm", "option1")
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.review_page
    with qtbot.waitSignal(wizard.finished):  # closes once the result is on disk
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )

    # Read the file as any TinyDB user would: the user owns the data.
    with TinyDB(profile_file(data_dir), access_mode="r") as db:
        [doc] = db.table("assessments").all()
        # The autosaved draft is gone: its last version is a tombstone.
        assert all(d.get("_deleted") is True for d in db.table("drafts").all())
    assert doc["template_id"] == "grounding"
    assert doc["template_version"] == 1
    assert datetime.fromisoformat(doc["started_at"]).utcoffset() is not None
    assert doc["started_at"] == "2026-03-14T09:30:00+01:00"
    assert doc["completed_at"] == "2026-03-14T09:37:00+01:00"
    assert doc["answers"]["name_feeling"] == 3
    assert doc["answers"]["support"] == [1, 4]
    assert doc["answers"]["self_harm"] == 1
    # Six items at 3 and four reversed items at 4 - 3 = 1.
    assert doc["scores"] == {"steadiness": {"value": 22.0, "band": "Building steadiness"}}
    assert len(doc["alerts"]) == 1 and "crisis line" in doc["alerts"][0]

    views = [v for v in QApplication.topLevelWidgets() if isinstance(v, ResultView)]
    assert any(v.isVisible() for v in views)


def test_start_life_areas_stores_gaps_as_current_and_ideal(
    qtbot, start_app, data_dir: Path
) -> None:
    start_app("--profile", "Sam", "--start", "life-areas")
    wizard = open_wizard(qtbot)
    next_page(qtbot, wizard)
    for number, page in enumerate(wizard.template.pages):
        for question in page.questions:
            if question.type == "gap":
                pick(qtbot, wizard, f"{question.id}.current", f"point{number % 10}")
                pick(qtbot, wizard, f"{question.id}.ideal", "point9")
        next_page(qtbot, wizard)
    with qtbot.waitSignal(wizard.finished):  # closes once the result is on disk
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )
    tables = json.loads(profile_file(data_dir).read_text("utf-8"))
    [doc] = tables["assessments"].values()
    assert doc["answers"]["work"] == {"current": 0, "ideal": 9}
    assert doc["answers"]["meaning"] == {"current": 8, "ideal": 9}
    assert doc["answers"]["work_ideal"] is None
    assert set(doc["scores"]) == {"now_overall", "distance_overall"}
    assert doc["scores"]["now_overall"] == {"value": 4.0, "band": None}
    assert doc["scores"]["distance_overall"] == {"value": 5.0, "band": None}


def test_start_with_no_profile_opens_the_wizard_once_one_is_made(qtbot, start_app) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.wizard.template_wizard import TemplateWizard

    def open_wizards() -> list[TemplateWizard]:
        return [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, TemplateWizard) and w.isVisible()
        ]

    startup = start_app("--start", "life-areas")
    window = startup.window
    assert window.pages.currentWidget() is window.welcome
    assert open_wizards() == []
    window.welcome.name_edit.setText("Sam")
    window.welcome.create_button.click()
    qtbot.waitUntil(lambda: bool(open_wizards()))
    [wizard] = open_wizards()
    assert wizard.template.id == "life-areas"
    wizard.close()
