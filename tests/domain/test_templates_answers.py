"""Answer values: the gap answer, and checking an answer against its question."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.domain.answers import Answer, GapAnswer, check_answer, is_answered
from desktop_app.domain.templates import Option, Question

GAP = Question("g", "gap", "Gap?", area="g", min=0, max=10)
SCALE = Question("s", "scale", "Scale?", min=1, max=5)
CHOICE = Question("c", "choice", "Choice?", options=(Option(0, "No"), Option(3, "Yes")))
MULTI = Question("m", "multi", "Multi?", options=(Option(1, "A"), Option(2, "B")))
TEXT = Question("t", "text", "Text?", required=False)
YES_NO = Question("y", "yes_no", "Yes?")


def test_gap_answer() -> None:
    answer = GapAnswer(current=3, ideal=8)
    assert answer.gap == 5
    assert GapAnswer(7, 4).gap == -3
    # storage maps field names to JSON keys: they are part of the file format
    assert [field.name for field in dataclasses.fields(GapAnswer)] == ["current", "ideal"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (GAP, GapAnswer(0, 10)),
        (SCALE, 1),
        (SCALE, 5),
        (CHOICE, 3),
        (MULTI, [2, 1]),
        (TEXT, "words"),
        (TEXT, ""),
        (TEXT, None),
        (YES_NO, False),
    ],
)
def test_acceptable_answers(question: Question, answer: Answer | None) -> None:
    assert check_answer(question, answer) is None


@pytest.mark.parametrize(
    ("question", "answer", "problem"),
    [
        (GAP, None, "Please answer this question."),
        (GAP, GapAnswer(0, 11), "Please choose values from 0 to 10."),
        (GAP, 5, "A gap answer needs both a current and an ideal value."),
        (SCALE, 0, "Please choose a value from 1 to 5."),
        (SCALE, True, "Please choose one point on the scale."),
        (SCALE, 2.5, "Please choose one point on the scale."),
        (CHOICE, 1, "Please choose one of the options."),
        (MULTI, [], "Please choose at least one option."),
        (MULTI, [1, 1], "Each option can be chosen only once."),
        (MULTI, [3], "Please choose from the options given."),
        (TEXT, 3, "Please write your answer as text."),
        (YES_NO, 1, "Please answer yes or no."),
        (YES_NO, None, "Please answer this question."),
    ],
)
def test_problem_answers(question: Question, answer: Answer | None, problem: str) -> None:
    assert check_answer(question, answer) == problem


def test_required_text_must_not_be_blank() -> None:
    required = dataclasses.replace(TEXT, required=True)
    assert check_answer(required, "  ") == "Please answer this question."
    assert check_answer(required, "ok") is None


def test_optional_multi_may_be_empty() -> None:
    optional = dataclasses.replace(MULTI, required=False)
    assert check_answer(optional, []) is None
    assert check_answer(optional, None) is None


def test_is_answered() -> None:
    assert not is_answered(TEXT, "   ")
    assert not is_answered(MULTI, [])
    assert not is_answered(SCALE, None)
    assert is_answered(YES_NO, False)
    assert is_answered(SCALE, 1)
