"""Home's dates and times: written as every other screen writes them, and, with the texts
this computer's copy kept, without the formatter (Babel) at all."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from desktop_app.home_snapshot import CheckInRhythm, Draft, HomeInputs
from desktop_app.ui import dates
from desktop_app.ui.screens import home_time
from desktop_app.ui.screens.home_time import HomeTime, home_texts

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 14, 10, 0, tzinfo=ZONE)  # a Saturday
INPUTS = HomeInputs(
    "p-0123456789abcdef", "Sam", has_history=True,
    drafts=(Draft("life-areas", "Where I am", "2026-03-10T09:30:00+01:00"),),
    rhythm=CheckInRhythm("weekly", 6, "19:30", "Europe/Berlin"),
    last_checkin_day="2026-03-13",
    win=("Said no to an extra shift", "2026-03-11T18:00:00+01:00"),
    assessment=("Where I am", "2025-11-02T20:00:00+01:00"),
)


@pytest.mark.parametrize("days", [-400, -40, -3, -2, -1, 0, 1, 2, 9, 300])
def test_days_read_as_on_every_other_screen(days: int) -> None:
    day = NOW.date() + timedelta(days=days)
    moment = datetime.combine(day, datetime.min.time(), ZONE).replace(hour=20, minute=5)
    fresh = HomeTime(INPUTS, NOW)
    assert fresh.day_text(day) == dates.day_text(day, NOW.date())
    assert fresh.moment_text(moment) == dates.moment_text(moment, NOW.date())
    # And the same from the texts a drawing kept.
    kept = HomeTime(INPUTS, NOW, fresh.used)
    assert kept.day_text(day) == dates.day_text(day, NOW.date())
    assert kept.moment_text(moment) == dates.moment_text(moment, NOW.date())


def test_the_due_sentence_names_the_rhythm_as_the_journal_does() -> None:
    from desktop_app.ui.journal.text import rhythm_text

    overdue, text = HomeTime(INPUTS, NOW).due_text(INPUTS.last_checkin_day)
    assert not overdue
    settings = HomeTime(INPUTS, NOW).settings
    assert settings is not None
    assert text.endswith(f"You check in {rhythm_text(settings)}.")
    assert "Sunday" in text


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Calls of the formatters Home uses, from now on."""
    calls: list[str] = []
    for name in ("format_day", "format_clock", "rhythm_text"):
        real = getattr(home_time, name)

        def count(*args: Any, _real: Any = real, _name: str = name) -> Any:
            calls.append(_name)
            return _real(*args)

        monkeypatch.setattr(home_time, name, count)
    return calls


def test_with_the_kept_texts_home_formats_nothing_itself(monkeypatch) -> None:
    texts = home_texts(INPUTS, NOW)
    # The draft's time, the next check-in's day and time, the rhythm, the win, the assessment.
    assert len(texts) == 7, texts
    calls = counting(monkeypatch)
    again = home_texts(INPUTS, NOW + timedelta(hours=1), texts)
    assert calls == []
    assert again == texts


def test_a_text_not_kept_is_written_by_the_formatter(monkeypatch) -> None:
    texts = home_texts(INPUTS, NOW)
    later = INPUTS._replace(win=("Walked to work", "2026-03-12T08:00:00+01:00"))
    calls = counting(monkeypatch)
    clock = HomeTime(later, NOW, texts)
    shown = clock.day_text(clock.local(later.win[1]).date())  # type: ignore[index]
    assert calls == ["format_day"]
    assert shown == "Thursday 12 March"
