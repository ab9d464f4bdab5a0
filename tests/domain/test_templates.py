"""Loading templates: the dataclasses, defaults, and one clear error per broken rule."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.templates import (
    Band,
    Option,
    Template,
    TemplateError,
    load_template,
    load_templates,
    parse_template,
)

Data = dict[str, Any]


def _error(build: Callable[[Data], Template], data: Data) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        build(data)
    return caught.value


# ---------------------------------------------------------------------------- a valid template


def test_sample_loads_with_every_field(build: Callable[[Data], Template], sample: Any) -> None:
    template = build(sample())
    assert (template.format, template.id, template.version) == (1, "sample", 3)
    assert template.title == "Sample"
    assert template.kind == "assessment"  # the default
    assert template.description == "A template for tests."
    assert [page.title for page in template.pages] == ["Areas", "Items"]
    assert template.pages[0].intro == "Two areas."
    assert template.pages[1].intro is None
    assert template.source is None and template.builtin is False


def test_question_defaults(build: Callable[[Data], Template], sample: Any) -> None:
    template = build(sample())
    work, rest, why = template.pages[0].questions
    assert (work.min, work.max) == (0, 10)  # gap default range
    assert work.anchors == {0: "Bad", 10: "Good"}
    assert (rest.min, rest.max) == (1, 5)
    assert rest.area == "rest"  # a gap question's area defaults to its id
    assert work.required and rest.required
    assert why.required is False  # text is optional by default
    assert why.min is None and why.area is None
    q3 = template.question("q3")
    assert q3 is not None
    assert q3.options == (Option(0, "No"), Option(2, "Yes"))
    ok = template.question("ok")
    assert ok is not None and ok.required is False


def test_template_helpers(build: Callable[[Data], Template], sample: Any) -> None:
    template = build(sample())
    assert [q.id for q in template.questions] == [
        "work",
        "rest",
        "why",
        "q1",
        "q2",
        "q3",
        "ok",
        "who",
    ]
    assert template.question("nope") is None
    assert template.areas == ("work", "rest")
    total = template.scale("total")
    assert total is not None
    assert total.reverse == ("q2",)
    assert total.bands[0] == Band(2.0, "low", "Low.")
    assert total.meaningful_change == 2
    assert template.scale("gaps") is not None
    assert template.scale("missing") is None
    assert template.alerts[0].item == "q3"


def test_value_ranges(build: Callable[[Data], Template], sample: Any) -> None:
    template = build(sample())
    assert template.item_range("q1") == (0, 3)
    assert template.item_range("q3") == (0, 2)  # choice: lowest and highest option value
    assert template.item_range("ok") == (0, 1)
    assert template.item_range("rest.current") == (1, 5)
    assert template.item_range("rest.gap") == (-4, 4)
    assert template.item_range("rest") is None  # a gap question needs a part
    assert template.item_range("why") is None
    assert template.item_range("who") is None
    total, gaps = template.scales
    assert template.scale_range(total) == (0, 8)
    # mean of work.gap (-10..10) and rest.current (1..5), times 2
    assert template.scale_range(gaps) == (-9, 15)


def test_areas_are_distinct_and_ordered(build: Callable[[Data], Template], sample: Any) -> None:
    data = sample()
    data["pages"][0]["questions"][1]["area"] = "work"
    assert build(data).areas == ("work",)


def test_check_in_kind_and_inline_style_load() -> None:
    text = """
format = 1
id = "mini"
version = 1
title = "Mini"
kind = "check-in"
pages = [{ title = "P", questions = [{ id = "a", type = "yes_no", prompt = "A?" }] }]
"""
    template = parse_template(text, "mini.toml")
    assert template.kind == "check-in"
    assert template.questions[0].type == "yes_no"


# ---------------------------------------------------------------------------- error messages


def test_toml_syntax_error_names_file_and_line() -> None:
    text = 'format = 1\nid = "x"\ntitle "oops"\n'
    error = _raises(text, "life.toml")
    assert error.line == 3
    assert error.field is None
    assert str(error).startswith("life.toml, line 3: invalid TOML (Expected '=' after a key")
    assert "column" not in str(error)


def test_error_at_end_of_document_gets_the_last_line() -> None:
    error = _raises("format = 1\na = 1\na = 2\n", "dup.toml")
    assert error.line == 3
    assert "invalid TOML" in str(error)


def _raises(text: str, name: str = "mine.toml") -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        parse_template(text, name)
    return caught.value


def test_unknown_question_type_message(build: Callable[[Data], Template], sample: Any) -> None:
    data = sample()
    data["pages"][1]["questions"][0]["type"] = "slider"
    error = _error(build, data)
    assert error.file == "test.toml"
    assert error.field == "pages[1].questions[0].type"
    assert error.message == (
        'unknown question type "slider" (expected one of gap, scale, choice, multi, text, yes_no)'
    )
    assert str(error) == f"test.toml, line {error.line}: {error.field}: {error.message}"
    assert error.line is not None


def test_typo_suggests_the_key(build: Callable[[Data], Template], sample: Any) -> None:
    data = sample()
    question = data["pages"][0]["questions"][2]
    question["promt"] = question.pop("prompt")
    error = _error(build, data)
    assert error.field == "pages[0].questions[2].promt"
    assert error.message == "unknown key 'promt' — did you mean 'prompt'?"


def test_unknown_key_without_a_close_match_lists_the_keys(
    build: Callable[[Data], Template], sample: Any
) -> None:
    data = sample()
    data["colour"] = "blue"
    error = _error(build, data)
    assert error.field == "colour"
    assert "expected one of format, id, version" in error.message


def test_line_numbers_point_at_the_field(toml: Callable[[Data], str], sample: Any) -> None:
    data = sample()
    data["scales"][0]["bands"][2]["max"] = 7
    text = toml(data)
    error = _raises(text)
    assert error.field == "scales[0].bands[2].max"
    assert text.splitlines()[error.line - 1 if error.line else 0] == "max = 7"


def test_line_of_missing_key_is_its_table(toml: Callable[[Data], str], sample: Any) -> None:
    data = sample()
    del data["pages"][1]["questions"][1]["prompt"]
    text = toml(data)
    error = _raises(text)
    assert error.field == "pages[1].questions[1]"
    assert error.message == "missing key 'prompt'"
    assert error.line is not None
    assert text.splitlines()[error.line - 1] == "[[pages.questions]]"
    assert text.splitlines()[error.line] == 'id = "q2"'


def test_lines_ignore_headers_inside_multiline_strings() -> None:
    text = '''format = 1
id = "x"
version = 1
title = "X"
description = """
[[pages]]
"""

[[pages]]
title = "P"

[[pages.questions]]
id = "a"
type = "scale"
prompt = "A"
min = 3
max = 1
'''
    error = _raises(text)
    assert error.field == "pages[0].questions[0].min"
    assert error.line == 16


def test_missing_top_level_key_has_no_line(build: Callable[[Data], Template], sample: Any) -> None:
    data = sample()
    del data["title"]
    error = _error(build, data)
    assert error.field is None
    assert error.line is None
    assert str(error) == "test.toml: missing key 'title'"


Mutation = Callable[[Data], None]


def _set(path: str, value: Any) -> Mutation:
    """A mutation that sets a dotted path ("pages.0.questions.1.min") to value."""

    def mutate(data: Data) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node: Any = data
        for part in parents:
            node = node[part]
        node[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(data: Data) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node: Any = data
        for part in parents:
            node = node[part]
        del node[last]

    return mutate


Q = "pages.1.questions"  # the page with q1 (scale 0-3), q2, q3 (choice), ok, who (multi)

RULES: list[tuple[str, Mutation, str, str]] = [
    ("format", _set("format", 2), "format", "uses format 2, but this Groundwork reads format 1"),
    ("format 0", _set("format", 0), "format", "format must be 1"),
    ("no format", _delete("format"), "", "missing key 'format'"),
    ("id pattern", _set("id", "My Template"), "id", "not a valid id (use only lowercase"),
    ("id underscore", _set("id", "my_template"), "id", "not a valid id"),
    ("version", _set("version", 0), "version", "version must be 1 or more"),
    ("version text", _set("version", "1"), "version", 'expected a whole number, got the text "1"'),
    ("kind", _set("kind", "survey"), "kind", 'unknown kind "survey"'),
    ("title blank", _set("title", "  "), "title", "this text is empty"),
    ("no pages", _set("pages", []), "pages", "this template has no pages"),
    ("pages table", _set("pages", {"title": "x"}), "pages", "expected a list, got a table"),
    ("page not table", _set("pages.0", "x"), "pages[0]", 'expected a table, got the text "x"'),
    (
        "empty page",
        _set("pages.0.questions", []),
        "pages[0].questions",
        "this page has no questions",
    ),
    (
        "question id",
        _set(f"{Q}.0.id", "Q-1"),
        "pages[1].questions[0].id",
        "lowercase letters, digits and _",
    ),
    (
        "duplicate question",
        _set(f"{Q}.1.id", "work"),
        "pages[1].questions[1].id",
        'duplicate question id "work" (already used in pages[0].questions[0])',
    ),
    (
        "min > max",
        _set(f"{Q}.0.min", 5),
        "pages[1].questions[0].min",
        "min (5) is larger than max (3)",
    ),
    ("min == max", _set(f"{Q}.0.min", 3), "pages[1].questions[0].max", "min and max are both 3"),
    (
        "scale without min",
        _delete(f"{Q}.0.min"),
        "pages[1].questions[0]",
        "missing key 'min' (a scale question needs both)",
    ),
    (
        "bool is not int",
        _set(f"{Q}.0.max", True),
        "pages[1].questions[0].max",
        "expected a whole number, got true",
    ),
    (
        "float is not int",
        _set(f"{Q}.0.max", 3.0),
        "pages[1].questions[0].max",
        "expected a whole number, got the number 3.0",
    ),
    ("huge", _set(f"{Q}.0.max", 10**12), "pages[1].questions[0].max", "too large"),
    (
        "anchor key",
        _set(f"{Q}.0.anchors", {"low": "x"}),
        "pages[1].questions[0].anchors.low",
        'anchor "low" is not a whole number',
    ),
    (
        "anchor range",
        _set(f"{Q}.0.anchors", {"4": "x"}),
        "pages[1].questions[0].anchors.4",
        "anchor 4 is outside this question's range 0 to 3",
    ),
    (
        "anchor twice",
        _set(f"{Q}.0.anchors", {"1": "x", "01": "y"}),
        "pages[1].questions[0].anchors.01",
        "anchor 1 is given twice",
    ),
    (
        "anchor label",
        _set(f"{Q}.0.anchors", {"1": 1}),
        "pages[1].questions[0].anchors.1",
        "expected text",
    ),
    (
        "anchors not table",
        _set(f"{Q}.0.anchors", ["x"]),
        "pages[1].questions[0].anchors",
        "expected a table, got a list",
    ),
    (
        "min on choice",
        _set(f"{Q}.2.min", 0),
        "pages[1].questions[2].min",
        "'min' does not apply to a choice question, only to scale and gap",
    ),
    (
        "options on scale",
        _set(f"{Q}.0.options", []),
        "pages[1].questions[0].options",
        "'options' does not apply to a scale question",
    ),
    (
        "choice without options",
        _delete(f"{Q}.2.options"),
        "pages[1].questions[2]",
        "a choice question needs options",
    ),
    (
        "multi with empty options",
        _set(f"{Q}.4.options", []),
        "pages[1].questions[4].options",
        "a multi question needs options",
    ),
    (
        "duplicate option",
        _set(f"{Q}.4.options.1.value", 1),
        "pages[1].questions[4].options[1].value",
        'option value 1 is already used by "A"',
    ),
    (
        "option label",
        _delete(f"{Q}.4.options.1.label"),
        "pages[1].questions[4].options[1]",
        "missing key 'label'",
    ),
    (
        "required type",
        _set(f"{Q}.0.required", "yes"),
        "pages[1].questions[0].required",
        "expected true or false",
    ),
    ("no prompt", _delete(f"{Q}.0.prompt"), "pages[1].questions[0]", "missing key 'prompt'"),
    ("scale id", _set("scales.0.id", "To tal"), "scales[0].id", "not a valid id"),
    ("duplicate scale", _set("scales.1.id", "total"), "scales[1].id", 'duplicate scale id "total"'),
    (
        "method",
        _set("scales.0.method", "median"),
        "scales[0].method",
        'unknown method "median" (expected one of sum, mean)',
    ),
    ("no method", _delete("scales.0.method"), "scales[0]", "missing key 'method'"),
    ("no items", _set("scales.0.items", []), "scales[0].items", "a scale needs at least one item"),
    (
        "unknown item",
        _set("scales.0.items", ["q1", "q22"]),
        "scales[0].items[1]",
        'no question has the id "q22" — did you mean "q2"?',
    ),
    ("item twice", _set("scales.0.items", ["q1", "q1"]), "scales[0].items[1]", "listed twice"),
    (
        "text item",
        _set("scales.0.items", ["q1", "why"]),
        "scales[0].items[1]",
        '"why" is a text question, which has no score',
    ),
    (
        "multi item",
        _set("scales.0.items", ["q1", "who"]),
        "scales[0].items[1]",
        '"who" is a multi question, which has no score',
    ),
    (
        "gap without part",
        _set("scales.1.items", ["work"]),
        "scales[1].items[0]",
        '"work" is a gap question, so name one of its parts: '
        '"work.current", "work.ideal", "work.gap"',
    ),
    (
        "gap bad part",
        _set("scales.1.items", ["work.now"]),
        "scales[1].items[0]",
        "so name one of its parts",
    ),
    (
        "part on scale",
        _set("scales.0.items", ["q1.current"]),
        "scales[0].items[0]",
        'only gap questions have parts, write "q1"',
    ),
    (
        "reverse not item",
        _set("scales.0.reverse", ["q1", "ok"]),
        "scales[0].reverse[1]",
        "is reversed but is not one of this scale's items",
    ),
    (
        "reverse gap",
        _set("scales.1.reverse", ["work.gap"]),
        "scales[1].reverse[0]",
        "cannot be reversed (only scale and choice questions)",
    ),
    (
        "multiply",
        _set("scales.0.multiply", 0),
        "scales[0].multiply",
        "multiply must be more than 0",
    ),
    ("multiply nan", _set("scales.0.multiply", float("nan")), "scales[0].multiply", "not usable"),
    (
        "meaningful change",
        _set("scales.0.meaningful_change", -1),
        "scales[0].meaningful_change",
        "meaningful_change must be more than 0",
    ),
    (
        "bands not ascending",
        _set("scales.0.bands.1.max", 2),
        "scales[0].bands[1].max",
        "bands must go up: max 2 is not above the one before (2)",
    ),
    (
        "bands short",
        _set("scales.0.bands.2.max", 7.5),
        "scales[0].bands[2].max",
        "the last band ends at 7.5, but this scale can reach 8",
    ),
    (
        "band below range",
        _set("scales.0.bands.0.max", -1),
        "scales[0].bands[0].max",
        "the first band ends at -1, below the lowest possible score (0)",
    ),
    ("band label", _delete("scales.0.bands.1.label"), "scales[0].bands[1]", "missing key 'label'"),
    (
        "band max text",
        _set("scales.0.bands.1.max", "5"),
        "scales[0].bands[1].max",
        "expected a number",
    ),
    ("alert item", _set("alerts.0.item", "q9"), "alerts[0].item", 'no question has the id "q9"'),
    ("alert text item", _set("alerts.0.item", "why"), "alerts[0].item", "which has no score"),
    (
        "alert unreachable",
        _set("alerts.0.at_least", 3),
        "alerts[0].at_least",
        "so this alert could never show",
    ),
    (
        "alert always",
        _set("alerts.0.at_least", 0),
        "alerts[0].at_least",
        "so this alert would show every time",
    ),
    ("alert message", _set("alerts.0.message", ""), "alerts[0].message", "this text is empty"),
    ("alerts not list", _set("alerts", "x"), "alerts", "expected a list"),
    (
        "exclusive on choice",
        _set(f"{Q}.2.options.0.exclusive", True),
        "pages[1].questions[2].options[0].exclusive",
        "'exclusive' applies only to options of a multi question",
    ),
    (
        "exclusive text",
        _set(f"{Q}.4.options.0.exclusive", "yes"),
        "pages[1].questions[4].options[0].exclusive",
        "expected true or false",
    ),
    ("past prompt number", _set(f"{Q}.0.past_prompt", 3), "pages[1].questions[0].past_prompt",
     "expected text"),
]


@pytest.mark.parametrize(
    ("mutate", "field", "message"), [r[1:] for r in RULES], ids=[r[0] for r in RULES]
)
def test_each_rule_has_its_own_error(
    build: Callable[[Data], Template], sample: Any, mutate: Mutation, field: str, message: str
) -> None:
    data = sample()
    mutate(data)
    error = _error(build, data)
    assert (error.field or "") == field
    assert message in error.message
    assert str(error).startswith("test.toml")
    assert "\n" not in str(error)


def test_a_datetime_value_is_named_plainly() -> None:
    error = _raises('format = 1\nid = "x"\nversion = 1979-05-27\n')
    assert error.message == "expected a whole number, got a date"


# ---------------------------------------------------------------------------- files and folders


def _write(folder: Path, name: str, data: Data, toml: Callable[[Data], str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(toml(data), encoding="utf-8")
    return path


def test_load_template_records_source(tmp_path: Path, toml: Any, sample: Any) -> None:
    path = _write(tmp_path, "mine.toml", sample(), toml)
    template = load_template(path, builtin=True)
    assert template.source == path and template.builtin is True


def test_byte_order_mark_is_accepted(tmp_path: Path, toml: Any, sample: Any) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + toml(sample()).encode())
    assert load_template(path).id == "sample"


def test_non_utf8_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('title = "caf\xe9"'.encode("latin-1"))
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert (
        str(caught.value)
        == "latin.toml: the file is not UTF-8 text (save it as UTF-8 in your editor)"
    )
    assert caught.value.path == path


def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="could not read the file"):
        load_template(tmp_path / "missing.toml")


def test_load_templates(tmp_path: Path, toml: Any, sample: Any) -> None:
    shipped, mine = tmp_path / "shipped", tmp_path / "mine"
    first = sample()
    first.update(id="zeta", title="Zeta")
    _write(shipped, "zeta.toml", first, toml)
    second = sample()
    second.update(id="alpha", title="alpha")
    _write(shipped, "alpha.toml", second, toml)
    clash = sample()
    clash.update(id="zeta", title="My zeta")
    _write(mine, "a-clash.toml", clash, toml)
    own = sample()
    own.update(id="own", title="Mine")
    _write(mine, "own.toml", own, toml)
    twin = sample()
    twin.update(id="own", title="Twin")
    _write(mine, "twin.toml", twin, toml)
    (mine / "broken.toml").write_text("format = ", encoding="utf-8")
    (mine / "notes.txt").write_text("not a template", encoding="utf-8")
    (mine / ".#own.toml").write_text("editor lock file", encoding="utf-8")
    (mine / "folder.toml").mkdir()

    # User folder first on purpose: shipped templates still win.
    result = load_templates([(mine, False), (shipped, True), (tmp_path / "absent", False)])

    assert [t.id for t in result.templates] == ["alpha", "own", "zeta"]  # by title, any case
    assert result.get("zeta") is not None and result.get("zeta").builtin  # type: ignore[union-attr]
    assert result.get("own").source == mine / "own.toml"  # type: ignore[union-attr]
    assert result.get("nope") is None
    messages = {error.file: str(error) for error in result.broken}
    assert set(messages) == {"a-clash.toml", "twin.toml", "broken.toml"}
    assert messages["a-clash.toml"] == (
        'a-clash.toml: id: the id "zeta" is already used by a template shipped with Groundwork; '
        "give this template a different id to use it"
    )
    assert "already used by own.toml" in messages["twin.toml"]
    assert messages["broken.toml"].startswith("broken.toml, line 1: invalid TOML")


def test_missing_folders_give_an_empty_set(tmp_path: Path) -> None:
    result = load_templates([(tmp_path / "nothing", True)])
    assert result.templates == () and result.broken == ()


def test_template_error_attributes() -> None:
    error = TemplateError("a.toml", "something is wrong", line=4, field="pages[0].title")
    assert (error.file, error.line, error.field) == ("a.toml", 4, "pages[0].title")
    assert str(error) == "a.toml, line 4: pages[0].title: something is wrong"
    assert str(TemplateError("a.toml", "broken")) == "a.toml: broken"


def test_templates_are_hashable_and_errors_pickle(
    build: Callable[[Data], Template], sample: Any
) -> None:
    template = build(sample())
    assert {template: 1}[template] == 1
    error = TemplateError("a.toml", "broken", 3, "title")
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) == "a.toml, line 3: title: broken"


def test_exclusive_options_and_past_wording(build: Callable[[Data], Template], sample: Any) -> None:
    from desktop_app.domain.answers import check_answer

    data = sample()
    data["pages"][1]["questions"][4]["options"][0]["exclusive"] = True
    data["pages"][1]["questions"][0]["past_prompt"] = "One, then"
    data["pages"][1]["intro"] = "Now"
    data["pages"][1]["past_intro"] = "Then"
    template = build(data)
    who = template.question("who")
    assert who is not None
    assert [o.exclusive for o in who.options] == [True, False]
    assert check_answer(who, [1, 2]) == "“A” cannot be chosen together with other options."
    assert check_answer(who, [1]) is None
    assert check_answer(who, [2]) is None
    q1 = template.question("q1")
    assert q1 is not None
    assert (q1.prompt_for(past=True), q1.prompt_for(past=False)) == ("One, then", "One")
    q2 = template.question("q2")
    assert q2 is not None and q2.prompt_for(past=True) == "Two"  # no past wording: unchanged
    page = template.pages[1]
    assert (page.intro_for(past=True), page.intro_for(past=False)) == ("Then", "Now")
