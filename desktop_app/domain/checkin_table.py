"""The columns of the check-in table, taken from the check-in templates themselves.

A therapist's own check-in template brings its own questions and scales; each check-in is
read with the template it was answered with (by ``template_id``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from desktop_app.domain.journal import CheckIn
from desktop_app.domain.scoring import score_scale
from desktop_app.domain.templates import Question, Template
from desktop_app.i18n import _, pgettext
from desktop_app.locale_format import format_number

ColumnKind = Literal["scale", "question", "practices"]
NUMBERED = ("scale", "choice", "yes_no")


@dataclass(frozen=True)
class Column:
    """One column: a template's scale, one of its questions, or the practices done."""

    kind: ColumnKind
    key: str  # the scale or question id ("" for practices)
    title: str
    help: str = ""


def _span(low: float, high: float) -> str:
    return f"({format_number(low)}–{format_number(high)})"


def _question_title(question: Question) -> str:
    title = question.short_name
    value_range = question.value_range()
    if question.type in ("scale", "choice") and value_range is not None:
        return f"{title} {_span(*value_range)}"
    return title


def checkin_columns(templates: Sequence[Template]) -> list[Column]:
    """Scales first, then numbered questions no scale sums up, the practices, then text.

    Columns of the same id in several templates are shown once, titled by the first.
    """
    scales: dict[str, Column] = {}
    numbered: dict[str, Column] = {}
    texts: dict[str, Column] = {}
    for template in templates:
        in_scales = {item.partition(".")[0] for s in template.scales for item in s.items}
        for scale in template.scales:
            try:
                title = f"{scale.title} {_span(*template.scale_range(scale))}"
            except ValueError:
                title = scale.title
            scales.setdefault(scale.id, Column("scale", scale.id, title, scale.description or ""))
        for question in template.questions:
            target = texts if question.type == "text" else numbered
            if question.type in NUMBERED and question.id in in_scales:
                continue
            if question.type not in (*NUMBERED, "text"):
                continue
            target.setdefault(
                question.id,
                Column("question", question.id, _question_title(question), question.prompt),
            )
    practices = Column("practices", "", _("Practices done"))
    return [*scales.values(), *numbered.values(), practices, *texts.values()]


def cell_text(column: Column, checkin: CheckIn, template: Template | None) -> str:
    """What a check-in shows in ``column`` (its own template scores it; "" when unanswered)."""
    if column.kind == "practices":
        return str(len(checkin.practices_done)) if checkin.practices_done else ""
    if column.kind == "scale":
        scale = template.scale(column.key) if template else None
        if template is None or scale is None:
            return ""
        score = score_scale(scale, template, _numbers(checkin.answers))
        if score is None:
            return ""
        return format_number(score.value, 1 if scale.method == "mean" else None)
    value = checkin.answers.get(column.key)
    question = template.question(column.key) if template else None
    return answer_text(question, value)


def answer_text(question: Question | None, value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return pgettext("answer", "yes") if value else pgettext("answer", "no")
    if question is not None and question.type == "choice":
        label = next((o.label for o in question.options if o.value == value), None)
        if label is not None:
            return label
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, str):
        return value.strip()
    return str(value)


def _numbers(answers: Mapping[str, object]) -> dict[str, int | float | bool]:
    return {k: v for k, v in answers.items() if isinstance(v, int | float)}
