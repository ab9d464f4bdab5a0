"""Two small painted pictures: a practice's recent days, and how long returns took.

They are drawn with QPainter (no matplotlib: the Journal must open instantly) and each says
in words, through its accessible description and tooltip, what it shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.domain.consistency import DayStatus, ReturnPoint
from desktop_app.ui.charts.palette import ChartTheme
from desktop_app.ui.dates import short_date


def day_colours(palette: QPalette | None = None) -> dict[DayStatus, str]:
    """The Progress calendar's colours (missed is amber, not red: information, not failure)."""
    return ChartTheme.from_palette(palette or QGuiApplication.palette()).day_colours()


STATUS_WORDS = {
    DayStatus.DONE: "done",
    DayStatus.MISSED: "missed",
    DayStatus.PAUSED: "paused",
    DayStatus.NOT_DUE: "not due",
    DayStatus.FUTURE: "still open",
}
CELL = 14
GAP = 3


def status_summary(statuses: Mapping[date, DayStatus]) -> str:
    counts = {s: 0 for s in DayStatus}
    for status in statuses.values():
        counts[status] += 1
    parts = [f"{counts[s]} {STATUS_WORDS[s]}" for s in DayStatus if counts[s]]
    return f"The last {len(statuses)} days: " + ", ".join(parts) + "."


class DayStrip(QWidget):
    """One square per day, oldest on the left."""

    def __init__(self, statuses: Mapping[date, DayStatus], parent: QWidget | None = None):
        super().__init__(parent)
        self.days = sorted(statuses)
        self.statuses = dict(statuses)
        summary = status_summary(statuses)
        self.setAccessibleName("Recent days of this practice")
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(max(1, len(self.days)) * (CELL + GAP), CELL + 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = self.palette().mid().color()
        colours = day_colours(self.palette())
        for i, day in enumerate(self.days):
            rect = QRectF(i * (CELL + GAP) + 0.5, 1.5, CELL, CELL)
            status = self.statuses[day]
            colour = None if status is DayStatus.FUTURE else QColor(colours[status])
            if colour is None:
                painter.setPen(QPen(outline, 1, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
            painter.drawRoundedRect(rect, 3, 3)
        painter.end()


def trend_summary(points: Sequence[ReturnPoint]) -> str:
    if not points:
        return "No returns logged yet."
    first, last = points[0], points[-1]
    return (
        f"{len(points)} returns from {short_date(first.day)} to {short_date(last.day)}. "
        f"The typical time back on track went from {first.rolling_median:.1f} days to "
        f"{last.rolling_median:.1f} days."
    )


class ReturnTrend(QWidget):
    """A bar per return (days it took) and a line for the rolling median."""

    def __init__(self, points: Sequence[ReturnPoint], parent: QWidget | None = None):
        super().__init__(parent)
        self.points = list(points)
        summary = trend_summary(self.points)
        self.setAccessibleName("Time back on track, per slip")
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(400, 100)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.points:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width() - 2, self.height() - 4
        top = max(max(p.days for p in self.points), 0.5)
        slot = width / len(self.points)
        bar = max(2.0, min(18.0, slot * 0.6))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#9fc3b2"))
        line: list[QPointF] = []
        for i, point in enumerate(self.points):
            x = 1 + i * slot + slot / 2
            h = max(1.0, height * point.days / top)
            painter.drawRect(QRectF(x - bar / 2, 2 + height - h, bar, h))
            line.append(QPointF(x, 2 + height - height * point.rolling_median / top))
        painter.setPen(QPen(QColor("#2f6b52"), 2))
        painter.drawPolyline(line)
        painter.end()
