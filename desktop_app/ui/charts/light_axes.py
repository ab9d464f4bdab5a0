"""Axes whose ticks are made when a draw needs them, not while the axes are set up.

matplotlib makes a "prototype" major and minor tick on each axis as soon as anything
styles or clips the axis (``Axes.clear`` does both), and a tick is five artists: over a
millisecond each, four per axes, forty for the nine small panels of Over time, before a
single one is drawn. The style given meanwhile is kept in the axis's tick keywords, which
matplotlib itself gives every tick it makes later, so a tick made at the draw looks the
same; an axis never drawn (hidden, or no minor ticks) makes none at all.
"""

from __future__ import annotations

from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis, Tick, XAxis, YAxis

_LISTS = ("majorTicks", "minorTicks")


class _LazyTicks(Axis):
    """What an axis does with its ticks, for those it has made so far only."""

    def _made(self) -> list[Tick]:
        mine = vars(self)
        return [*mine.get("majorTicks", ()), *mine.get("minorTicks", ())]

    _clip: tuple[Any, Any] | None = None

    def set_clip_path(self, path: Any, transform: Any = None) -> None:
        Artist.set_clip_path(self, path, transform)
        self._clip = (path, transform)  # as given: a rectangle becomes a clip box
        for tick in self._made():
            tick.set_clip_path(path, transform)
        self.stale = True

    def set_tick_params(self, which: str = "major", reset: bool = False,
                        **kwargs: Any) -> None:
        mine = vars(self)
        unmade = [name for name in _LISTS if name not in mine]
        for name in unmade:
            mine[name] = []  # stands in for the lazy list while the styles are stored
        try:
            super().set_tick_params(which, reset, **kwargs)  # type: ignore[arg-type]
        finally:
            for name in unmade:
                if name in mine and not mine[name]:
                    del mine[name]  # lazy again: the next use makes the tick

    def _get_tick(self, major: bool) -> Tick:
        tick: Tick = super()._get_tick(major)  # type: ignore[misc]
        if self._clip is not None:
            tick.set_clip_path(*self._clip)  # as set_clip_path gives the ticks made before it
        return tick

    def get_minor_ticks(self, numticks: int | None = None) -> list[Tick]:
        if numticks == 0 and "minorTicks" not in vars(self):
            return []  # every draw asks, for the (usually no) minor ticks in view
        ticks: list[Tick] = super().get_minor_ticks(numticks)
        return ticks


class LightXAxis(_LazyTicks, XAxis):
    pass


class LightYAxis(_LazyTicks, YAxis):
    pass


class LightAxes(Axes):
    """``Axes`` with ``LightXAxis`` and ``LightYAxis`` (``add_subplot(axes_class=…)``);
    a subclass may name other axis classes."""

    x_axis_class: type[XAxis] = LightXAxis
    y_axis_class: type[YAxis] = LightYAxis

    def clear(self) -> None:
        super().clear()
        # matplotlib places the frame's sides when it makes an axis's first tick; an axis
        # hidden before its first draw makes none here, and its sides were drawn at the
        # values 0 and 1 of the data instead of at the edges. Place them now, as it would.
        for spine in self.spines.values():
            spine.get_spine_transform()

    def _init_axis(self) -> None:
        self.xaxis = self.x_axis_class(self, clear=False)
        self.spines.bottom.register_axis(self.xaxis)
        self.spines.top.register_axis(self.xaxis)
        self.yaxis = self.y_axis_class(self, clear=False)
        self.spines.left.register_axis(self.yaxis)
        self.spines.right.register_axis(self.yaxis)
