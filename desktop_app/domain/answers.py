"""Answer values, shared by the wizard, storage and scoring.

One answer per question id; `None` means unanswered. Each question type has one value type:

| type   | value                                    |
|--------|------------------------------------------|
| gap    | `GapAnswer(current, ideal)`              |
| scale  | `int` within the question's min..max     |
| choice | `int`, one of the option values          |
| multi  | `list[int]` of option values, no repeats |
| text   | `str`                                    |
| yes_no | `bool`                                   |

`float` is part of the union so a future slider can store fractions without a schema change;
no question type produces one today.
"""

from dataclasses import dataclass

from desktop_app.domain.templates import Question
from desktop_app.i18n import _


@dataclass(frozen=True)
class GapAnswer:
    """Where the person is now and where they want to be, on the question's scale.

    Stored as `{"current": n, "ideal": n}`; storage maps the field names, so keep them.
    """

    current: int
    ideal: int

    @property
    def gap(self) -> int:
        """How far there is to go: positive when the ideal is above the present."""
        return self.ideal - self.current


Answer = int | float | str | bool | list[int] | GapAnswer


def _is_int(value: object) -> bool:
    # bool is a subclass of int, but True is not an answer to a 0-10 question.
    return isinstance(value, int) and not isinstance(value, bool)


def is_answered(question: Question, answer: Answer | None) -> bool:
    """Whether the answer counts as given: blank text and an empty selection do not."""
    if answer is None:
        return False
    if question.type == "text":
        return isinstance(answer, str) and answer.strip() != ""
    if question.type == "multi":
        return isinstance(answer, list) and len(answer) > 0
    return True


def check_answer(question: Question, answer: Answer | None) -> str | None:
    """Say what is wrong with an answer to `question`, or return None when it is acceptable.

    A missing answer is acceptable only when the question is not required.
    """
    if answer is None:
        return _("Please answer this question.") if question.required else None
    if not is_answered(question, answer) and question.required:
        # Blank text or an empty selection: well-typed, but not an answer.
        if question.type == "multi":
            return _("Please choose at least one option.")
        return _("Please answer this question.")
    return _check_value(question, answer)


def _check_value(question: Question, answer: Answer | None) -> str | None:
    """Type and range checks for a given (non-missing) answer."""
    kind = question.type
    if kind == "gap":
        if not isinstance(answer, GapAnswer):
            return _("A gap answer needs both a current and an ideal value.")
        low, high = question.min, question.max
        for value in (answer.current, answer.ideal):
            if not _is_int(value) or low is None or high is None or not low <= value <= high:
                return _("Please choose values from {low} to {high}.").format(low=low, high=high)
        return None
    if kind == "scale":
        if not _is_int(answer) or question.min is None or question.max is None:
            return _("Please choose one point on the scale.")
        assert isinstance(answer, int)
        if not question.min <= answer <= question.max:
            return _("Please choose a value from {low} to {high}.").format(
                low=question.min, high=question.max
            )
        return None
    values = {option.value for option in question.options}
    if kind == "choice":
        if not _is_int(answer) or answer not in values:
            return _("Please choose one of the options.")
        return None
    if kind == "multi":
        if not isinstance(answer, list) or not all(_is_int(v) and v in values for v in answer):
            return _("Please choose from the options given.")
        if len(set(answer)) != len(answer):
            return _("Each option can be chosen only once.")
        alone = [o.label for o in question.options if o.exclusive and o.value in answer]
        if alone and len(answer) > 1:
            return _("“{option}” cannot be chosen together with other options.").format(
                option=alone[0]
            )
        return None
    if kind == "text":
        return None if isinstance(answer, str) else _("Please write your answer as text.")
    # yes_no
    return None if isinstance(answer, bool) else _("Please answer yes or no.")
