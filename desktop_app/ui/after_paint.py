"""Run work once what the person waits for is on screen, so it never delays that paint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QScrollArea, QWidget

# Should the widget never paint (a hidden or minimised window), the work runs after this.
FALLBACK_MS = 1500


class _NextPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], object], fallback_ms: int) -> None:
        # Owned by the window: should the widget go first, the fallback still runs the work.
        super().__init__(widget.window())
        self._widget: QWidget | None = widget
        widget.destroyed.connect(self._forget)
        self._callback: Callable[[], object] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            # After this paint pass ends, not inside it.
            QTimer.singleShot(0, self, self._run)
        return False

    def _forget(self) -> None:
        self._widget = None

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        if self._widget is not None:
            self._widget.removeEventFilter(self)
        self.deleteLater()
        callback()


def after_next_paint(
    widget: QWidget, callback: Callable[[], object], fallback_ms: int = FALLBACK_MS
) -> None:
    """Call ``callback`` once, right after ``widget``'s next paint (or after ``fallback_ms``)."""
    content = widget.widget() if isinstance(widget, QScrollArea) else None
    if content is not None:
        # What it shows is painted by the widget it scrolls: neither the area (no frame) nor
        # its viewport gets a paint event, so the work waited for the fallback (Home at
        # start: the profile opened 1.5 s after Home was on screen).
        widget = content
    _NextPaint(widget, callback, fallback_ms)
