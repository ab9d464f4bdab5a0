"""Template translations: sibling files (name.de.toml) give the texts, the original the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.domain.answers import Answer, GapAnswer
from desktop_app.domain.scoring import score_all, triggered_alerts
from desktop_app.domain.templates import Template, TemplateSet, load_template, load_templates

SHIPPED_IDS = ("check-in", "grounding", "life-areas", "three-responsibilities")

ORIGINAL = """\
format = 1
id = "mood"
version = 2
title = "Mood"
description = "How the week went."

[[pages]]
title = "Feelings"
intro = "Think of the last week."

[[pages.questions]]
id = "calm"
type = "scale"
prompt = "How calm was I?"
help = "A guess is fine."
min = 0
max = 4
anchors = { "0" = "Not at all", "4" = "Very" }

[[pages.questions]]
id = "who"
type = "choice"
prompt = "Who helped?"
options = [{ value = 0, label = "Nobody" }, { value = 3, label = "A friend" }]

[[scales]]
id = "calm_score"
title = "Calm"
method = "sum"
items = ["calm"]

[[scales.bands]]
max = 2
label = "Low"

[[scales.bands]]
max = 4
label = "High"

[[alerts]]
item = "calm"
at_least = 4
message = "Very calm indeed."
"""

GERMAN = """\
title = "Stimmung"
description = "Wie die Woche war."

[[pages]]
title = "Gefühle"
intro = "Denk an die letzte Woche."

[[pages.questions]]
id = "calm"
prompt = "Wie ruhig war ich?"
help = "Eine Schätzung genügt."
anchors = { "0" = "Gar nicht", "4" = "Sehr" }

[[pages.questions]]
id = "who"
prompt = "Wer hat geholfen?"
options = [{ value = 0, label = "Niemand" }, { value = 3, label = "Eine Freundin" }]

[[scales]]
id = "calm_score"
title = "Ruhe"

[[scales.bands]]
label = "Wenig"

[[scales.bands]]
label = "Viel"

[[alerts]]
item = "calm"
message = "Sehr ruhig."
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "mood.toml").write_text(ORIGINAL, encoding="utf-8")
    return tmp_path


def load(folder: Path, language: str) -> TemplateSet:
    return load_templates([(folder, False)], language)


def texts(template: Template) -> list[str]:
    """Every visible text of a template, in order."""
    found = [template.title, template.description or ""]
    for page in template.pages:
        found += [page.title, page.intro or "", page.past_intro or ""]
        for q in page.questions:
            found += [q.prompt, q.help or "", q.past_prompt or "", q.past_help or ""]
            found += [*q.anchors.values(), *(option.label for option in q.options)]
    for scale in template.scales:
        found += [scale.title, scale.description or ""]
        found += [text for band in scale.bands for text in (band.label, band.meaning or "")]
    return found + [alert.message for alert in template.alerts]


def shape(template: Template) -> object:
    """Everything of a template except its texts: what is stored and scored."""
    questions = [
        (q.id, q.type, q.area, q.min, q.max, tuple(q.anchors), q.required,
         tuple((o.value, o.exclusive) for o in q.options))
        for q in template.questions
    ]
    scales = [
        (s.id, s.method, s.items, s.reverse, s.multiply, s.meaningful_change,
         tuple(band.max for band in s.bands))
        for s in template.scales
    ]
    alerts = [(a.item, a.at_least) for a in template.alerts]
    pages = [len(page.questions) for page in template.pages]
    return (template.id, template.version, template.kind, pages, questions, scales, alerts)


# ---------------------------------------------------------------------------- reading


def test_german_texts_replace_the_english_ones_and_nothing_else(folder: Path) -> None:
    (folder / "mood.de.toml").write_text(GERMAN, encoding="utf-8")
    english, german = load(folder, "en"), load(folder, "de")
    assert english.broken == () and german.broken == ()
    [en], [de] = english.templates, german.templates
    assert en.translation is None and de.translation == "de"
    assert de.title == "Stimmung" and de.pages[0].title == "Gefühle"
    calm, who = de.questions
    assert (calm.prompt, calm.help) == ("Wie ruhig war ich?", "Eine Schätzung genügt.")
    assert calm.anchors == {0: "Gar nicht", 4: "Sehr"}
    assert [(o.value, o.label) for o in who.options] == [(0, "Niemand"), (3, "Eine Freundin")]
    assert [b.label for b in de.scales[0].bands] == ["Wenig", "Viel"]
    assert de.alerts[0].message == "Sehr ruhig."
    assert de.source == en.source == folder / "mood.toml"
    assert shape(de) == shape(en)
    # Results store the original's texts (band labels, title, alerts), whatever is shown.
    assert de.untranslated is not None and de.untranslated.title == "Mood"
    assert score_all(de.untranslated, {"calm": 3}) == score_all(en, {"calm": 3})
    assert score_all(de, {"calm": 3})["calm_score"].value == 3
    assert de.shown_band("calm_score", "High") == de.scales[0].bands[1]
    assert de.shown_band("calm_score", "Viel") == de.scales[0].bands[1]
    assert de.shown_band("calm_score", "Gone") is None
    assert de.shown_alert("Very calm indeed.") == "Sehr ruhig."
    assert de.shown_alert("An old message.") == "An old message."
    assert en.untranslated is en and en.shown_band("calm_score", "High") == en.scales[0].bands[1]
    assert en.title == "Mood" and en.questions[0].anchors == {0: "Not at all", 4: "Very"}


def test_a_regional_language_falls_back_to_its_base_and_others_to_the_original(
    folder: Path,
) -> None:
    (folder / "mood.de.toml").write_text(GERMAN, encoding="utf-8")
    assert load(folder, "de_AT").templates[0].title == "Stimmung"
    assert load(folder, "de-CH").templates[0].translation == "de"
    assert load(folder, "fr").templates[0].title == "Mood"
    (folder / "mood.de_AT.toml").write_text(GERMAN.replace("Stimmung", "Gemüt"), "utf-8")
    assert load(folder, "de_AT").templates[0].title == "Gemüt"
    assert load(folder, "de").templates[0].title == "Stimmung"


def test_the_language_defaults_to_the_apps(folder: Path) -> None:
    import gettext

    from desktop_app import i18n

    (folder / "mood.de.toml").write_text(GERMAN, encoding="utf-8")
    assert load_template(folder / "mood.toml").title == "Mood"
    before = (i18n.active(), i18n.language())
    i18n.install(gettext.NullTranslations(), "de")
    try:
        assert load_template(folder / "mood.toml").title == "Stimmung"
        assert load_templates([(folder, False)]).templates[0].title == "Stimmung"
    finally:
        i18n.install(*before)


def test_a_missing_text_is_shown_in_the_original_and_named(folder: Path) -> None:
    partial = GERMAN.replace('help = "Eine Schätzung genügt."\n', "").replace(
        'message = "Sehr ruhig."\n', ""
    )
    (folder / "mood.de.toml").write_text(partial, encoding="utf-8")
    result = load(folder, "de")
    [template] = result.templates
    calm = template.questions[0]
    assert calm.prompt == "Wie ruhig war ich?" and calm.help == "A guess is fine."
    assert template.alerts[0].message == "Very calm indeed."
    [error] = result.broken
    assert error.file == "mood.de.toml" and error.field == "pages[0].questions[0].help"
    assert "missing translation" in error.message and "1 more text is missing" in error.message
    # Checked whatever language is shown: the therapist writing it may run Groundwork in English.
    assert [e.file for e in load(folder, "en").broken] == ["mood.de.toml"]


def test_a_translation_without_a_whole_list_falls_back_to_its_texts(folder: Path) -> None:
    without_alerts = GERMAN[: GERMAN.index("[[alerts]]")]
    (folder / "mood.de.toml").write_text(without_alerts, encoding="utf-8")
    result = load(folder, "de")
    assert result.templates[0].title == "Stimmung"
    assert result.templates[0].alerts[0].message == "Very calm indeed."
    assert [(e.field, e.message) for e in result.broken] == [
        ("alerts", "missing translation of alerts (the original texts are shown instead)")
    ]


def test_shipped_templates_are_complete_in_german_and_score_the_same(repo: Path) -> None:
    folder = repo / "resources" / "assessments"
    for template_id in SHIPPED_IDS:
        assert (folder / f"{template_id}.de.toml").is_file(), template_id
    english, german = load_templates([(folder, True)], "en"), load_templates([(folder, True)], "de")
    assert german.broken == () and english.broken == ()
    for en in english.templates:
        de = german.get(en.id)
        assert de is not None and de.translation == "de" and de.builtin
        assert shape(de) == shape(en), en.id
        pairs = [(e, d) for e, d in zip(texts(en), texts(de), strict=True) if e]
        assert all(d for _e, d in pairs), en.id
        # Every sentence is German; only a few words are the same in both languages.
        same = {e for e, d in pairs if e == d}
        assert same <= {"Check-in"}, (en.id, same)
        answers: dict[str, Answer | None] = {}
        for q in en.questions:
            if q.type == "gap":
                answers[q.id] = GapAnswer(3, 8)
            elif q.type == "scale" and q.max is not None:
                answers[q.id] = q.max
            elif q.type == "choice":
                answers[q.id] = max(o.value for o in q.options)
        assert score_all(de.untranslated, answers) == score_all(en, answers)
        assert {k: v.value for k, v in score_all(de, answers).items()} == {
            k: v.value for k, v in score_all(en, answers).items()
        }
        assert len(triggered_alerts(de, answers)) == len(triggered_alerts(en, answers))


def test_the_german_crisis_messages_keep_their_meaning(repo: Path) -> None:
    german = load_templates([(repo / "resources" / "assessments", True)], "de")
    for template_id in ("check-in", "grounding"):
        template = german.get(template_id)
        assert template is not None
        [alert] = template.alerts
        for words in ("Notruf", "Krisentelefon", "vertraust", "kein Krisendienst"):
            assert words in alert.message, (template_id, words)


# ---------------------------------------------------------------------------- the checks


def broken_translation(folder: Path, text: str) -> tuple[Template, str]:
    """Load with a translation expected to be refused: the template stays in English."""
    (folder / "mood.de.toml").write_text(text, encoding="utf-8")
    result = load(folder, "de")
    [template] = result.templates
    assert template.title == "Mood" and template.translation is None
    [error] = result.broken
    assert error.file == "mood.de.toml" and error.path == folder / "mood.de.toml"
    assert error.message.endswith("this translation is not used until it is fixed")
    return template, str(error)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('title = "Stimmung"', 'titel = "Stimmung"'),
            "mood.de.toml, line 1: titel: unknown key 'titel' (a translation holds only: "
            "title, description, pages, scales, alerts)",
        ),
        (
            ('prompt = "Wie ruhig war ich?"', 'prompt = "Wie ruhig war ich?"\nmax = 5'),
            "pages[0].questions[0].max: 'max' is not a text, so it is not translated: "
            "it stays in mood.toml",
        ),
        (
            ('id = "calm"\n', 'id = "who"\n'),
            'pages[0].questions[0].id: id "who" does not match the original\'s "calm"',
        ),
        (
            ('id = "calm"\n', ""),
            "pages[0].questions[0]: missing key 'id' (write \"calm\" here, as in the original)",
        ),
        (
            ("{ value = 3, label", "{ value = 2, label"),
            "pages[0].questions[1].options[1].value: value 2 does not match the original's 3",
        ),
        (
            ('"4" = "Sehr"', '"3" = "Sehr"'),
            "pages[0].questions[0].anchors.3: \"3\" is not one of the original's anchors "
            '("0", "4")',
        ),
        (
            ('prompt = "Wer hat geholfen?"', 'prompt = "Wer hat geholfen?"\nhelp = "Ehrlich."'),
            "pages[0].questions[1].help: 'help' is not in mood.toml at this place, so there is "
            "nothing to translate",
        ),
        (
            ('label = "Viel"\n', 'label = "Viel"\n\n[[scales.bands]]\nlabel = "Mehr"\n'),
            "scales[0].bands: mood.toml has 2 entries in bands, this translation has 3",
        ),
        (
            ('title = "Ruhe"', 'title = ""'),
            "scales[0].title: this text is empty",
        ),
        (
            ('message = "Sehr ruhig."', "message = 4"),
            "alerts[0].message: expected text, got the number 4",
        ),
    ],
)
def test_a_translation_that_does_not_line_up_is_refused_with_file_and_key(
    folder: Path, change: tuple[str, str], expected: str
) -> None:
    assert change[0] in GERMAN
    _template, message = broken_translation(folder, GERMAN.replace(*change, 1))
    assert expected in message


def test_the_error_names_the_line_in_the_translation(folder: Path) -> None:
    text = GERMAN.replace('id = "who"', 'id = "wer"')
    _template, message = broken_translation(folder, text)
    line = text.splitlines().index('id = "wer"') + 1
    assert message.startswith(f"mood.de.toml, line {line}: pages[0].questions[1].id: ")


def test_invalid_toml_in_a_translation_names_the_file_and_line(folder: Path) -> None:
    (folder / "mood.de.toml").write_text('title = "Stimmung\n', encoding="utf-8")
    result = load(folder, "de")
    assert result.templates[0].title == "Mood"
    [error] = result.broken
    assert (error.file, error.line) == ("mood.de.toml", 1)
    assert error.message.startswith("invalid TOML")


def test_a_translation_without_its_original_is_named(folder: Path) -> None:
    (folder / "worry.de.toml").write_text(GERMAN, encoding="utf-8")
    result = load(folder, "de")
    assert [t.id for t in result.templates] == ["mood"]
    [error] = result.broken
    assert str(error) == (
        "worry.de.toml: this looks like a translation (de) of worry.toml, but there is no "
        "worry.toml in this folder"
    )


def test_a_broken_original_takes_its_translations_with_it(folder: Path) -> None:
    (folder / "mood.de.toml").write_text(GERMAN, encoding="utf-8")
    (folder / "mood.toml").write_text(ORIGINAL.replace('type = "scale"', 'type = "slider"'))
    result = load(folder, "de")
    assert result.templates == ()
    assert [e.file for e in result.broken] == ["mood.toml"]


def test_a_file_name_with_a_dot_that_is_no_language_is_a_template(folder: Path) -> None:
    (folder / "mood.v2.toml").write_text(ORIGINAL.replace('id = "mood"', 'id = "mood-two"'))
    result = load(folder, "en")
    assert result.broken == ()
    assert sorted(t.id for t in result.templates) == ["mood", "mood-two"]
