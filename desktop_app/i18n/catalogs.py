"""Finding the catalogs, choosing the language and loading it.

The language is the one chosen under Settings ▸ Language (``language.json`` in this
computer's config folder), else the system's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
``LANG``, in gettext's order), else English, the language the code is written in.
"""

from __future__ import annotations

import gettext
import io
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from desktop_app.i18n import DOMAIN, install
from desktop_app.paths import resources_dir

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
# The pseudo-locale (tests and translators' checks): made from the .pot, never shipped.
PSEUDO = "en_XA"
SETTING_FILE = "language.json"
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def locale_dir() -> Path:
    return resources_dir() / "locale"


def catalog_languages(folder: Path | None = None) -> list[str]:
    """Codes of the languages with a catalog, plus English; sorted."""
    root = folder or locale_dir()
    found = {SOURCE_LANGUAGE}
    if root.is_dir():
        for entry in root.iterdir():
            messages = entry / "LC_MESSAGES"
            if any((messages / f"{DOMAIN}{ext}").is_file() for ext in (".mo", ".po")):
                found.add(entry.name)
    return sorted(found)


def system_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The languages the system asks for, most wanted first ("de_DE.UTF-8" → "de_DE", "de")."""
    env = os.environ if environ is None else environ
    wanted: list[str] = []
    for name in ENVIRONMENT:
        value = env.get(name, "")
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("@")[0].replace("-", "_")
            if code in ("", "C", "POSIX"):
                code = SOURCE_LANGUAGE
            for candidate in (code, code.split("_")[0]):
                if candidate not in wanted:
                    wanted.append(candidate)
        break  # like gettext: the first variable that is set decides
    return wanted


def pick(wanted: list[str], available: list[str]) -> str:
    """The first wanted language with a catalog ("de_AT" is served by "de"); else English."""
    for code in wanted:
        if code == PSEUDO:
            return PSEUDO
        if code in available:
            return code
    return SOURCE_LANGUAGE


def chosen_language(config_dir: Path | None) -> str | None:
    """The language chosen under Settings ▸ Language, or None to follow the system."""
    if config_dir is None:
        return None
    try:
        raw = json.loads((config_dir / SETTING_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # none chosen, or a damaged file: follow the system
    code = raw.get("language") if isinstance(raw, dict) else None
    return code if isinstance(code, str) and code else None


def save_choice(config_dir: Path, code: str | None) -> None:
    """Remember ``code`` for this computer (None: follow the system)."""
    # Not storage's atomic writer: storage phrases its messages with this package.
    config_dir.mkdir(parents=True, exist_ok=True)
    target = config_dir / SETTING_FILE
    partial = target.with_name(f".{SETTING_FILE}.new")
    partial.write_text(json.dumps({"language": code or ""}), encoding="utf-8")
    os.replace(partial, target)


def resolve(config_dir: Path | None, environ: Mapping[str, str] | None = None) -> str:
    available = catalog_languages()
    chosen = chosen_language(config_dir)
    if chosen is not None and (chosen in available or chosen == PSEUDO):
        return chosen
    return pick(system_languages(environ), available)


def load(code: str, folder: Path | None = None) -> gettext.NullTranslations:
    """The catalog of ``code``: its compiled .mo, else its .po compiled here (a checkout)."""
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    root = folder or locale_dir()
    if code == PSEUDO:
        from desktop_app.i18n.pseudo import pseudo_translations

        return pseudo_translations(root / f"{DOMAIN}.pot")
    messages = root / code / "LC_MESSAGES"
    mo, po = messages / f"{DOMAIN}.mo", messages / f"{DOMAIN}.po"
    try:
        if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
        if po.is_file():
            return gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    except (OSError, ValueError) as error:  # a damaged catalog: English rather than no app
        log.warning("could not read the %s catalog: %s", code, error)
    return gettext.NullTranslations()


def compile_po(po: Path) -> bytes:
    """The .mo bytes of a .po file (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def setup(config_dir: Path | None, environ: Mapping[str, str] | None = None) -> str:
    """Choose the language and install its catalog; returns its code."""
    code = resolve(config_dir, environ)
    install(load(code), code)
    return code
