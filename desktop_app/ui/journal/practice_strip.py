"""The "never miss twice" strip: one square per day, the latest on the right, as many days
as the width holds (up to the days it is given). Says in words what it shows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.domain.consistency import DayStatus
from desktop_app.i18n import _, ngettext
from desktop_app.ui.dates import short_date
from desktop_app.ui.journal.strips import day_colours, status_count

CELL = 14
GAP = 3
MIN_DAYS = 14
SYMBOLS = {DayStatus.DONE: "✓", DayStatus.MISSED: "○", DayStatus.PAUSED: "‖",
           DayStatus.NOT_DUE: "·"}


def shown_summary(days: list[date], statuses: Mapping[date, DayStatus]) -> str:
    if not days:
        return _("No days to show yet.")
    counts = {s: 0 for s in DayStatus}
    for day in days:
        counts[statuses[day]] += 1
    parts = [status_count(s, counts[s]) for s in DayStatus if counts[s]]
    return ngettext(
        "{n} day, {first} to {last}: {counts}.", "{n} days, {first} to {last}: {counts}.",
        len(days),
    ).format(n=len(days), first=short_date(days[0]), last=short_date(days[-1]),
             counts=", ".join(parts))


class FittingDayStrip(QWidget):
    """Days as squares with a symbol inside, so no status is told by colour alone."""

    def __init__(self, statuses: Mapping[date, DayStatus], parent: QWidget | None = None):
        super().__init__(parent)
        self.all_days = sorted(statuses)
        self.statuses = dict(statuses)
        self.setAccessibleName(_("Recent days of this practice"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._describe(self.all_days)

    @property
    def days(self) -> list[date]:
        """The latest days that fit the current width."""
        return self.all_days[-max(1, self.width() // (CELL + GAP)):]

    def sizeHint(self) -> QSize:
        return QSize(max(1, len(self.all_days)) * (CELL + GAP), CELL + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(min(MIN_DAYS, max(1, len(self.all_days))) * (CELL + GAP), CELL + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._describe(self.days)
        super().resizeEvent(event)

    def _describe(self, days: list[date]) -> None:
        summary = shown_summary(days, self.statuses)
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = self.palette().mid().color()
        text = self.palette().text().color()
        colours = day_colours(self.palette())
        font = painter.font()
        font.setPixelSize(CELL - 4)
        painter.setFont(font)
        for i, day in enumerate(self.days):
            rect = QRectF(i * (CELL + GAP) + 0.5, 1.5, CELL, CELL)
            status = self.statuses[day]
            if status is DayStatus.FUTURE:
                painter.setPen(QPen(outline, 1, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect, 3, 3)
                continue
            colour = QColor(colours[status])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(QColor("white") if colour.lightness() < 140 else text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, SYMBOLS[status])
        painter.end()
