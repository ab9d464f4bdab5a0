"""One save as the UI makes it (the service call a slot makes), at 1 and at 20 years: the
UI thread's part (the file itself lands on the writer thread).

Between saves, what Home reads after a save is read again (untimed), so every save meets the
memos warm, as it does in the app.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from desktop_app.domain.answers import GapAnswer
from desktop_app.paths import resources_dir
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.clock import system_clock
from desktop_app.services.journal import JournalService, WinDraft
from desktop_app.services.session import Session
from tests.benchmarks.data import BENCH_DEVICE

CHECKIN = {"thoughts": 4, "words": 3, "body": 4, "distress": 2}


def open_session(data_dir: Path) -> Session:
    session = Session(data_dir, resources_dir(), system_clock, BENCH_DEVICE)
    session.load_templates()
    session.profiles.refresh()
    session.open_profile(session.profiles.profiles[0].id)
    from desktop_app.services.records import read_lists

    read_lists(session)  # as the app does once Home has painted (the skipped-records notice)
    read_home(session)
    return session


def read_home(session: Session) -> None:
    """What Home reads when a save tells it to refresh (it reads no whole list: the app reads
    every list only once, after start; doing it after every save here would time each save
    with the caches full of history, not what a person's next save meets)."""
    journal = JournalService(session)
    AssessmentService(session).unfinished()
    journal.due()
    journal.focus.current()
    journal.milestones.pending()
    journal.latest_win()
    journal.latest_assessment()
    session.profiles.summary(session.require_repo())


def save_calls(session: Session) -> dict[str, Callable[[int], object]]:
    journal = JournalService(session)
    assessments = AssessmentService(session)
    checkin = journal.checkin_template()
    areas = session.templates.get("life-areas")
    assert checkin is not None and areas is not None
    gaps = [q.id for q in areas.questions if q.type == "gap"]
    started = system_clock() - timedelta(minutes=5)

    def draft(index: int) -> object:
        answers = {q: GapAnswer(index % 10, 9) for q in gaps[: 1 + index % len(gaps)]}
        return assessments.save_draft(areas, answers, started, 1 + index % 3)

    return {
        "check-in": lambda index: journal.complete_checkin(checkin, CHECKIN),
        "win": lambda index: journal.log_win(WinDraft(f"Kept a boundary, save {index}")),
        "draft autosave": draft,
    }


def measure_saves(
    folders: dict[int, Path], runs: int,
) -> tuple[dict[int, dict[str, list[float]]], dict[int, dict[str, list[float]]]]:
    """Seconds per save, by years and by kind, as (wall clock, UI-thread CPU time); the
    profiles are interleaved so drift hits both alike.

    On a busy machine a sub-millisecond save's wall time is mostly the scheduler's (another
    process holding the CPU); the thread's CPU time is what the save itself costs."""
    sessions = {years: open_session(folder) for years, folder in folders.items()}
    calls = {years: save_calls(session) for years, session in sessions.items()}
    samples: dict[int, dict[str, list[float]]] = {
        years: {kind: [] for kind in calls[years]} for years in folders
    }
    cpu: dict[int, dict[str, list[float]]] = {
        years: {kind: [] for kind in calls[years]} for years in folders
    }
    try:
        for index in range(runs):
            order = sorted(folders, reverse=bool(index % 2))
            for years in order:
                for kind, call in calls[years].items():
                    started, used = time.perf_counter(), time.thread_time()
                    call(index)
                    samples[years][kind].append(time.perf_counter() - started)
                    cpu[years][kind].append(time.thread_time() - used)
                    # Untimed: the file lands on the writer thread, as a person's next save
                    # finds it landed.
                    sessions[years].flush(10)
                    read_home(sessions[years])
        for session in sessions.values():
            AssessmentService(session).discard_draft("life-areas")
    finally:
        for session in sessions.values():
            session.close()
    return samples, cpu


def discard_draft(data_dir: Path, template_id: str = "life-areas") -> None:
    """Leave no draft behind, so the next wizard starts afresh (no offer to continue)."""
    session = Session(data_dir, resources_dir(), system_clock, BENCH_DEVICE)
    session.load_templates()
    session.profiles.refresh()
    session.open_profile(session.profiles.profiles[0].id)
    AssessmentService(session).discard_draft(template_id)
    session.close()
