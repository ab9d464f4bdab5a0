"""A new period only cuts the over-time history: the same data as working it out anew."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop_app.domain.demo import DemoHistory, generate_demo
from desktop_app.domain.progress import (
    ALL_TIME,
    DateRange,
    assessment_responses,
    checkin_responses,
    months_back,
)
from desktop_app.domain.progress_time import clip_over_time, over_time
from desktop_app.domain.templates import Template, load_templates

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 3, 14)
ZONE = ZoneInfo("Europe/Berlin")
RANGES = [
    months_back(TODAY, 3),
    months_back(TODAY, 12),
    DateRange(None, TODAY),
    DateRange(date(2025, 2, 1), date(2025, 8, 31)),
    DateRange(TODAY - timedelta(days=10), None),
    DateRange(date(2030, 1, 1), None),  # nothing in it
]


@pytest.fixture(scope="module")
def templates() -> dict[str, Template]:
    found = load_templates([(REPO / "resources" / "assessments", True)]).templates
    return {t.id: t for t in found}


@pytest.fixture(scope="module")
def demo(templates: dict[str, Template]) -> DemoHistory:
    return generate_demo(4, TODAY, ZONE, templates=tuple(templates.values()), years=3)


@pytest.mark.parametrize("template_id", ["check-in", "life-areas", "grounding"])
@pytest.mark.parametrize("date_range", RANGES, ids=str)
def test_clipping_the_history_equals_working_out_the_period(
    templates: dict[str, Template], demo: DemoHistory, template_id: str, date_range: DateRange
) -> None:
    template = templates[template_id]
    if template.kind == "check-in":
        responses = checkin_responses(template, demo.checkins)
    else:
        results = [(str(i), r) for i, r in enumerate(demo.assessments)]
        responses = assessment_responses(results, template_id)
    assert responses
    history = over_time(template, responses, ZONE, ALL_TIME, demo.slips, demo.wins)
    expected = over_time(template, responses, ZONE, date_range, demo.slips, demo.wins)
    assert clip_over_time(history, date_range) == expected


@pytest.mark.parametrize("template_id", ["check-in", "life-areas", "grounding"])
def test_all_time_is_worked_out_as_a_range_around_everything_is(
    templates: dict[str, Template], demo: DemoHistory, template_id: str
) -> None:
    # All time skips cutting the series and the responses; a range that holds every
    # response cuts nothing, so both ways give the same data.
    template = templates[template_id]
    if template.kind == "check-in":
        responses = checkin_responses(template, demo.checkins)
    else:
        results = [(str(i), r) for i, r in enumerate(demo.assessments)]
        responses = assessment_responses(results, template_id)
    around = DateRange(date(2000, 1, 1), date(2100, 1, 1))
    everything = over_time(template, responses, ZONE, ALL_TIME, demo.slips, demo.wins)
    assert everything == over_time(template, responses, ZONE, around, demo.slips, demo.wins)
    assert any(s.points for s in everything.scales) or any(a.current for a in everything.areas)


def test_series_given_the_days_are_those_worked_out_from_the_times(
    templates: dict[str, Template], demo: DemoHistory
) -> None:
    from desktop_app.domain.progress_time import (
        area_series,
        local_days,
        question_series,
        scale_series,
    )

    template = templates["check-in"]
    responses = checkin_responses(template, demo.checkins)
    days = local_days(responses, ZONE)
    assert days[0] == responses[0].when.astimezone(ZONE).date()
    assert scale_series(template, responses, ZONE, daily=True, days=days) == scale_series(
        template, responses, ZONE, daily=True)
    assert question_series(template, responses, ZONE, days) == question_series(
        template, responses, ZONE)
    areas = templates["life-areas"]
    results = assessment_responses([(str(i), r) for i, r in enumerate(demo.assessments)],
                                   "life-areas")
    assert area_series(areas, results, ZONE, local_days(results, ZONE)) == area_series(
        areas, results, ZONE)
