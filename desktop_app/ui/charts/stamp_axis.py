"""A date axis that draws every tick with one tick, moved from place to place.

matplotlib makes a tick (five artists, over a millisecond) for each date it marks, at the
first draw of a view, though it gives every one the first one's style (``get_major_ticks``
copies it over). Drawn with that first tick set at each date in turn, the picture is the
same, artist for artist and in the same order; the labels' boxes, which place the axis
label and the offset (the year under the dates), are measured the same way.
"""

from __future__ import annotations

from typing import Any

from matplotlib.artist import allow_rasterization
from matplotlib.axis import Tick
from matplotlib.ticker import NullLocator
from matplotlib.transforms import Bbox

from desktop_app.ui.charts.light_axes import LightAxes, LightXAxis
from desktop_app.ui.charts.still_scale import in_view


class StampXAxis(LightXAxis):
    """An x axis whose major ticks are drawn by its first tick alone (see the module)."""

    def _simple(self) -> bool:
        """Only major ticks, and no labels aligned with other axes'."""
        mine: Any = self  # matplotlib's own helpers, not in its type stubs
        groups = self.get_figure(root=False)._align_label_groups  # type: ignore[union-attr]
        return (isinstance(self.get_minor_locator(), NullLocator)
                and mine._tick_group_visible(mine._major_tick_kw)
                and not isinstance(self.get_major_locator(), NullLocator)
                and list(groups["x"].get_siblings(self.axes)) == [self.axes])

    def _placed(self) -> list[tuple[float, str]]:
        """The dates in view with their labels, as ``_update_ticks`` finds them."""
        locs = list(self.get_majorticklocs())
        labels = self.get_major_formatter().format_ticks(locs)
        scale = self.get_transform()
        low, high = sorted(scale.transform(self.get_view_interval()))
        return [(loc, label) for loc, label in zip(locs, labels, strict=True)
                if in_view(low, high, float(scale.transform(loc)))]

    def _stamp(self) -> Tick:
        tick: Tick = self.get_major_ticks(1)[0]
        return tick

    def _label_boxes(self, stamp: Tick, placed: list[tuple[float, str]],
                     renderer: Any) -> tuple[list[Bbox], list[Bbox]]:
        boxes: tuple[list[Bbox], list[Bbox]] = ([], [])
        for loc, label in placed:
            self._set(stamp, loc, label)
            for text, found in ((stamp.label1, boxes[0]), (stamp.label2, boxes[1])):
                if text.get_visible() and text.get_in_layout():
                    found.append(text.get_window_extent(renderer))
        return boxes

    @staticmethod
    def _set(stamp: Tick, loc: float, label: str) -> None:
        stamp.update_position(loc)
        stamp.label1.set_text(label)
        stamp.label2.set_text(label)

    @allow_rasterization  # type: ignore[untyped-decorator]
    def draw(self, renderer: Any) -> None:
        if not self.get_visible() or not self._simple():
            super().draw(renderer)
            return
        renderer.open_group(self.__name__, gid=self.get_gid())
        placed = self._placed()
        stamp = self._stamp()
        boxes = self._label_boxes(stamp, placed, renderer)
        for loc, label in placed:
            self._set(stamp, loc, label)
            stamp.draw(renderer)
        # The frame's side reaches as far out as a tick drawn: the stamp stands for them.
        self._drawn = ([stamp] if placed else [], boxes)
        mine: Any = self  # matplotlib's own helpers, not in its type stubs
        try:
            mine._update_label_position(renderer)
        finally:
            self._drawn = None
        self.label.draw(renderer)
        mine._update_offset_text_position(*boxes)
        self.offsetText.set_text(self.get_major_formatter().get_offset())
        self.offsetText.draw(renderer)
        renderer.close_group(self.__name__)
        self.stale = False

    # While a draw places the axis label: the ticks drawn and their labels' boxes.
    _drawn: tuple[list[Tick], tuple[list[Bbox], list[Bbox]]] | None = None

    def _update_ticks(self) -> list[Tick]:
        if self._drawn is not None:
            return self._drawn[0]
        ticks: list[Tick] = super()._update_ticks()  # type: ignore[misc]
        return ticks

    def _get_tick_boxes_siblings(self, renderer: Any) -> tuple[list[Bbox], list[Bbox]]:
        if self._drawn is not None:
            return self._drawn[1]
        if not self._simple():
            found: tuple[list[Bbox], list[Bbox]] = (
                super()._get_tick_boxes_siblings(renderer))  # type: ignore[misc]
            return found
        return self._label_boxes(self._stamp(), self._placed(), renderer)


class StampAxes(LightAxes):
    """``LightAxes`` whose x axis is a ``StampXAxis`` (``add_subplot(axes_class=…)``)."""

    x_axis_class = StampXAxis
