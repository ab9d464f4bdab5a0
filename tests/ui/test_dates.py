"""Dates read the same on every screen: the journal, Home, the charts and the wizard."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.ui.dates import day_text, long_date_time, moment_text, short_date

TODAY = date(2026, 3, 14)


def test_the_four_ways_a_date_is_said() -> None:
    assert short_date(date(2026, 3, 4)) == "4 Mar 2026"
    assert long_date_time(datetime(2026, 3, 4, 9, 5)) == "4 March 2026, 09:05"
    assert day_text(TODAY, TODAY) == "today"
    assert day_text(date(2026, 3, 13), TODAY) == "yesterday"
    assert day_text(date(2026, 3, 15), TODAY) == "tomorrow"
    assert day_text(date(2026, 3, 12), TODAY) == "Thursday 12 March"
    assert day_text(date(2025, 12, 31), TODAY) == "Wednesday 31 December 2025"
    assert moment_text(datetime(2026, 3, 14, 20, 0), TODAY) == "today at 20:00"
