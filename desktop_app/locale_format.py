"""Dates, times and numbers as the active language writes them: one place for every layer.

Qt-free (Babel's CLDR data), so domain, services, the report and the charts read alike. Each
function takes an optional ``language`` ("de", "ja"...); by default the catalog's
(``desktop_app.i18n.language()``). English keeps the app's own day-month-year order
("14 Mar 2026"); other languages use CLDR's formats for the same parts. Babel is imported on
first use, not at start-up.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from desktop_app import i18n

if TYPE_CHECKING:
    from babel import Locale

Style = Literal[
    "short", "long", "date", "day_month", "weekday_day", "weekday_short", "weekday_abbr",
    "month_year",
]

# CLDR patterns where a language's own reads better than CLDR's skeleton match; any other
# language gets SKELETONS (CLDR picks its order and punctuation).
PATTERNS: dict[str, dict[Style, str]] = {
    "en": {
        "short": "d MMM y",  # 14 Mar 2026
        "long": "EEEE d MMMM y",  # Saturday 14 March 2026
        "date": "d MMMM y",  # 14 March 2026
        "day_month": "d MMM",  # 14 Mar
        "weekday_day": "EEEE d MMMM",  # Saturday 14 March
        "weekday_short": "EEEE d MMM y",  # Saturday 14 Mar 2026
        "weekday_abbr": "EEE d MMM y",  # Sat 14 Mar 2026
        "month_year": "MMMM y",  # March 2026
    },
    "de": {
        "short": "d. MMM y",  # 14. März 2026
        "long": "EEEE, d. MMMM y",  # Samstag, 14. März 2026
        "date": "d. MMMM y",
        "day_month": "d. MMM",  # 14. März
        "weekday_day": "EEEE, d. MMMM",  # Samstag, 14. März
        "weekday_short": "EEEE, d. MMM y",
        "weekday_abbr": "EEE, d. MMM y",  # Sa., 14. März 2026
        "month_year": "MMMM y",
    },
}
SKELETONS: dict[Style, str] = {
    "short": "yMMMd", "long": "yMMMMEEEEd", "date": "yMMMMd", "day_month": "MMMd",
    "weekday_day": "MMMMEEEEd", "weekday_short": "yMMMEEEEd", "weekday_abbr": "yMMMEd",
    "month_year": "yMMMM",
}
# CLDR's plain English names ("Sep", where en_GB says "Sept"); PATTERNS give the British order
# and format_clock the 24-hour clock the app has always shown.
ENGLISH_LOCALE = "en"


def _language(language: str | None) -> str:
    code = language or i18n.language()
    return "en" if code.startswith("en") else code  # the pseudo-locale formats as English


@lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(ENGLISH_LOCALE if language == "en" else language)
    except (UnknownLocaleError, ValueError):  # no CLDR data for it (or left out of a bundle)
        return Locale.parse(ENGLISH_LOCALE)


def format_day(day: date, style: Style = "short", language: str | None = None) -> str:
    """``day`` in one of the app's styles: "short" is "14 Mar 2026", "long" names the weekday."""
    from babel.dates import format_date, format_skeleton

    code = _language(language)
    locale = _locale(code)
    pattern = PATTERNS.get(code, {}).get(style)
    if pattern is not None:
        return format_date(day, pattern, locale=locale)
    moment = datetime.combine(day, time(12))
    return format_skeleton(SKELETONS[style], moment, locale=locale)


def format_clock(moment: datetime | time, language: str | None = None) -> str:
    """The time of day, hours and minutes ("09:30"; "9:30" in Japanese)."""
    from babel.dates import format_time

    code = _language(language)
    return format_time(moment, "HH:mm" if code == "en" else "short", locale=_locale(code),
                       tzinfo=None)


def format_day_and_clock(moment: datetime, language: str | None = None) -> str:
    """"14 March 2026, 09:30", joined as the language joins a date and a time."""
    from babel.dates import get_datetime_format

    code = _language(language)
    joint = str(get_datetime_format("medium", locale=_locale(code)))
    return joint.replace("{1}", format_day(moment.date(), "date", code)).replace(
        "{0}", format_clock(moment, code))


def month_name(month: int, width: Literal["wide", "abbreviated"] = "wide",
               language: str | None = None) -> str:
    """The month standing alone: "March", "Mar" (for chart ticks and headings)."""
    return str(_locale(_language(language)).months["stand-alone"][width][month])


def weekday_name(weekday: int, width: Literal["wide", "abbreviated", "short"] = "wide",
                 language: str | None = None) -> str:
    """Monday is 0, as in ``date.weekday()``: "Monday", "Mon"."""
    return str(_locale(_language(language)).days["stand-alone"][width][weekday])


def weekday_names(width: Literal["wide", "abbreviated", "short"] = "wide",
                  language: str | None = None) -> list[str]:
    return [weekday_name(day, width, language) for day in range(7)]


def format_number(value: float, decimals: int | None = None,
                  language: str | None = None) -> str:
    """Grouped digits and the language's decimal sign: "1,234.5", "1.234,5".

    ``decimals`` fixes the digits after the sign; None shows as many as the value has.
    """
    code = _language(language)
    signs = _plain_signs(code)
    if signs is not None:  # Python's own formatting, with the language's signs: 40× faster
        group, point = signs
        text = (f"{value:,.{decimals}f}" if decimals is not None
                else f"{round(value, 3):,.3f}".rstrip("0").rstrip("."))
        text = "0" if text in ("-0", "") else text
        return text.translate({ord(","): group, ord("."): point, ord("-"): "-"})
    from babel.numbers import format_decimal

    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=_locale(code))


@lru_cache(maxsize=8)
def _plain_signs(language: str) -> tuple[str, str] | None:
    """The group and decimal signs, when the language groups by thousands in Latin digits
    (most do); None sends the number through Babel (Indian grouping, other digits)."""
    locale = _locale(language)
    pattern = locale.decimal_formats.get(None)
    symbols = locale.number_symbols.get("latn", {})
    if pattern is None or pattern.pattern != "#,##0.###":
        return None
    if locale.default_numbering_system != "latn":
        return None
    return str(symbols.get("group", ",")), str(symbols.get("decimal", "."))


def decimal_sign(language: str | None = None) -> str:
    return str(_locale(_language(language)).number_symbols["latn"]["decimal"])


def plural_category(n: float, language: str | None = None) -> str:
    """CLDR's plural category of ``n`` ("one", "other"...): what ``ngettext`` chooses by."""
    return str(_locale(_language(language)).plural_form(n))
