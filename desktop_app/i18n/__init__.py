"""The translation catalog every layer uses: ``_``, ``ngettext``, ``pgettext`` and ``N_``.

Qt-free, so domain and services can phrase messages too. Translate at display time, never at
import time: a module-level constant is marked with ``N_`` and passed through ``_`` where shown,
so a language chosen after import still applies. Messages with variables use named
placeholders, filled by the caller: ``_("Saved {name}").format(name=name)``.
"""

from __future__ import annotations

import gettext as _gettext

DOMAIN = "groundwork"

_active: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def install(translations: _gettext.NullTranslations, language: str = "en") -> None:
    """Make ``translations`` (for ``language``, e.g. "de") the catalog every later ``_()`` reads."""
    global _active, _language
    _active = translations
    _language = language


def language() -> str:
    """The active language's code: "en", "de", ... (templates and Help pick their texts by it)."""
    return _language


def active() -> _gettext.NullTranslations:
    return _active


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _active.npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (for constants)."""
    return message
