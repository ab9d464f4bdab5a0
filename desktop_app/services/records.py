"""Records that could not be read: said once, in plain words, and never dropped from the file."""

from __future__ import annotations

from desktop_app.domain.journal import Slip, Win
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.focus import FocusService
from desktop_app.services.journal_cache import checkin_index, latest_first, results_oldest_first
from desktop_app.services.session import Session
from desktop_app.storage.repository import SkippedRecord

KINDS = {
    "assessments": "an assessment result",
    "drafts": "an unfinished assessment",
    "checkins": "a check-in",
    "focus": "a focus period",
    "lapses": "a slip",
    "wins": "a win",
    "topics": "a thing to bring up",
}


def describe(record: SkippedRecord) -> str:
    """"a check-in from 2026-03-10": the kind and the day, never what the record says."""
    kind = KINDS.get(record.table, "a record")
    return f"{kind} from {record.day.isoformat()}" if record.day else f"{kind} with no date"


def read_lists(session: Session) -> None:
    """Read what Home and the journal lists show, through the memos they use (so it costs
    them nothing later): every record that cannot be read is found now, not screen by screen.
    """
    repo = session.require_repo()
    checkin_index(repo)
    latest_first(repo, "lapses", Slip)
    latest_first(repo, "wins", Win)
    results_oldest_first(repo)
    FocusService(session).periods()
    AssessmentService(session).unfinished()


def skipped_notice(session: Session) -> str | None:
    """A sentence naming the records left out since the last notice, or None if there are none.

    Each record is named once per open profile; reading it again says nothing new.
    """
    repo = session.repo
    if repo is None:
        return None
    read_lists(session)
    skipped = repo.unreported_skips()
    if not skipped:
        return None
    skipped.sort(key=lambda r: (list(KINDS).index(r.table) if r.table in KINDS else 99,
                                r.day.isoformat() if r.day else ""))
    names = [describe(r) for r in skipped]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    count = "One record" if len(names) == 1 else f"{len(names)} records"
    return (
        f"{count} in this profile could not be read, so Groundwork leaves "
        f"{'it' if len(names) == 1 else 'them'} out: {listed}. "
        "This usually means the file was edited by hand or by another program. "
        f"{'It stays' if len(names) == 1 else 'They stay'} in the file as "
        f"{'it is' if len(names) == 1 else 'they are'}."
    )
