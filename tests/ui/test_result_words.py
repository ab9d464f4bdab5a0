"""A result names areas as every screen does, and says a distance to the ideal in words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop_app.domain.answers import GapAnswer
from desktop_app.services.assessments import AssessmentService, distance_words
from desktop_app.ui.wizard.result_view import ResultView


def test_the_result_names_areas_like_the_charts_and_says_the_distance_in_words(
    qtbot, start_app
) -> None:
    startup = start_app("--profile", "Sam")
    service = AssessmentService(startup.session)
    template = startup.session.templates.get("life-areas")
    answers = {q.id: GapAnswer(current=3, ideal=7) for q in template.questions if q.type == "gap"}
    _result_id, result = service.complete(template, answers, startup.session.clock())
    view = ResultView(service.report(result), parent=startup.window)
    qtbot.addWidget(view)
    shown = "\n".join(label.text() for label in view.findChildren(QLabel))
    assert "Close relationships" in shown and "A person in the world" in shown
    assert "\nRelationships\n" not in f"\n{shown}\n" and "In the world" not in shown
    assert ("Distance to my ideal, overall: 4 points on average between where you are and "
            "where you want to be") in shown
    assert "on a scale from -10" not in shown and "on a scale from −10" not in shown


def test_distance_words_for_every_sign() -> None:
    template_scale = type("S", (), {"items": ("a.gap", "b.gap"), "method": "mean"})()
    assert distance_words(template_scale, 1) == (
        "1 point on average between where you are and where you want to be")
    assert distance_words(template_scale, 0) == "you are where you want to be"
    assert distance_words(template_scale, -2.5) == (
        "2.5 points on average beyond where you wanted to be")
    other = type("S", (), {"items": ("a.current",), "method": "mean"})()
    assert distance_words(other, 4) is None
