"""Assessment use cases: finish one, list and read past results, keep unfinished drafts.

Results live in the ``assessments`` table and drafts in ``drafts`` (one per template id).
Scoring is done by the domain; this module only decides what is stored and read back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from desktop_app.domain.answers import Answer, GapAnswer, check_answer, is_answered
from desktop_app.domain.results import AssessmentResult, Draft
from desktop_app.domain.scoring import (
    AreaGap,
    ScaleScore,
    area_gaps,
    score_all,
    suggest_focus,
    triggered_alerts,
)
from desktop_app.domain.templates import Scale, Template
from desktop_app.i18n import _, ngettext
from desktop_app.locale_format import format_number
from desktop_app.services.session import Session
from desktop_app.storage.codec import DecodeError, from_json
from desktop_app.storage.repository import Collection, Stored

T = TypeVar("T")

RESULTS_TABLE = "assessments"
DRAFTS_TABLE = "drafts"
Answers = Mapping[str, Answer | None]


class IncompleteAnswersError(ValueError):
    """Some answers are missing or do not fit; ``problems`` maps question id to a sentence."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__(
            ngettext("{n} answer needs attention", "{n} answers need attention", len(problems))
            .format(n=len(problems))
        )
        self.problems = dict(problems)


@dataclass(frozen=True)
class _AnswerBox:
    """Decodes one stored answer on its own, so one bad value cannot spoil a whole draft."""

    value: Answer | None


@dataclass(frozen=True)
class _LooseDraft:
    """A draft read with its answers still raw (they are checked against the template)."""

    template_id: str
    answers: dict[str, Any]
    started_at: datetime
    updated_at: datetime
    page: int = 0


@dataclass(frozen=True)
class ResumableDraft:
    """A saved draft, its answers checked against today's template.

    ``dropped`` names the question ids whose saved answers no longer fit (the template
    changed since), including ids of questions that were removed.
    """

    draft: Draft
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoreLine:
    """One scale's score as a result view shows it."""

    scale_id: str
    title: str
    value: float
    low: float | None
    high: float | None
    band: str | None
    meaning: str | None
    description: str | None
    # The value said in words where a bare range would confuse ("4 (on a scale from −10 to
    # 10)" for a distance to the ideal); None: the value and its range say it well.
    in_words: str | None = None


def distance_words(scale: Scale, value: float) -> str | None:
    """How far from the ideal a score of gap items says, in words; None for other scales."""
    if not scale.items or not all(item.endswith(".gap") for item in scale.items):
        return None
    size = format_number(round(abs(value), 1))
    # ngettext counts whole numbers: a fraction ("2.5 points") reads as plural.
    count = round(abs(value)) if abs(value) == round(abs(value)) else 2
    mean = scale.method == "mean"
    if value > 0:
        if mean:
            return ngettext(
                "{size} point on average between where you are and where you want to be",
                "{size} points on average between where you are and where you want to be",
                count,
            ).format(size=size)
        return ngettext(
            "{size} point in all between where you are and where you want to be",
            "{size} points in all between where you are and where you want to be",
            count,
        ).format(size=size)
    if value < 0:
        if mean:
            return ngettext(
                "{size} point on average beyond where you wanted to be",
                "{size} points on average beyond where you wanted to be",
                count,
            ).format(size=size)
        return ngettext(
            "{size} point in all beyond where you wanted to be",
            "{size} points in all beyond where you wanted to be",
            count,
        ).format(size=size)
    return _("you are where you want to be")


@dataclass(frozen=True)
class ResultReport:
    """Everything a result view shows; ``template`` is None when it has been removed."""

    result: AssessmentResult
    title: str
    template: Template | None
    scores: tuple[ScoreLine, ...]
    gaps: tuple[AreaGap, ...]
    focus: tuple[AreaGap, ...]
    alerts: tuple[str, ...]
    # How each area reads, as on every other screen ("Close relationships", not the area's
    # own key "relationships").
    area_titles: Mapping[str, str] = field(default_factory=dict)

    def area_title(self, area: str) -> str:
        return self.area_titles.get(area) or area[:1].upper() + area[1:]


@dataclass(frozen=True)
class ResultSummary:
    """One line of the past-results list."""

    id: str
    template_id: str
    title: str
    completed_at: datetime
    scores: tuple[tuple[str, ScaleScore], ...]  # (scale title, score), template order


def fit_answers(
    template: Template, raw: Mapping[str, Any]
) -> tuple[dict[str, Answer | None], list[str]]:
    """Keep the raw answers that still fit ``template``; also return the ids that did not."""
    fitted: dict[str, Answer | None] = {}
    dropped: list[str] = []
    for question_id, value in raw.items():
        question = template.question(question_id)
        if question is None:
            if _fits_half_gap(template, question_id, value):
                fitted[question_id] = value  # one half of a gap, kept in a draft
            elif value is not None:
                dropped.append(question_id)
            continue
        try:
            answer = from_json(_AnswerBox, {"value": value}).value
        except DecodeError:
            dropped.append(question_id)
            continue
        if answer is not None and is_answered(question, answer) and check_answer(question, answer):
            dropped.append(question_id)
            continue
        fitted[question_id] = answer
    return fitted, dropped


def _fits_half_gap(template: Template, key: str, value: object) -> bool:
    """``<gap id>.current`` or ``.ideal`` with a whole number in the question's range."""
    base, _dot, part = key.rpartition(".")
    question = template.question(base)
    if question is None or question.type != "gap" or part not in ("current", "ideal"):
        return False
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    low, high = question.value_range(part) or (0, 10)
    return low <= value <= high


class AssessmentService:
    """Finish, list, read and delete assessment results, and keep drafts, for the open profile."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _results(self) -> Collection[AssessmentResult]:
        return self.session.require_repo().collection(RESULTS_TABLE, AssessmentResult)

    def _drafts(self) -> Collection[Draft]:
        return self.session.require_repo().collection(DRAFTS_TABLE, Draft)

    # --- results ----------------------------------------------------------------------
    def complete(
        self, template: Template, answers: Answers, started_at: datetime
    ) -> tuple[str, AssessmentResult]:
        """Check, score and store a finished assessment, then drop its draft.

        Raises ``IncompleteAnswersError`` when a required answer is missing or an answer
        does not fit, and ``OSError`` when the profile cannot be written.
        """
        problems = {
            q.id: problem
            for q in template.questions
            if (problem := check_answer(q, answers.get(q.id))) is not None
        }
        if problems:
            raise IncompleteAnswersError(problems)
        # Blank text and empty selections are stored as "not answered", like a skipped item.
        kept: dict[str, Answer | None] = {
            q.id: answer if is_answered(q, answer := answers.get(q.id)) else None
            for q in template.questions
        }
        result = AssessmentResult(
            template_id=template.id,
            template_version=template.version,
            started_at=started_at,
            completed_at=self.session.clock(),
            answers=kept,
            # Stored in the template file's own texts, whatever language the wizard showed.
            scores=score_all(template.untranslated, kept),
            template_title=template.untranslated.title,
            alerts=tuple(a.message for a in triggered_alerts(template.untranslated, kept)),
        )
        # One atomic write: the result and the end of its draft land together, or neither.
        with self.session.require_repo().batch():
            result_id = self._results().add(result)
            self.discard_draft(template.id)
        return result_id, result

    def results(self, template_id: str | None = None) -> list[Stored[AssessmentResult]]:
        """Stored results, newest first (documents that no longer decode are skipped)."""
        found = [
            stored
            for stored in _tolerant_all(self.session, RESULTS_TABLE, AssessmentResult)
            if template_id is None or stored.item.template_id == template_id
        ]
        found.sort(key=lambda s: (s.item.completed_at, s.id), reverse=True)
        return found

    def get(self, result_id: str) -> AssessmentResult | None:
        """One result, or None when it is gone or unreadable."""
        return self._results().get(result_id)

    def delete(self, result_id: str) -> None:
        self._results().remove(result_id)

    def latest(self, template_id: str) -> Stored[AssessmentResult] | None:
        """The newest result of a template, or None."""
        found = self.results(template_id)
        return found[0] if found else None

    def summaries(self) -> list[ResultSummary]:
        """The past-results list, newest first."""
        summaries: list[ResultSummary] = []
        for stored in self.results():
            result = stored.item
            template = self.session.templates.get(result.template_id)
            scores: list[tuple[str, ScaleScore]] = []
            for scale_id, score in result.scores.items():
                scale = template.scale(scale_id) if template else None
                scores.append((scale.title if scale else scale_id, score))
            summaries.append(
                ResultSummary(
                    id=stored.id,
                    template_id=result.template_id,
                    title=_title_of(result, template),
                    completed_at=result.completed_at,
                    scores=tuple(scores),
                )
            )
        return summaries

    def report(self, result: AssessmentResult) -> ResultReport:
        """Scores with bands and meanings, gaps, focus suggestions and alerts for a result."""
        template = self.session.templates.get(result.template_id)
        lines: list[ScoreLine] = []
        for scale_id, score in result.scores.items():
            scale = template.scale(scale_id) if template else None
            low = high = None
            if template and scale:
                # A template changed since may no longer score; the stored value stands.
                with contextlib.suppress(ValueError):
                    low, high = template.scale_range(scale)
            band = template.shown_band(scale_id, score.band) if template else None
            lines.append(
                ScoreLine(
                    scale_id=scale_id,
                    title=scale.title if scale else scale_id,
                    value=score.value,
                    low=low,
                    high=high,
                    band=band.label if band else score.band,
                    meaning=band.meaning if band else None,
                    description=scale.description if scale else None,
                    in_words=distance_words(scale, score.value) if scale else None,
                )
            )
        if template is not None:
            gaps = tuple(area_gaps(template, result.answers))
        else:
            gaps = tuple(
                AreaGap(qid, qid, answer.current, answer.ideal, answer.gap)
                for qid, answer in result.answers.items()
                if isinstance(answer, GapAnswer)
            )
        return ResultReport(
            result=result,
            title=_title_of(result, template),
            template=template,
            scores=tuple(lines),
            gaps=gaps,
            focus=tuple(suggest_focus(gaps)),
            alerts=tuple(template.shown_alert(a) for a in result.alerts) if template
            else result.alerts,
            area_titles=self._area_titles(),
        )

    def _area_titles(self) -> dict[str, str]:
        from desktop_app.services.focus import area_titles  # focus reads results too

        return area_titles(self.session.templates.templates)

    # --- drafts -----------------------------------------------------------------------
    def save_draft(
        self, template: Template, answers: Answers, started_at: datetime, page: int = 0
    ) -> None:
        """Create or replace the one draft of ``template``."""
        drafts = self._drafts()
        draft = Draft(
            template_id=template.id,
            template_version=template.version,
            started_at=started_at,
            updated_at=self.session.clock(),
            answers={
                **{q.id: answers.get(q.id) for q in template.questions},
                **{k: v for k, v in answers.items() if _fits_half_gap(template, k, v)},
            },
            page=max(page, 0),
        )
        latest = self._latest_drafts().get(template.id)
        ids = [latest.id] if latest is not None else self._draft_ids(template.id)
        if ids:
            drafts.update(ids[0], draft)
        else:
            drafts.add(draft)

    def load_draft(self, template: Template) -> ResumableDraft | None:
        """The saved draft of ``template`` with the answers that still fit, or None."""
        stored = self._latest_drafts().get(template.id)
        if stored is None:
            return None
        loose = stored.item
        answers, dropped = fit_answers(template, loose.answers)
        pages = len(template.pages) + 2  # the intro and the review page
        draft = Draft(
            template_id=template.id,
            template_version=template.version,
            started_at=loose.started_at,
            updated_at=loose.updated_at,
            answers=answers,
            page=min(max(loose.page, 0), pages - 1),
        )
        return ResumableDraft(draft, tuple(dropped))

    def unfinished(self) -> list[tuple[Template, datetime]]:
        """Templates with a saved draft and when it was last saved, newest first."""
        found = [
            (template, d.item.updated_at)
            for d in self._latest_drafts().values()
            if (template := self.session.templates.get(d.item.template_id)) is not None
        ]
        return sorted(found, key=lambda pair: pair[1].timestamp(), reverse=True)

    def has_draft(self, template_id: str) -> bool:
        return bool(self._draft_ids(template_id))

    def draft_saved_at(self, template_id: str) -> datetime | None:
        """When the draft of a template was last saved, or None when there is none."""
        stored = self._latest_drafts().get(template_id)
        return stored.item.updated_at if stored is not None else None

    def discard_draft(self, template_id: str) -> None:
        drafts = self._drafts()
        with self.session.require_repo().batch():
            for doc_id in self._draft_ids(template_id):
                drafts.remove(doc_id)

    def _draft_ids(self, template_id: str) -> list[str]:
        docs = _tolerant_all(self.session, DRAFTS_TABLE, _TemplateIdOnly)
        return [doc.id for doc in docs if doc.item.template_id == template_id]

    def _latest_drafts(self) -> dict[str, Stored[_LooseDraft]]:
        """The draft of each template: Home, the Assessments screen and the wizard all resume
        this one. Two can exist when a sync engine brings another computer's copy; the one
        saved last wins."""
        latest: dict[str, Stored[_LooseDraft]] = {}
        for stored in _tolerant_all(self.session, DRAFTS_TABLE, _LooseDraft):
            known = latest.get(stored.item.template_id)
            if known is None or (
                stored.item.updated_at.timestamp() > known.item.updated_at.timestamp()
            ):
                latest[stored.item.template_id] = stored
        return latest


@dataclass(frozen=True)
class _TemplateIdOnly:
    template_id: str


def _tolerant_all(session: Session, table: str, cls: type[T]) -> list[Stored[T]]:
    """Every document of ``table`` that decodes as ``cls``; the others are skipped.

    One hand-edited or damaged document must not hide every other result or draft (the
    collection skips it and the repository remembers it, to be told once).
    """
    return session.require_repo().collection(table, cls).all()


def _title_of(result: AssessmentResult, template: Template | None) -> str:
    if template is not None:
        return template.title
    return result.template_title or result.template_id
