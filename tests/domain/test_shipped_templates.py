"""The templates shipped with Groundwork, and the example in docs/templates.md, all load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.domain.answers import Answer, GapAnswer
from desktop_app.domain.scoring import area_gaps, score_all, suggest_focus, triggered_alerts
from desktop_app.domain.templates import Template, load_template, load_templates, parse_template

SHIPPED_IDS = {"life-areas", "three-responsibilities", "grounding", "check-in", "us"}


@pytest.fixture(scope="module")
def shipped(repo: Path) -> dict[str, Template]:
    result = load_templates([(repo / "resources" / "assessments", True)])
    assert result.broken == ()
    return {template.id: template for template in result.templates}


def test_every_shipped_file_loads(repo: Path) -> None:
    everything = sorted((repo / "resources" / "assessments").glob("*.toml"))
    files = [path for path in everything if "." not in path.stem]  # not life-areas.de.toml
    assert {path.stem for path in files} == SHIPPED_IDS
    for path in files:
        template = load_template(path, builtin=True)
        assert template.id == path.stem  # file name and id agree, so either finds the other


def test_shipped_set(shipped: dict[str, Template]) -> None:
    assert set(shipped) == SHIPPED_IDS
    assert all(template.builtin for template in shipped.values())


def test_life_areas(shipped: dict[str, Template]) -> None:
    template = shipped["life-areas"]
    assert template.title == "Where I am, where I want to be"
    gaps = [q for q in template.questions if q.type == "gap"]
    assert len(template.areas) >= 8
    assert len(gaps) == len(template.areas)
    for question in gaps:
        assert (question.min, question.max) == (0, 10)
        assert question.anchors and question.area
    texts = [q for q in template.questions if q.type == "text"]
    assert any(q.prompt == "What would ideal look like, in your own words?" for q in texts)
    assert all(not q.required for q in texts)
    answers = {q.id: GapAnswer(current=i % 7, ideal=8) for i, q in enumerate(gaps)}
    assert len(area_gaps(template, answers)) == len(gaps)
    assert [gap.current for gap in suggest_focus(area_gaps(template, answers))] == [0, 0, 1]
    assert set(score_all(template, answers)) == {s.id for s in template.scales}


def test_us_is_shareable_and_gives_no_score(shipped: dict[str, Template]) -> None:
    template = shipped["us"]
    assert template.shareable
    assert not any(t.shareable for t in shipped.values() if t.id != "us")
    # A relationship gets no single score and no band: nothing here can be "won".
    assert template.scales == () and template.alerts == ()
    gaps = [q for q in template.questions if q.type == "gap"]
    assert len(gaps) == len(template.areas) == 8
    prompts = {q.id: q.prompt for q in template.questions if q.type == "text"}
    for question in gaps:
        assert (question.min, question.max) == (0, 10) and question.anchors
        assert prompts[f"{question.id}_ideal"] == (
            "What would our ideal look like, in your own words?")
    # Alone, it works like any gap assessment.
    answers = {q.id: GapAnswer(current=i, ideal=9) for i, q in enumerate(gaps)}
    assert [g.current for g in suggest_focus(area_gaps(template, answers))] == [0, 1, 2]


def test_three_responsibilities(shipped: dict[str, Template]) -> None:
    template = shipped["three-responsibilities"]
    for responsibility in ("thoughts", "words", "body"):
        scale = template.scale(responsibility)
        assert scale is not None and scale.method == "mean" and scale.bands
        assert all(band.meaning for band in scale.bands)
        assert {item.split("_")[1] for item in scale.items} == {"intentional", "curious", "aware"}


def test_grounding_has_reversed_items_bands_and_a_calm_alert(
    shipped: dict[str, Template],
) -> None:
    template = shipped["grounding"]
    scale = template.scale("steadiness")
    assert scale is not None and scale.reverse and scale.bands
    [alert] = template.alerts
    message = alert.message.lower()
    for words in ("emergency number", "crisis line", "someone you trust", "therapist"):
        assert words in message
    assert "not a crisis tool" in message
    assert triggered_alerts(template, {alert.item: 0}) == []
    assert triggered_alerts(template, {alert.item: 1}) == [alert]


def test_check_in_keeps_the_ids_the_journal_uses(shipped: dict[str, Template]) -> None:
    template = shipped["check-in"]
    assert template.kind == "check-in"
    types = {q.id: q.type for q in template.questions}
    assert types == {
        "practices": "yes_no",
        "thoughts": "scale",
        "words": "scale",
        "body": "scale",
        "distress": "scale",
        "note": "text",
    }
    for question_id in ("thoughts", "words", "body"):
        question = template.question(question_id)
        assert question is not None
        assert (question.min, question.max) == (1, 5) and question.anchors
    distress = template.question("distress")
    assert distress is not None and (distress.min, distress.max) == (0, 10)


def test_shipped_scales_score_at_both_ends(shipped: dict[str, Template]) -> None:
    for template in shipped.values():
        for pick in (min, max):
            answers: dict[str, Answer | None] = {}
            for q in template.questions:
                if q.type == "gap" and q.min is not None and q.max is not None:
                    answers[q.id] = GapAnswer(pick(q.min, q.max), pick(q.min, q.max))
                elif q.type == "scale" and q.min is not None and q.max is not None:
                    answers[q.id] = pick(q.min, q.max)
                elif q.type == "choice":
                    answers[q.id] = pick(o.value for o in q.options)
                elif q.type == "yes_no":
                    answers[q.id] = pick is max
            scores = score_all(template, answers)
            assert set(scores) == {s.id for s in template.scales}
            for scale in template.scales:
                assert not scale.bands or scores[scale.id].band is not None


def test_the_example_in_the_guide_loads(repo: Path) -> None:
    guide = (repo / "docs" / "templates.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```toml\n(.*?)^```", guide, flags=re.DOTALL | re.MULTILINE)
    assert len(blocks) == 1, "the guide has exactly one complete, tested example"
    template = parse_template(blocks[0], "templates.md")
    assert {q.type for q in template.questions} == {
        "gap",
        "scale",
        "choice",
        "multi",
        "text",
        "yes_no",
    }
    assert template.scales[0].reverse and template.scales[0].bands and template.alerts


def test_the_translation_example_in_the_guide_lines_up_with_its_example(
    repo: Path, tmp_path: Path
) -> None:
    guide = (repo / "docs" / "templates.md").read_text(encoding="utf-8")
    [example] = re.findall(r"^```toml\n(.*?)^```", guide, flags=re.DOTALL | re.MULTILINE)
    [german] = re.findall(
        r"^```text\n(# worry-and-rest\.de\.toml.*?)^```", guide, flags=re.DOTALL | re.MULTILINE
    )
    (tmp_path / "worry-and-rest.toml").write_text(example, encoding="utf-8")
    (tmp_path / "worry-and-rest.de.toml").write_text(german, encoding="utf-8")
    result = load_templates([(tmp_path, False)], "de")
    assert result.broken == ()
    [template] = result.templates
    assert template.translation == "de" and template.title == "Sorgen und Erholung"
