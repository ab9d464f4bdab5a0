"""A completed assessment and an unfinished draft, as stored in a profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desktop_app.domain.answers import Answer
from desktop_app.domain.scoring import ScaleScore


@dataclass(frozen=True)
class AssessmentResult:
    """One finished assessment (the ``assessments`` table).

    ``answers`` maps question id to value (a gap answer is ``{"current", "ideal"}`` on
    disk); ``scores`` maps scale id to value and band. ``template_title`` keeps the result
    readable even when its template is later removed.
    """

    template_id: str
    template_version: int
    started_at: datetime
    completed_at: datetime
    answers: dict[str, Answer | None]
    scores: dict[str, ScaleScore]
    template_title: str = ""
    alerts: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Draft:
    """Answers so far of a wizard not yet finished (the ``drafts`` table, one per template)."""

    template_id: str
    template_version: int
    started_at: datetime
    updated_at: datetime
    answers: dict[str, Answer | None]
    page: int = 0
