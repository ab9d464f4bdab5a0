"""Check-in settings (rhythm, reminder time, time zone) and the person's support contacts,
kept in the profile's meta document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import tzlocal

from desktop_app.domain.journal import CheckInSettings
from desktop_app.i18n import _, ngettext
from desktop_app.storage.codec import DecodeError, from_json, to_json
from desktop_app.storage.repository import ProfileRepository

META_KEY = "checkin_settings"


def _machine_zone() -> str | None:
    """The IANA name tzlocal finds (TZ, the system's settings, the Windows registry), if any."""
    try:
        name = tzlocal.get_localzone_name()
        if name:
            ZoneInfo(name)  # tzlocal may name a zone this Python's tz database lacks
            return name
    except (LookupError, ValueError, OSError):
        pass  # unnamed, ambiguous or unknown: the caller falls back
    return None


def system_zone_name(now: datetime) -> str:
    """The IANA name of this machine's zone, so local days follow its daylight-saving rules.

    When the machine's zone cannot be named, days are counted in UTC. When the named zone
    disagrees with ``now``'s UTC offset (an injected clock may), a zone fixed at that offset
    keeps "today" right for the clock that was given.
    """
    name = _machine_zone()
    if name is None:
        return "UTC"
    if now.astimezone(ZoneInfo(name)).utcoffset() == now.utcoffset():
        return name
    offset = now.utcoffset() or timedelta(0)
    hours, rest = divmod(offset, timedelta(hours=1))
    if rest or not -12 <= hours <= 14:
        return name
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


# --- the person's own support contacts ------------------------------------------------------

SUPPORT_KEY = "support_contacts"
MAX_SUPPORT_CHARS = 2000


@dataclass(frozen=True)
class SupportContacts:
    """Who the person can reach when things are hard, in their own words; shown with alerts.

    Kept in the profile (encrypted with it when it has a passphrase), never looked up online.
    """

    people: str = ""
    crisis_line: str = ""

    def is_empty(self) -> bool:
        return not (self.people.strip() or self.crisis_line.strip())

    def lines(self) -> list[str]:
        """What a pointer to help adds: the crisis line first, then the people."""
        found = []
        if self.crisis_line.strip():
            found.append(_("Your crisis line: {line}").format(line=self.crisis_line.strip()))
        if self.people.strip():
            found.append(_("People you can reach: {people}").format(people=self.people.strip()))
        return found


def read_support(repo: ProfileRepository) -> SupportContacts:
    raw = repo.meta.get(SUPPORT_KEY)
    if isinstance(raw, dict):
        try:
            return from_json(SupportContacts, raw)
        except DecodeError:
            pass  # unreadable: shown as empty, replaced by the next save
    return SupportContacts()


def write_support(repo: ProfileRepository, contacts: SupportContacts) -> None:
    """Store the contacts (trimmed); too long a text is refused, nothing is cut."""
    for text in (contacts.people, contacts.crisis_line):
        if len(text) > MAX_SUPPORT_CHARS:
            raise ValueError(
                ngettext(
                    "Please keep support contacts under {n} character.",
                    "Please keep support contacts under {n} characters.",
                    MAX_SUPPORT_CHARS,
                ).format(n=MAX_SUPPORT_CHARS)
            )
    trimmed = SupportContacts(contacts.people.strip(), contacts.crisis_line.strip())
    repo.set_meta(**{SUPPORT_KEY: to_json(trimmed)})
