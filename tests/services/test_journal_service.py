"""Journal services over a real profile file, with a fixed clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.journal import Cadence, CheckIn, CheckInCadence, CheckInSettings
from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.return_time import typical_words
from desktop_app.services.consistency import ConsistencyService
from desktop_app.services.focus import AreaDraft, FocusInputError, FocusService, PracticeDraft
from desktop_app.services.journal import JournalInputError, JournalService, SlipDraft, WinDraft
from desktop_app.services.journal_cache import checkin_index
from desktop_app.services.session import Session
from tests.conftest import FakeClock
from tests.disk import folder_bytes, land
from tests.disk import stored as disk_tables


def on_disk(session: Session) -> dict[str, Any]:
    assert session.repo is not None
    data: dict[str, Any] = disk_tables(session.repo)
    return data


def area(name: str, intention: str, *practices: str, key: str | None = None) -> AreaDraft:
    return AreaDraft(
        name, intention, tuple(PracticeDraft(p, Cadence.daily()) for p in practices), key
    )


def add_gap_result(session: Session, when: datetime, gaps: dict[str, tuple[int, int]]) -> None:
    assert session.repo is not None
    session.repo.collection("assessments", AssessmentResult).add(
        AssessmentResult(
            "life-areas", 1, when, when,
            {q: GapAnswer(c, i) for q, (c, i) in gaps.items()}, {}, "Where I am",
        )
    )


def test_settings_live_in_the_meta_document(session: Session, journal: JournalService) -> None:
    weekly = CheckInSettings(CheckInCadence.WEEKLY, 6, "19:30", "Europe/Paris")
    journal.save_settings(weekly)
    assert on_disk(session)["meta"]["1"]["checkin_settings"] == {
        "cadence": "weekly", "weekday": 6, "reminder_time": "19:30", "timezone": "Europe/Paris",
    }
    assert JournalService(session).settings() == weekly


def test_default_zone_agrees_with_the_clock(session: Session) -> None:
    settings = JournalService(session).settings()
    assert settings.cadence is CheckInCadence.DAILY
    assert session.clock().astimezone(settings.zone()).utcoffset() == timedelta(hours=1)


def test_focus_suggests_the_biggest_gaps_and_keeps_history(
    session: Session, clock: FakeClock
) -> None:
    add_gap_result(
        session, clock.now - timedelta(days=3),
        {"work": (3, 8), "relationships": (6, 7), "body": (2, 8), "mind": (4, 9)},
    )
    focus = FocusService(session)
    choices = focus.choices()
    assert [c.area for c in choices[:3]] == ["body and health", "work", "mind and emotions"]
    assert all(c.suggested for c in choices[:3]) and not choices[3].suggested
    assert choices[0].title == "Body and health" and choices[0].gap == 6

    first = focus.change_focus([area("work", "Answer from calm", "Three breaths")])
    kept = first.item.areas[0]
    clock.advance(days=10)
    focus.change_focus([
        area("work", "Answer from calm, still", "Three breaths", key=kept.key),
        area("body and health", "Move every day", "A walk"),
    ])
    stored = on_disk(session)["focus"]
    assert len(stored) == 2
    ended = [d for d in stored.values() if d["ended_at"] is not None]
    assert len(ended) == 1 and ended[0]["areas"][0]["intention"] == "Answer from calm"
    current = focus.current()
    assert current is not None
    assert current.item.areas[0].key == kept.key  # slips and wins stay connected
    assert current.item.areas[0].gap_at_start == 5
    assert current.item.source_assessment is not None
    assert [h.item.areas[0].intention for h in focus.history()] == ["Answer from calm"]


def test_focus_input_is_checked_in_plain_words(session: Session) -> None:
    focus = FocusService(session)
    with pytest.raises(FocusInputError, match="intention for Work"):
        focus.change_focus([area("work", "  ", "Three breaths")])
    with pytest.raises(FocusInputError, match="at least one practice"):
        focus.change_focus([area("work", "Calm")])
    with pytest.raises(FocusInputError, match="up to 3 areas"):
        focus.change_focus([area(a, "x", "y") for a in ("work", "home", "mind", "body")])
    assert on_disk(session)["focus"] == {}


def test_checkin_with_slip_and_win(session: Session, journal: JournalService) -> None:
    journal.focus.change_focus([area("work", "Calm", "Three breaths")])
    current = journal.focus.current()
    assert current is not None
    practice = current.item.areas[0].practices[0]
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(
        template,
        {"practices": True, "thoughts": 4, "words": 3, "body": 2, "distress": 5, "note": "ok"},
        [practice.key],
        SlipDraft("Snapped at Alex", current.item.areas[0].key, "tired"),
        WinDraft("Walked away from the argument"),
    )
    data = on_disk(session)
    [checkin] = data["checkins"].values()
    assert checkin["practices_done"] == [practice.key]
    assert checkin["answers"]["distress"] == 5
    [slip] = data["lapses"].values()
    assert slip["old_pattern"] == "Snapped at Alex" and slip["back_on_track_at"] is None
    [win] = data["wins"].values()
    assert win["text"] == "Walked away from the argument"
    assert {m.key for m in outcome.milestones} == {"first-checkin", "first-win"}
    assert set(data["meta"]["1"]["milestones_seen"]) == {"first-checkin", "first-win"}
    # Said once: a second win announces nothing new.
    assert journal.log_win(WinDraft("Another one")) == []


def test_a_bad_slip_stores_nothing(session: Session, journal: JournalService) -> None:
    template = journal.checkin_template()
    assert template is not None
    with pytest.raises(JournalInputError, match="old pattern"):
        journal.complete_checkin(template, {"distress": 1}, [], SlipDraft("  "))
    assert on_disk(session)["checkins"] == {}


def test_due_and_overdue(journal: JournalService, clock: FakeClock) -> None:
    due = journal.due()
    assert not due.overdue  # a new profile is never overdue
    assert due.next_due.isoformat() == "2026-03-14T20:00:00+01:00"
    template = journal.checkin_template()
    assert template is not None
    journal.complete_checkin(template, {"distress": 2})
    clock.advance(days=2)  # Monday 09:30: Sunday's check-in is waiting
    due = journal.due()
    assert due.overdue and due.waiting_days == 2
    assert journal.next_reminder().isoformat() == "2026-03-16T20:00:00+01:00"


def test_back_on_track_and_the_trend(journal: JournalService, clock: FakeClock) -> None:
    durations = [48, 30, 24, 20, 12, 6, 5]
    for hours in durations:
        doc_id, _ = journal.log_slip(SlipDraft("Doomscrolling late"))
        clock.advance(hours=hours)
        journal.back_on_track(doc_id, "Phone out of the bedroom")
        clock.advance(days=2)
    summary = ConsistencyService(journal).returns()
    assert summary.returns == 7 and summary.still_open == 0
    # Oldest first, every return (fewer than ten), as measured.
    assert [r.seconds / 3600 for r in summary.recent] == durations
    assert summary.earlier == []
    assert typical_words(summary.recent) == (
        "about 20 hours; from 5 hours to 2 days over your last 7 returns"
    )
    assert [round(p.days, 2) for p in summary.trend][:2] == [2.0, 1.25]
    slip = journal.slips()[0].item
    assert slip.what_helped == "Phone out of the bedroom"


def test_pausing_a_practice_means_no_missed_days(
    journal: JournalService, clock: FakeClock
) -> None:
    journal.focus.change_focus([area("work", "Calm", "Three breaths")])
    current = journal.focus.current()
    assert current is not None
    key = current.item.areas[0].practices[0].key
    clock.advance(days=1)
    journal.focus.pause(key, date(2026, 3, 15), None, "holiday")
    clock.advance(days=5)
    [view] = ConsistencyService(journal).practice_views()
    assert view.paused_today
    assert view.missed_twice == []
    journal.focus.resume(key)
    current = journal.focus.current()
    assert current is not None
    [pause] = current.item.areas[0].practices[0].pauses
    assert (pause.start, pause.end) == (date(2026, 3, 15), date(2026, 3, 19))
    assert pause.reason == "holiday"
    clock.advance(days=3)
    [view] = ConsistencyService(journal).practice_views()
    # The paused days are stepped over: the 14th and the days after the pause form a run.
    assert view.missed_twice == [(date(2026, 3, 14), date(2026, 3, 22))]
    assert not any(view.statuses[date(2026, 3, d)] == "missed" for d in range(15, 20))


def test_edit_and_delete_everything(session: Session, journal: JournalService) -> None:
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(
        template, {"distress": 2, "note": "first"}, [], SlipDraft("Old"), WinDraft("Win")
    )
    journal.update_checkin(outcome.checkin_id, {"distress": 3, "note": "changed"}, [])
    assert outcome.slip_id is not None and outcome.win_id is not None
    journal.update_slip(outcome.slip_id, SlipDraft("Old pattern, in better words"))
    journal.update_win(outcome.win_id, WinDraft("A better win"))
    data = on_disk(session)
    assert data["checkins"][str(outcome.checkin_id)]["answers"]["note"] == "changed"
    assert data["lapses"][str(outcome.slip_id)]["old_pattern"] == "Old pattern, in better words"
    assert data["wins"][str(outcome.win_id)]["text"] == "A better win"
    journal.delete_checkin(outcome.checkin_id)
    journal.delete_slip(outcome.slip_id)
    journal.delete_win(outcome.win_id)
    data = on_disk(session)
    assert data["checkins"] == data["lapses"] == data["wins"] == {}
    assert journal.last_checkin_at() is None


def test_index_notices_writes_from_elsewhere(session: Session, journal: JournalService) -> None:
    assert journal.last_checkin_at() is None
    assert session.repo is not None
    at = session.clock() - timedelta(days=1)
    added = session.repo.collection("checkins", CheckIn).add(CheckIn(at, "check-in", 1, {}))
    assert journal.last_checkin_at() == at
    assert checkin_index(session.repo).newest_first() == [added]


def test_old_history_is_not_announced(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    assert session.repo is not None
    old = clock.now - timedelta(days=400)
    session.repo.collection("checkins", CheckIn).add(CheckIn(old, "check-in", 1, {}))
    template = journal.checkin_template()
    assert template is not None
    assert journal.complete_checkin(template, {"distress": 1}).milestones == []


def test_a_closed_gap_waits_on_home_until_acknowledged(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    add_gap_result(session, clock.now - timedelta(days=90), {"work": (3, 8)})
    add_gap_result(session, clock.now - timedelta(hours=1), {"work": (6, 8)})
    [pending] = journal.milestones.pending()
    assert pending.key == "gap-closed:work" and "Work" in pending.title
    journal.milestones.acknowledge([pending.key])
    assert journal.milestones.pending() == []


def test_lists_stay_right_when_a_delete_and_an_add_keep_the_count(
    journal: JournalService, clock: FakeClock
) -> None:
    journal.log_win(WinDraft("First"))
    [first] = journal.wins()
    journal.delete_win(first.id)
    clock.advance(minutes=5)
    journal.log_win(WinDraft("Second"))
    assert [w.item.text for w in journal.wins()] == ["Second"]
    assert journal.latest_win() is not None and journal.latest_win().text == "Second"  # type: ignore[union-attr]


def test_a_checkin_with_a_slip_and_a_win_is_saved_whole_or_not_at_all(
    journal: JournalService, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    template = journal.checkin_template()
    assert template is not None
    before = folder_bytes(session.require_repo())

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError):
        journal.complete_checkin(
            template, {"distress": 3}, (), SlipDraft("Snapped"), WinDraft("Walked")
        )
        land(session)
    monkeypatch.undo()
    assert folder_bytes(session.require_repo()) == before
    assert journal.checkin_count() == 0
    assert journal.slips() == [] and journal.wins() == []

    outcome = journal.complete_checkin(
        template, {"distress": 3}, (), SlipDraft("Snapped"), WinDraft("Walked")
    )
    data = disk_tables(session.require_repo())
    assert list(data["checkins"]) == [str(outcome.checkin_id)]
    assert [s["old_pattern"] for s in data["lapses"].values()] == ["Snapped"]
    assert [w["text"] for w in data["wins"].values()] == ["Walked"]
