"""From a result to action: "Make these my focus", responsibilities and own areas as focus,
and the order of the Journal's tabs and of past results."""

from __future__ import annotations

from datetime import timedelta

import shiboken6
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.results import AssessmentResult
from desktop_app.services import report
from desktop_app.services.assessments import AssessmentService
from desktop_app.ui.journal.focus_dialog import FocusDialog
from desktop_app.ui.wizard.result_view import ResultView
from tests.ui.test_journal_focus import tick
from tests.ui.test_journal_support import button, click, journal_of, opened, stored

GAPS = {"work": (3, 8), "relationships": (6, 7), "body": (2, 8), "mind": (4, 9)}


def complete_life_areas(startup, clock) -> str:
    service = AssessmentService(startup.session)
    template = startup.session.templates.get("life-areas")
    assert template is not None
    answers = {q.id: GapAnswer(*GAPS.get(q.id, (7, 7))) for q in template.questions
               if q.type == "gap"}
    result_id, _ = service.complete(template, answers, clock() - timedelta(hours=1))
    startup.session.notify()
    return result_id


def write_area(qtbot, dialog: FocusDialog, area: str, intention: str, practice: str) -> None:
    section = dialog.sections[area]
    qtbot.keyClicks(section.intention, intention)
    qtbot.keyClicks(section.practices.rows[0].what, practice)


def test_make_these_my_focus_ticks_the_suggested_gaps(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    result_id = complete_life_areas(startup, clock)
    startup.window.open_result(result_id)
    qtbot.waitUntil(lambda: any(v.isVisible() for v in startup.window.findChildren(ResultView)))
    [view] = [v for v in startup.window.findChildren(ResultView) if v.isVisible()]
    suggested = [g.area for g in view.report.focus]
    assert len(suggested) == 3
    make = button(view, "makeFocus")
    assert make.text() == "&Make these my focus…"
    click(qtbot, make)
    dialog = opened(qtbot, FocusDialog)
    assert dialog.windowTitle() == "Choose your focus"
    assert dialog.checked_areas() == suggested
    assert set(dialog.sections) == set(suggested)
    assert "The areas your result suggests are ticked" in " ".join(
        label.text() for label in dialog.findChildren(QLabel)
    )
    for area in suggested:
        write_area(qtbot, dialog, area, f"Care for {area}", f"One small step for {area}")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    [period] = stored(startup)["focus"].values()
    assert [a["area"] for a in period["areas"]] == suggested
    assert period["source_assessment"] == result_id


def test_a_responsibility_and_an_own_area_as_focus(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal = journal_of(startup)
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    # The Journal starts where the person starts: Focus.
    assert screen.tabs.tabText(0) == "&Focus"
    assert screen.tabs.currentWidget() is screen.focus
    click(qtbot, button(screen.focus, "changeFocus"))
    dialog = opened(qtbot, FocusDialog)
    items = [dialog.area_list.item(i).text() for i in range(dialog.area_list.count())]
    assert items[-3:] == ["What I think", "What I say", "How I use my body"]
    tick(qtbot, dialog, "words")

    # An own area: empty is refused, a long name is cut at the limit, then it is added.
    click(qtbot, button(dialog, "addOwnArea"))
    assert dialog.error.text() == "An own area needs a name."
    assert dialog.checked_areas() == ["words"]
    qtbot.keyClicks(dialog.own_name, "x" * 80)
    assert len(dialog.own_name.text()) == 60
    dialog.own_name.clear()
    qtbot.keyClicks(dialog.own_name, "  Being a   calmer driver")
    click(qtbot, button(dialog, "addOwnArea"))
    assert dialog.checked_areas() == ["words", "own:Being a calmer driver"]
    assert dialog.own_name.text() == ""
    qtbot.keyClicks(dialog.own_name, "Being a calmer driver")
    click(qtbot, button(dialog, "addOwnArea"))
    assert "already in the list" in dialog.error.text()
    assert dialog.checked_areas() == ["words", "own:Being a calmer driver"]

    write_area(qtbot, dialog, "words", "Speak kindly", "Pause before I answer")
    write_area(qtbot, dialog, "own:Being a calmer driver", "Arrive calm", "Leave ten minutes early")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    [period] = stored(startup)["focus"].values()
    assert [a["area"] for a in period["areas"]] == ["words", "own:Being a calmer driver"]

    # Named as the person named it, everywhere a focus area shows.
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # saved, closed and freed
    qtbot.waitUntil(lambda: screen.focus.findChild(QLabel, "intention-words") is not None)
    focus_text = " ".join(label.text() for label in screen.focus.findChildren(QLabel))
    assert "What I say" in focus_text and "Being a calmer driver" in focus_text
    assert "own:Being" not in focus_text
    startup.window.show_screen("home")
    home = startup.window.screens["home"]
    home_text = [label.text() for label in home.focus_labels]
    assert home_text == ["What I say: Speak kindly", "Being a calmer driver: Arrive calm"]
    session = startup.session
    inputs = report.read_inputs(
        report.FrozenProfile(session.require_repo(), session.clock()), session.templates,
        session.clock,
    )
    today = journal.today()
    made = report.build(inputs, report.Period(today - timedelta(days=27), today), ("focus",))
    assert [line.area for line in made.focus or []] == ["What I say", "Being a calmer driver"]


def test_past_results_are_grouped_by_assessment_newest_first(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    table = startup.session.require_repo().collection("assessments", AssessmentResult)

    def result(template_id: str, days_ago: int) -> str:
        when = clock() - timedelta(days=days_ago)
        return table.add(AssessmentResult(template_id, 1, when, when, {}, {}, template_id))

    first = result("life-areas", 30)
    other = result("grounding", 20)
    latest = result("life-areas", 1)
    startup.session.notify()
    startup.window.show_screen("assessments")
    page = startup.window.screens["assessments"]
    assert list(page.open_buttons) == [latest, first, other]
    life_heading = page.findChild(QLabel, "results-life-areas")
    assert life_heading is not None and life_heading.text().endswith("(2 results)")
    assert page.findChild(QLabel, "results-grounding").text().endswith(
        "(1 result)"
    )
