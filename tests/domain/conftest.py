"""Helpers for template tests: a small TOML writer and a valid template to start from.

They are fixtures (session-scoped, returning plain functions) rather than importable helpers
because tests/ is not a package; session scope keeps them usable inside hypothesis tests.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.templates import Template, parse_template

REPO = Path(__file__).resolve().parents[2]
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _string(text: str) -> str:
    """A TOML basic string; control characters (and DEL, which TOML forbids) as \\u escapes."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return json.dumps(value)  # repr-like, always a valid TOML float
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _dump_table(data: dict[str, Any], prefix: tuple[str, ...]) -> list[str]:
    lines = [
        f"{_key(k)} = {_inline(v)}"
        for k, v in data.items()
        if not isinstance(v, dict) and not _is_table_array(v)
    ]
    for key, value in data.items():
        name = ".".join(_key(part) for part in (*prefix, key))
        if isinstance(value, dict):
            lines += ["", f"[{name}]", *_dump_table(value, (*prefix, key))]
        elif _is_table_array(value):
            for item in value:
                lines += ["", f"[[{name}]]", *_dump_table(item, (*prefix, key))]
    return lines


def dump_toml(data: dict[str, Any]) -> str:
    """Write `data` as TOML the way a person would: [[pages]] headers, inline anchors."""
    return "\n".join(_dump_table(data, ())) + "\n"


def sample_data() -> dict[str, Any]:
    """A valid template using every feature of the format."""
    return {
        "format": 1,
        "id": "sample",
        "version": 3,
        "title": "Sample",
        "description": "A template for tests.",
        "pages": [
            {
                "title": "Areas",
                "intro": "Two areas.",
                "questions": [
                    {
                        "id": "work",
                        "type": "gap",
                        "prompt": "Work?",
                        "area": "work",
                        "anchors": {"0": "Bad", "10": "Good"},
                    },
                    {"id": "rest", "type": "gap", "prompt": "Rest?", "min": 1, "max": 5},
                    {"id": "why", "type": "text", "prompt": "Why?"},
                ],
            },
            {
                "title": "Items",
                "questions": [
                    {"id": "q1", "type": "scale", "prompt": "One", "min": 0, "max": 3},
                    {"id": "q2", "type": "scale", "prompt": "Two", "min": 0, "max": 3},
                    {
                        "id": "q3",
                        "type": "choice",
                        "prompt": "Three",
                        "options": [{"value": 0, "label": "No"}, {"value": 2, "label": "Yes"}],
                    },
                    {"id": "ok", "type": "yes_no", "prompt": "OK?", "required": False},
                    {
                        "id": "who",
                        "type": "multi",
                        "prompt": "Who?",
                        "options": [{"value": 1, "label": "A"}, {"value": 2, "label": "B"}],
                    },
                ],
            },
        ],
        "scales": [
            {
                "id": "total",
                "title": "Total",
                "method": "sum",
                "items": ["q1", "q2", "q3"],
                "reverse": ["q2"],
                "meaningful_change": 2,
                "bands": [
                    {"max": 2, "label": "low", "meaning": "Low."},
                    {"max": 5, "label": "mid"},
                    {"max": 8, "label": "high"},
                ],
            },
            {
                "id": "gaps",
                "title": "Gaps",
                "method": "mean",
                "items": ["work.gap", "rest.current"],
                "multiply": 2,
            },
        ],
        "alerts": [{"item": "q3", "at_least": 2, "message": "Take care."}],
    }


@pytest.fixture(scope="session")
def toml() -> Callable[[dict[str, Any]], str]:
    """The TOML writer."""
    return dump_toml


@pytest.fixture(scope="session")
def sample() -> Callable[[], dict[str, Any]]:
    """A function returning a fresh copy of the sample template data."""
    return lambda: copy.deepcopy(sample_data())


@pytest.fixture(scope="session")
def build() -> Callable[[dict[str, Any]], Template]:
    """Write data as TOML and load it, as the app would."""
    return lambda data: parse_template(dump_toml(data), "test.toml")


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO
