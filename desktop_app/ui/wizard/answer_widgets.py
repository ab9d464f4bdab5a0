"""One widget per question type. Each holds its answer in the Qt *user property* ``answer``.

So tests, ``QDataWidgetMapper`` and accessibility tools read and set any answer the same way:
``widget.metaObject().userProperty().read(widget)``. An unanswered widget reads as None, and
writing a value that does not fit the question clears the widget instead of raising.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.templates import Question
from desktop_app.i18n import _
from desktop_app.ui.wizard.answer_base import answer_property as _answer_property
from desktop_app.ui.wizard.answer_base import is_clear_key as _is_clear_key
from desktop_app.ui.wizard.answer_base import is_int as _is_int

# Up to this many points a scale is a row of buttons; beyond it, a number box.
MAX_BUTTON_POINTS = 11


class _ButtonChoice(QWidget):
    """Exclusive buttons, each standing for one value; none checked means unanswered."""

    answerChanged = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.clearable = False  # set for optional questions: Delete then clears the answer
        self.group = QButtonGroup(self)
        self._values: dict[QAbstractButton, int] = {}
        self.group.buttonToggled.connect(self._toggled)

    def _add(self, button: QAbstractButton, value: int) -> None:
        self._values[button] = value
        self.group.addButton(button)
        button.installEventFilter(self)

    def clear(self) -> None:
        """Back to "not answered"."""
        self._select(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.clearable and _is_clear_key(event):
            self.clear()
            return True
        return super().eventFilter(watched, event)

    @property
    def buttons(self) -> list[QAbstractButton]:
        return list(self._values)

    def value(self) -> int | None:
        checked = self.group.checkedButton()
        return None if checked is None else self._values[checked]

    def _select(self, value: object) -> None:
        target = next((b for b, v in self._values.items() if _is_int(value) and v == value), None)
        if target is not None:
            target.setChecked(True)
            return
        if self.group.checkedButton() is None:
            return
        # An exclusive group never unchecks its last button by itself.
        self.group.setExclusive(False)
        for button in self._values:
            button.setChecked(False)
        self.group.setExclusive(True)
        self.answerChanged.emit()

    def set_value(self, value: object) -> None:
        self._select(value)

    def _toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.answerChanged.emit()

    answer = _answer_property(answerChanged)


POINT_WIDTH = 90  # at most, per point of a scale


class ScaleAnswer(_ButtonChoice):
    """A row of numbered points with the template's anchor labels beneath them.

    Keys: Tab reaches the row once; arrows move between points (Space picks one); a digit,
    Home or End picks that point straight away.
    """

    def __init__(
        self, question: Question, accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(accessible_name, parent)
        assert question.min is not None and question.max is not None
        self.low, self.high = question.min, question.max
        self._typed = ""  # the digit typed last, for two-digit points
        self._typed_at = 0.0
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        points = list(range(self.low, self.high + 1))
        for column, point in enumerate(points):
            anchor = question.anchors.get(point)
            button = QRadioButton(str(point))
            button.setObjectName(f"point{point}")
            button.setAccessibleName(f"{point}, {anchor}" if anchor else str(point))
            button.setAccessibleDescription(accessible_name)
            self._add(button, point)
            grid.addWidget(button, 0, column, Qt.AlignmentFlag.AlignHCenter)
            grid.setColumnStretch(column, 1)
        # Points spread over a very wide window are hard to compare; keep the row compact.
        self.setMaximumWidth(len(points) * POINT_WIDTH)
        for column, point in enumerate(points):
            anchor = question.anchors.get(point)
            if anchor:
                self._place_anchor(grid, anchor, column, points, question)
        anchors = "; ".join(_("{point} means {anchor}").format(point=p, anchor=a)
                            for p, a in sorted(question.anchors.items()))
        self.setAccessibleDescription(
            _("From {low} to {high}. {anchors}.").format(low=self.low, high=self.high,
                                                         anchors=anchors) if anchors else ""
        )

    def _place_anchor(
        self, grid: QGridLayout, text: str, column: int, points: list[int], question: Question
    ) -> None:
        anchored = [points.index(p) for p in question.anchors if p in points]
        others = [abs(c - column) for c in anchored if c != column] or [len(points)]
        reach = max(0, min(2, (min(others) - 1) // 2))
        label = QLabel(text)
        label.setWordWrap(True)
        label.setObjectName("anchorLabel")
        label.setStyleSheet("color: palette(placeholder-text);")
        last = len(points) - 1
        if column == 0:
            start, span, align = 0, 1 + 2 * reach, Qt.AlignmentFlag.AlignLeft
        elif column == last:
            start, span, align = last - 2 * reach, 1 + 2 * reach, Qt.AlignmentFlag.AlignRight
        else:
            start, span, align = column - reach, 1 + 2 * reach, Qt.AlignmentFlag.AlignHCenter
        label.setAlignment(align | Qt.AlignmentFlag.AlignTop)
        # The row's layout does not pass height-for-width up to the page, so a wrapped
        # anchor would be cut to its first line: reserve the lines it will need.
        room = span * POINT_WIDTH - 8
        lines = min(3, -(-label.fontMetrics().horizontalAdvance(text) // room))
        label.setMinimumHeight(lines * label.fontMetrics().lineSpacing())
        grid.addWidget(label, 1, start, 1, span)

    def _typed_number(self, digit: str) -> int:
        """The point a digit picks: with the digit typed just before it, a two-digit point
        when the scale has one (1 then 0 picks 10, as type-ahead does in lists)."""
        now = time.monotonic()
        quick = now - self._typed_at <= QApplication.keyboardInputInterval() / 1000
        self._typed_at = now
        if quick and self._typed and self.low <= int(self._typed + digit) <= self.high:
            number, self._typed = int(self._typed + digit), ""
            return number
        self._typed = digit
        return int(digit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            wanted = {Qt.Key.Key_Home: self.low, Qt.Key.Key_End: self.high}.get(
                Qt.Key(event.key()), self._typed_number(text) if text.isdigit() else None
            )
            if wanted is not None and self.low <= wanted <= self.high:
                button = next(b for b, v in self._values.items() if v == wanted)
                button.setFocus(Qt.FocusReason.ShortcutFocusReason)
                button.setChecked(True)
                return True
        return super().eventFilter(watched, event)


class NumberAnswer(QSpinBox):
    """A scale too long for a row of points: a number box whose lowest step means unanswered."""

    answerChanged = Signal()

    def __init__(
        self, question: Question, accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.clearable = False  # its lowest step, "Not answered", is its own way back
        assert question.min is not None and question.max is not None
        self.setRange(question.min - 1, question.max)
        self.setSpecialValueText(_("Not answered"))
        self.setValue(question.min - 1)
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription(
            _("From {low} to {high}.").format(low=question.min, high=question.max))
        self.valueChanged.connect(lambda _v: self.answerChanged.emit())

    def value(self) -> int | None:  # type: ignore[override]
        number = super().value()
        return None if number == self.minimum() else number

    def set_value(self, value: object) -> None:
        fits = _is_int(value) and self.minimum() < value <= self.maximum()  # type: ignore[operator]
        self.setValue(value if fits else self.minimum())  # type: ignore[arg-type]

    def clear(self) -> None:
        """Back to "not answered" (the lowest step)."""
        self.setValue(self.minimum())

    answer = _answer_property(answerChanged)


class ChoiceAnswer(_ButtonChoice):
    """One option of several, as radio buttons (arrows move, Space picks)."""

    def __init__(
        self, question: Question, accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(accessible_name, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for option in question.options:
            button = QRadioButton(option.label)
            button.setObjectName(f"option{option.value}")
            button.setAccessibleDescription(accessible_name)
            self._add(button, option.value)
            # Left-aligned at its own size, so the whole visible button is what a click hits.
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)


class YesNoAnswer(_ButtonChoice):
    """Yes or No, as two radio buttons."""

    def __init__(
        self, question: Question, accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(accessible_name, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, value in ((_("&Yes"), 1), (_("N&o"), 0)):
            button = QRadioButton(text)
            button.setObjectName("yes" if value else "no")
            button.setAccessibleName(text.replace("&", ""))
            button.setAccessibleDescription(accessible_name)
            self._add(button, value)
            layout.addWidget(button)
        layout.addStretch(1)

    def value(self) -> bool | None:
        chosen = super().value()
        return None if chosen is None else bool(chosen)

    def set_value(self, value: object) -> None:
        self._select(int(value) if isinstance(value, bool) else None)


class MultiAnswer(QWidget):
    """Any number of options, as check boxes; nothing ticked means unanswered."""

    answerChanged = Signal()

    def __init__(
        self, question: Question, accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.clearable = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[int, QCheckBox] = {}
        self.exclusive = {option.value for option in question.options if option.exclusive}
        self._setting = False
        for option in question.options:
            box = QCheckBox(option.label)
            box.setObjectName(f"option{option.value}")
            box.setAccessibleDescription(
                _("{question} Choosing this clears the other choices.").format(
                    question=accessible_name) if option.exclusive else accessible_name)
            box.toggled.connect(
                lambda checked, v=option.value: self._toggled(v, checked)
            )
            box.installEventFilter(self)
            self.boxes[option.value] = box
            layout.addWidget(box, 0, Qt.AlignmentFlag.AlignLeft)

    def _toggled(self, value: int, checked: bool) -> None:
        if self._setting:
            return
        if checked and self.exclusive:
            # "No one right now" and "A friend" contradict each other: the latest tick wins.
            alone = value in self.exclusive
            self._setting = True
            try:
                for other, box in self.boxes.items():
                    if other != value and (alone or other in self.exclusive):
                        box.setChecked(False)
            finally:
                self._setting = False
        self.answerChanged.emit()

    def value(self) -> list[int] | None:
        ticked = [value for value, box in self.boxes.items() if box.isChecked()]
        return ticked or None

    def set_value(self, value: object) -> None:
        wanted = set(value) if isinstance(value, list) else set()
        self._setting = True
        try:
            for option_value, box in self.boxes.items():
                box.setChecked(option_value in wanted)
        finally:
            self._setting = False
        self.answerChanged.emit()

    def clear(self) -> None:
        """Back to "not answered": nothing ticked."""
        self.set_value(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.clearable and _is_clear_key(event):
            self.clear()
            return True
        return super().eventFilter(watched, event)

    answer = _answer_property(answerChanged)


class TextAnswer(QPlainTextEdit):
    """Free text. Tab moves on (it does not type a tab); blank text reads as unanswered."""

    answerChanged = Signal()

    def __init__(
        self, question: Question, accessible_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(_("Optional") if not question.required else "")
        lines = self.fontMetrics().lineSpacing()
        self.setFixedHeight(lines * 4 + 12)
        self.textChanged.connect(self.answerChanged.emit)

    def value(self) -> str | None:
        text = self.toPlainText().strip()
        return text or None

    def set_value(self, value: object) -> None:
        text = value if isinstance(value, str) else ""
        if text != self.toPlainText():
            self.setPlainText(text)

    answer = _answer_property(answerChanged)


CLEARABLE = (ScaleAnswer, ChoiceAnswer, YesNoAnswer, MultiAnswer, NumberAnswer)
"""Widgets an optional answer can be cleared from (text clears by deleting the words)."""

AnswerWidget = ScaleAnswer | NumberAnswer | ChoiceAnswer | YesNoAnswer | MultiAnswer | TextAnswer
_Factory = Callable[[Question, str], AnswerWidget]


def scale_widget(question: Question, accessible_name: str) -> ScaleAnswer | NumberAnswer:
    """Points in a row for short scales, a number box for long ones."""
    assert question.min is not None and question.max is not None
    if question.max - question.min + 1 <= MAX_BUTTON_POINTS:
        return ScaleAnswer(question, accessible_name)
    return NumberAnswer(question, accessible_name)


FACTORIES: dict[str, _Factory] = {
    "scale": scale_widget,
    "choice": ChoiceAnswer,
    "yes_no": YesNoAnswer,
    "multi": MultiAnswer,
    "text": TextAnswer,
}


def focus_target(widget: QWidget) -> QWidget:
    """Where keyboard focus should land in an answer widget, as Tab would put it."""
    if isinstance(widget, _ButtonChoice) and widget.buttons:
        return next((b for b in widget.buttons if b.isChecked()), widget.buttons[0])
    if isinstance(widget, MultiAnswer) and widget.boxes:
        return next(iter(widget.boxes.values()))
    return widget


def create_answer_widget(question: Question, accessible_name: str) -> AnswerWidget:
    """The widget for any question type except gap (see ``GapQuestion``)."""
    widget = FACTORIES[question.type](question, accessible_name)
    widget.setObjectName(question.id)
    return widget
