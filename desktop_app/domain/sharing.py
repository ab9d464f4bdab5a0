"""A result shared with a partner, and a partner's view received: what they hold, and checks.

A share holds only the chosen results of one shareable template, the sender's display name,
and the template's id and version: nothing else of the profile. Received, it becomes a
read-only "partner view", kept apart from the person's own results. Scores are computed
again from the answers on receipt: a number the sender's file claims is never trusted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain.answers import Answer, check_answer
from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.scoring import ScaleScore, score_all
from desktop_app.domain.templates import Template
from desktop_app.i18n import _

MAX_NAME = 80
MAX_RESULTS = 100
MAX_TEXT = 5000


@dataclass(frozen=True)
class SharedResult:
    """One result as it travels: the sender's record id, when it was finished, the answers."""

    result_id: str
    completed_at: datetime
    answers: dict[str, Answer | None]


@dataclass(frozen=True)
class Share:
    """What a share file holds once opened."""

    share_id: str
    name: str
    made_at: datetime
    template_id: str
    template_version: int
    results: tuple[SharedResult, ...]


@dataclass(frozen=True)
class PartnerResult:
    """A partner's result as kept: the answers, and scores computed here."""

    result_id: str
    completed_at: datetime
    answers: dict[str, Answer | None]
    scores: dict[str, ScaleScore]


@dataclass(frozen=True)
class PartnerView:
    """A received share (the ``partners`` table): read-only, removable, never sent back."""

    share_id: str
    name: str
    made_at: datetime
    received_at: datetime
    template_id: str
    template_version: int
    template_title: str
    results: tuple[PartnerResult, ...]

    @property
    def label(self) -> str:
        # Translators: a partner's shared result as listed, e.g. "Sam's view".
        return _("{name}'s view").format(name=self.name)


class ShareRefused(ValueError):
    """A share that cannot be taken in; the message says why in plain words."""


def share_of(results: Iterable[tuple[str, AssessmentResult]], template: Template,
             name: str, share_id: str, made_at: datetime) -> Share:
    """The share of ``results`` (record id, result) of one shareable template."""
    chosen = list(results)
    if not template.shareable:
        raise ShareRefused(_("Results of “{title}” cannot be shared.").format(
            title=template.title))
    if not chosen:
        raise ShareRefused(_("Choose at least one result to share."))
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise ShareRefused(_("The name to share under needs 1 to {n} characters.").format(
            n=MAX_NAME))
    for _record_id, result in chosen:
        if result.template_id != template.id or result.template_version != template.version:
            raise ShareRefused(_("Only results of the same assessment and version can be "
                                 "shared together."))
    return Share(
        share_id=share_id, name=name, made_at=made_at, template_id=template.id,
        template_version=template.version,
        results=tuple(SharedResult(record_id, result.completed_at, dict(result.answers))
                      for record_id, result in sorted(chosen, key=lambda r: r[1].completed_at)),
    )


def receive(share: Share, template: Template | None, own_result_ids: set[str],
            received_at: datetime) -> PartnerView:
    """The partner view of ``share``, checked against this computer's ``template``;
    :class:`ShareRefused` saying why when it cannot be taken in."""
    if template is None or template.id != share.template_id:
        raise ShareRefused(_("This share is of an assessment this Groundwork does not have "
                             "(“{id}”).").format(id=share.template_id))
    if not template.shareable:
        raise ShareRefused(_("Results of “{title}” cannot be shared.").format(
            title=template.title))
    if template.version != share.template_version:
        raise ShareRefused(_(
            "This share was made with version {theirs} of “{title}”, and this computer has "
            "version {ours}. Both of you need the same version: update Groundwork where it "
            "is older, then share again.").format(
                theirs=share.template_version, title=template.title, ours=template.version))
    name = share.name.strip()
    if not name or len(name) > MAX_NAME or not share.results or len(share.results) > MAX_RESULTS:
        raise ShareRefused(_("This share file is damaged or incomplete."))
    if any(result.result_id in own_result_ids for result in share.results):
        raise ShareRefused(_("This share holds your own result: it is already yours. Shares "
                             "are for receiving a partner's view."))
    kept: list[PartnerResult] = []
    for result in share.results:
        _check_answers(template, result.answers)
        kept.append(PartnerResult(result.result_id, result.completed_at, dict(result.answers),
                                  score_all(template, result.answers)))
    return PartnerView(
        share_id=share.share_id, name=name, made_at=share.made_at, received_at=received_at,
        template_id=template.id, template_version=template.version,
        template_title=template.untranslated.title, results=tuple(kept),
    )


def _check_answers(template: Template, answers: dict[str, Answer | None]) -> None:
    known = {question.id for question in template.questions}
    unknown = any(question_id not in known for question_id in answers)
    too_long = any(isinstance(a, str) and len(a) > MAX_TEXT for a in answers.values())
    wrong = any(check_answer(question, answers.get(question.id)) is not None
                for question in template.questions)
    if unknown or too_long or wrong:
        raise ShareRefused(_("This share file holds answers that do not fit the assessment: "
                             "it is incomplete, or was changed after it was made."))
