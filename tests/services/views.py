"""What every service tells a screen, as plain data: compared between the live session and a
fresh one that reads the same file, so a memo that went stale shows up as a difference."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.progress import DateRange
from desktop_app.paths import resources_dir
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.journal import JournalService
from desktop_app.services.progress import ProgressService
from desktop_app.services.session import Session
from tests.conftest import FakeClock
from tests.disk import stored


def gap_answers(session: Session, gaps: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """Answers to every gap question of life-areas: ``gaps`` where given, else 5 → 7."""
    template = session.templates.get("life-areas")
    assert template is not None
    return {
        q.id: GapAnswer(*gaps.get(q.id, (5, 7))) for q in template.questions if q.type == "gap"
    }


def complete_life_areas(
    session: Session, clock: FakeClock, gaps: dict[str, tuple[int, int]]
) -> int:
    template = session.templates.get("life-areas")
    assert template is not None
    started = clock.now - timedelta(minutes=10)
    result_id, _result = AssessmentService(session).complete(
        template, gap_answers(session, gaps), started
    )
    return result_id


def view(session: Session) -> dict[str, Any]:
    """Everything Home, Journal, Focus, milestones and Progress would show."""
    journal = JournalService(session)
    assessments = AssessmentService(session)
    progress = ProgressService(session)
    repo = session.require_repo()
    data = progress.load()
    everything = DateRange(None, None)
    wheel = progress.wheel(everything)
    return {
        "checkins": [(i, journal.checkin(i)) for i in journal.checkin_ids()],
        "checkin_count": journal.checkin_count(),
        "last_checkin_at": journal.last_checkin_at(),
        "due": journal.due(),
        "slips": journal.slips(),
        "wins": journal.wins(),
        "latest_win": journal.latest_win(),
        "latest_assessment": journal.latest_assessment(),
        "focus_periods": journal.focus.periods(),
        "current_focus": journal.focus.current(),
        "choices": journal.focus.choices(),
        "gap_readings": journal.focus.gap_readings(),
        "milestones_reached": journal.milestones.reached(),
        "milestones_pending": journal.milestones.pending(),
        "results": assessments.results(),
        "unfinished": [(t.id, when) for t, when in assessments.unfinished()],
        "summary": session.profiles.summary(repo),
        "meta": repo.meta,
        "progress": (
            sorted(r.completed_at.isoformat() for _i, r in data.results),
            [c.at for c in data.checkins],
            data.focus, data.slips, data.wins, data.settings,
        ),
        "wheel": None if wheel is None else repr(wheel),
    }


def fresh_view(session: Session) -> dict[str, Any]:
    """The same, from a new session that opens the profile file from disk (once this
    session's writes have landed)."""
    session.flush()
    other = Session(session.data_dir, resources_dir(), session.clock, session.device)
    other.templates = session.templates
    other.profiles.refresh()
    assert session.profile is not None
    other.open_profile(session.profile.id)
    try:
        return view(other)
    finally:
        other.close()


def assert_coherent(session: Session) -> dict[str, Any]:
    live = view(session)
    assert live == fresh_view(session)
    return live


def on_disk(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = stored(session.require_repo())
    return data


def moment(clock: FakeClock, **delta: float) -> datetime:
    return clock.now - timedelta(**delta)
