"""Two small painted pictures: a practice's recent days, and how long returns took.

They are drawn with QPainter (no matplotlib: the Journal must open instantly) and each says
in words, through its accessible description and tooltip, what it shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.domain.consistency import DayStatus, ReturnPoint
from desktop_app.domain.return_time import DAY, HOUR, back_words, typical_sentence
from desktop_app.i18n import N_, _, ngettext
from desktop_app.locale_format import format_number
from desktop_app.ui.charts.palette import ChartTheme
from desktop_app.ui.dates import short_date


def day_colours(palette: QPalette | None = None) -> dict[DayStatus, str]:
    """The Progress calendar's colours (missed is amber, not red: information, not failure)."""
    return ChartTheme.from_palette(palette or QGuiApplication.palette()).day_colours()


STATUS_WORDS = {
    DayStatus.DONE: N_("done"),
    DayStatus.MISSED: N_("missed"),
    DayStatus.PAUSED: N_("paused"),
    DayStatus.NOT_DUE: N_("not due"),
    DayStatus.FUTURE: N_("still open"),
}
CELL = 14
GAP = 3


def status_summary(statuses: Mapping[date, DayStatus]) -> str:
    counts = {s: 0 for s in DayStatus}
    for status in statuses.values():
        counts[status] += 1
    parts = [status_count(s, counts[s]) for s in DayStatus if counts[s]]
    return ngettext(
        "The last {n} day: {counts}.", "The last {n} days: {counts}.", len(statuses)
    ).format(n=len(statuses), counts=", ".join(parts))


def status_count(status: DayStatus, n: int) -> str:
    """How many days had ``status``: "3 done", "1 missed"."""
    if status is DayStatus.DONE:
        text = ngettext("{n} done", "{n} done", n)
    elif status is DayStatus.MISSED:
        text = ngettext("{n} missed", "{n} missed", n)
    elif status is DayStatus.PAUSED:
        text = ngettext("{n} paused", "{n} paused", n)
    elif status is DayStatus.NOT_DUE:
        text = ngettext("{n} not due", "{n} not due", n)
    else:
        text = ngettext("{n} still open", "{n} still open", n)
    return text.format(n=n)


class DayStrip(QWidget):
    """One square per day, oldest on the left."""

    def __init__(self, statuses: Mapping[date, DayStatus], parent: QWidget | None = None):
        super().__init__(parent)
        self.days = sorted(statuses)
        self.statuses = dict(statuses)
        summary = status_summary(statuses)
        self.setAccessibleName(_("Recent days of this practice"))
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(max(1, len(self.days)) * (CELL + GAP), CELL + 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QColor(ChartTheme.from_palette(self.palette()).grid)
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
        return _("No returns logged yet.")
    first, last = points[0], points[-1]
    times = [p.took for p in points if p.took is not None]
    typical = typical_sentence(times) or ""
    return (ngettext(
        "{n} return from {first} to {last}.", "{n} returns from {first} to {last}.", len(points)
    ).format(n=len(points), first=short_date(first.day), last=short_date(last.day))
        + f" {typical}").strip()


class Axis(NamedTuple):
    """The value axis: its unit, the value per unit, the tick step and the top, in units."""

    unit: str
    seconds: float
    step: float
    top: float


HOUR_STEPS = (0.25, 0.5, 1, 2, 3, 6, 12, 24)
DAY_STEPS = (0.5, 1, 2, 5, 7, 14, 30, 60, 90, 180, 365)
MOST_TICKS = 4


def value_axis(longest_seconds: float) -> Axis:
    """Hours up to two days, days beyond; at most four steps of a round size."""
    hours = longest_seconds <= 2 * DAY
    unit, seconds, steps = (
        (N_("hours"), HOUR, HOUR_STEPS) if hours else (N_("days"), DAY, DAY_STEPS)
    )
    longest = max(longest_seconds / seconds, steps[0])
    step = next((s for s in steps if longest / s <= MOST_TICKS), steps[-1])
    return Axis(unit, seconds, step, math.ceil(longest / step - 1e-9) * step)


def _tick_text(value: float) -> str:
    return format_number(value)


MIN_BAR = 3.0
"""Pixels: a one-minute return stays visible beside one of three days."""


class ReturnTrend(QWidget):
    """A bar per return and a line for the rolling median, on an axis with its unit.

    Bars of slips logged without a time of day are hatched (known to the day). Hovering a
    bar shows its exact value; the slips table lists each one too.
    """

    def __init__(self, points: Sequence[ReturnPoint], parent: QWidget | None = None):
        super().__init__(parent)
        self.points = list(points)
        self.axis = value_axis(max((p.days * DAY for p in self.points), default=HOUR))
        summary = trend_summary(self.points)
        self.setAccessibleName(_("Time back on track, per slip, in {unit}").format(
            unit=_(self.axis.unit)))
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(400, 160)

    def plot_area(self) -> QRectF:
        metrics = self.fontMetrics()
        labels = [_tick_text(self.axis.top), _(self.axis.unit)]
        left = max(metrics.horizontalAdvance(t) for t in labels) + 10
        top = metrics.height() * 2  # room for the unit above the top tick's label
        return QRectF(left, top, max(10.0, self.width() - left - 4), self.height() - top - 6)

    def bar_rects(self) -> list[QRectF]:
        """Where each return's bar is drawn, in order."""
        area = self.plot_area()
        slot = area.width() / max(1, len(self.points))
        width = max(2.0, min(18.0, slot * 0.6))
        scale = area.height() / (self.axis.top * self.axis.seconds)
        rects = []
        for i, point in enumerate(self.points):
            x = area.left() + i * slot + slot / 2
            h = max(MIN_BAR, point.days * DAY * scale)
            rects.append(QRectF(x - width / 2, area.bottom() - h, width, h))
        return rects

    def bar_text(self, index: int) -> str:
        point = self.points[index]
        words = back_words(point.took) if point.took is not None else ""
        return _("Slip of {date}: back on track {when}").format(
            date=short_date(point.day), when=words)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for i, rect in enumerate(self.bar_rects()):
                if rect.adjusted(-2, -4, 2, 0).contains(QPointF(event.pos())):
                    QToolTip.showText(event.globalPos(), self.bar_text(i), self)
                    return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.points:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.plot_area()
        theme = ChartTheme.from_palette(self.palette())
        text = QColor(theme.foreground)
        grid = QColor(theme.grid)
        metrics = self.fontMetrics()
        painter.setPen(text)
        painter.drawText(QPointF(2, metrics.ascent()), _(self.axis.unit))
        ticks = round(self.axis.top / self.axis.step)
        for n in range(ticks + 1):
            y = area.bottom() - area.height() * n / ticks
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine if n else Qt.PenStyle.SolidLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            label = _tick_text(n * self.axis.step)
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, area.left() - 6, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label,
            )
        painter.setPen(QPen(grid, 1))
        painter.drawLine(area.bottomLeft(), area.topLeft())
        # Bars in the palette's "back on track" green (3:1 on the window, light or dark);
        # the median in the text colour, which also stands out against the bars.
        fill, median_colour = QColor(theme.back), QColor(theme.foreground)
        hatched = QBrush(fill, Qt.BrushStyle.BDiagPattern)
        line: list[QPointF] = []
        scale = area.height() / (self.axis.top * self.axis.seconds)
        for point, rect in zip(self.points, self.bar_rects(), strict=True):
            exact = point.took is None or point.took.exact
            painter.setPen(Qt.PenStyle.NoPen if exact else QPen(fill, 1))
            painter.setBrush(fill if exact else hatched)
            painter.drawRect(rect)
            median = point.rolling_median * DAY * scale
            line.append(QPointF(rect.center().x(), area.bottom() - median))
        painter.setPen(QPen(median_colour, 2))
        painter.drawPolyline(line)
        painter.end()
