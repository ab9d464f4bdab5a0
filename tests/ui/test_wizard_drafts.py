"""Drafts: autosaved while answering, kept on close or crash, resumed or discarded on return."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWidget, QWizard

from desktop_app.domain.answers import GapAnswer
from desktop_app.ui.wizard import TemplateWizard
from desktop_app.ui.wizard.assessment_flow import running_flow
from desktop_app.ui.wizard_launcher import start_template
from tests.conftest import when_modal
from tests.disk import stored as disk_tables
from tests.ui.test_wizard_widgets import ALL_TYPES


@pytest.fixture
def app(start_app, data_dir: Path):
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "all-types.toml").write_text(ALL_TYPES, "utf-8")
    return start_app("--profile", "Sam")


def stored(app) -> dict[str, Any]:
    return disk_tables(app.session.require_repo())


def drafts(app) -> list[dict[str, Any]]:
    return list(stored(app)["drafts"].values())


def open_wizard(app) -> TemplateWizard:
    wizard = start_template(app.window, app.window.ctx, "all-types")
    assert isinstance(wizard, TemplateWizard)
    return wizard


def click_point(qtbot, wizard: TemplateWizard, name: str, point: str) -> None:
    button = wizard.findChild(QWidget, name).findChild(QAbstractButton, point)
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_mid_way(qtbot, wizard: TemplateWizard) -> None:
    """Answer the first page by mouse, go on, and pick one answer on the second."""
    wizard.next()
    click_point(qtbot, wizard, "life.current", "point2")
    click_point(qtbot, wizard, "life.ideal", "point7")
    click_point(qtbot, wizard, "mood", "point3")
    wizard.next()
    click_point(qtbot, wizard, "pick", "option2")


def choose(button_text: str):
    def callback(box: QMessageBox) -> None:
        assert box.objectName() == "resumeDraft"
        [button] = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    return callback


def test_every_edit_autosaves_a_draft(qtbot, app) -> None:
    wizard = open_wizard(app)
    wizard.next()
    click_point(qtbot, wizard, "mood", "point4")
    qtbot.waitUntil(lambda: len(drafts(app)) == 1)
    [draft] = drafts(app)
    assert draft["template_id"] == "all-types"
    assert draft["template_version"] == 2
    assert draft["answers"]["mood"] == 4
    assert draft["answers"]["life"] is None
    assert draft["page"] == 1
    assert draft["started_at"] == "2026-03-14T09:30:00+01:00"


def test_paging_without_answering_leaves_no_draft(qtbot, app) -> None:
    wizard = open_wizard(app)
    wizard.next()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert drafts(app) == []


def test_closing_mid_way_keeps_the_draft_and_resume_puts_everything_back(qtbot, app) -> None:
    wizard = open_wizard(app)
    answer_mid_way(qtbot, wizard)
    # Closing saves at once: nothing waits for the autosave timer. The wizard closes once
    # the draft is on disk.
    with qtbot.waitSignal(wizard.finished):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton
        )
    [draft] = drafts(app)
    assert draft["page"] == 2
    assert draft["answers"]["life"] == {"current": 2, "ideal": 7}
    assert draft["answers"]["pick"] == 2
    assert running_flow(app.session, "all-types") is None

    when_modal(choose("Resume"))
    again = open_wizard(app)
    assert again is not wizard
    assert again.currentPage() is again.question_pages[1]
    assert again.answers()["pick"] == 2
    again.back()
    assert again.answers()["life"] == GapAnswer(2, 7)
    assert again.answers()["mood"] == 3
    current = again.findChild(QWidget, "life.current")
    assert current.findChild(QAbstractButton, "point2").isChecked()


def test_start_again_discards_the_draft(qtbot, app) -> None:
    wizard = open_wizard(app)
    answer_mid_way(qtbot, wizard)
    with qtbot.waitSignal(wizard.finished):  # once the draft is on disk
        wizard.reject()
    assert len(drafts(app)) == 1
    when_modal(choose("Start again"))
    fresh = open_wizard(app)
    assert fresh.currentPage() is fresh.intro_page
    assert all(value is None for value in fresh.answers().values())
    assert drafts(app) == []


def test_cancel_at_the_question_opens_nothing_and_keeps_the_draft(qtbot, app) -> None:
    wizard = open_wizard(app)
    answer_mid_way(qtbot, wizard)
    with qtbot.waitSignal(wizard.finished):  # once the draft is on disk
        wizard.reject()
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    assert start_template(app.window, app.window.ctx, "all-types") is None
    assert len(drafts(app)) == 1


def test_a_crash_keeps_the_autosaved_draft(qtbot, app, start_app, tmp_path: Path) -> None:
    wizard = open_wizard(app)
    answer_mid_way(qtbot, wizard)
    qtbot.waitUntil(lambda: bool(drafts(app)) and drafts(app)[0]["answers"]["pick"] == 2)
    # What a crash leaves: the data folder as it is on disk, the wizard never closed.
    after_crash = tmp_path / "after-crash"
    shutil.copytree(app.session.data_dir, after_crash, ignore=shutil.ignore_patterns("*.lock"))
    restarted = start_app("--profile", "Sam", data=after_crash)
    when_modal(choose("Resume"))
    wizard = start_template(restarted.window, restarted.window.ctx, "all-types")
    assert isinstance(wizard, TemplateWizard)
    assert wizard.answers()["life"] == GapAnswer(2, 7)
    assert wizard.answers()["pick"] == 2
    assert wizard.currentPage() is wizard.question_pages[1]


@dataclass(frozen=True)
class _OldDraft:
    template_id: str
    template_version: int
    started_at: str
    updated_at: str
    answers: dict[str, Any]
    page: int


def test_answers_that_no_longer_fit_are_dropped_and_the_person_is_told(qtbot, app) -> None:
    old = _OldDraft(
        "all-types",
        1,
        "2026-03-10T10:00:00+01:00",
        "2026-03-10T10:05:00+01:00",
        {"life": 6, "mood": 5, "pick": "two", "many": [9], "removed": True, "ok": True},
        2,
    )
    app.session.require_repo().collection("drafts", _OldDraft).add(old)
    when_modal(choose("Resume"))
    wizard = open_wizard(app)
    answers = wizard.answers()
    assert answers["mood"] == 5 and answers["ok"] is True
    assert answers["life"] is None and answers["pick"] is None and answers["many"] is None
    # The gap answer is gone, so the wizard waits on the first page rather than page 2.
    assert wizard.currentPage() is wizard.question_pages[0]
    notice = wizard.currentPage().findChild(QLabel, "wizardNotice")
    assert notice.isVisible()
    assert "4 answers no longer fit" in notice.text()
    assert "“How is life?”" in notice.text() and "a removed question" in notice.text()


def test_one_wizard_per_template(qtbot, app) -> None:
    first = open_wizard(app)
    assert open_wizard(app) is first
    assert running_flow(app.session, "all-types") is not None


def test_half_a_gap_answer_is_kept_in_the_draft(qtbot, app) -> None:
    wizard = open_wizard(app)
    wizard.next()
    click_point(qtbot, wizard, "life.current", "point4")  # "now" marked, "ideal" not yet
    with qtbot.waitSignal(wizard.finished):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton
        )
    [draft] = drafts(app)
    assert draft["answers"]["life"] is None
    assert draft["answers"]["life.current"] == 4

    seen: list[str] = []

    def resume(box: QMessageBox) -> None:
        seen.append(box.informativeText() + box.text())
        choose("Resume")(box)

    when_modal(resume)
    again = open_wizard(app)
    assert "no longer" not in seen[0]  # nothing was reported as dropped
    current = again.findChild(QWidget, "life.current")
    ideal = again.findChild(QWidget, "life.ideal")
    assert current.findChild(QAbstractButton, "point4").isChecked()
    assert ideal.metaObject().userProperty().read(ideal) is None
    assert again.answers()["life"] is None
