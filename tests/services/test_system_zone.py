"""The machine's time zone, named by tzlocal, sets the days until the person saves settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfoNotFoundError

import pytest
import tzlocal

from desktop_app.paths import resources_dir
from desktop_app.services.journal import JournalService
from desktop_app.services.journal_settings import local_today, system_zone_name
from desktop_app.services.session import Session
from tests.conftest import TEST_DEVICE, FakeClock

WINTER = datetime(2026, 1, 15, 9, 0, tzinfo=timezone(timedelta(hours=1)))
# Half past midnight on 2 July in Paris (summer time, +02:00).
SUMMER_NIGHT = datetime(2026, 7, 2, 0, 30, tzinfo=timezone(timedelta(hours=2)))


def machine_zone(monkeypatch: pytest.MonkeyPatch, name: str | None) -> None:
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: name)


def test_the_named_zone_follows_daylight_saving(monkeypatch: pytest.MonkeyPatch) -> None:
    machine_zone(monkeypatch, "Europe/Paris")
    assert system_zone_name(WINTER) == "Europe/Paris"
    assert system_zone_name(SUMMER_NIGHT) == "Europe/Paris"


def test_defaults_chosen_in_winter_count_summer_days_right(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    # Nothing saved: the defaults are read in winter, then used on a summer night.
    machine_zone(monkeypatch, "Europe/Paris")
    clock = FakeClock(WINTER)
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    settings = JournalService(session).settings()
    assert settings.timezone == "Europe/Paris"
    assert local_today(settings, SUMMER_NIGHT) == date(2026, 7, 2)


@pytest.mark.parametrize("name", [None, "", "Not/AZone", "../../etc/passwd"])
def test_an_unnamed_or_unknown_zone_falls_back_to_utc(
    monkeypatch: pytest.MonkeyPatch, name: str | None
) -> None:
    machine_zone(monkeypatch, name)
    assert system_zone_name(datetime(2026, 7, 2, 0, 30, tzinfo=UTC)) == "UTC"


def test_tzlocal_failing_falls_back_to_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    def ambiguous() -> str:
        raise ZoneInfoNotFoundError("Multiple conflicting time zone configurations found")

    monkeypatch.setattr(tzlocal, "get_localzone_name", ambiguous)
    assert system_zone_name(SUMMER_NIGHT) == "UTC"


def test_a_clock_the_zone_does_not_describe_keeps_its_own_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An injected clock at +01:00 on a machine in UTC: today is the clock's day.
    machine_zone(monkeypatch, "UTC")
    late = datetime(2026, 3, 14, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    assert system_zone_name(late) == "Etc/GMT-1"
