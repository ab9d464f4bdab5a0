"""What a checked template is: the immutable dataclasses a wizard is built from.

Reading and checking a template file (templates.py, template_validation.py) builds these;
everything else only reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

QuestionType = Literal["gap", "scale", "choice", "multi", "text", "yes_no"]
Kind = Literal["assessment", "check-in"]
Method = Literal["sum", "mean"]
FieldPath = tuple[str | int, ...]  # a place in the TOML data, e.g. ("pages", 1, "title")

FORMAT = 1
QUESTION_TYPES: tuple[str, ...] = get_args(QuestionType)
KINDS: tuple[str, ...] = get_args(Kind)
METHODS: tuple[str, ...] = get_args(Method)
GAP_PARTS = ("current", "ideal", "gap")
# A gap question without min/max is a 0-10 rating; a scale question must say its range.
GAP_DEFAULT_MIN = 0
GAP_DEFAULT_MAX = 10


@dataclass(frozen=True)
class Option:
    """One answer of a choice or multi question; `value` is what is stored and scored."""

    value: int
    label: str
    exclusive: bool = False  # multi only: choosing it clears the others, and the reverse


@dataclass(frozen=True)
class Question:
    """One question. `min`/`max` are set for scale and gap questions only."""

    id: str
    type: QuestionType
    prompt: str
    help: str | None = None
    area: str | None = None  # always set for gap questions (defaults to the id)
    min: int | None = None
    max: int | None = None
    # Left out of the hash so questions (and templates) stay usable as dict keys.
    anchors: dict[int, str] = field(default_factory=dict, hash=False)
    required: bool = True
    options: tuple[Option, ...] = ()
    past_prompt: str | None = None  # the prompt when editing an earlier day ("that day")
    past_help: str | None = None
    # A short name for tables and charts ("Distress"); without it the id stands in.
    label: str | None = None

    @property
    def short_name(self) -> str:
        """What a table column or a chart calls this question."""
        return self.label or self.id.replace("_", " ").strip().capitalize()

    def prompt_for(self, past: bool) -> str:
        return self.past_prompt if past and self.past_prompt else self.prompt

    def help_for(self, past: bool) -> str | None:
        return self.past_help if past and self.past_help else self.help

    def value_range(self, part: str = "") -> tuple[int, int] | None:
        """The lowest and highest number an answer can score, or None if it has no number.

        For a gap question `part` is "current", "ideal" or "gap"; other questions take no part.
        """
        if self.type == "gap":
            if self.min is None or self.max is None:
                return None
            if part in ("current", "ideal"):
                return (self.min, self.max)
            if part == "gap":
                return (self.min - self.max, self.max - self.min)
            return None
        if part:
            return None
        if self.type == "scale" and self.min is not None and self.max is not None:
            return (self.min, self.max)
        if self.type == "choice" and self.options:
            values = [option.value for option in self.options]
            return (min(values), max(values))
        if self.type == "yes_no":
            return (0, 1)
        return None


@dataclass(frozen=True)
class Page:
    """One wizard page."""

    title: str
    intro: str | None
    questions: tuple[Question, ...]
    past_intro: str | None = None  # the intro when editing an earlier day

    def intro_for(self, past: bool) -> str | None:
        return self.past_intro if past and self.past_intro else self.intro


@dataclass(frozen=True)
class Band:
    """A named range of scores: a score belongs to the first band whose max >= score."""

    max: float
    label: str
    meaning: str | None = None


@dataclass(frozen=True)
class Scale:
    """A score computed from several items (question ids, or `id.part` for gap questions)."""

    id: str
    title: str
    method: Method
    items: tuple[str, ...]
    reverse: tuple[str, ...] = ()
    multiply: float = 1.0
    meaningful_change: float | None = None
    bands: tuple[Band, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class Alert:
    """A calm message shown when an item's answer is at least `at_least`."""

    item: str
    at_least: float
    message: str


def split_item(item: str) -> tuple[str, str]:
    """Split a scale or alert item into question id and gap part ("" when there is none)."""
    question_id, _, part = item.partition(".")
    return question_id, part


@dataclass(frozen=True)
class Template:
    """A checked template; `source` is the file it came from, `builtin` if shipped."""

    format: int
    id: str
    version: int
    title: str
    kind: Kind
    description: str | None
    pages: tuple[Page, ...]
    scales: tuple[Scale, ...] = ()
    alerts: tuple[Alert, ...] = ()
    source: Path | None = None
    builtin: bool = False
    # A result of it may be shared with a partner (a share file; see docs/templates.md).
    shareable: bool = False
    # The language of the sibling translation whose texts are shown ("de"), None for the
    # file's own texts. Ids, numbers and scoring always come from the original file.
    translation: str | None = None
    # With a translation: the same template with the file's own texts (see `untranslated`).
    original: Template | None = field(default=None, compare=False, hash=False, repr=False)

    @property
    def untranslated(self) -> Template:
        """This template with its file's own texts: what results store (band labels, title,
        alert messages), so a result reads the same whatever language it was saved in."""
        return self.original or self

    def shown_band(self, scale_id: str, stored: str | None) -> Band | None:
        """The band to show for a band label stored with a result, in this template's texts."""
        scale = self.scale(scale_id)
        if scale is None or stored is None:
            return None
        plain = self.untranslated.scale(scale_id)
        labels = [band.label for band in plain.bands] if plain else []
        if stored in labels and len(labels) == len(scale.bands):
            return scale.bands[labels.index(stored)]
        return next((band for band in scale.bands if band.label == stored), None)

    def shown_alert(self, stored: str) -> str:
        """An alert message stored with a result, in this template's texts when it still has it."""
        messages = [alert.message for alert in self.untranslated.alerts]
        if stored in messages and len(messages) == len(self.alerts):
            return self.alerts[messages.index(stored)].message
        return stored

    @property
    def questions(self) -> tuple[Question, ...]:
        """All questions, in page order."""
        return tuple(question for page in self.pages for question in page.questions)

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or None (an old response may name a removed one)."""
        return next((q for q in self.questions if q.id == question_id), None)

    def scale(self, scale_id: str) -> Scale | None:
        """The scale with this id, or None."""
        return next((s for s in self.scales if s.id == scale_id), None)

    @property
    def areas(self) -> tuple[str, ...]:
        """The distinct areas of the gap questions, in template order."""
        found = (q.area for q in self.questions if q.type == "gap" and q.area)
        return tuple(dict.fromkeys(found))

    def item_range(self, item: str) -> tuple[int, int] | None:
        """The number range of a scale or alert item, or None if it cannot be scored."""
        question_id, part = split_item(item)
        question = self.question(question_id)
        return None if question is None else question.value_range(part)

    def scale_range(self, scale: Scale) -> tuple[float, float]:
        """The lowest and highest score `scale` can give (reversing does not change them)."""
        low = high = 0
        for item in scale.items:
            item_range = self.item_range(item)
            if item_range is None:
                raise ValueError(f"scale {scale.id!r}: item {item!r} has no number to score")
            low += item_range[0]
            high += item_range[1]
        return combine(scale, low), combine(scale, high)


def combine(scale: Scale, total: float) -> float:
    """Turn the sum of item values into the scale's score (mean, then multiply)."""
    if scale.method == "mean":
        # Multiply before dividing so whole-number results stay exact (7/3*3 != 7.0).
        value = total * scale.multiply / len(scale.items)
    else:
        value = total * scale.multiply
    # Rounding hides float noise that would otherwise push a score past a band boundary.
    return round(float(value), 9)


def area_titles(templates: Iterable[Template]) -> dict[str, str]:
    """A readable name per gap area: the title of its page when the page asks about that
    area alone, else the area's own name with a capital. The first template to name an
    area gives its title."""
    titles: dict[str, str] = {}
    for template in templates:
        for page in template.pages:
            gaps = [q for q in page.questions if q.type == "gap"]
            for question in gaps:
                area = question.area or question.id
                alone = len(gaps) == 1 and page.title
                titles.setdefault(area, page.title if alone else area[:1].upper() + area[1:])
    return titles
