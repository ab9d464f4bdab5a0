"""Plain wording for rhythms and waiting check-ins, shared by the journal and Home (dates:
ui/dates.py; the time back on track: domain/return_time.py)."""

from __future__ import annotations

from desktop_app.domain.journal import Cadence, CadenceKind, CheckInCadence, CheckInSettings
from desktop_app.locale_format import weekday_name


def cadence_text(cadence: Cadence) -> str:
    """"every day", "3 days a week", "once a week"."""
    if cadence.kind is CadenceKind.DAILY:
        return "every day"
    if cadence.kind is CadenceKind.WEEKLY:
        return "once a week"
    return "once a week" if cadence.times == 1 else f"{cadence.times} days a week"


def rhythm_text(settings: CheckInSettings) -> str:
    """How often check-ins are due, e.g. "every Sunday, with a reminder at 19:30"."""
    if settings.cadence is CheckInCadence.DAILY:
        return f"every day, with a reminder at {settings.reminder_time}"
    return f"every {weekday_name(settings.weekday)}, with a reminder at {settings.reminder_time}"


def waiting_text(days: int) -> str:
    """How long an overdue check-in has been waiting, gently."""
    if days <= 1:
        return "Your check-in for today is ready whenever you are."
    if days == 2:
        return (
            "Your check-in has been waiting since yesterday. Whenever you are ready, it "
            "takes a minute, and picking it up again is what counts."
        )
    return (
        f"It has been {days - 1} days since a check-in was due. That happens; "
        "a short one now is a good way back in."
    )
