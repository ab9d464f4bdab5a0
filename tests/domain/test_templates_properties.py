"""Property tests: whatever a person does to a template file, loading never crashes.

Each mutation of a valid template either still loads or raises TemplateError with one line of
text: never KeyError, TypeError, RecursionError or any other surprise.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.scoring import score_all, triggered_alerts
from desktop_app.domain.templates import Template, TemplateError, parse_template

Data = dict[str, Any]
PathPart = str | int

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
_key = st.one_of(
    _text,
    st.sampled_from(["id", "type", "min", "max", "items", "reverse", "bands", "options", "0"]),
)
_scalar = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.integers(-12, 12),
    st.floats(allow_nan=True, allow_infinity=True),
    _text,
    st.sampled_from(["gap", "scale", "choice", "multi", "text", "yes_no", "sum", "mean", "q1"]),
    st.sampled_from(["work", "work.gap", "work.current", "rest.ideal", "q2", "q3", "ok", "why"]),
)
_value = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_key, inner, max_size=4),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple[PathPart, ...] = ()) -> list[tuple[PathPart, ...]]:
    """Every place in the data, containers included."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _at(data: Any, path: tuple[PathPart, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def _mutated(draw: st.DrawFn, original: Data) -> Data:
    """The data after one to three random edits a person might make."""
    data = original
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        action = draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
        if not path:
            action = "add"
        node = _at(data, path)
        parent = _at(data, path[:-1]) if path else None
        if action == "replace" and parent is not None:
            parent[path[-1]] = draw(_value)
        elif action == "delete" and parent is not None:
            del parent[path[-1]]
        elif action == "add" and isinstance(node, dict):
            node[draw(_key)] = draw(_value)
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(int(path[-1]), _copy(node))
    return data


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _exercise(template: Template) -> None:
    """A template that loaded must also be usable: score it with the highest answers."""
    answers: dict[str, Any] = {}
    for question in template.questions:
        if question.type == "gap" and question.max is not None and question.min is not None:
            answers[question.id] = GapAnswer(question.min, question.max)
        elif question.type == "scale":
            answers[question.id] = question.max
        elif question.type == "choice":
            answers[question.id] = max(option.value for option in question.options)
        elif question.type == "yes_no":
            answers[question.id] = True
    scores = score_all(template, answers)
    for scale in template.scales:
        low, high = template.scale_range(scale)
        assert low <= scores[scale.id].value <= high
        if scale.bands:
            assert scores[scale.id].band is not None
    triggered_alerts(template, answers)


def _load_or_refuse(text: str) -> None:
    try:
        template = parse_template(text, "fuzz.toml")
    except TemplateError as error:
        event("refused: invalid TOML" if "invalid TOML" in error.message else "refused: a rule")
        message = str(error)
        assert message.startswith("fuzz.toml")
        assert error.message and "\n" not in error.message.strip("\n")
        if error.line is not None:
            assert 1 <= error.line <= max(1, len(text.splitlines()))
        return
    event("still loads")
    _exercise(template)


@SETTINGS
@given(data=st.data())
def test_mutated_data_loads_or_raises_template_error(
    data: st.DataObject,
    sample: Callable[[], Data],
    toml: Callable[[Data], str],
) -> None:
    mutated = data.draw(_mutated(sample()))
    _load_or_refuse(toml(mutated))


@SETTINGS
@given(data=st.data())
def test_mutated_text_loads_or_raises_template_error(
    data: st.DataObject,
    sample: Callable[[], Data],
    toml: Callable[[Data], str],
    repo: Path,
) -> None:
    shipped = sorted((repo / "resources" / "assessments").glob("*.toml"))
    sources = [toml(sample()), *(path.read_text(encoding="utf-8") for path in shipped)]
    text = data.draw(st.sampled_from(sources))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        edit = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = data.draw(st.sampled_from(['"', "=", "[", "]", "\n", "#", "1", "x", ".", "{", "'"]))
        if edit == "insert":
            text = text[:at] + piece + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + piece + text[at + 1 :]
    _load_or_refuse(text)


def test_absurd_toml_is_refused_not_crashed() -> None:
    for text in ("a = " + "[" * 5000, "a = " + "9" * 5000, "a = { " * 3000):
        try:
            parse_template(text, "absurd.toml")
        except TemplateError as error:
            assert str(error).startswith("absurd.toml")


def _no_nan(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isnan(value)
    if isinstance(value, list):
        return all(_no_nan(v) for v in value)
    if isinstance(value, dict):
        return all(_no_nan(v) for v in value.values())
    return True


@settings(deadline=None)
@given(data=st.dictionaries(_key, _value, max_size=5).filter(_no_nan))
def test_the_test_toml_writer_round_trips(data: Data, toml: Callable[[Data], str]) -> None:
    assert tomllib.loads(toml(data)) == data
