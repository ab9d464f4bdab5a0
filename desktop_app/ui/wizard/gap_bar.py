"""A small painted bar: where someone is now and where they want to be, on one line."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.i18n import _
from desktop_app.ui.charts.palette import ChartTheme
from desktop_app.ui.wizard.formatting import gap_sentence


class GapBar(QWidget):
    """Draws the range, a filled dot for now, a ring for the ideal and the stretch between."""

    def __init__(self, low: int, high: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._low = low
        self._high = max(high, low + 1)
        self._current: int | None = None
        self._ideal: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(160)
        self.setAccessibleName(_("Distance between now and ideal"))
        self._describe()

    def set_values(self, current: int | None, ideal: int | None) -> None:
        self._current, self._ideal = current, ideal
        self._describe()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 26)

    def _describe(self) -> None:
        if self._current is None or self._ideal is None:
            text = _("Mark both now and ideal to see the distance.")
        else:
            text = _("Now {current}, ideal {ideal}. {sentence}").format(
                current=self._current, ideal=self._ideal,
                sentence=gap_sentence(self._current, self._ideal))
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    def _x(self, value: int, track: QRectF) -> float:
        share = (value - self._low) / (self._high - self._low)
        return track.left() + share * track.width()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        radius = 7.0
        track = QRectF(radius + 1, self.height() / 2 - 2, self.width() - 2 * radius - 2, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        # Mid is near the window colour in dark palettes (and 1.6:1 in light): the range
        # is fitted to 3:1 like the charts' rings.
        painter.setBrush(QColor(ChartTheme.from_palette(palette).grid))
        painter.drawRoundedRect(track, 2, 2)
        accent = palette.color(QPalette.ColorRole.Highlight)
        middle = track.center().y()
        if self._current is not None and self._ideal is not None:
            left, right = sorted((self._x(self._current, track), self._x(self._ideal, track)))
            stretch = QColor(accent)
            stretch.setAlpha(110)
            painter.setBrush(stretch)
            painter.drawRoundedRect(QRectF(left, middle - 4, right - left, 8), 4, 4)
        if self._ideal is not None:
            painter.setPen(QPen(accent, 2.5))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            painter.drawEllipse(QPointF(self._x(self._ideal, track), middle), radius, radius)
        if self._current is not None:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1.5))
            painter.setBrush(accent)
            painter.drawEllipse(QPointF(self._x(self._current, track), middle), radius, radius)
        painter.end()
