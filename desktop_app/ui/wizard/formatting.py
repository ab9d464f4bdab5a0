"""Plain-text wording of answers and numbers, shared by the review page and results."""

from __future__ import annotations

import os

from desktop_app.domain.answers import Answer, GapAnswer
from desktop_app.domain.templates import Question
from desktop_app.i18n import N_, _, ngettext
from desktop_app.locale_format import format_number

NOT_ANSWERED = N_("Not answered")


def number(value: float) -> str:
    """A score without float noise: 3.0 -> "3", 3.333333 -> "3.3"."""
    rounded = round(value, 1)
    return format_number(rounded)


def gap_sentence(current: int, ideal: int) -> str:
    """How far ``ideal`` is from ``current``, said without judging either."""
    distance = ideal - current
    if distance == 0:
        return _("You are where you want to be.")
    if distance > 0:
        return ngettext("{n} point to go towards your ideal.",
                        "{n} points to go towards your ideal.", distance).format(n=distance)
    return ngettext("Your ideal is {n} point below where you are now.",
                    "Your ideal is {n} points below where you are now.",
                    -distance).format(n=-distance)


def scale_point(question: Question, value: int) -> str:
    """A scale value with its range and anchor label: "3 (Sometimes) on a scale of 1 to 5"."""
    anchor = question.anchors.get(value)
    if anchor:
        return _("{value} ({anchor}) on a scale of {low} to {high}").format(
            value=value, anchor=anchor, low=question.min, high=question.max)
    return _("{value} on a scale of {low} to {high}").format(
        value=value, low=question.min, high=question.max)


def answer_text(question: Question | None, answer: Answer | None) -> str:
    """One answer in words; ``question`` is None when the template no longer has it."""
    if answer is None or answer == "" or answer == []:
        return _(NOT_ANSWERED)
    if isinstance(answer, GapAnswer):
        sentence = gap_sentence(answer.current, answer.ideal)
        return _("Now {current}, ideal {ideal}. {sentence}").format(
            current=answer.current, ideal=answer.ideal, sentence=sentence)
    if isinstance(answer, bool):
        return _("Yes") if answer else _("No")
    if question is None:
        return ", ".join(map(str, answer)) if isinstance(answer, list) else str(answer)
    labels = {option.value: option.label for option in question.options}
    if isinstance(answer, list):
        return _(", ").join(labels.get(value, str(value)) for value in answer)
    if question.type == "choice" and isinstance(answer, int):
        return labels.get(answer, str(answer))
    if question.type == "scale" and isinstance(answer, int):
        return scale_point(question, answer)
    return str(answer)


def os_reason(error: OSError) -> str:
    """Why a file operation failed, in the system's own short words ("No space left...")."""
    if error.errno:
        return os.strerror(error.errno)
    return error.strerror or str(error)
