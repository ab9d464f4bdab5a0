"""The points of a chart that answer the mouse: a tooltip on hover, a result on click."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.transforms import BboxBase, Transform

HOVER_RADIUS_PX = 10

Labels = Sequence[str] | Callable[[int], str]


@dataclass(frozen=True)
class Hit:
    """The point under the mouse: its tooltip text and the result it opens (if any)."""

    label: str
    result_id: str | None


@dataclass
class Targets:
    """Points of one axes (data coordinates), their labels and the results they open.

    Points of a panel that is no axes of its own (a small multiple's cell, drawn by the
    figure) come with the panel's ``transform`` to display pixels and its ``box`` there:
    they answer only a pointer inside it, where they are drawn, whatever axes it is over."""

    axes: Axes
    xy: np.ndarray
    labels: Labels
    result_ids: Sequence[str | None] | None
    transform: Transform | None = None
    box: BboxBase | None = None

    def answers(self, x: float, y: float, axes: Axes | None) -> bool:
        """Whether these points may answer a pointer at display (x, y) over ``axes``."""
        if self.box is not None:
            return bool(self.box.contains(x, y))
        return axes is None or self.axes is axes

    def on_display(self) -> np.ndarray:
        return (self.transform or self.axes.transData).transform(self.xy)

    def label(self, index: int) -> str:
        return self.labels(index) if callable(self.labels) else self.labels[index]

    def result_id(self, index: int) -> str | None:
        return None if self.result_ids is None else self.result_ids[index]


def nearest(
    found: Sequence[Targets], x: float, y: float, axes: Axes | None = None
) -> Hit | None:
    """The target nearest to display point (x, y) within a few pixels, if any."""
    best: tuple[float, Targets, int] | None = None
    for targets in found:
        if not len(targets.xy) or not targets.answers(x, y, axes):
            continue
        shown = targets.on_display()
        distances = np.hypot(shown[:, 0] - x, shown[:, 1] - y)
        distances = np.where(np.isnan(distances), np.inf, distances)
        index = int(np.argmin(distances))
        if best is None or distances[index] < best[0]:
            best = (float(distances[index]), targets, index)
    if best is None or best[0] > HOVER_RADIUS_PX:
        return None
    _distance, targets, index = best
    return Hit(targets.label(index), targets.result_id(index))
