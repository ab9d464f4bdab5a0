"""An unfinished check-in, kept as a draft so closing (or a crash) never loses a word.

Stored in the ``drafts`` table like an assessment's draft (one per template id), with what the
practices page adds: the ticks, and a slip or a win being written. Home lists it under
"Unfinished", and "Check in now" carries on with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from desktop_app.domain.answers import Answer
from desktop_app.domain.templates import Template
from desktop_app.services.assessments import DRAFTS_TABLE, fit_answers
from desktop_app.services.journal import SlipDraft, WinDraft
from desktop_app.services.session import Session
from desktop_app.storage.repository import Collection, Stored


@dataclass(frozen=True)
class CheckInDraft:
    """The answers so far, the page, and the practices page's state.

    The fields an assessment draft has come first, so Home's "Unfinished" list and an
    export read it as any other draft.
    """

    template_id: str
    template_version: int
    started_at: datetime
    updated_at: datetime
    answers: dict[str, Answer | None]
    page: int = 0
    practices: tuple[str, ...] = ()
    practices_touched: bool = False
    slip: SlipDraft | None = None
    win: WinDraft | None = None
    for_day: date | None = None  # a check-in for an earlier day (backfilling)


@dataclass(frozen=True)
class CheckInWork:
    """What the person has entered in an open check-in, as the wizard hands it over."""

    answers: Mapping[str, Answer | None]
    page: int = 0
    practices: Sequence[str] = ()
    practices_touched: bool = False
    slip: SlipDraft | None = None
    win: WinDraft | None = None
    for_day: date | None = None

    def has_content(self) -> bool:
        """Whether closing would lose anything the person did (ticks included)."""
        answered = any(value not in (None, "", []) for value in self.answers.values())
        slip = self.slip is not None and any(
            (self.slip.old_pattern, self.slip.trigger, self.slip.what_helped, self.slip.note)
        )
        win = self.win is not None and bool(self.win.text.strip())
        return answered or (self.practices_touched and bool(self.practices)) or slip or win


class CheckInDrafts:
    """Save, load and discard the one draft of a check-in template, for the open profile."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _drafts(self) -> Collection[CheckInDraft]:
        return self.session.require_repo().collection(DRAFTS_TABLE, CheckInDraft)

    def _mine(self, template_id: str) -> list[Stored[CheckInDraft]]:
        found = [d for d in self._drafts().all() if d.item.template_id == template_id]
        # Two can exist when a sync engine brings another computer's copy: the latest wins.
        return sorted(found, key=lambda d: d.item.updated_at.timestamp(), reverse=True)

    def save(self, template: Template, work: CheckInWork, started_at: datetime) -> None:
        """Create or replace the draft of ``template``."""
        draft = CheckInDraft(
            template_id=template.id,
            template_version=template.version,
            started_at=started_at,
            updated_at=self.session.clock(),
            answers={q.id: work.answers.get(q.id) for q in template.questions},
            page=max(work.page, 0),
            practices=tuple(work.practices),
            practices_touched=work.practices_touched,
            slip=work.slip,
            win=work.win,
            for_day=work.for_day,
        )
        mine = self._mine(template.id)
        if mine:
            self._drafts().update(mine[0].id, draft)
        else:
            self._drafts().add(draft)

    def load(self, template: Template) -> CheckInDraft | None:
        """The saved draft with the answers that still fit today's template, or None."""
        mine = self._mine(template.id)
        if not mine:
            return None
        draft = mine[0].item
        answers, _dropped = fit_answers(template, draft.answers)
        pages = len(template.pages) + 3  # the intro, the practices and the review page
        return CheckInDraft(
            draft.template_id, template.version, draft.started_at, draft.updated_at,
            answers, min(draft.page, pages - 1), draft.practices, draft.practices_touched,
            draft.slip, draft.win, draft.for_day,
        )

    def discard(self, template_id: str) -> None:
        drafts = self._drafts()
        with self.session.require_repo().batch():
            for stored in self._mine(template_id):
                drafts.remove(stored.id)
