"""Messages that sit above the current screen instead of interrupting it.

* The acknowledgement of a win ("A win, written down"): it stays until it is closed, the next
  change is saved, or another message takes its place.
* The undo bar after a deletion ("Deleted a win. Undo"), for ``UNDO_SECONDS`` by the
  session's clock (so a test moves the clock instead of waiting).

Both are announced to screen readers. The window places one ``notice_area.NoticeArea``,
which makes them; widgets reach it through ``notice_area.notice_area``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop_app.i18n import _
from desktop_app.services.session import Session
from desktop_app.services.undo import UNDO_SECONDS, Change, UndoError, UndoService

TICK_MS = 250


def announce(widget: QWidget, text: str) -> None:
    """Ask screen readers to read ``text`` now (a polite live-region announcement)."""
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


class _Bar(QFrame):
    """A line of text with buttons, hidden until there is something to say."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"#{name} {{ background: palette(alternate-base); border-radius: 6px; }}"
        )
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel()
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        from PySide6.QtCore import Qt  # not at import: Qt's enums load in tens of ms

        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.row.addWidget(self.label, 1)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setObjectName(f"{name}Close")
        self.close_button.setAccessibleName(_("Close: {what}").format(what=accessible))
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def say(self, text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.show()
        announce(self.label, text)

    def dismiss(self) -> None:
        focus = self.window().focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        self.hide()
        parent = self.parentWidget()
        if had_focus and parent is not None:
            parent.focusNextChild()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)


class InlineAcknowledgement(_Bar):
    """A warm word that stays in place until closed or the next change."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("inlineAcknowledgement", _("Acknowledgement"), parent)
        from PySide6.QtCore import Qt

        self.row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._armed = False
        session.subscribe(self._changed)

    def say(self, text: str) -> None:
        self._armed = False
        super().say(text)
        # The save that led here has notified already; the next change clears the message.
        QTimer.singleShot(0, self, self._arm)

    def _arm(self) -> None:
        self._armed = True

    def _changed(self) -> None:
        if shiboken6.isValid(self) and self._armed and self.isVisible():
            self.hide()


class UndoBar(_Bar):
    """"Deleted a win. Undo" for a short while after a deletion."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("undoBar", _("Undo"), parent)
        self.session = session
        self.change: Change | None = None
        self.expires: datetime | None = None
        self.undo_button = QPushButton(_("&Undo"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo)
        # Ctrl+Z from anywhere in the window while the bar shows (a text field keeps its own).
        self.undo_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_button.setToolTip(_("Put it back (Ctrl+Z)"))
        self.row.addWidget(self.undo_button)
        self.row.addWidget(self.close_button)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def offer(self, change: Change) -> None:
        self.change = change
        self.expires = self.session.clock() + timedelta(seconds=UNDO_SECONDS)
        self.undo_button.setAccessibleName(_("Undo: {change}").format(change=change.message))
        self.undo_button.show()
        self.say(f"{change.message} ")
        self.timer.start()

    def tick(self) -> None:
        """Hide once the time is up by the session's clock, or the record changed again."""
        if self.expires is None:
            self.timer.stop()
            return
        if self.undo_button.isVisible() and self.window().focusWidget() is self.undo_button:
            return  # never pull the button away from someone about to press it
        gone = self.change is not None and not UndoService(self.session).can_undo(self.change)
        if gone or self.session.clock() >= self.expires:
            self.dismiss()

    def dismiss(self) -> None:
        self.timer.stop()
        self.change = None
        self.expires = None
        super().dismiss()

    def undo(self) -> None:
        change = self.change
        if change is None:
            return
        self.change = None
        try:
            UndoService(self.session).undo(change)
        except UndoError as error:
            self._after_undo(str(error))
            return
        except OSError as error:
            self._after_undo(
                _("It could not be put back: {reason}. Nothing was lost.")
                .format(reason=error.strerror or error)
            )
            return
        self._after_undo(_("Undone: it is back where it was."))

    def _after_undo(self, text: str) -> None:
        # The message stays a moment (longer than a glance) so the result is heard and seen.
        # The window's focus widget, not hasFocus(): the window may not be the active one.
        focus = self.window().focusWidget() is self.undo_button
        self.undo_button.hide()
        if focus:
            self.close_button.setFocus()
        self.say(text)
        self.expires = self.session.clock() + timedelta(seconds=UNDO_SECONDS)
        self.timer.start()
