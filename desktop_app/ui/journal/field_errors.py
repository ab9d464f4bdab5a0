"""One rule for the journal dialogs' validation messages: a message leads to its field
(scrolled into view and focused), and goes away as soon as that field is put right."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QWidget,
)

from desktop_app.ui.widgets import ErrorLabel

Problem = Callable[[], str | None]
"""The field's problem now, in a sentence; None once it is put right."""


def changed_signal(field: QWidget) -> SignalInstance | None:
    """The signal a field sends when the person changes it."""
    if isinstance(field, QLineEdit | QPlainTextEdit):
        return field.textChanged
    if isinstance(field, QComboBox):
        return field.currentTextChanged if field.isEditable() else field.currentIndexChanged
    if isinstance(field, QListWidget):
        return field.itemChanged
    if isinstance(field, QAbstractButton):
        return field.toggled
    if isinstance(field, QDateTimeEdit):
        return field.dateTimeChanged
    if isinstance(field, QSpinBox):
        return field.valueChanged
    return None


def bring_into_view(field: QWidget) -> None:
    """Scroll every scroll area holding ``field`` so it shows, then focus it."""
    layout = field.window().layout()
    if layout is not None:
        layout.activate()  # a message that just appeared takes its room first
    parent = field.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        inner = area.widget() if isinstance(area, QScrollArea) else None
        if isinstance(area, QScrollArea) and area.viewport() is parent and inner is not None:
            # The whole field, not only its text cursor (what ensureWidgetVisible shows).
            centre = field.mapTo(inner, field.rect().center())
            area.ensureVisible(
                centre.x(), centre.y(), field.width() // 2 + 20, field.height() // 2 + 20
            )
        parent = parent.parentWidget()
    field.setFocus(Qt.FocusReason.OtherFocusReason)


class FieldWatch(QObject):
    """Keeps ``error`` in step with one field until the field is right; then lets go."""

    def __init__(
        self, error: ErrorLabel, problem: Problem, signals: list[SignalInstance]
    ) -> None:
        super().__init__(error)
        self.error = error
        self.problem = problem
        self.signals = signals
        for signal in signals:
            signal.connect(self.check)

    def check(self, *_args: object) -> None:
        now = self.problem()
        if now is None:
            self.error.clear_error()
            self.stop()
        elif now != self.error.text():
            self.error.show_error(now)

    def stop(self) -> None:
        for signal in self.signals:
            # The field may have gone already, and its signal with it.
            with contextlib.suppress(RuntimeError):
                signal.disconnect(self.check)
        self.signals = []
        self.deleteLater()


def lead_to(
    error: ErrorLabel, field: QWidget, problem: Problem, *more: QWidget
) -> None:
    """Show ``problem()`` on ``error``, bring ``field`` into view and focus it; the message
    follows edits of ``field`` (and of ``more`` fields) and goes once it is put right."""
    for old in error.findChildren(FieldWatch, options=Qt.FindChildOption.FindDirectChildrenOnly):
        old.stop()
    text = problem()
    if text is None:
        error.clear_error()
        return
    error.show_error(text)
    signals = [s for s in (changed_signal(w) for w in (field, *more)) if s is not None]
    FieldWatch(error, problem, signals)
    bring_into_view(field)
