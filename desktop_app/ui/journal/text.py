"""Plain wording for rhythms and waiting check-ins, shared by the journal and Home (dates:
ui/dates.py; the time back on track: domain/return_time.py)."""

from __future__ import annotations

from desktop_app.domain.journal import Cadence, CadenceKind, CheckInCadence, CheckInSettings
from desktop_app.i18n import _, ngettext
from desktop_app.locale_format import weekday_name


def cadence_text(cadence: Cadence) -> str:
    """"every day", "3 days a week", "once a week"."""
    if cadence.kind is CadenceKind.DAILY:
        return _("every day")
    if cadence.kind is CadenceKind.WEEKLY or cadence.times == 1:
        return _("once a week")
    return ngettext(
        "{n} day a week", "{n} days a week", cadence.times
    ).format(n=cadence.times)


def rhythm_text(settings: CheckInSettings) -> str:
    """How often check-ins are due, e.g. "every Sunday, with a reminder at 19:30"."""
    if settings.cadence is CheckInCadence.DAILY:
        return _("every day, with a reminder at {time}").format(time=settings.reminder_time)
    return _("every {weekday}, with a reminder at {time}").format(
        weekday=weekday_name(settings.weekday), time=settings.reminder_time
    )


def waiting_text(days: int) -> str:
    """How long an overdue check-in has been waiting, gently."""
    if days <= 1:
        return _("Your check-in for today is ready whenever you are.")
    if days == 2:
        return _(
            "Your check-in has been waiting since yesterday. Whenever you are ready, it "
            "takes a minute, and picking it up again is what counts."
        )
    return ngettext(
        "It has been {n} day since a check-in was due. That happens; "
        "a short one now is a good way back in.",
        "It has been {n} days since a check-in was due. That happens; "
        "a short one now is a good way back in.",
        days - 1,
    ).format(n=days - 1)
