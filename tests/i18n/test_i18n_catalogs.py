"""Choosing the language (setting, then the system's variables) and loading its catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app import i18n
from desktop_app.i18n import _, catalogs
from desktop_app.i18n.pseudo import is_pseudo, pseudo, pseudo_translations


@pytest.mark.parametrize(
    ("environ", "wanted"),
    [
        ({"LANGUAGE": "de_AT:fr", "LANG": "ja_JP.UTF-8"}, ["de_AT", "de", "fr"]),
        ({"LC_ALL": "de_DE.UTF-8@euro", "LANG": "fr_FR"}, ["de_DE", "de"]),
        ({"LC_MESSAGES": "de_CH", "LANG": "fr_FR"}, ["de_CH", "de"]),
        ({"LANG": "de-DE"}, ["de_DE", "de"]),
        ({"LANGUAGE": "", "LANG": "C.UTF-8"}, ["en"]),
        ({}, []),
    ],
)
def test_the_system_languages_follow_gettexts_order(
    environ: dict[str, str], wanted: list[str]
) -> None:
    assert catalogs.system_languages(environ) == wanted


def test_the_first_language_with_a_catalog_wins_else_english() -> None:
    assert catalogs.pick(["fr", "de_AT", "de"], ["de", "en"]) == "de"
    assert catalogs.pick(["fr", "it"], ["de", "en"]) == "en"
    assert catalogs.pick([], ["de", "en"]) == "en"


def test_german_has_a_catalog_and_english_needs_none() -> None:
    assert {"de", "en"} <= set(catalogs.catalog_languages())


def test_the_system_language_is_used_when_none_is_chosen(computer: Path) -> None:
    config = computer / "config"
    assert catalogs.setup(config, {"LANG": "de_DE.UTF-8"}) == "de"
    assert i18n.language() == "de"
    assert _("yesterday") == "gestern"


def test_a_language_chosen_in_settings_wins_over_the_system(computer: Path) -> None:
    config = computer / "config"
    catalogs.save_choice(config, "en")
    assert catalogs.setup(config, {"LANG": "de_DE.UTF-8"}) == "en"
    assert _("yesterday") == "yesterday"
    catalogs.save_choice(config, None)  # "As the system"
    assert json.loads((config / catalogs.SETTING_FILE).read_text()) == {"language": ""}
    assert catalogs.setup(config, {"LANG": "de_DE.UTF-8"}) == "de"


def test_a_damaged_or_unknown_choice_follows_the_system(computer: Path) -> None:
    config = computer / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / catalogs.SETTING_FILE).write_text("{not json")
    assert catalogs.resolve(config, {"LANG": "de_DE"}) == "de"
    catalogs.save_choice(config, "xx")
    assert catalogs.resolve(config, {"LANG": "de_DE"}) == "de"


def test_the_compiled_catalog_is_read_when_it_is_fresh(tmp_path: Path) -> None:
    messages = tmp_path / "de" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    po = messages / "groundwork.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Save"\nmsgstr "Speichern"\n\n'
        'msgid "{n} day"\nmsgid_plural "{n} days"\nmsgstr[0] "{n} Tag"\nmsgstr[1] "{n} Tage"\n'
        '\nmsgctxt "chart axis"\nmsgid "Now"\nmsgstr "Jetzt"\n',
        encoding="utf-8",
    )
    from_po = catalogs.load("de", tmp_path)  # no .mo yet: the .po compiled in memory
    assert from_po.gettext("Save") == "Speichern"
    (messages / "groundwork.mo").write_bytes(catalogs.compile_po(po))
    from_mo = catalogs.load("de", tmp_path)
    assert from_mo.ngettext("{n} day", "{n} days", 1) == "{n} Tag"
    assert from_mo.ngettext("{n} day", "{n} days", 5) == "{n} Tage"
    i18n.install(from_mo, "de")
    assert i18n.pgettext("chart axis", "Now") == "Jetzt"
    assert i18n.npgettext("x", "{n} day", "{n} days", 2) == "{n} days"  # other context
    assert i18n.N_("Save") == "Save"
    assert _("Not in the catalog") == "Not in the catalog"


def test_a_damaged_catalog_leaves_english(tmp_path: Path) -> None:
    messages = tmp_path / "de" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "groundwork.mo").write_bytes(b"not a catalog")
    assert catalogs.load("de", tmp_path).gettext("Save") == "Save"


def test_the_pseudo_locale_wraps_only_catalog_messages(tmp_path: Path) -> None:
    pot = tmp_path / "groundwork.pot"
    pot.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Saved {name}"\nmsgstr ""\n\n'
        'msgid "&Save"\nmsgstr ""\n\nmsgctxt "axis"\nmsgid "Now"\nmsgstr ""\n',
        encoding="utf-8",
    )
    fake = pseudo_translations(pot)
    shown = fake.gettext("Saved {name}")
    assert shown.startswith("[Šåṽéđ {name} ") and shown.endswith("]")
    assert shown.format(name="Ann").count("Ann") == 1
    assert fake.gettext("&Save").startswith("[&Šåṽé")
    assert is_pseudo(fake.pgettext("axis", "Now"))
    assert fake.gettext("Not marked") == "Not marked"
    assert not is_pseudo("Not marked")
    assert len(pseudo("A long enough sentence")) > len("A long enough sentence") * 1.3


@pytest.mark.slow
def test_the_wheel_carries_the_compiled_catalogs(tmp_path: Path) -> None:
    """hatch_build.py compiles every .po into the wheel (the .mo are not in git)."""
    import subprocess
    import sys
    import zipfile

    pytest.importorskip("hatchling")
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=root, check=True, capture_output=True, timeout=300,
    )
    names = zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist()
    for language in catalogs.catalog_languages():
        if language != "en":
            assert f"desktop_app/resources/locale/{language}/LC_MESSAGES/groundwork.mo" in names
