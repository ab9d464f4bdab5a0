"""Reading parsed TOML safely: typed getters that name the field when a value is wrong.

`template_validation` builds templates with these; every failure is a `Problem` holding the
path into the data (like pages[1].questions[0].type) and one sentence for a person.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar, cast

from desktop_app.domain.template_model import FieldPath
from desktop_app.i18n import _
from desktop_app.locale_format import format_number

T = TypeVar("T")
D = TypeVar("D")

# Larger numbers are typos in a questionnaire, and staying small keeps float sums exact.
NUMBER_LIMIT = 1_000_000


class Problem(Exception):
    """One broken rule: where it is (a path into the data) and what is wrong (a sentence)."""

    def __init__(self, path: FieldPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def field_name(path: FieldPath) -> str:
    """Write a path the way the docs do: pages[1].questions[0].type."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def fmt(number: float) -> str:
    """A number as a person would write it: 27, not 27.0."""
    return format_number(number)


def describe(value: object) -> str:
    """Name a TOML value in plain words, for "expected X, got Y"."""
    if isinstance(value, bool):
        return _("{value} (a yes/no value)").format(value="true" if value else "false")
    if isinstance(value, int | float):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return _('the text "{text}"').format(text=text)
    if isinstance(value, list):
        return _("a list")
    return _("a table") if isinstance(value, dict) else _("a date")


# ---------------------------------------------------------------------------- values


def as_int(value: object, path: FieldPath) -> int:
    """A whole number; true/false and 10.0 are refused, they are almost always mistakes."""
    if isinstance(value, bool) or not isinstance(value, int):
        message = _("expected a whole number, got {value}")
        raise Problem(path, message.format(value=describe(value)))
    if abs(value) > NUMBER_LIMIT:
        message = _("{value} is too large (keep numbers within ±{limit})")
        raise Problem(path, message.format(value=value, limit=f"{NUMBER_LIMIT:,}"))
    return value


def as_number(value: object, path: FieldPath) -> float:
    """A whole or decimal number, finite and of sensible size."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Problem(path, _("expected a number, got {value}").format(value=describe(value)))
    if not math.isfinite(value) or abs(value) > NUMBER_LIMIT:
        message = _("{value} is not usable here (keep numbers within ±{limit})")
        raise Problem(path, message.format(value=value, limit=f"{NUMBER_LIMIT:,}"))
    return float(value)


def as_text(value: object, path: FieldPath) -> str:
    """Non-blank text, with surrounding whitespace removed."""
    if not isinstance(value, str):
        raise Problem(path, _("expected text, got {value}").format(value=describe(value)))
    if not value.strip():
        raise Problem(path, _("this text is empty"))
    return value.strip()


def as_optional_text(value: object, path: FieldPath) -> str | None:
    """Text where blank means the same as leaving the key out."""
    return None if isinstance(value, str) and not value.strip() else as_text(value, path)


def as_bool(value: object, path: FieldPath) -> bool:
    """true or false (not 1 or "yes")."""
    if not isinstance(value, bool):
        raise Problem(path, _("expected true or false, got {value}").format(value=describe(value)))
    return value


def unknown_key(key: str, known: tuple[str, ...]) -> str:
    """The message for a key the format does not have, with a guess at what was meant."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return _("unknown key '{key}' — did you mean '{guess}'?").format(key=key, guess=close[0])
    message = _("unknown key '{key}' (expected one of {keys})")
    return message.format(key=key, keys=", ".join(known))


class Table:
    """A TOML table being read: getters that raise `Problem` with the right path."""

    def __init__(self, data: object, path: FieldPath, keys: tuple[str, ...]) -> None:
        if not isinstance(data, dict):
            raise Problem(path, _("expected a table, got {value}").format(value=describe(data)))
        self.data = cast(dict[str, Any], data)
        self.path = path
        # Checked first: a mistyped key explains more than the "missing key" it causes.
        for key in self.data:
            if key not in keys:
                raise Problem((*path, key), unknown_key(key, keys))

    def at(self, key: str) -> FieldPath:
        """The path of one of this table's keys."""
        return (*self.path, key)

    def has(self, key: str) -> bool:
        """Whether the key is present."""
        return key in self.data

    def get(self, key: str, convert: Callable[[object, FieldPath], T]) -> T:
        """A required value, checked by `convert`."""
        if key not in self.data:
            raise Problem(self.path, _("missing key '{key}'").format(key=key))
        return convert(self.data[key], self.at(key))

    def get_or(self, key: str, convert: Callable[[object, FieldPath], T], default: D) -> T | D:
        """An optional value, checked by `convert` when present."""
        return convert(self.data[key], self.at(key)) if key in self.data else default

    def identifier(self, key: str, pattern: re.Pattern[str], allowed: str) -> str:
        """An id matching `pattern`; `allowed` explains the pattern in words."""
        self.get(key, as_text)
        value: str = self.data[key]  # unstripped: spaces are not allowed in ids either
        if not pattern.fullmatch(value):
            message = _('"{value}" is not a valid id (use only {allowed})')
            raise Problem(self.at(key), message.format(value=value, allowed=allowed))
        return value

    def one_of(self, key: str, allowed: tuple[str, ...], message: str, default: str = "") -> str:
        """One of a fixed set of words; `message` says so, with {value} and {choices}."""
        value = self.get_or(key, as_text, default) if default else self.get(key, as_text)
        if value not in allowed:
            choices = ", ".join(allowed)
            raise Problem(self.at(key), message.format(value=value, choices=choices))
        return value

    def listed(self, key: str) -> list[tuple[object, FieldPath]]:
        """The entries of a list with their paths; missing means empty."""
        value = self.data.get(key, [])
        if not isinstance(value, list):
            message = _("expected a list, got {value}")
            raise Problem(self.at(key), message.format(value=describe(value)))
        return [(item, (*self.at(key), i)) for i, item in enumerate(value)]

    def strings(self, key: str) -> list[str]:
        """A list of text; missing means empty."""
        return [as_text(item, path) for item, path in self.listed(key)]

    def nonempty(self, key: str, message: str) -> list[tuple[object, FieldPath]]:
        """Like `listed`, but an absent or empty list is the problem `message`."""
        entries = self.listed(key)
        if not entries:
            raise Problem(self.at(key) if self.has(key) else self.path, message)
        return entries


# ---------------------------------------------------------------------------- lines


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
