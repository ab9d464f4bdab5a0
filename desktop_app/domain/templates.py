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
from typing import Any

from desktop_app import i18n
from desktop_app.domain import template_reading as reading
from desktop_app.domain import template_translation as translation
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
from desktop_app.domain.template_reading import locate_line
from desktop_app.i18n import _

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
        where = self.file
        if self.line is not None:
            where = _("{file}, line {line}").format(file=self.file, line=self.line)
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
    return _("invalid TOML ({error})").format(error=message), line


def _parse_toml(text: str, source_name: str, source: Path | None) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = describe_toml_error(exc, text)
        raise TemplateError(source_name, message, line=line, path=source) from None
    except (ValueError, RecursionError) as exc:
        # tomllib can also give up on absurd input, e.g. a number with 5,000 digits.
        message = _("invalid TOML ({error})").format(error=exc)
        raise TemplateError(source_name, message, path=source) from None


def _build(data: dict[str, Any], text: str, source_name: str, source: Path | None) -> Template:
    try:
        return validation.build_template(data)
    except reading.Problem as problem:
        raise _problem_error(problem.path, problem.message, text, source_name, source) from None


def _problem_error(
    path: FieldPath, message: str, text: str, source_name: str, source: Path | None
) -> TemplateError:
    return TemplateError(
        source_name,
        message,
        line=locate_line(text, path),
        field=reading.field_name(path) or None,
        path=source,
    )


def parse_template(
    text: str, source_name: str, *, source: Path | None = None, builtin: bool = False
) -> Template:
    """Parse and check template TOML; `source_name` is the file name used in errors."""
    template = _build(_parse_toml(text, source_name, source), text, source_name, source)
    return replace(template, source=source, builtin=builtin)


def _read_text(path: Path) -> str:
    try:
        # utf-8-sig: some Windows editors put a byte-order mark at the start.
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        message = _("the file is not UTF-8 text (save it as UTF-8 in your editor)")
        raise TemplateError(path.name, message, path=path) from None
    except OSError as exc:
        message = _("could not read the file ({reason})").format(reason=exc.strerror or exc)
        raise TemplateError(path.name, message, path=path) from None


def _translation_path(path: Path, language: str) -> tuple[Path, str] | None:
    """The sibling translation of `path` to show in `language` (de_AT, else de), if any."""
    for code in translation.candidates(language):
        for sibling in _siblings(path):
            if translation.normal_language(sibling[1]) == code:
                return sibling
    return None


def _siblings(path: Path) -> list[tuple[Path, str]]:
    """The translation files next to `path`, with their languages."""
    try:
        found = [(p, translation.split_name(p.stem)) for p in _template_files(path.parent)]
    except OSError:
        return []
    return [(p, split[1]) for p, split in found if split and split[0] == path.stem]


def _translated(
    template: Template,
    data: dict[str, Any],
    translated_path: Path,
    language: str,
) -> tuple[Template | None, TemplateError | None]:
    """`template` with the texts of one translation file, and that file's problem, if any.

    The template is None when the translation cannot be used; missing texts fall back to the
    original one by one.
    """
    name = translated_path.name
    original_name = template.source.name if template.source else name
    try:
        text = _read_text(translated_path)
        translated = _parse_toml(text, name, translated_path)
    except TemplateError as unreadable:
        return None, unreadable
    checked = translation.translate(data, translated, original_name)
    problem = translation.first_problem(checked)
    error = None
    if problem is not None:
        error = _problem_error(problem[0], problem[1], text, name, translated_path)
    if not checked.usable:
        return None, error
    try:
        built = validation.build_template(checked.data)
    except reading.Problem as broken:  # the walk checks every text; this is a safety net
        return None, _problem_error(broken.path, broken.message, text, name, translated_path)
    result = replace(
        built,
        source=template.source,
        builtin=template.builtin,
        translation=language,
        original=template,
    )
    return result, error


def load_template(
    path: Path, *, builtin: bool = False, language: str | None = None
) -> Template:
    """Read and check one template file, with its texts in `language` where it has them.

    `language` defaults to the app's (desktop_app.i18n); a translation that cannot be used is
    passed over here (load_templates reports it).
    """
    return _load(path, builtin, language)[0]


def _load(
    path: Path, builtin: bool, language: str | None, check_all: bool = False
) -> tuple[Template, list[TemplateError]]:
    """The template in `language` and the problems of its translations (all of them if
    `check_all`, else only the one wanted)."""
    text = _read_text(path)
    data = _parse_toml(text, path.name, path)
    template = replace(_build(data, text, path.name, path), source=path, builtin=builtin)
    wanted = _translation_path(path, language or i18n.language())
    siblings = _siblings(path) if check_all else [wanted] if wanted else []
    errors: list[TemplateError] = []
    shown = template
    for sibling, code in sorted(siblings):
        translated, error = _translated(template, data, sibling, code)
        if error is not None:
            errors.append(error)
        if wanted is not None and sibling == wanted[0] and translated is not None:
            shown = translated
    return shown, errors


@dataclass(frozen=True)
class TemplateSet:
    """The usable templates (sorted by title) and the broken ones with their errors.

    A broken translation is listed with the broken templates: its template is still usable.
    """

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


def _orphan_error(path: Path, stem: str, language: str) -> TemplateError:
    message = _(
        "this looks like a translation ({language}) of {file}, but there is no {file} in "
        "this folder"
    ).format(language=language, file=f"{stem}{path.suffix}")
    return TemplateError(path.name, message, path=path)


def load_templates(dirs: Iterable[tuple[Path, bool]], language: str | None = None) -> TemplateSet:
    """Load every template in the given (directory, builtin) pairs, in `language` (by default
    the app's) where a template has a translation; every translation is checked.

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
            reason = exc.strerror or exc
            message = _("could not read this folder ({reason})").format(reason=reason)
            broken.append(TemplateError(directory.name, message, path=directory))
            continue
        stems = {path.stem for path in files}
        for path in files:
            split = translation.split_name(path.stem)
            if split is not None:
                if split[0] not in stems:
                    broken.append(_orphan_error(path, *split))
                continue
            try:
                template, errors = _load(path, builtin, language, check_all=True)
            except TemplateError as error:
                broken.append(error)
                continue
            other = found.get(template.id)
            if other is not None:
                broken.append(_duplicate_id_error(template, other, path))
                continue
            found[template.id] = template
            broken.extend(errors)
    templates = sorted(found.values(), key=lambda t: (t.title.casefold(), t.id))
    return TemplateSet(templates=tuple(templates), broken=tuple(broken))


def _duplicate_id_error(template: Template, other: Template, path: Path) -> TemplateError:
    """The error for a template whose id is already taken by `other`."""
    if other.builtin:
        message = _(
            'the id "{id}" is already used by a template shipped with Groundwork; '
            "give this template a different id to use it"
        ).format(id=template.id)
    else:
        message = _(
            'the id "{id}" is already used by {file}; give this template a different id to use it'
        ).format(id=template.id, file=other.source.name if other.source else "?")
    return TemplateError(path.name, message, field="id", path=path)
