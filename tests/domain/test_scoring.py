"""Scoring against published scoring rules, with placeholder item text.

The questionnaires below only borrow the *arithmetic* of well-known instruments (number of
items, answer range, reversed items, multiplier, cut-offs). Item wording is a placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.answers import Answer, GapAnswer
from desktop_app.domain.scoring import (
    AreaGap,
    ScaleScore,
    area_gaps,
    band_for,
    item_value,
    meaningful_change,
    reverse_value,
    score_all,
    score_scale,
    suggest_focus,
    triggered_alerts,
)
from desktop_app.domain.templates import Page, Question, Scale, Template, TemplateError

Data = dict[str, Any]
Build = Callable[[Data], Template]


def _questionnaire(n: int, low: int, high: int, scale: Data, *, prefix: str = "item") -> Data:
    questions = [
        {
            "id": f"{prefix}_{i}",
            "type": "scale",
            "prompt": f"Placeholder item {i}",
            "min": low,
            "max": high,
        }
        for i in range(1, n + 1)
    ]
    scale = {"id": "total", "title": "Total", "items": [q["id"] for q in questions], **scale}
    return {
        "format": 1,
        "id": "placeholder",
        "version": 1,
        "title": "Placeholder",
        "pages": [{"title": "Items", "questions": questions}],
        "scales": [scale],
    }


def _answers_summing_to(total: int, n: int, low: int, high: int) -> dict[str, Answer | None]:
    """n answers within low..high that add up to total, filled from the first item."""
    values = []
    remaining = total - n * low
    for _ in range(n):
        step = min(high - low, remaining)
        values.append(low + step)
        remaining -= step
    assert remaining == 0
    return {f"item_{i}": value for i, value in enumerate(values, start=1)}


# ---------------------------------------------------------------------------- nine items 0-3


PHQ_LIKE_BANDS = [
    {"max": 4, "label": "minimal"},
    {"max": 9, "label": "mild"},
    {"max": 14, "label": "moderate"},
    {"max": 19, "label": "moderately severe"},
    {"max": 27, "label": "severe"},
]


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_nine_item_sum_with_five_bands(build: Build, total: int, band: str) -> None:
    template = build(_questionnaire(9, 0, 3, {"method": "sum", "bands": PHQ_LIKE_BANDS}))
    scale = template.scales[0]
    assert template.scale_range(scale) == (0, 27)
    score = score_scale(scale, template, _answers_summing_to(total, 9, 0, 3))
    assert score == ScaleScore(value=float(total), band=band)


def test_unanswered_item_gives_no_score(build: Build) -> None:
    template = build(_questionnaire(9, 0, 3, {"method": "sum", "bands": PHQ_LIKE_BANDS}))
    answers = _answers_summing_to(12, 9, 0, 3)
    answers["item_9"] = None
    assert score_scale(template.scales[0], template, answers) is None
    del answers["item_9"]
    assert score_scale(template.scales[0], template, answers) is None
    assert score_all(template, answers) == {}


# ---------------------------------------------------------------------------- five items 0-5, x4


WHO_LIKE_BANDS = [
    {"max": 28, "label": "very low"},
    {"max": 50, "label": "low"},
    {"max": 100, "label": "not low"},
]


@pytest.mark.parametrize(
    ("raw", "value", "band"),
    [
        (0, 0, "very low"),
        (7, 28, "very low"),
        (8, 32, "low"),
        (12, 48, "low"),
        (13, 52, "not low"),
        (25, 100, "not low"),
    ],
)
def test_five_items_times_four(build: Build, raw: int, value: int, band: str) -> None:
    data = _questionnaire(5, 0, 5, {"method": "sum", "multiply": 4, "bands": WHO_LIKE_BANDS})
    template = build(data)
    scale = template.scales[0]
    assert template.scale_range(scale) == (0, 100)
    score = score_scale(scale, template, _answers_summing_to(raw, 5, 0, 5))
    assert score == ScaleScore(float(value), band)


def test_bands_must_reach_the_multiplied_maximum(build: Build) -> None:
    bands = [{"max": 28, "label": "a"}, {"max": 25 * 4 - 1, "label": "b"}]
    with pytest.raises(TemplateError, match="can reach 100"):
        build(_questionnaire(5, 0, 5, {"method": "sum", "multiply": 4, "bands": bands}))


# ---------------------------------------------------------------------------- reversed items


ROSENBERG_LIKE_REVERSED = ["item_2", "item_5", "item_6", "item_8", "item_9"]


def _rosenberg_like(build: Build) -> Template:
    scale = {"method": "sum", "reverse": ROSENBERG_LIKE_REVERSED}
    return build(_questionnaire(10, 1, 4, scale))


def test_reverse_scored_items(build: Build) -> None:
    template = _rosenberg_like(build)
    scale = template.scales[0]
    assert template.scale_range(scale) == (10, 40)
    agree_with_all = {f"item_{i}": 4 for i in range(1, 11)}
    # five items count 4, the five reversed ones count 1 + 4 - 4 = 1
    assert score_scale(scale, template, agree_with_all) == ScaleScore(25.0, None)
    highest = {
        f"item_{i}": 1 if f"item_{i}" in ROSENBERG_LIKE_REVERSED else 4 for i in range(1, 11)
    }
    assert score_scale(scale, template, highest) == ScaleScore(40.0, None)
    lowest = {key: 5 - value for key, value in highest.items()}
    assert score_scale(scale, template, lowest) == ScaleScore(10.0, None)


def test_reversed_choice_uses_its_option_values(build: Build) -> None:
    data = _questionnaire(
        1, 0, 3, {"method": "sum", "items": ["item_1", "pick"], "reverse": ["pick"]}
    )
    data["pages"][0]["questions"].append(
        {
            "id": "pick",
            "type": "choice",
            "prompt": "Placeholder choice",
            "options": [
                {"value": 2, "label": "a"},
                {"value": 5, "label": "b"},
                {"value": 3, "label": "c"},
            ],
        }
    )
    template = build(data)
    scale = template.scales[0]
    # options span 2..5, so 5 reverses to 2 and 3 to 4
    assert score_scale(scale, template, {"item_1": 0, "pick": 5}) == ScaleScore(2.0, None)
    assert score_scale(scale, template, {"item_1": 1, "pick": 3}) == ScaleScore(5.0, None)


# ---------------------------------------------------------------------------- mean, gaps, yes/no


def test_mean_method_with_bands(build: Build) -> None:
    bands = [{"max": 2, "label": "low"}, {"max": 3.5, "label": "mid"}, {"max": 5, "label": "high"}]
    template = build(_questionnaire(3, 1, 5, {"method": "mean", "bands": bands}))
    scale = template.scales[0]
    assert template.scale_range(scale) == (1, 5)
    score = score_scale(scale, template, {"item_1": 1, "item_2": 2, "item_3": 2})
    assert score is not None and score.value == pytest.approx(5 / 3) and score.band == "low"
    score = score_scale(scale, template, {"item_1": 2, "item_2": 2, "item_3": 3})
    assert score is not None and score.value == pytest.approx(7 / 3) and score.band == "mid"
    exact = score_scale(scale, template, {"item_1": 3, "item_2": 4, "item_3": 3})
    assert exact == ScaleScore(round(10 / 3, 9), "mid")


def test_mean_times_multiplier_stays_exact(build: Build) -> None:
    # 7 / 3 * 3 is 7.000000000000001 in floating point; the band boundary must still hold.
    bands = [{"max": 7, "label": "up to seven"}, {"max": 15, "label": "more"}]
    template = build(_questionnaire(3, 0, 5, {"method": "mean", "multiply": 3, "bands": bands}))
    score = score_scale(template.scales[0], template, {"item_1": 2, "item_2": 2, "item_3": 3})
    assert score == ScaleScore(7.0, "up to seven")


def test_gap_parts_and_yes_no_in_scales(build: Build, sample: Any) -> None:
    data = sample()
    data["scales"].append({"id": "yes", "title": "Yes", "method": "sum", "items": ["ok", "q1"]})
    template = build(data)
    answers: dict[str, Answer | None] = {
        "work": GapAnswer(current=3, ideal=9),
        "rest": GapAnswer(current=4, ideal=5),
        "ok": True,
        "q1": 2,
    }
    gaps = template.scale("gaps")
    assert gaps is not None
    # mean of work.gap (6) and rest.current (4), times 2
    assert score_scale(gaps, template, answers) == ScaleScore(10.0, None)
    yes = template.scale("yes")
    assert yes is not None
    assert score_scale(yes, template, answers) == ScaleScore(3.0, None)
    assert score_scale(yes, template, {**answers, "ok": False}) == ScaleScore(2.0, None)
    assert item_value(template, "work.ideal", answers) == 9
    assert item_value(template, "missing", answers) is None


def test_answers_of_the_wrong_type_count_as_unanswered(build: Build, sample: Any) -> None:
    template = build(sample())
    total = template.scale("total")
    assert total is not None
    good: dict[str, Answer | None] = {"q1": 1, "q2": 1, "q3": 2}
    assert score_scale(total, template, good) == ScaleScore(5.0, "mid")
    for wrong in (True, "2", [2], GapAnswer(1, 2)):
        assert score_scale(total, template, {**good, "q1": wrong}) is None
    assert item_value(template, "ok", {"ok": 1}) is None  # yes/no wants a bool
    assert item_value(template, "work.gap", {"work": 3}) is None


def test_score_all_scores_every_complete_scale(build: Build, sample: Any) -> None:
    template = build(sample())
    answers: dict[str, Answer | None] = {"q1": 3, "q2": 0, "q3": 2}
    assert score_all(template, answers) == {"total": ScaleScore(8.0, "high")}
    answers |= {"work": GapAnswer(5, 5), "rest": GapAnswer(2, 2)}
    assert score_all(template, answers) == {
        "total": ScaleScore(8.0, "high"),
        "gaps": ScaleScore(2.0, None),
    }


def test_band_for(build: Build, sample: Any) -> None:
    template = build(sample())
    total = template.scale("total")
    assert total is not None
    assert band_for(total, 2) == total.bands[0]
    assert band_for(total, 2.5) == total.bands[1]  # between bands: the next one up
    assert band_for(total, 8) == total.bands[2]
    assert band_for(total, 9) is None
    no_bands = template.scale("gaps")
    assert no_bands is not None and band_for(no_bands, 0) is None


# ---------------------------------------------------------------------------- gaps and focus


def _gap_template(areas: list[str]) -> Template:
    questions = tuple(
        Question(id=f"q{i}", type="gap", prompt="Placeholder", area=area, min=0, max=10)
        for i, area in enumerate(areas)
    )
    text = Question(id="note", type="text", prompt="Placeholder", required=False)
    return Template(
        1, "gaps", 1, "Gaps", "assessment", None, (Page("P", None, (*questions, text)),)
    )


def test_area_gaps_in_template_order() -> None:
    template = _gap_template(["work", "love", "play"])
    answers: dict[str, Answer | None] = {
        "q0": GapAnswer(4, 8),
        "q2": GapAnswer(7, 5),
        "note": "words",
    }
    assert area_gaps(template, answers) == [
        AreaGap("work", "q0", 4, 8, 4),
        AreaGap("play", "q2", 7, 5, -2),
    ]


def test_suggest_focus_orders_by_gap_then_current_then_template_order() -> None:
    gaps = [
        AreaGap("a", "a", 5, 8, 3),
        AreaGap("b", "b", 2, 5, 3),  # same gap, lower now: first
        AreaGap("c", "c", 0, 6, 6),
        AreaGap("d", "d", 5, 8, 3),  # same as a: template order keeps a first
        AreaGap("e", "e", 9, 9, 0),
        AreaGap("f", "f", 9, 3, -6),
    ]
    assert [g.area for g in suggest_focus(gaps)] == ["c", "b", "a"]
    assert [g.area for g in suggest_focus(gaps, n=10)] == ["c", "b", "a", "d"]
    assert suggest_focus(gaps, n=0) == []
    assert suggest_focus([AreaGap("e", "e", 9, 9, 0)]) == []


# ---------------------------------------------------------------------------- alerts and change


def test_triggered_alerts(build: Build, sample: Any) -> None:
    data = sample()
    data["alerts"].append({"item": "ok", "at_least": 1, "message": "Yes was answered."})
    template = build(data)
    assert triggered_alerts(template, {}) == []
    assert triggered_alerts(template, {"q3": 0, "ok": False}) == []
    assert [a.message for a in triggered_alerts(template, {"q3": 2, "ok": True})] == [
        "Take care.",
        "Yes was answered.",
    ]


def test_meaningful_change() -> None:
    scale = Scale("s", "S", "sum", ("a",), meaningful_change=3)
    assert meaningful_change(scale, 10, 13)
    assert meaningful_change(scale, 13, 10)
    assert not meaningful_change(scale, 10, 12.5)
    assert meaningful_change(scale, 0.3, 3.3)  # 3.0000000000000004 or 2.9999999999999996
    assert not meaningful_change(Scale("s", "S", "sum", ("a",)), 0, 100)


# ---------------------------------------------------------------------------- properties


@given(st.integers(-50, 50), st.integers(1, 50), st.data())
def test_reverse_of_reverse_is_the_answer(low: int, width: int, data: st.DataObject) -> None:
    high = low + width
    value = data.draw(st.integers(low, high))
    reversed_value = reverse_value(low, high, value)
    assert low <= reversed_value <= high
    assert reverse_value(low, high, reversed_value) == value


@st.composite
def _scored(draw: st.DrawFn) -> tuple[Template, Scale, dict[str, Answer | None]]:
    """A random scale over random scale items, with a random full set of valid answers."""
    n = draw(st.integers(1, 8))
    questions = []
    answers: dict[str, Answer | None] = {}
    for i in range(n):
        low = draw(st.integers(-5, 5))
        high = low + draw(st.integers(1, 10))
        questions.append(Question(f"q{i}", "scale", "Placeholder", min=low, max=high))
        answers[f"q{i}"] = draw(st.integers(low, high))
    items = tuple(q.id for q in questions)
    reverse = tuple(draw(st.lists(st.sampled_from(items), unique=True)))
    scale = Scale(
        "s",
        "S",
        draw(st.sampled_from(["sum", "mean"])),
        items,
        reverse=reverse,
        multiply=draw(st.sampled_from([1.0, 0.5, 2.0, 4.0, 2.5])),
    )
    page = Page("P", None, tuple(questions))
    template = Template(1, "t", 1, "T", "assessment", None, (page,), scales=(scale,))
    return template, scale, answers


@given(_scored())
def test_score_stays_within_its_possible_range(
    case: tuple[Template, Scale, dict[str, Answer | None]],
) -> None:
    template, scale, answers = case
    score = score_scale(scale, template, answers)
    low, high = template.scale_range(scale)
    assert score is not None
    assert low <= score.value <= high


@given(_scored())
def test_reversing_every_item_mirrors_the_score(
    case: tuple[Template, Scale, dict[str, Answer | None]],
) -> None:
    template, scale, answers = case
    plain = Scale(scale.id, scale.title, scale.method, scale.items, multiply=scale.multiply)
    mirrored = Scale(
        scale.id,
        scale.title,
        scale.method,
        scale.items,
        reverse=scale.items,
        multiply=scale.multiply,
    )
    low, high = template.scale_range(plain)
    forward = score_scale(plain, template, answers)
    backward = score_scale(mirrored, template, answers)
    assert forward is not None and backward is not None
    assert backward.value == pytest.approx(low + high - forward.value, abs=1e-6)


@given(st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10)), max_size=12), st.integers(0, 5))
def test_focus_is_the_largest_positive_gaps(pairs: list[tuple[int, int]], n: int) -> None:
    gaps = [AreaGap(f"a{i}", f"q{i}", c, ideal, ideal - c) for i, (c, ideal) in enumerate(pairs)]
    focus = suggest_focus(gaps, n)
    positive = [g for g in gaps if g.gap > 0]
    assert len(focus) == min(n, len(positive))
    assert all(g.gap > 0 for g in focus)
    rest = [g for g in positive if g not in focus]
    assert all(f.gap >= r.gap for f in focus for r in rest)
