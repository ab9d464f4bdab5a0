"""Template translations: a sibling file per language, checked against the original.

``life-areas.de.toml`` holds the German texts of ``life-areas.toml`` in the same shape: the same
pages, questions, options, scales, bands and alerts in the same order, with only the texts
(and the ids and option values that show which entry is which). The texts are laid over the
original's parsed data, so everything that is stored or scored comes from the original alone.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from desktop_app.domain.template_model import FieldPath
from desktop_app.domain.template_reading import Problem, as_text, describe, field_name
from desktop_app.i18n import _, ngettext

# "name.de.toml", "name.pt_BR.toml", "name.zh-Hans.toml": the part before .toml is a language.
_TRANSLATION_NAME = re.compile(r"(?P<stem>.+)\.(?P<language>[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?)")


@dataclass(frozen=True)
class _Shape:
    """Which keys of one kind of table a translation holds."""

    texts: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()  # must repeat the original's value, so both files line up
    maps: tuple[str, ...] = ()  # tables of texts keyed like the original's (anchors)
    lists: Mapping[str, _Shape] = field(default_factory=dict)


_OPTION = _Shape(texts=("label",), ids=("value",))
_QUESTION = _Shape(
    texts=("prompt", "help", "past_prompt", "past_help", "label"),
    ids=("id",),
    maps=("anchors",),
    lists={"options": _OPTION},
)
_PAGE = _Shape(texts=("title", "intro", "past_intro"), lists={"questions": _QUESTION})
_BAND = _Shape(texts=("label", "meaning"))
_SCALE = _Shape(texts=("title", "description"), ids=("id",), lists={"bands": _BAND})
_ALERT = _Shape(texts=("message",), ids=("item",))
_TEMPLATE = _Shape(
    texts=("title", "description"), lists={"pages": _PAGE, "scales": _SCALE, "alerts": _ALERT}
)


def split_name(stem: str) -> tuple[str, str] | None:
    """(original stem, language) when a file stem names a translation, like "life-areas.de"."""
    match = _TRANSLATION_NAME.fullmatch(stem)
    return (match.group("stem"), match.group("language")) if match else None


def normal_language(code: str) -> str:
    """A language code compared loosely: "pt-BR" and "pt_br" are the same language."""
    return code.replace("-", "_").lower()


def candidates(language: str) -> list[str]:
    """The translations to try for `language`, most specific first: de_AT, then de."""
    code = normal_language(language)
    base = code.split("_")[0]
    return [code] if base == code else [code, base]


@dataclass
class Checked:
    """The original data with the translated texts laid over it, and what is wrong, if anything.

    `fatal` problems make the translation unusable (the files do not line up); `missing` texts
    are shown in the original language, one by one.
    """

    data: dict[str, Any]
    fatal: list[Problem] = field(default_factory=list)
    missing: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.fatal


def translate(original: dict[str, Any], translation: dict[str, Any], original_name: str) -> Checked:
    """Check `translation` against `original` (both parsed TOML) and merge their texts."""
    checked = Checked(copy.deepcopy(original))
    _walk(_TEMPLATE, original, translation, checked.data, (), checked, original_name)
    return checked


def _walk(
    shape: _Shape,
    original: dict[str, Any],
    translation: object,
    merged: dict[str, Any],
    path: FieldPath,
    checked: Checked,
    name: str,
) -> None:
    """Check one table of the translation against the same table of the original."""
    if not isinstance(translation, dict):
        message = _("expected a table, got {value}").format(value=describe(translation))
        checked.fatal.append(Problem(path, message))
        return
    table = cast(dict[str, Any], translation)
    known = (*shape.texts, *shape.ids, *shape.maps, *shape.lists)
    for key in table:
        where = (*path, key)
        if key not in known:
            if key in original:
                message = _("'{key}' is not a text, so it is not translated: it stays in {file}")
                checked.fatal.append(Problem(where, message.format(key=key, file=name)))
            else:
                message = _("unknown key '{key}' (a translation holds only: {keys})")
                checked.fatal.append(Problem(where, message.format(key=key, keys=", ".join(known))))
        elif key not in original:
            message = _("'{key}' is not in {file} at this place, so there is nothing to translate")
            checked.fatal.append(Problem(where, message.format(key=key, file=name)))
    for key in shape.ids:
        _same_id(original, table, key, path, checked)
    for key in shape.texts:
        _text(original, table, merged, key, path, checked)
    for key in shape.maps:
        _map(original, table, merged, key, path, checked)
    for key, inner in shape.lists.items():
        _list(inner, original, table, merged, key, path, checked, name)


def _same_id(
    original: dict[str, Any], table: dict[str, Any], key: str, path: FieldPath, checked: Checked
) -> None:
    """An id or option value must be repeated exactly: it shows which entry is translated."""
    if key not in original:
        return
    expected = original[key]
    if key not in table:
        message = _("missing key '{key}' (write {value} here, as in the original)")
        checked.fatal.append(Problem(path, message.format(key=key, value=_quoted(expected))))
    elif table[key] != expected or type(table[key]) is not type(expected):
        message = _("{key} {value} does not match the original's {expected} at this place")
        values = {"value": _quoted(table[key]), "expected": _quoted(expected)}
        checked.fatal.append(Problem((*path, key), message.format(key=key, **values)))


def _quoted(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def _text(
    original: dict[str, Any],
    table: dict[str, Any],
    merged: dict[str, Any],
    key: str,
    path: FieldPath,
    checked: Checked,
) -> None:
    if key not in original:
        return
    if key not in table:
        _missing(original[key], (*path, key), checked)
        return
    try:
        merged[key] = as_text(table[key], (*path, key))
    except Problem as problem:
        checked.fatal.append(problem)


def _missing(value: object, path: FieldPath, checked: Checked) -> None:
    # Blank in the original means "no text", so there is nothing to miss.
    if isinstance(value, str) and not value.strip():
        return
    message = _("missing translation of {key} (the original text is shown instead)")
    checked.missing.append(Problem(path, message.format(key=field_name(path))))


def _map(
    original: dict[str, Any],
    table: dict[str, Any],
    merged: dict[str, Any],
    key: str,
    path: FieldPath,
    checked: Checked,
) -> None:
    """A table of texts such as anchors: the same keys as the original's."""
    if key not in original or not isinstance(original[key], dict):
        return
    source = cast(dict[str, Any], original[key])
    if key not in table:
        _missing(source, (*path, key), checked)
        return
    given = table[key]
    where = (*path, key)
    if not isinstance(given, dict):
        message = _("expected a table, got {value}").format(value=describe(given))
        checked.fatal.append(Problem(where, message))
        return
    target = cast(dict[str, Any], merged[key])
    for point in cast(dict[str, Any], given):
        if point not in source:
            message = _('"{point}" is not one of the original\'s {key} ({points})')
            points = ", ".join(f'"{p}"' for p in source)
            checked.fatal.append(
                Problem((*where, point), message.format(point=point, key=key, points=points))
            )
    for point in source:
        _text(source, cast(dict[str, Any], given), target, point, where, checked)


def _list(
    shape: _Shape,
    original: dict[str, Any],
    table: dict[str, Any],
    merged: dict[str, Any],
    key: str,
    path: FieldPath,
    checked: Checked,
    name: str,
) -> None:
    """Entries of a list line up by position: the same number, in the same order."""
    source = original.get(key)
    if not isinstance(source, list) or not source:
        return
    where = (*path, key)
    if key not in table:
        message = _("missing translation of {key} (the original texts are shown instead)")
        checked.missing.append(Problem(where, message.format(key=field_name(where))))
        return
    given = table[key]
    if not isinstance(given, list):
        message = _("expected a list, got {value}").format(value=describe(given))
        checked.fatal.append(Problem(where, message))
        return
    if len(given) != len(source):
        message = _("{file} has {expected} entries in {key}, this translation has {count}")
        values = {"expected": len(source), "count": len(given), "key": key, "file": name}
        checked.fatal.append(Problem(where, message.format(**values)))
        return
    target = cast(list[Any], merged[key])
    for index, (entry, wanted) in enumerate(zip(given, source, strict=True)):
        if isinstance(wanted, dict):
            _walk(shape, wanted, entry, target[index], (*where, index), checked, name)


def first_problem(checked: Checked) -> tuple[FieldPath, str] | None:
    """Where the first problem of a translation is, and one sentence for a person; None if none.

    Like a template, a translation reports one problem at a time: the first one, with what it
    means for the person.
    """
    if checked.fatal:
        problem = checked.fatal[0]
        message = _("{problem}; this translation is not used until it is fixed")
        return problem.path, message.format(problem=problem.message)
    if checked.missing:
        problem, more = checked.missing[0], len(checked.missing) - 1
        if not more:
            return problem.path, problem.message
        message = ngettext(
            "{problem}; {n} more text is missing too",
            "{problem}; {n} more texts are missing too",
            more,
        )
        return problem.path, message.format(problem=problem.message, n=more)
    return None
