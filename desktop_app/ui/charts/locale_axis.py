"""Chart axes in the active language: dates and decimal signs from desktop_app/locale_format.

matplotlib's own formatters write month names through strftime (the C library's locale, not
the app's) and always a decimal point.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from matplotlib import dates as mdates
from matplotlib.ticker import Formatter

from desktop_app.locale_format import format_clock, format_day, format_number, month_name


class LocaleNumberFormatter(Formatter):
    """Tick numbers with the language's decimal sign, as few decimals as the ticks need."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        text = format_number(round(x, 2))
        return "\N{MINUS SIGN}" + text[1:] if text.startswith("-") else text  # as matplotlib

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        return [self(v) for v in values]


class LocaleDateFormatter(Formatter):
    """Concise date ticks ("2026", "Mar", "14 Mar", "09:30") in the active language.

    Like matplotlib's ConciseDateFormatter: each tick says only what changes at the finest
    level the ticks differ in, and the first of a larger unit names that unit instead.
    """

    def __init__(self, locator: Any) -> None:
        self.locator = locator
        self.offset = ""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self.format_ticks([x])[0]

    def get_offset(self) -> str:
        return self.offset

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        moments: list[datetime] = [
            mdates.num2date(v).replace(tzinfo=None)  # type: ignore[no-untyped-call]
            for v in values
        ]
        if not moments:
            return []
        years = sorted({m.year for m in moments})
        self.offset = str(years[0]) if len(years) == 1 else ""
        if any(m.hour or m.minute for m in moments):
            return [format_day(m.date(), "short") if (m.hour, m.minute) == (0, 0)
                    else format_clock(m) for m in moments]
        if any(m.day != 1 for m in moments):
            return [month_name(m.month, "abbreviated") if m.day == 1
                    else format_day(m.date(), "day_month") for m in moments]
        if any(m.month != 1 for m in moments):
            return [str(m.year) if m.month == 1 else month_name(m.month, "abbreviated")
                    for m in moments]
        self.offset = ""
        return [str(m.year) for m in moments]


def locale_date_axis(axis: Any, minticks: int = 3, maxticks: int = 8) -> None:
    """Date ticks on ``axis`` (an x axis of date numbers), labelled in the active language."""
    locator = mdates.AutoDateLocator(minticks=minticks, maxticks=maxticks)  # type: ignore[no-untyped-call]
    axis.set_major_locator(locator)
    axis.set_major_formatter(LocaleDateFormatter(locator))
