"""The Assessments screen: templates to start (shipped, mine, broken) and past results."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton

from desktop_app.services.assessments import AssessmentService
from desktop_app.services.journal import JournalService, WinDraft
from desktop_app.ui.wizard.assessment_flow import running_flow
from desktop_app.ui.wizard.result_view import ResultView
from tests.conftest import when_modal
from tests.disk import stored as disk_tables
from tests.ui.test_wizard_widgets import ALL_TYPES, FULL_ANSWERS

SHIPPED = ["check-in", "grounding", "life-areas", "three-responsibilities", "us"]


@pytest.fixture
def app(start_app, data_dir: Path):
    folder = data_dir / "templates"
    folder.mkdir()
    (folder / "all-types.toml").write_text(ALL_TYPES, "utf-8")
    (folder / "broken.toml").write_text('format = 1\nid = "Bad Id"\n', "utf-8")
    startup = start_app("--profile", "Sam")
    startup.window.show_screen("assessments")
    return startup


def screen(app):
    return app.window.screens["assessments"]


def shown(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def stored(app) -> dict[str, Any]:
    return disk_tables(app.session.require_repo())


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_templates_are_grouped_and_broken_ones_say_why(app, data_dir: Path) -> None:
    page = screen(app)
    assert sorted(page.start_buttons) == sorted([*SHIPPED, "all-types"])
    text = shown(page)
    assert "Shipped with Groundwork" in text
    assert "My templates" in text
    assert "Every kind of question" in text
    assert "Templates that could not be opened" in text
    assert "broken.toml" in text
    broken = page.findChild(QLabel, "brokenMessage").text()
    assert broken.startswith("Line 2: id: ") and "Bad Id" in broken
    path = page.findChild(QLineEdit, "templatesFolderPath")
    assert path.text() == str(data_dir / "templates") and path.isReadOnly()
    assert page.findChild(QPushButton, "openTemplatesFolder").isVisible()
    start = page.start_buttons["grounding"]
    assert start.accessibleName() == "Start Grounding and distress tolerance"


def test_empty_state_says_what_to_do(app) -> None:
    empty = screen(app).findChild(QLabel, "noResults")
    assert empty.isVisible()
    assert "Choose an assessment above and press Start" in empty.text()


def test_without_own_templates_it_says_how_to_add_one(start_app, tmp_path: Path) -> None:
    startup = start_app("--profile", "Sam", data=tmp_path / "other")
    startup.window.show_screen("assessments")
    assert "no templates of your own yet" in shown(startup.window.screens["assessments"])


def test_start_opens_the_wizard_and_an_unfinished_one_shows_continue(qtbot, app) -> None:
    click(qtbot, screen(app).start_buttons["all-types"])
    flow = running_flow(app.session, "all-types")
    assert flow is not None and flow.wizard.isVisible()
    flow.wizard.set_answers({"mood": 2})
    flow.wizard.reject()
    qtbot.waitUntil(lambda: screen(app).start_buttons["all-types"].text() == "Continue")
    assert "Unfinished: your answers were saved 14 March 2026, 09:30." in shown(screen(app))


def test_results_newest_first_open_and_delete_after_asking(qtbot, app, clock) -> None:
    service = AssessmentService(app.session)
    template = app.session.templates.get("all-types")
    older, _ = service.complete(template, FULL_ANSWERS, clock())
    clock.advance(days=2)
    newer, _ = service.complete(template, {**FULL_ANSWERS, "mood": 1}, clock())
    app.session.notify()
    page = screen(app)
    assert list(page.open_buttons) == [newer, older]
    row = page.findChild(object, f"result-{newer}")
    assert "Every kind of question — 16 March 2026, 09:30" in shown(row)
    assert "Mood score 1 (A heavy day)" in shown(row)

    click(qtbot, page.open_buttons[older])
    views = [v for v in app.window.findChildren(ResultView) if v.isVisible()]
    assert len(views) == 1 and views[0].report.result.scores["mood_score"].value == 4

    asked: list[str] = []

    def keep(box: QMessageBox) -> None:
        asked.append(box.text() + " " + box.informativeText())
        [button] = [b for b in box.buttons() if b.text() == "Keep it"]
        button.click()

    when_modal(keep)
    click(qtbot, page.delete_buttons[older])
    assert "14 March 2026, 09:30" in asked[0]
    assert "6 answers and its scores will be removed" in asked[0]
    assert str(older) in stored(app)["assessments"]

    def delete(box: QMessageBox) -> None:
        [button] = [b for b in box.buttons() if b.text() == "Delete"]
        button.click()

    when_modal(delete)
    click(qtbot, page.delete_buttons[older])
    assert str(older) not in stored(app)["assessments"]
    qtbot.waitUntil(lambda: list(screen(app).open_buttons) == [newer])


def test_reload_picks_up_a_new_template(qtbot, app, data_dir: Path) -> None:
    extra = ALL_TYPES.replace('id = "all-types"', 'id = "another"').replace(
        'title = "Every kind of question"', 'title = "Another one"'
    )
    (data_dir / "templates" / "another.toml").write_text(extra, "utf-8")
    click(qtbot, screen(app).findChild(QPushButton, "reloadTemplates"))
    qtbot.waitUntil(lambda: "another" in screen(app).start_buttons)


def test_a_refresh_while_hidden_waits_until_the_screen_is_shown(qtbot, app, clock) -> None:
    app.window.show_screen("home")
    page = screen(app)
    before = page.widget()
    complete_grounding(app, clock, 10)
    app.session.notify()
    assert page.widget() is before
    app.window.show_screen("assessments")
    assert page.widget() is not before and len(page.open_buttons) == 1


def complete_grounding(app, clock, minutes: int) -> None:
    service = AssessmentService(app.session)
    template = app.session.templates.get("grounding")
    assert template is not None
    answers = {q.id: 2 for q in template.questions if q.type == "scale"}
    answers |= {q.id: 0 for q in template.questions if q.type == "choice"}
    answers |= {q.id: [0] for q in template.questions if q.type == "multi"}
    clock.advance(minutes=minutes)
    service.complete(template, answers, clock.now - timedelta(minutes=5))


def test_a_refresh_keeps_the_page_and_its_scroll_position(qtbot, app, clock) -> None:
    for _ in range(12):
        complete_grounding(app, clock, 60)
    app.session.notify()
    page = screen(app)
    page.window().resize(900, 500)
    bar = page.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 400)
    bar.setValue(400)
    built = page.widget()
    JournalService(app.session).log_win(WinDraft("Nothing this screen shows"))
    assert page.widget() is built and bar.value() == 400
    complete_grounding(app, clock, 60)
    app.session.notify()
    assert page.widget() is not built and bar.value() == 400
    assert len(page.open_buttons) == 13


def test_the_shipped_assessments_come_in_the_method_order(app) -> None:
    page = screen(app)
    shipped = [page.start_buttons[t] for t in SHIPPED]
    by_height = sorted(shipped, key=lambda b: b.mapTo(page.widget(), QPoint(0, 0)).y())
    assert [b.objectName() for b in by_height] == [
        "start-life-areas", "start-grounding", "start-three-responsibilities", "start-check-in",
        "start-us",
    ]  # the one Home suggests first comes first


def test_at_the_narrowest_window_nothing_is_cut_off(start_app, qtbot) -> None:
    app = start_app("--demo")  # past results with long titles too
    app.window.show_screen("assessments")
    window = app.window
    window.resize(window.minimumWidth(), 600)
    page = screen(app)
    qtbot.waitUntil(lambda: page.viewport().width() < 600)
    assert page.horizontalScrollBar().maximum() == 0  # no sideways scrolling
    visible = page.viewport().rect()
    for button in [*page.start_buttons.values(), *page.delete_buttons.values()]:
        corner = button.mapTo(page.viewport(), QPoint(button.width() - 1, 0))
        assert visible.contains(corner.x(), visible.top()), button.objectName()


def test_with_no_file_manager_it_shows_the_folder_to_copy(
    app, qtbot, data_dir: Path, monkeypatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(read)
    click(qtbot, screen(app).findChild(QPushButton, "openTemplatesFolder"))
    qtbot.waitUntil(lambda: bool(seen))
    assert str(data_dir / "templates") in seen[0] and "copy" in seen[0]


@pytest.mark.parametrize("name", ["home", "assessments"])
def test_the_first_tab_stop_is_a_control_not_the_scroll_area(app, qtbot, name: str) -> None:
    app.window.show_screen(name)
    page = app.window.screens[name]
    qtbot.waitUntil(lambda: page.isVisible() and page.widget() is not None)
    assert page.focusPolicy() == Qt.FocusPolicy.NoFocus and page.accessibleName()
    first = page.widget().nextInFocusChain()
    while first is not page.widget() and not (
        first.focusPolicy() & Qt.FocusPolicy.TabFocus and first.isVisible()
    ):
        first = first.nextInFocusChain()
    assert isinstance(first, QPushButton)
