"""Scoring: scale scores and bands, life-area gaps, focus suggestions, alerts, change.

Pure functions over a checked `Template` and an answers mapping (question id -> answer, None
for unanswered). Answers of the wrong type for their question (say, from an older version of
a template) count as unanswered rather than raising: history must always stay viewable.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app.domain.answers import Answer, GapAnswer
from desktop_app.domain.templates import Alert, Band, Question, Scale, Template, combine, split_item

Answers = Mapping[str, Answer | None]


@dataclass(frozen=True)
class ScaleScore:
    """A scale's score and the label of its band (None when the scale has no bands)."""

    value: float
    band: str | None


@dataclass(frozen=True)
class AreaGap:
    """One gap question's answer: how far the present is from the ideal in one area."""

    area: str
    question_id: str
    current: int
    ideal: int
    gap: int


def answer_value(question: Question, part: str, answer: Answer | None) -> float | None:
    """The number an answer scores as (yes = 1, no = 0), or None if there is none."""
    if answer is None:
        return None
    if question.type == "gap":
        if not isinstance(answer, GapAnswer):
            return None
        parts = {"current": answer.current, "ideal": answer.ideal, "gap": answer.gap}
        return parts.get(part)
    if question.type == "yes_no":
        return float(answer) if isinstance(answer, bool) else None
    # bool is an int subclass, but a yes/no stored under a scale question is not a score.
    if question.type not in ("scale", "choice") or isinstance(answer, bool):
        return None
    return float(answer) if isinstance(answer, int | float) else None


def item_value(template: Template, item: str, answers: Answers) -> float | None:
    """The number a scale or alert item (`id` or `id.part`) currently has, or None."""
    question_id, part = split_item(item)
    question = template.question(question_id)
    if question is None:
        return None
    return answer_value(question, part, answers.get(question_id))


def reverse_value(low: float, high: float, value: float) -> float:
    """Reverse-score a value on the range low..high: low becomes high and high becomes low."""
    return low + high - value


def band_for(scale: Scale, value: float) -> Band | None:
    """The first band whose max is at least `value`; None if the scale has no such band."""
    return next((band for band in scale.bands if value <= band.max), None)


def score_scale(scale: Scale, template: Template, answers: Answers) -> ScaleScore | None:
    """Score one scale; None when any of its items is unanswered."""
    total = 0.0
    for item in scale.items:
        value = item_value(template, item, answers)
        if value is None:
            return None
        if item in scale.reverse:
            item_range = template.item_range(item)
            if item_range is None:
                return None
            value = reverse_value(item_range[0], item_range[1], value)
        total += value
    score = combine(scale, total)
    band = band_for(scale, score)
    return ScaleScore(value=score, band=band.label if band else None)


def score_all(template: Template, answers: Answers) -> dict[str, ScaleScore]:
    """Every scale that can be scored, by scale id (incomplete scales are left out)."""
    scores: dict[str, ScaleScore] = {}
    for scale in template.scales:
        score = score_scale(scale, template, answers)
        if score is not None:
            scores[scale.id] = score
    return scores


def area_gaps(template: Template, answers: Answers) -> list[AreaGap]:
    """The answered gap questions, in template order."""
    gaps: list[AreaGap] = []
    for question in template.questions:
        answer = answers.get(question.id)
        if question.type == "gap" and isinstance(answer, GapAnswer):
            area = question.area or question.id
            gaps.append(AreaGap(area, question.id, answer.current, answer.ideal, answer.gap))
    return gaps


def suggest_focus(gaps: Sequence[AreaGap], n: int = 3) -> list[AreaGap]:
    """Up to `n` areas to work on: the largest positive gaps first.

    Ties go to the area that is lower now, then to the earlier one in `gaps` (template order).
    """
    ranked = sorted(
        (gap for gap in gaps if gap.gap > 0),
        key=lambda gap: (-gap.gap, gap.current),  # sorted() is stable: keeps template order
    )
    return ranked[: max(n, 0)]


def triggered_alerts(template: Template, answers: Answers) -> list[Alert]:
    """The alerts whose item was answered at or above their threshold, in template order."""
    triggered: list[Alert] = []
    for alert in template.alerts:
        value = item_value(template, alert.item, answers)
        if value is not None and value >= alert.at_least:
            triggered.append(alert)
    return triggered


def meaningful_change(scale: Scale, earlier: float, later: float) -> bool:
    """Whether two scores differ by at least the scale's meaningful_change (False if unset)."""
    if scale.meaningful_change is None:
        return False
    # Rounded so that, say, 3.3 - 0.3 counts as a change of exactly 3.
    return round(abs(later - earlier), 9) >= scale.meaningful_change
