"""Where the win acknowledgement and the undo bar sit: above the current screen.

Apart from the bars themselves (``undo_bar``): the window places this area before its first
paint, and the bars' module (their services, accessibility events and key handling) loads
only when they are built, after Home is on screen or when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from desktop_app.services.session import Session
    from desktop_app.ui.undo_bar import InlineAcknowledgement, UndoBar


class NoticeArea(QWidget):
    """The acknowledgement and the undo bar, one above the other, above the screens.

    The bars are made by :meth:`build` (the main window calls it after its first paint: their
    shortcut and flags load Qt's enums, tens of milliseconds) or when first asked for."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeArea")
        self._session = session
        self._bars: tuple[InlineAcknowledgement, UndoBar] | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 12, 0)
        self._layout.setSpacing(4)

    def build(self) -> tuple[InlineAcknowledgement, UndoBar]:
        if self._bars is None:
            from desktop_app.ui.undo_bar import InlineAcknowledgement, UndoBar

            self._bars = (InlineAcknowledgement(self._session), UndoBar(self._session))
            for bar in self._bars:
                self._layout.addWidget(bar)
        return self._bars

    @property
    def acknowledgement(self) -> InlineAcknowledgement:
        return self.build()[0]

    @property
    def undo_bar(self) -> UndoBar:
        return self.build()[1]


def notice_area(widget: QWidget | None) -> NoticeArea | None:
    """The window's notice area, if ``widget`` sits in a window that has one."""
    if widget is None:
        return None
    found = widget.window().findChild(NoticeArea)
    return found if isinstance(found, NoticeArea) else None
