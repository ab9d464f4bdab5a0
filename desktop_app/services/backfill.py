"""Backfilling: which recent days have no check-in, and moving a check-in to another day.

A check-in for an earlier day itself is ``JournalService.complete_checkin(for_day=...)``;
a win's day is ``WinDraft.day``. Days still to come are refused with a sentence.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from desktop_app.domain.consistency import DayStatus, checkin_day_statuses
from desktop_app.domain.journal import CheckIn
from desktop_app.i18n import _
from desktop_app.services.journal import JournalInputError, JournalService

BACKFILL_WINDOW_DAYS = 14
"""Missed check-in days are offered for filling in over this many days back."""


def missed_checkin_days(journal: JournalService, days: int = BACKFILL_WINDOW_DAYS) -> list[date]:
    """Due days of the last ``days`` with no check-in, the latest first.

    Only days after the first check-in ever: the days before it were not missed.
    """
    ids = journal.checkin_ids()
    first = journal.checkin(ids[-1]) if ids else None
    if first is None:
        return []
    settings, today = journal.settings(), journal.today()
    start = max(first.day(settings.zone()), today - timedelta(days=days - 1))
    # A week before the start too: a weekly check-in there covers the first days.
    checkins = [s.item for s in journal.checkins_between(start - timedelta(days=7), today)]
    statuses = checkin_day_statuses(settings, checkins, start, today, today)
    return sorted((d for d, s in statuses.items() if s is DayStatus.MISSED), reverse=True)


def change_checkin_day(journal: JournalService, doc_id: str, day: date) -> CheckIn:
    """Move a check-in to another day (today or earlier); its answers stay.

    It keeps its time of day, so lists keep a sensible order; on today that time is
    never later than now.
    """
    old = journal.checkin(doc_id)
    if old is None:
        raise JournalInputError(_("This check-in no longer exists."))
    if old.day(journal.settings().zone()) == day:
        at = old.at  # already on that day: nothing to move
    else:
        wall_clock = journal.local(old.at).time().replace(second=0, microsecond=0)
        at = journal.checkin_moment(day, wall_clock)
    new = dataclasses.replace(old, at=at, for_day=day)
    journal.rewrite_checkin(doc_id, new)
    return new
