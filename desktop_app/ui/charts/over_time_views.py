"""The over-time chart's views kept built, so that going back to one only swaps it in.

Building a view (Show or Part changed) makes every panel's axes and, at its first draw,
their ticks: matplotlib's tick objects are slow to make (over a millisecond each, about a
hundred for nine panels), which made the first draw of a view two to five times the
redraw budget. A view once built keeps its figure, with its cached pictures (see
``Canvas.use_figure``); showing it again gives its artists the new data, as a new period
does. A few are kept, those drawn in another palette are dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from desktop_app.ui.charts.palette import ChartTheme
from desktop_app.ui.charts.small_multiples import Cell

# The view in view plus this many others: Show and Part offer a handful each, and people go
# back and forth between two or three of them.
KEPT_VIEWS = 3

Layout = tuple[object, ...]  # the chart's ``_layout()``: the theme first


@dataclass
class BuiltView:
    """One built view: its figure and the artists the chart fills with data."""

    figure: Figure
    panels: list[Axes]
    lines: dict[str, Line2D]
    cells: dict[str, Cell]  # the small multiples' panels
    date_grids: list[LineCollection]
    generation: int  # the chart's count of rebuilds when it was built (keys its pictures)


def _let_go(_view: BuiltView) -> None:
    return None


class KeptViews:
    """Built views out of view, by layout, the one shown longest ago dropped first;
    ``on_drop`` is told of each view dropped (not of one taken to be shown)."""

    def __init__(self, size: int = KEPT_VIEWS,
                 on_drop: Callable[[BuiltView], None] = _let_go) -> None:
        self._size = size
        self._views: OrderedDict[Layout, BuiltView] = OrderedDict()
        self._on_drop = on_drop

    def __len__(self) -> int:
        return len(self._views)

    def take(self, layout: Layout) -> BuiltView | None:
        """The view built for ``layout``, no longer kept here (it is shown now); or None."""
        return self._views.pop(layout, None)

    def keep(self, layout: Layout, view: BuiltView) -> None:
        self._views[layout] = view
        self._views.move_to_end(layout)
        while len(self._views) > self._size:
            self._on_drop(self._views.popitem(last=False)[1])

    def keep_theme(self, theme: ChartTheme) -> None:
        """Drop the views drawn in another palette: they would never be shown again."""
        for layout in [k for k in self._views if k[0] != theme]:
            self._on_drop(self._views.pop(layout))

    def clear(self) -> None:
        while self._views:
            self._on_drop(self._views.popitem(last=False)[1])
