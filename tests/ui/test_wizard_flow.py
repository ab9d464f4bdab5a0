"""Finishing a wizard: the stored result, the result view, and what happens when saving fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
    QWizard,
)

from desktop_app.services.assessments import AssessmentService
from desktop_app.storage import shards
from desktop_app.storage.atomic import StorageWriteError
from desktop_app.ui.wizard import TemplateWizard
from desktop_app.ui.wizard.result_view import ResultView
from desktop_app.ui.wizard_launcher import open_result, start_template
from tests.conftest import when_modal
from tests.disk import stored as disk_tables
from tests.ui.test_wizard_widgets import ALL_TYPES, FULL_ANSWERS


@pytest.fixture
def app(start_app, data_dir: Path):
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "all-types.toml").write_text(ALL_TYPES, "utf-8")
    return start_app("--profile", "Sam")


def stored(app) -> dict[str, Any]:
    return disk_tables(app.session.require_repo())


def wizard_at_review(app, answers: dict[str, Any] = FULL_ANSWERS) -> TemplateWizard:
    wizard = start_template(app.window, app.window.ctx, "all-types")
    assert isinstance(wizard, TemplateWizard)
    wizard.set_answers(answers)
    while wizard.currentPage() is not wizard.review_page:
        wizard.next()
    return wizard


def finish(qtbot, wizard: TemplateWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)


def texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def full_disk(path: Path, payload: bytes) -> None:
    raise StorageWriteError(28, "Could not save: No space left on device")


def result_views(app) -> list[ResultView]:
    return [v for v in app.window.findChildren(ResultView) if v.isVisible()]


def test_finish_stores_the_result_and_shows_it(qtbot, app) -> None:
    refreshed: list[int] = []
    app.session.subscribe(lambda: refreshed.append(1))
    wizard = wizard_at_review(app, {**FULL_ANSWERS, "pick": 2, "mood": 2})
    finish(qtbot, wizard)
    qtbot.waitUntil(lambda: len(result_views(app)) == 1)
    [doc] = stored(app)["assessments"].values()
    assert doc["scores"] == {"mood_score": {"value": 2.0, "band": "A heavy day"}}
    assert doc["alerts"] == ["You picked two. If things feel heavy, a crisis line can help."]
    assert refreshed
    [view] = result_views(app)
    shown = texts(view)
    assert "Mood score: 2 (on a scale from 1 to 5)" in shown
    assert "A heavy day — Be gentle with yourself today." in shown
    assert "Now 3, ideal 8. 5 points to go towards your ideal." in shown
    # Named as the charts name it: the title of the page that asks about that area alone.
    assert "1. Numbers: 5 points to go towards your ideal (now 3, ideal 8)." in shown
    assert "A note for you" in shown
    assert "a crisis line can help" in view.findChild(QLabel, "alertMessage").text()
    assert "Saved to your profile" in shown


def test_a_full_disk_at_finish_keeps_the_wizard_open_with_its_answers(
    qtbot, app, monkeypatch
) -> None:
    wizard = wizard_at_review(app)
    monkeypatch.setattr(shards, "atomic_write_bytes", full_disk)
    seen: list[str] = []

    def acknowledge(box: QMessageBox) -> None:
        seen.append(box.text() + box.informativeText())
        box.accept()

    when_modal(acknowledge)
    finish(qtbot, wizard)
    qtbot.waitUntil(lambda: bool(seen))  # the write failed on the writer thread
    assert "No space left on device" in seen[0]
    assert "still in the window" in seen[0]
    assert wizard.isVisible()
    assert wizard.currentPage() is wizard.review_page
    assert wizard.answers() == FULL_ANSWERS
    assert "could not be saved" in texts(wizard.review_page)
    monkeypatch.undo()
    assert stored(app)["assessments"] == {}
    with qtbot.waitSignal(wizard.finished):
        finish(qtbot, wizard)
    assert len(stored(app)["assessments"]) == 1


def test_a_failing_autosave_says_so_and_closing_asks_first(qtbot, app, monkeypatch) -> None:
    wizard = start_template(app.window, app.window.ctx, "all-types")
    assert isinstance(wizard, TemplateWizard)
    wizard.next()
    monkeypatch.setattr(shards, "atomic_write_bytes", full_disk)
    mood = wizard.findChild(QWidget, "mood")
    qtbot.mouseClick(mood.findChild(QAbstractButton, "point4"), Qt.MouseButton.LeftButton)
    notice = wizard.currentPage().findChild(QLabel, "wizardNotice")
    qtbot.waitUntil(notice.isVisible)
    assert "could not be saved just now (No space left on device)" in notice.text()

    asked: list[str] = []

    def keep_open(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(keep_open)
    wizard.reject()  # waits for the draft's write, which fails: then it asks
    qtbot.waitUntil(lambda: bool(asked))
    assert "could not save your latest answers" in asked[0]
    assert wizard.isVisible()
    assert wizard.answers()["mood"] == 4

    monkeypatch.undo()
    with qtbot.waitSignal(wizard.finished):  # the draft lands, then it closes
        wizard.reject()
    [draft] = stored(app)["drafts"].values()
    assert draft["answers"]["mood"] == 4


def test_a_stored_result_opens_read_only_with_its_answers(qtbot, app) -> None:
    template = app.session.templates.get("all-types")
    result_id, _ = AssessmentService(app.session).complete(
        template, FULL_ANSWERS, app.session.clock()
    )
    view = open_result(app.window, app.window.ctx, result_id)
    assert isinstance(view, ResultView)
    qtbot.addWidget(view)
    assert view.isVisible()
    assert "Saved to your profile" not in texts(view)
    answers = view.findChild(object, "resultAnswers")
    shown = texts(answers)
    for expected in ("Apples, Plums", "One", "No", "Nothing more", "4 on a scale of 1 to 5"):
        assert expected in shown
    assert not view.findChildren(QLineEdit) and not view.findChildren(QPlainTextEdit)
    assert view.tabs.tabText(1) == "Your &answers"


def test_opening_a_missing_result_says_so(qtbot, app) -> None:
    when_modal(lambda box: box.accept())
    assert open_result(app.window, app.window.ctx, 999) is None


def test_check_ins_go_to_the_journal_flow(qtbot, app) -> None:
    from desktop_app.ui.journal.checkin_flow import PracticesPage

    wizard = start_template(app.window, app.window.ctx, "check-in")
    assert isinstance(wizard, TemplateWizard)
    assert wizard.template.id == "check-in"
    assert [type(page) for page in wizard.extra_pages] == [PracticesPage]
    wizard.close()


def test_an_unknown_template_says_so(qtbot, app) -> None:
    seen: list[str] = []
    when_modal(lambda box: (seen.append(box.text()), box.accept()))
    assert start_template(app.window, app.window.ctx, "nope") is None
    assert "nope" in seen[0]
