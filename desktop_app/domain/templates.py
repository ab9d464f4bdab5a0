"""Assessment templates: reading a TOML file into a checked `Template`, and the loader.

A template is a TOML file (the format is described in docs/templates.md). Loading gives either
a fully checked `Template` or a `TemplateError` whose str() is one sentence a person can act on.
The dataclasses live in template_model.py (re-exported here); the rules in
template_validation.py.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.domain import template_reading as reading
from desktop_app.domain import template_validation as validation
from desktop_app.domain.template_model import (
    FORMAT,
    GAP_DEFAULT_MAX,
    GAP_DEFAULT_MIN,
    GAP_PARTS,
    KINDS,
    METHODS,
    QUESTION_TYPES,
    Alert,
    Band,
    FieldPath,
    Kind,
    Method,
    Option,
    Page,
    Question,
    QuestionType,
    Scale,
    Template,
    area_titles,
    combine,
    split_item,
)

__all__ = [
    "FORMAT",
    "GAP_DEFAULT_MAX",
    "GAP_DEFAULT_MIN",
    "GAP_PARTS",
    "KINDS",
    "METHODS",
    "QUESTION_TYPES",
    "Alert",
    "Band",
    "FieldPath",
    "Kind",
    "Method",
    "Option",
    "Page",
    "Question",
    "QuestionType",
    "Scale",
    "Template",
    "TemplateError",
    "TemplateSet",
    "area_titles",
    "combine",
    "describe_toml_error",
    "load_template",
    "load_templates",
    "locate_line",
    "parse_template",
    "split_item",
]


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
