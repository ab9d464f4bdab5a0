"""Dates, times, numbers and plurals in English, German and Japanese (fixed dates)."""

from __future__ import annotations

import gettext
import io
from datetime import date, datetime

import pytest

from desktop_app import i18n
from desktop_app.i18n.catalogs import compile_po
from desktop_app.locale_format import (
    decimal_sign,
    format_clock,
    format_day,
    format_day_and_clock,
    format_number,
    month_name,
    plural_category,
    weekday_name,
    weekday_names,
)
from desktop_app.ui.dates import day_text, long_date, moment_text, short_date

DAY = date(2026, 10, 15)  # a Thursday
EVENING = datetime(2026, 10, 15, 20, 5)


@pytest.mark.parametrize(
    ("language", "short", "long", "month_year"),
    [
        ("en", "15 Oct 2026", "Thursday 15 October 2026", "October 2026"),
        ("de", "15. Okt. 2026", "Donnerstag, 15. Oktober 2026", "Oktober 2026"),
        ("ja", "2026年10月15日", "2026年10月15日木曜日", "2026年10月"),
    ],
)
def test_dates(language: str, short: str, long: str, month_year: str) -> None:
    assert format_day(DAY, "short", language) == short
    assert format_day(DAY, "long", language) == long
    assert format_day(DAY, "month_year", language) == month_year


@pytest.mark.parametrize(
    ("language", "clock", "both", "month", "weekday"),
    [
        ("en", "20:05", "15 October 2026, 20:05", "Oct", "Thursday"),
        ("de", "20:05", "15. Oktober 2026, 20:05", "Okt", "Donnerstag"),
        ("ja", "20:05", "2026年10月15日 20:05", "10月", "木曜日"),
    ],
)
def test_times_and_names(language: str, clock: str, both: str, month: str, weekday: str) -> None:
    assert format_clock(EVENING, language) == clock
    assert format_day_and_clock(EVENING, language) == both
    assert month_name(10, "abbreviated", language) == month
    assert weekday_name(DAY.weekday(), "wide", language) == weekday
    assert len(weekday_names("abbreviated", language)) == 7


@pytest.mark.parametrize(
    ("language", "grouped", "one_decimal", "sign"),
    [("en", "1,234,567.25", "3.5", "."), ("de", "1.234.567,25", "3,5", ","),
     ("ja", "1,234,567.25", "3.5", ".")],
)
def test_numbers(language: str, grouped: str, one_decimal: str, sign: str) -> None:
    assert format_number(1234567.25, None, language) == grouped
    assert format_number(3.46, 1, language) == one_decimal
    assert format_number(12, 0, language) == "12"
    assert decimal_sign(language) == sign


@pytest.mark.parametrize(
    ("language", "one", "two"), [("en", "one", "other"), ("de", "one", "other"),
                                 ("ja", "other", "other")],
)
def test_plural_categories(language: str, one: str, two: str) -> None:
    assert plural_category(1, language) == one
    assert plural_category(2, language) == two


@pytest.mark.parametrize(
    ("plural_forms", "forms", "expected"),
    [
        ("nplurals=2; plural=(n != 1);", ("{n} Tag", "{n} Tage"), ["1 Tag", "2 Tage", "0 Tage"]),
        ("nplurals=1; plural=0;", ("{n}日",), ["1日", "2日", "0日"]),
    ],
)
def test_ngettext_follows_the_catalogs_plural_rule(
    tmp_path, plural_forms: str, forms: tuple[str, ...], expected: list[str]
) -> None:
    strings = "".join(f'msgstr[{i}] "{form}"\n' for i, form in enumerate(forms))
    po = tmp_path / "x.po"
    po.write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {plural_forms}\\n"\n\n'
        f'msgid "{{n}} day"\nmsgid_plural "{{n}} days"\n{strings}',
        encoding="utf-8",
    )
    i18n.install(gettext.GNUTranslations(io.BytesIO(compile_po(po))), "xx")
    assert [i18n.ngettext("{n} day", "{n} days", n).format(n=n) for n in (1, 2, 0)] == expected


def test_the_screens_dates_follow_the_active_language() -> None:
    today = date(2026, 10, 16)
    assert short_date(DAY) == "15 Oct 2026"
    assert day_text(DAY, today) == "yesterday"
    assert day_text(date(2026, 10, 12), today) == "Monday 12 October"
    assert moment_text(EVENING, today) == "yesterday at 20:05"
    from desktop_app.i18n.catalogs import load

    i18n.install(load("de"), "de")
    assert short_date(DAY) == "15. Okt. 2026"
    assert long_date(DAY) == "Donnerstag, 15. Oktober 2026"
    assert day_text(date(2026, 10, 12), today) == "Montag, 12. Oktober"
    assert day_text(date(2025, 10, 12), today) == "Sonntag, 12. Oktober 2025"
    assert moment_text(EVENING, today) == "gestern um 20:05"


def test_chart_axes_follow_the_active_language() -> None:
    from matplotlib import dates as mdates

    from desktop_app.ui.charts.locale_axis import LocaleDateFormatter, LocaleNumberFormatter

    days = [mdates.date2num(datetime(2026, m, 1)) for m in (1, 4, 7, 10)]
    formatter = LocaleDateFormatter(mdates.AutoDateLocator())
    assert formatter.format_ticks(days) == ["2026", "Apr", "Jul", "Oct"]
    i18n.install(gettext.NullTranslations(), "de")
    assert formatter.format_ticks(days) == ["2026", "Apr", "Jul", "Okt"]
    within = [mdates.date2num(datetime(2026, 3, d)) for d in (1, 8, 15)]
    assert formatter.format_ticks(within) == ["Mär", "8. März", "15. März"]
    assert formatter.get_offset() == "2026"
    assert LocaleNumberFormatter().format_ticks([-1.5, 0, 2.5, 10]) == ["−1,5", "0", "2,5", "10"]
