"""Backfilling through the journal service: a check-in for an earlier day, moving a check-in
to another day, dating a win; days to come are refused and nothing is written then."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from desktop_app.domain.consistency import DayStatus, checkin_day_statuses, never_miss_twice
from desktop_app.domain.journal import CheckInSettings
from desktop_app.services.backfill import change_checkin_day, missed_checkin_days
from desktop_app.services.journal import JournalInputError, JournalService, SlipDraft, WinDraft
from desktop_app.services.session import Session
from tests.conftest import FakeClock
from tests.disk import stored as disk_tables

PARIS = CheckInSettings(timezone="Europe/Paris", reminder_time="20:00")
TODAY = date(2026, 3, 14)  # FIXED_NOW, 09:30 in Paris


@pytest.fixture
def journal(session: Session) -> JournalService:
    service = JournalService(session)
    service.save_settings(PARIS)
    return service


def stored_checkins(session: Session) -> list[dict[str, Any]]:
    assert session.repo is not None
    session.flush(5)
    return list(disk_tables(session.repo)["checkins"].values())


def statuses(journal: JournalService, start: date) -> dict[date, DayStatus]:
    today = journal.today()
    checkins = [s.item for s in journal.checkins_between(start, today)]
    return checkin_day_statuses(journal.settings(), checkins, start, today, today)


def test_a_check_in_for_an_earlier_day_is_stored_for_that_day(
    session: Session, journal: JournalService
) -> None:
    template = journal.checkin_template()
    assert template is not None
    yesterday = TODAY - timedelta(days=1)
    outcome = journal.complete_checkin(
        template, {"distress": 2}, [], None, WinDraft("Kept my temper"), for_day=yesterday
    )
    checkin = journal.checkin(outcome.checkin_id)
    assert checkin is not None
    assert checkin.for_day == yesterday
    assert journal.local(checkin.at) == datetime(2026, 3, 13, 20, 0, tzinfo=PARIS.zone())
    [doc] = stored_checkins(session)
    assert doc["for_day"] == "2026-03-13"
    # The win logged with it belongs to that day as well.
    win = journal.latest_win()
    assert win is not None and journal.local(win.at).date() == yesterday


def test_today_is_stored_explicitly_too(journal: JournalService) -> None:
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(template, {"distress": 2})
    checkin = journal.checkin(outcome.checkin_id)
    assert checkin is not None and checkin.for_day == TODAY


def test_a_day_to_come_is_refused_and_nothing_is_written(
    session: Session, journal: JournalService
) -> None:
    template = journal.checkin_template()
    assert template is not None
    with pytest.raises(JournalInputError, match="not for a day still to come"):
        journal.complete_checkin(template, {"distress": 2}, for_day=TODAY + timedelta(days=1))
    assert journal.checkin_count() == 0
    with pytest.raises(JournalInputError, match="not a day still to come"):
        journal.log_win(WinDraft("Tomorrow's win", day=TODAY + timedelta(days=1)))
    assert journal.wins() == []


def test_backfilled_days_count_in_consistency_and_the_schedule(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    template = journal.checkin_template()
    assert template is not None
    journal.complete_checkin(template, {"distress": 1}, for_day=TODAY - timedelta(days=3))
    clock.advance(hours=12)  # 21:30, after today's reminder
    assert journal.due().overdue and journal.due().waiting_days == 3
    start = TODAY - timedelta(days=3)
    assert missed_checkin_days(journal) == [TODAY - timedelta(days=1), TODAY - timedelta(days=2)]
    assert never_miss_twice(statuses(journal, start)) != []
    for back in (2, 1):
        journal.complete_checkin(template, {"distress": 1}, for_day=TODAY - timedelta(days=back))
    assert missed_checkin_days(journal) == []
    assert never_miss_twice(statuses(journal, start)) == []
    due = journal.due()
    assert due.overdue and due.waiting_days == 1  # only today's own check-in waits now


def test_moving_a_check_in_to_another_day(session: Session, journal: JournalService) -> None:
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(template, {"distress": 3})
    moved = change_checkin_day(journal, outcome.checkin_id, date(2026, 3, 10))
    assert moved.for_day == date(2026, 3, 10)
    assert journal.local(moved.at) == datetime(2026, 3, 10, 9, 30, tzinfo=PARIS.zone())
    assert moved.answers == {"distress": 3}
    [doc] = stored_checkins(session)
    assert doc["for_day"] == "2026-03-10"
    with pytest.raises(JournalInputError, match="still to come"):
        change_checkin_day(journal, outcome.checkin_id, TODAY + timedelta(days=2))
    kept = journal.checkin(outcome.checkin_id)
    assert kept is not None and kept.for_day == date(2026, 3, 10)


def test_old_check_ins_without_for_day_still_read(
    session: Session, journal: JournalService
) -> None:
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(template, {"distress": 3})
    assert session.repo is not None
    # A record as an earlier version wrote it: no for_day at all.
    from desktop_app.domain.journal import CheckIn

    old = CheckIn(datetime(2026, 3, 12, 8, 0, tzinfo=PARIS.zone()), template.id, 1, {})
    doc_id = session.repo.collection("checkins", CheckIn).add(old)
    raw = [d for d in stored_checkins(session) if d["at"].startswith("2026-03-12")]
    assert raw[0].get("for_day") is None
    read = journal.checkin(doc_id)
    assert read is not None and read.day(PARIS.zone()) == date(2026, 3, 12)
    assert journal.checkin(outcome.checkin_id) is not None


def test_dating_and_redating_a_win(journal: JournalService) -> None:
    journal.log_win(WinDraft("Walked", day=TODAY - timedelta(days=2)))
    stored = journal.wins()[0]
    assert journal.local(stored.item.at).date() == TODAY - timedelta(days=2)
    journal.update_win(stored.id, WinDraft("Walked far", day=TODAY - timedelta(days=4)))
    again = journal.wins()[0].item
    assert again.text == "Walked far"
    assert journal.local(again.at).date() == TODAY - timedelta(days=4)
    # Same day: the time of day stays as it was.
    journal.update_win(stored.id, WinDraft("Walked farther", day=TODAY - timedelta(days=4)))
    assert journal.wins()[0].item.at == again.at


def test_a_slip_in_a_backfilled_check_in_is_placed_on_that_day(
    journal: JournalService,
) -> None:
    template = journal.checkin_template()
    assert template is not None
    journal.complete_checkin(
        template, {"distress": 2}, [], SlipDraft("Snapped"), for_day=TODAY - timedelta(days=1)
    )
    slip = journal.slips()[0].item
    assert journal.local(slip.at).date() == TODAY - timedelta(days=1)
