"""Records that could not be read: said once, in plain words, and never dropped from the file."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.domain.journal import Slip, Win
from desktop_app.i18n import N_, _, ngettext
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.focus import FocusService
from desktop_app.services.journal_cache import checkin_index, latest_first, results_oldest_first
from desktop_app.services.session import Session
from desktop_app.storage.repository import ProfileRepository, SkippedRecord

KINDS = {
    "assessments": N_("an assessment result"),
    "drafts": N_("an unfinished assessment"),
    "checkins": N_("a check-in"),
    "focus": N_("a focus period"),
    "lapses": N_("a slip"),
    "wins": N_("a win"),
    "topics": N_("a thing to bring up"),
}


def describe(record: SkippedRecord) -> str:
    """"a check-in from 2026-03-10": the kind and the day, never what the record says."""
    kind = _(KINDS[record.table]) if record.table in KINDS else _("a record")
    if record.day:
        return _("{kind} from {date}").format(kind=kind, date=record.day.isoformat())
    return _("{kind} with no date").format(kind=kind)


def reading_steps(session: Session) -> list[Callable[[], object]]:
    """What :func:`read_lists` reads, one list per step, so that a caller can let the event
    loop run between them (at 20 years the check-ins alone take tens of milliseconds)."""
    return list_reads(session, session.require_repo())


def list_reads(session: Session, repo: ProfileRepository) -> list[Callable[[], object]]:
    """:func:`reading_steps` of ``repo``, which need not be the open profile yet (a worker
    warms the memos up before the UI thread reads them)."""
    if session.repo is not repo:
        session = session.reading(repo)
    return [
        lambda: checkin_index(repo),
        lambda: latest_first(repo, "lapses", Slip),
        lambda: latest_first(repo, "wins", Win),
        lambda: results_oldest_first(repo),
        lambda: FocusService(session).periods(),
        lambda: AssessmentService(session).unfinished(),
    ]


def read_lists(session: Session) -> None:
    """Read what Home and the journal lists show, through the memos they use (so it costs
    them nothing later): every record that cannot be read is found now, not screen by screen.
    """
    for step in reading_steps(session):
        step()


def skipped_notice(session: Session, *, read: bool = True) -> str | None:
    """A sentence naming the records left out since the last notice, or None if there are none.

    Each record is named once per open profile; reading it again says nothing new.
    ``read=False``: the lists were just read (:func:`reading_steps`).
    """
    repo = session.repo
    if repo is None:
        return None
    if read:
        read_lists(session)
    skipped = repo.unreported_skips()
    if not skipped:
        return None
    skipped.sort(key=lambda r: (list(KINDS).index(r.table) if r.table in KINDS else 99,
                                r.day.isoformat() if r.day else ""))
    names = [describe(r) for r in skipped]
    listed = names[0] if len(names) == 1 else _("{items} and {last}").format(
        items=", ".join(names[:-1]), last=names[-1]
    )
    return ngettext(
        "One record in this profile could not be read, so Groundwork leaves it out: {list}. "
        "This usually means the file was edited by hand or by another program. "
        "It stays in the file as it is.",
        "{n} records in this profile could not be read, so Groundwork leaves them out: {list}. "
        "This usually means the file was edited by hand or by another program. "
        "They stay in the file as they are.",
        len(names),
    ).format(n=len(names), list=listed)
