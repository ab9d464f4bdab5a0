"""Check-in settings (rhythm, reminder time, time zone) kept in the profile's meta document."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop_app.domain.journal import CheckInSettings
from desktop_app.storage.codec import DecodeError, from_json, to_json
from desktop_app.storage.repository import ProfileRepository

META_KEY = "checkin_settings"


def _zone_names() -> Iterator[str]:
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        yield tz
    try:
        named = Path("/etc/timezone").read_text("utf-8").strip()
    except OSError:
        named = ""
    if named:
        yield named
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return
    marker = "zoneinfo/"
    if marker in target:
        yield target.split(marker, 1)[1]


def system_zone_name(now: datetime) -> str:
    """An IANA zone name for this machine that agrees with ``now``'s UTC offset.

    When the machine's zone cannot be named (or disagrees with the clock, as an injected
    clock may), a fixed-offset zone keeps local days right for ``now``.
    """
    for name in _zone_names():
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        if now.astimezone(zone).utcoffset() == now.utcoffset():
            return name
    offset = now.utcoffset() or timedelta(0)
    hours, rest = divmod(offset, timedelta(hours=1))
    if rest or not -12 <= hours <= 14:
        return "UTC"
    # POSIX-style names: Etc/GMT-1 is one hour *ahead* of UTC.
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def read_settings(repo: ProfileRepository, now: datetime) -> CheckInSettings:
    """The stored settings, or daily at 20:00 in the machine's zone until some are saved."""
    raw = repo.meta.get(META_KEY)
    if isinstance(raw, dict):
        try:
            return from_json(CheckInSettings, raw)
        except DecodeError:
            pass  # an unreadable value is replaced by the defaults, and by the next save
    return CheckInSettings(timezone=system_zone_name(now))


def has_settings(repo: ProfileRepository) -> bool:
    return isinstance(repo.meta.get(META_KEY), dict)


def write_settings(repo: ProfileRepository, settings: CheckInSettings) -> None:
    repo.set_meta(**{META_KEY: to_json(settings)})


def local_today(settings: CheckInSettings, now: datetime) -> date:
    """Today's date in the settings' zone: the day check-ins and practices count on."""
    return now.astimezone(settings.zone()).date()
