"""What every answer widget shares: the ``answer`` user property, and the keys that clear."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property as QtProperty
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from desktop_app.domain.answers import Answer

# Declaring the property as "QVariant" lets any Python value through unchanged (None, a list,
# a GapAnswer); declared as ``object`` Qt refuses to write an int into it.
_ANY_VARIANT: Any = "QVariant"


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def is_clear_key(event: QEvent) -> bool:
    """Delete (or Backspace) pressed without modifiers: clear an optional answer."""
    return (
        event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        and Qt.Key(event.key()) in CLEAR_KEYS
        and event.modifiers() == Qt.KeyboardModifier.NoModifier
    )


def answer_property(notify: Any) -> Any:
    """The ``answer`` user property, reading ``value()`` and writing ``set_value()``."""

    def read(widget: Any) -> Answer | None:
        result: Answer | None = widget.value()
        return result

    def write(widget: Any, value: object) -> None:
        widget.set_value(value)

    return QtProperty(_ANY_VARIANT, read, write, notify=notify, user=True)
