"""The template rules: turn parsed TOML into a `Template`, or say precisely what is wrong.

Every broken rule raises `Problem` with a path into the data (like pages[1].questions[0].type)
and one sentence; `templates.parse_template` adds the file name and, where it can find it, the
line. Messages are for the therapist or person who wrote the file, not for programmers.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from typing import Any, cast

from desktop_app.domain import template_model as tpl
from desktop_app.domain.template_model import (
    Band,
    FieldPath,
    Option,
    Page,
    Question,
    Scale,
    Template,
)
from desktop_app.domain.template_reading import (
    Problem,
    Table,
    as_bool,
    as_int,
    as_number,
    as_optional_text,
    as_text,
    describe,
    field_name,
    fmt,
)
from desktop_app.i18n import _

TEMPLATE_ID = re.compile(r"[a-z0-9-]+")
QUESTION_ID = re.compile(r"[a-z0-9_]+")
_ANCHOR_KEY = re.compile(r"-?[0-9]+")

_TEMPLATE_KEYS: tuple[str, ...] = (
    "format",
    "id",
    "version",
    "title",
    "kind",
    "description",
    "pages",
)
_TEMPLATE_KEYS += ("scales", "alerts", "shareable")
_PAGE_KEYS = ("title", "intro", "questions", "past_intro")
_QUESTION_KEYS: tuple[str, ...] = ("id", "type", "prompt", "help", "area", "required", "min", "max")
_QUESTION_KEYS += ("anchors", "options", "past_prompt", "past_help", "label")
_SCALE_KEYS: tuple[str, ...] = (
    "id",
    "title",
    "description",
    "method",
    "items",
    "reverse",
    "multiply",
)
_SCALE_KEYS += ("meaningful_change", "bands")
# Keys only some question types take, and which types those are.
_TYPE_KEYS = {"min": ("scale", "gap"), "max": ("scale", "gap"), "anchors": ("scale", "gap")}
_TYPE_KEYS["options"] = ("choice", "multi")
_REVERSIBLE = ("scale", "choice")


# ---------------------------------------------------------------------------- questions


def _bounds(table: Table, kind: str) -> tuple[int | None, int | None]:
    """min and max of a scale or gap question (a gap defaults to 0-10)."""
    if kind not in ("scale", "gap"):
        return None, None
    for key in ("min", "max"):
        if kind == "scale" and not table.has(key):
            message = _("missing key '{key}' (a scale question needs both)")
            raise Problem(table.path, message.format(key=key))
    low = table.get_or("min", as_int, tpl.GAP_DEFAULT_MIN)
    high = table.get_or("max", as_int, tpl.GAP_DEFAULT_MAX)
    if low == high:
        message = _("min and max are both {value}; a scale needs two points")
        raise Problem(table.at("max"), message.format(value=low))
    if low > high:
        message = _("min ({low}) is larger than max ({high})")
        raise Problem(table.at("min"), message.format(low=low, high=high))
    return low, high


def _anchors(table: Table, low: int | None, high: int | None) -> dict[int, str]:
    """Labels for scale points: keys are whole numbers written as text, within min..max."""
    if not table.has("anchors") or low is None or high is None:
        return {}
    value = table.data["anchors"]
    if not isinstance(value, dict):
        message = _("expected a table, got {value}").format(value=describe(value))
        raise Problem(table.at("anchors"), message)
    anchors: dict[int, str] = {}
    for key, label in cast(dict[str, Any], value).items():
        path = (*table.at("anchors"), key)
        if not _ANCHOR_KEY.fullmatch(key):
            message = _('anchor "{key}" is not a whole number (write it like "0" = "...")')
            raise Problem(path, message.format(key=key))
        point = int(key)
        if not low <= point <= high:
            message = _("anchor {point} is outside this question's range {low} to {high}")
            raise Problem(path, message.format(point=point, low=low, high=high))
        if point in anchors:
            raise Problem(path, _("anchor {point} is given twice").format(point=point))
        anchors[point] = as_text(label, path)
    return dict(sorted(anchors.items()))


def _options(table: Table, kind: str) -> tuple[Option, ...]:
    """The options of a choice or multi question: at least one, values all different."""
    if kind not in ("choice", "multi"):
        return ()
    hint = _("a {kind} question needs options = [{{ value = 0, label = ... }}, ...]")
    hint = hint.format(kind=kind)
    options: list[Option] = []
    for raw, path in table.nonempty("options", hint):
        entry = Table(raw, path, ("value", "label", "exclusive"))
        exclusive = entry.get_or("exclusive", as_bool, False)
        if exclusive and kind != "multi":
            message = _("'exclusive' applies only to options of a multi question")
            raise Problem(entry.at("exclusive"), message)
        option = Option(
            value=entry.get("value", as_int), label=entry.get("label", as_text),
            exclusive=exclusive,
        )
        earlier = next((o.label for o in options if o.value == option.value), None)
        if earlier is not None:
            message = _('option value {value} is already used by "{label}"')
            message = message.format(value=option.value, label=earlier)
            raise Problem(entry.at("value"), message)
        options.append(option)
    return tuple(options)


def _question(raw: object, path: FieldPath, seen: dict[str, FieldPath]) -> Question:
    """One [[pages.questions]] entry; `seen` maps ids used so far to where they were used."""
    table = Table(raw, path, _QUESTION_KEYS)
    question_id = table.identifier("id", QUESTION_ID, _("lowercase letters, digits and _"))
    if question_id in seen:
        earlier = field_name(seen[question_id])
        message = _('duplicate question id "{id}" (already used in {place})')
        message = message.format(id=question_id, place=earlier)
        raise Problem(table.at("id"), message)
    seen[question_id] = path
    unknown = _('unknown question type "{value}" (expected one of {choices})')
    kind = table.one_of("type", tpl.QUESTION_TYPES, unknown)
    for key, kinds in _TYPE_KEYS.items():
        if table.has(key) and kind not in kinds:
            message = _("'{key}' does not apply to a {kind} question, only to {first} and {second}")
            message = message.format(key=key, kind=kind, first=kinds[0], second=kinds[1])
            raise Problem(table.at(key), message)
    low, high = _bounds(table, kind)
    prompt = table.get("prompt", as_text)
    area = table.get_or("area", as_optional_text, None)
    return Question(
        id=question_id,
        type=cast(tpl.QuestionType, kind),
        prompt=prompt,
        help=table.get_or("help", as_optional_text, None),
        area=question_id if kind == "gap" and not area else area,
        min=low,
        max=high,
        anchors=_anchors(table, low, high),
        required=table.get_or("required", as_bool, kind != "text"),
        options=_options(table, kind),
        past_prompt=table.get_or("past_prompt", as_optional_text, None),
        past_help=table.get_or("past_help", as_optional_text, None),
        label=table.get_or("label", as_optional_text, None),
    )


def _page(raw: object, path: FieldPath, seen: dict[str, FieldPath]) -> Page:
    """One [[pages]] entry with at least one question."""
    table = Table(raw, path, _PAGE_KEYS)
    title = table.get("title", as_text)
    intro = table.get_or("intro", as_optional_text, None)
    hint = _("this page has no questions (add at least one [[pages.questions]])")
    questions = tuple(
        _question(item, where, seen) for item, where in table.nonempty("questions", hint)
    )
    past_intro = table.get_or("past_intro", as_optional_text, None)
    return Page(title=title, intro=intro, questions=questions, past_intro=past_intro)


# ---------------------------------------------------------------------------- scales and alerts


def _item(item: str, path: FieldPath, template: Template) -> tuple[int, int]:
    """Check a scale or alert item names a scoreable question; return its number range."""
    question_id, part = tpl.split_item(item)
    question = template.question(question_id)
    if question is None:
        close = difflib.get_close_matches(question_id, [q.id for q in template.questions], n=1)
        if close:
            message = _('no question has the id "{id}" — did you mean "{guess}"?')
            raise Problem(path, message.format(id=question_id, guess=close[0]))
        raise Problem(path, _('no question has the id "{id}"').format(id=question_id))
    if question.type == "gap" and part not in tpl.GAP_PARTS:
        parts = ", ".join(f'"{question_id}.{p}"' for p in tpl.GAP_PARTS)
        message = _('"{id}" is a gap question, so name one of its parts: {parts}')
        raise Problem(path, message.format(id=question_id, parts=parts))
    if question.type != "gap" and item != question_id:
        message = _('"{item}": only gap questions have parts, write "{id}"')
        raise Problem(path, message.format(item=item, id=question_id))
    item_range = question.value_range(part)
    if item_range is None:
        message = _('"{item}" is a {type} question, which has no score')
        raise Problem(path, message.format(item=item, type=question.type))
    return item_range


def _bands(table: Table) -> tuple[Band, ...]:
    """The bands of a scale, strictly ascending by max."""
    bands: list[Band] = []
    for raw, path in table.listed("bands"):
        entry = Table(raw, path, ("max", "label", "meaning"))
        top, label = entry.get("max", as_number), entry.get("label", as_text)
        if bands and top <= bands[-1].max:
            previous = fmt(bands[-1].max)
            message = _("bands must go up: max {max} is not above the one before ({previous})")
            message = message.format(max=fmt(top), previous=previous)
            raise Problem(entry.at("max"), message)
        bands.append(Band(top, label, entry.get_or("meaning", as_optional_text, None)))
    return tuple(bands)


def _check_bands(scale: Scale, template: Template, path: FieldPath) -> None:
    """Every possible score must fall in a band, and every band must be reachable."""
    if not scale.bands:
        return
    low, high = template.scale_range(scale)
    first, last = scale.bands[0].max, scale.bands[-1].max
    if first < low:
        message = _("the first band ends at {max}, below the lowest possible score ({low})")
        raise Problem((*path, "bands", 0, "max"), message.format(max=fmt(first), low=fmt(low)))
    if last < high:
        message = _("the last band ends at {max}, but this scale can reach {high}")
        message = message.format(max=fmt(last), high=fmt(high))
        raise Problem((*path, "bands", len(scale.bands) - 1, "max"), message)


def _reverse(table: Table, items: list[str], template: Template) -> list[str]:
    """Reversed items: listed in items, once, and scale or choice questions."""
    reverse = table.strings("reverse")
    for i, item in enumerate(reverse):
        where = (*table.at("reverse"), i)
        if item not in items:
            message = _('"{item}" is reversed but is not one of this scale\'s items')
            raise Problem(where, message.format(item=item))
        if item in reverse[:i]:
            raise Problem(where, _('"{item}" is listed twice').format(item=item))
        question = template.question(item)
        if question is None or question.type not in _REVERSIBLE:
            message = _('"{item}" cannot be reversed (only scale and choice questions)')
            raise Problem(where, message.format(item=item))
    return reverse


def _positive(value: object, path: FieldPath) -> float:
    """A number above zero."""
    number = as_number(value, path)
    if number <= 0:
        raise Problem(path, _("{key} must be more than 0").format(key=path[-1]))
    return number


def _scale(raw: object, path: FieldPath, template: Template) -> Scale:
    """One [[scales]] entry, checked against the template's questions."""
    table = Table(raw, path, _SCALE_KEYS)
    scale_id = table.identifier("id", QUESTION_ID, _("lowercase letters, digits and _"))
    title = table.get("title", as_text)
    description = table.get_or("description", as_optional_text, None)
    unknown = _('unknown method "{value}" (expected one of {choices})')
    method = table.one_of("method", tpl.METHODS, unknown)
    table.nonempty("items", _("a scale needs at least one item"))
    items = table.strings("items")
    for i, item in enumerate(items):
        if item in items[:i]:
            raise Problem((*table.at("items"), i), _('"{item}" is listed twice').format(item=item))
        _item(item, (*table.at("items"), i), template)
    scale = Scale(
        id=scale_id,
        title=title,
        method=cast(tpl.Method, method),
        items=tuple(items),
        reverse=tuple(_reverse(table, items, template)),
        multiply=table.get_or("multiply", _positive, 1.0),
        meaningful_change=table.get_or("meaningful_change", _positive, None),
        bands=_bands(table),
        description=description,
    )
    _check_bands(scale, template, path)
    return scale


def _alert(raw: object, path: FieldPath, template: Template) -> tpl.Alert:
    """One [[alerts]] entry: its threshold must be reachable and not always met."""
    table = Table(raw, path, ("item", "at_least", "message"))
    item = table.get("item", as_text)
    low, high = _item(item, table.at("item"), template)
    at_least = table.get("at_least", as_number)
    if at_least > high:
        message = _('at_least {value} is above the highest answer to "{item}" ({high}), so '
                    "this alert could never show")
        values = {"value": fmt(at_least), "item": item, "high": high}
        raise Problem(table.at("at_least"), message.format(**values))
    if at_least <= low:
        message = _('at_least {value} is not above the lowest answer to "{item}" ({low}), so '
                    "this alert would show every time")
        values = {"value": fmt(at_least), "item": item, "low": low}
        raise Problem(table.at("at_least"), message.format(**values))
    return tpl.Alert(item=item, at_least=at_least, message=table.get("message", as_text))


# ---------------------------------------------------------------------------- template


def _format(data: dict[str, Any]) -> int:
    """Check the format version first: a newer file may use keys this version lacks."""
    if "format" not in data:
        raise Problem((), _("missing key 'format' (start the file with format = 1)"))
    version = as_int(data["format"], ("format",))
    if version > tpl.FORMAT:
        message = _("this template uses format {version}, but this Groundwork reads format "
                    "{known} (a newer Groundwork may open it)")
        raise Problem(("format",), message.format(version=version, known=tpl.FORMAT))
    if version != tpl.FORMAT:
        raise Problem(("format",), _("format must be {known}").format(known=tpl.FORMAT))
    return version


def build_template(data: dict[str, Any]) -> Template:
    """Check parsed TOML against every rule and build the `Template` (without a source)."""
    template_format = _format(data)
    table = Table(data, (), _TEMPLATE_KEYS)
    template_id = table.identifier("id", TEMPLATE_ID, _("lowercase letters, digits and -"))
    version = table.get("version", as_int)
    if version < 1:
        raise Problem(table.at("version"), _("version must be 1 or more"))
    title = table.get("title", as_text)
    unknown = _('unknown kind "{value}" (expected one of {choices})')
    kind = table.one_of("kind", tpl.KINDS, unknown, default="assessment")
    description = table.get_or("description", as_optional_text, None)
    shareable = table.get_or("shareable", as_bool, False)
    hint = _("this template has no pages (add at least one [[pages]])")
    seen: dict[str, FieldPath] = {}
    pages = tuple(_page(item, path, seen) for item, path in table.nonempty("pages", hint))
    template = Template(
        format=template_format,
        id=template_id,
        version=version,
        title=title,
        kind=cast(tpl.Kind, kind),
        description=description,
        pages=pages,
        shareable=shareable,
    )
    scales: list[Scale] = []
    for item, path in table.listed("scales"):
        scale = _scale(item, path, template)
        if any(s.id == scale.id for s in scales):
            message = _('duplicate scale id "{id}"').format(id=scale.id)
            raise Problem((*path, "id"), message)
        scales.append(scale)
    alerts = tuple(_alert(item, path, template) for item, path in table.listed("alerts"))
    return replace(template, scales=tuple(scales), alerts=alerts)
