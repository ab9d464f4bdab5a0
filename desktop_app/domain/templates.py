"""Assessment templates: the immutable dataclasses a wizard is built from, and their loader.

A template is a TOML file (the format is described in docs/templates.md). Loading gives either
a fully checked `Template` or a `TemplateError` whose str() is one sentence a person can act on.
The rules themselves live in template_validation.py.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
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


def _one_line(text: str) -> str:
    """Escape line breaks and other control characters, as Python would show them."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if not char.isprintable() else char
        for char in text
    )


class TemplateError(Exception):
    """A template that cannot be used; str() is one sentence naming file, line and field."""

    def __init__(
        self,
        file: str,
        message: str,
        line: int | None = None,
        field: str | None = None,
        *,
        path: Path | None = None,
    ) -> None:
        # A key or value quoted in the message may hold a newline; keep the message one line.
        message, field = _one_line(message), None if field is None else _one_line(field)
        super().__init__(file, message, line, field)
        self.file = file
        self.message = message
        self.line = line
        self.field = field
        self.path = path

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        parts = [where, self.field, self.message] if self.field else [where, self.message]
        return ": ".join(parts)


def describe_toml_error(error: tomllib.TOMLDecodeError, text: str) -> tuple[str, int | None]:
    """Split tomllib's message into a sentence and a line number."""
    message = str(error)
    line: int | None = None
    position = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
    if position:
        line = int(position.group(1))
        message = message[: position.start()]
    elif message.endswith("(at end of document)"):
        line = max(1, len(text.splitlines()))
        message = message.removesuffix("(at end of document)").rstrip()
    return f"invalid TOML ({message})", line


_HEADER = re.compile(r"""\s*(\[\[?)\s*([\w\-."' ]+?)\s*\]\]?\s*(#.*)?""")


def _sections(lines: list[str]) -> tuple[list[tuple[int, FieldPath]], list[bool]]:
    """Where each [table] / [[array]] header starts and which data path it opens.

    Also returns, per line, whether it is inside a multi-line string (never a header or key).
    """
    sections: list[tuple[int, FieldPath]] = [(1, ())]
    in_string: list[bool] = []
    counts: dict[FieldPath, int] = {}
    latest: dict[tuple[str, ...], int] = {}  # array name -> index of its newest entry
    quote: str | None = None
    for number, line in enumerate(lines, start=1):
        in_string.append(quote is not None)
        if quote is not None:
            if line.count(quote) % 2:
                quote = None
            continue
        quote = next((q for q in ('"""', "'''") if line.count(q) % 2), None)
        match = _HEADER.fullmatch(line)
        if quote is not None or not match:
            continue
        names = tuple(part.strip().strip("\"'") for part in match.group(2).split("."))
        path: list[str | int] = []
        for i, name in enumerate(names[:-1]):
            path.append(name)
            if names[: i + 1] in latest:
                path.append(latest[names[: i + 1]])
        path.append(names[-1])
        if match.group(1) == "[[":
            index = counts.get(tuple(path), 0)
            counts[tuple(path)] = index + 1
            latest[names] = index
            path.append(index)
        sections.append((number, tuple(path)))
    return sections, in_string


def locate_line(text: str, path: FieldPath) -> int | None:
    """Best-effort line of the key a path names, or of its table; None if not found."""
    if not path:
        return None
    lines = text.splitlines()
    sections, in_string = _sections(lines)
    # The deepest section whose path leads towards the field.
    index, (start, section) = max(
        ((i, s) for i, s in enumerate(sections) if path[: len(s[1])] == s[1]),
        key=lambda pair: len(pair[1][1]),
    )
    rest = path[len(section) :]
    if not rest or not isinstance(rest[0], str):
        return start
    end = sections[index + 1][0] if index + 1 < len(sections) else len(lines) + 1
    key = re.escape(rest[0])
    pattern = re.compile(rf"""\s*(?:{key}|"{key}"|'{key}')\s*[=.]""")
    for number in range(start, end):
        if not in_string[number - 1] and pattern.match(lines[number - 1]):
            return number
    return start if section else None


def parse_template(
    text: str, source_name: str, *, source: Path | None = None, builtin: bool = False
) -> Template:
    """Parse and check template TOML; `source_name` is the file name used in errors."""
    # Imported here because the validation module builds these dataclasses, so it imports
    # this module; a top-level import would be circular.
    from desktop_app.domain import template_reading as reading
    from desktop_app.domain import template_validation as validation

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = describe_toml_error(exc, text)
        raise TemplateError(source_name, message, line=line, path=source) from None
    except (ValueError, RecursionError) as exc:
        # tomllib can also give up on absurd input, e.g. a number with 5,000 digits.
        raise TemplateError(source_name, f"invalid TOML ({exc})", path=source) from None
    try:
        template = validation.build_template(data)
    except reading.Problem as problem:
        raise TemplateError(
            source_name,
            problem.message,
            line=locate_line(text, problem.path),
            field=reading.field_name(problem.path) or None,
            path=source,
        ) from None
    return replace(template, source=source, builtin=builtin)


def load_template(path: Path, *, builtin: bool = False) -> Template:
    """Read and check one template file."""
    try:
        # utf-8-sig: some Windows editors put a byte-order mark at the start.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        message = "the file is not UTF-8 text (save it as UTF-8 in your editor)"
        raise TemplateError(path.name, message, path=path) from None
    except OSError as exc:
        message = f"could not read the file ({exc.strerror or exc})"
        raise TemplateError(path.name, message, path=path) from None
    return parse_template(text, path.name, source=path, builtin=builtin)


@dataclass(frozen=True)
class TemplateSet:
    """The usable templates (sorted by title) and the broken ones with their errors."""

    templates: tuple[Template, ...] = ()
    broken: tuple[TemplateError, ...] = ()

    def get(self, template_id: str) -> Template | None:
        """The usable template with this id, or None."""
        return next((t for t in self.templates if t.id == template_id), None)


def _template_files(directory: Path) -> list[Path]:
    """The .toml files directly in `directory`, by name; hidden files are editor leftovers."""
    return sorted(
        path
        for path in directory.iterdir()
        if path.suffix.lower() == ".toml" and not path.name.startswith(".") and path.is_file()
    )


def load_templates(dirs: Iterable[tuple[Path, bool]]) -> TemplateSet:
    """Load every template in the given (directory, builtin) pairs.

    Shipped directories are read first so a shipped template keeps its id when a user file
    uses the same one; the later file is reported as broken. A missing directory is empty.
    """
    ordered = sorted(dirs, key=lambda pair: not pair[1])  # stable: shipped first
    found: dict[str, Template] = {}
    broken: list[TemplateError] = []
    for directory, builtin in ordered:
        try:
            files = _template_files(directory)
        except FileNotFoundError:
            continue
        except OSError as exc:
            message = f"could not read this folder ({exc.strerror or exc})"
            broken.append(TemplateError(directory.name, message, path=directory))
            continue
        for path in files:
            try:
                template = load_template(path, builtin=builtin)
            except TemplateError as error:
                broken.append(error)
                continue
            other = found.get(template.id)
            if other is not None:
                broken.append(_duplicate_id_error(template, other, path))
                continue
            found[template.id] = template
    templates = sorted(found.values(), key=lambda t: (t.title.casefold(), t.id))
    return TemplateSet(templates=tuple(templates), broken=tuple(broken))


def _duplicate_id_error(template: Template, other: Template, path: Path) -> TemplateError:
    """The error for a template whose id is already taken by `other`."""
    if other.builtin:
        owner = "a template shipped with Groundwork"
    else:
        owner = f"{other.source.name if other.source else 'another template'}"
    message = (
        f'the id "{template.id}" is already used by {owner}; '
        "give this template a different id to use it"
    )
    return TemplateError(path.name, message, field="id", path=path)
