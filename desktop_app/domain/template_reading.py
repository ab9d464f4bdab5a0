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
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value if len(value) <= 40 else value[:37] + "..."}"'
    kinds = {list: "a list", dict: "a table"}
    return next((name for kind, name in kinds.items() if isinstance(value, kind)), "a date")


# ---------------------------------------------------------------------------- values


def as_int(value: object, path: FieldPath) -> int:
    """A whole number; true/false and 10.0 are refused, they are almost always mistakes."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Problem(path, f"expected a whole number, got {describe(value)}")
    if abs(value) > NUMBER_LIMIT:
        raise Problem(path, f"{value} is too large (keep numbers within ±{NUMBER_LIMIT:,})")
    return value


def as_number(value: object, path: FieldPath) -> float:
    """A whole or decimal number, finite and of sensible size."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Problem(path, f"expected a number, got {describe(value)}")
    if not math.isfinite(value) or abs(value) > NUMBER_LIMIT:
        raise Problem(path, f"{value} is not usable here (keep numbers within ±{NUMBER_LIMIT:,})")
    return float(value)


def as_text(value: object, path: FieldPath) -> str:
    """Non-blank text, with surrounding whitespace removed."""
    if not isinstance(value, str):
        raise Problem(path, f"expected text, got {describe(value)}")
    if not value.strip():
        raise Problem(path, "this text is empty")
    return value.strip()


def as_optional_text(value: object, path: FieldPath) -> str | None:
    """Text where blank means the same as leaving the key out."""
    return None if isinstance(value, str) and not value.strip() else as_text(value, path)


def as_bool(value: object, path: FieldPath) -> bool:
    """true or false (not 1 or "yes")."""
    if not isinstance(value, bool):
        raise Problem(path, f"expected true or false, got {describe(value)}")
    return value


def unknown_key(key: str, known: tuple[str, ...]) -> str:
    """The message for a key the format does not have, with a guess at what was meant."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key '{key}' — did you mean '{close[0]}'?"
    return f"unknown key '{key}' (expected one of {', '.join(known)})"


class Table:
    """A TOML table being read: getters that raise `Problem` with the right path."""

    def __init__(self, data: object, path: FieldPath, keys: tuple[str, ...]) -> None:
        if not isinstance(data, dict):
            raise Problem(path, f"expected a table, got {describe(data)}")
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
            raise Problem(self.path, f"missing key '{key}'")
        return convert(self.data[key], self.at(key))

    def get_or(self, key: str, convert: Callable[[object, FieldPath], T], default: D) -> T | D:
        """An optional value, checked by `convert` when present."""
        return convert(self.data[key], self.at(key)) if key in self.data else default

    def identifier(self, key: str, pattern: re.Pattern[str], allowed: str) -> str:
        """An id matching `pattern`; `allowed` explains the pattern in words."""
        self.get(key, as_text)
        value: str = self.data[key]  # unstripped: spaces are not allowed in ids either
        if not pattern.fullmatch(value):
            raise Problem(self.at(key), f'"{value}" is not a valid id (use only {allowed})')
        return value

    def one_of(self, key: str, allowed: tuple[str, ...], what: str, default: str = "") -> str:
        """One of a fixed set of words."""
        value = self.get_or(key, as_text, default) if default else self.get(key, as_text)
        if value not in allowed:
            choices = ", ".join(allowed)
            raise Problem(self.at(key), f'unknown {what} "{value}" (expected one of {choices})')
        return value

    def listed(self, key: str) -> list[tuple[object, FieldPath]]:
        """The entries of a list with their paths; missing means empty."""
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise Problem(self.at(key), f"expected a list, got {describe(value)}")
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
