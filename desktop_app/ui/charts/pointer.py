"""Hover and click on a chart's points: a label under the pointer, a click opens a result."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import Event, MouseEvent
from matplotlib.figure import Figure
from matplotlib.transforms import BboxBase, Transform
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolTip

from desktop_app.i18n import _
from desktop_app.ui.charts.canvas import Canvas
from desktop_app.ui.charts.targets import Hit, Labels, Targets, nearest


class ChartPointer:
    """The points of one chart's canvas that answer the mouse, and what they answer."""

    def __init__(self, canvas: Canvas, open_result: Callable[[str], None]) -> None:
        self.canvas = canvas
        self._open_result = open_result
        self.targets: list[Targets] = []
        self.hovered: Hit | None = None
        self._listened: weakref.WeakSet[Figure] = weakref.WeakSet()

    def listen(self, figure: Figure) -> None:
        """Follow the mouse over ``figure`` (matplotlib keeps a canvas's handlers with it)."""
        if figure not in self._listened:
            self._listened.add(figure)
            self.canvas.mpl_connect("motion_notify_event", self._on_motion)
            self.canvas.mpl_connect("button_press_event", self._on_press)
            self.canvas.mpl_connect("figure_leave_event", self.leave)

    def add(
        self,
        axes: Axes,
        xs: Sequence[float] | np.ndarray,
        ys: Sequence[float] | np.ndarray,
        labels: Labels,
        result_ids: Sequence[str | None] | None = None,
        transform: Transform | None = None,
        box: BboxBase | None = None,
    ) -> None:
        xy = np.column_stack([np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)])
        self.targets.append(Targets(axes, xy, labels, result_ids, transform, box))

    def hit_at(self, x: float, y: float, axes: Axes | None = None) -> Hit | None:
        """The target nearest to display point (x, y) within a few pixels, if any."""
        self.canvas.settle()  # the transforms are the render thread's while it draws
        return nearest(self.targets, x, y, axes)

    def _under(self, event: MouseEvent) -> Hit | None:
        """A point of the axes the pointer is over, or of a panel drawn by the figure
        itself that it is inside (the small multiples' cells)."""
        if event.inaxes is not None:
            return self.hit_at(event.x, event.y, event.inaxes)
        self.canvas.settle()
        return nearest([t for t in self.targets if t.box is not None], event.x, event.y)

    def _on_motion(self, event: Event) -> None:
        if not isinstance(event, MouseEvent):
            self.leave(event)
            return
        hit = self._under(event)
        self.hovered = hit
        if hit is None:
            QToolTip.hideText()
            return
        if hit.result_id is not None:
            text = hit.label + "\n" + _("Click to open this result.")
        else:
            text = hit.label
        ratio = self.canvas.devicePixelRatioF() or 1.0
        local = QPoint(int(event.x / ratio), int(self.canvas.height() - event.y / ratio))
        QToolTip.showText(self.canvas.mapToGlobal(local), text, self.canvas)

    def leave(self, _event: Event | None = None) -> None:
        self.hovered = None
        QToolTip.hideText()

    def _on_press(self, event: Event) -> None:
        if not isinstance(event, MouseEvent) or event.button != 1:
            return
        hit = self._under(event)
        if hit is not None and hit.result_id is not None:
            self._open_result(hit.result_id)
