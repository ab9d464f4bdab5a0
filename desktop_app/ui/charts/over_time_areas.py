"""What Over time's panels share: the areas' order, titles and styles, the margins under
the small multiples (``small_multiples``), the date grid and the draw layers."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Ticker
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter, NullLocator
from matplotlib.transforms import blended_transform_factory

from desktop_app.domain.progress_time import AreaSeries
from desktop_app.i18n import _
from desktop_app.ui.charts.palette import ChartTheme

FOCUS_MARK = "★"
TITLE_WIDTH = 21  # characters a line of a panel's title
FOCUS_FRAME = 2.2  # points; the other panels' frames are matplotlib's 0.8
FOCUS_GID = "focus-frame"
# Below the axes' own 0.5 (grid and axes drawn below the data), above the face.
STATIC_ZORDER = 0.3
NOW_STYLE = {"marker": "o", "linestyle": "-", "markersize": 3.5, "linewidth": 1.6}
IDEAL_STYLE = {"marker": "s", "linestyle": "--", "markersize": 3.0, "linewidth": 1.1}


class Chart(Protocol):
    """What of the over-time chart a date grid is kept by."""

    theme: ChartTheme
    date_grids: list[LineCollection]


def in_panel_order(areas: Sequence[AreaSeries], focus: Collection[str]) -> list[AreaSeries]:
    """Focus areas first, each group in template order."""
    return sorted(areas, key=lambda a: a.area not in focus)


def panel_title(area: AreaSeries, focus: Collection[str]) -> str:
    if area.area in focus:
        return _("{mark} {area} (focus)").format(mark=FOCUS_MARK, area=area.title)
    return area.title


# Below the lowest panels: tick marks, their dates and the year under them, in points (a
# fraction of the height cut the year off at 450 px and less).
BOTTOM_PT = 33
BOTTOM_LEAST = 0.08


def bottom_for(figure: Figure, size: tuple[float, float, float] | None = None) -> float:
    """The bottom margin, as a fraction, that leaves ``BOTTOM_PT`` at the figure's size."""
    height, dpi = (size[1], size[2]) if size else (
        figure.get_figheight() * figure.dpi, figure.dpi)
    return min(0.3, max(BOTTOM_LEAST, BOTTOM_PT * dpi / 72 / max(height, 1.0)))


def without_date_ticks(axes: Axes) -> None:
    """No date ticks on a panel that shows no dates: its date grid marks where they fall.
    Each tick is three artists and two texts, over a millisecond to make at a view's first
    draw, and these panels had seventy of them. The panel keeps sharing the time span."""
    axes.xaxis.major = Ticker()
    axes.xaxis.set_major_locator(NullLocator())
    axes.xaxis.set_major_formatter(NullFormatter())
    axes.xaxis.set_visible(False)  # nothing to draw: spares the axis its layout each draw


def static_first(axes: Axes) -> None:
    """Draw what does not follow the limits (value axis, title) before the date axis and
    its grid, so that a new period can draw those over a cached picture of the rest and
    get exactly what a whole draw gives (see ``canvas``)."""
    axes.yaxis.set_zorder(STATIC_ZORDER + 0.1)
    axes.title.set_zorder(STATIC_ZORDER)


def middle_layer(panels: Sequence[Axes], grids: Sequence[LineCollection]) -> list[Artist]:
    """What a new period changes besides the data: each panel's date axis and grid (and
    its focus frame, which is drawn over the grid), in the order a whole draw takes."""
    found: list[Artist] = []
    wanted = set(grids)
    for axes in panels:
        mine: list[Artist] = [a for a in axes.get_children() if a in wanted or a is axes.xaxis
                              or a.get_gid() == FOCUS_GID]
        found += sorted(mine, key=lambda a: a.get_zorder())
    return found


def date_grid(chart: Chart, axes: Axes) -> None:
    """The panel's lines at the date ticks, as one artist instead of one per tick (ten
    panels' gridlines were a fifth of a redraw); ``set_date_grid`` places them."""
    axes.grid(False, axis="x")
    lines = LineCollection([], colors=chart.theme.grid, linewidths=0.6, zorder=0.5,
                           transform=blended_transform_factory(axes.transData, axes.transAxes))
    axes.add_collection(lines, autolim=False)
    chart.date_grids.append(lines)


def set_date_grid(grids: Sequence[LineCollection], ticks: Sequence[float],
                  view: tuple[float, float]) -> None:
    """Put the date grid of every panel at ``ticks`` (those inside the view)."""
    low, high = min(view), max(view)
    segments = [((x, 0.0), (x, 1.0)) for x in ticks if low <= x <= high]
    for lines in grids:
        lines.set_segments(segments)


def no_axis_labels(axes: Axes) -> None:
    """The panels have no axis labels: fixing where the empty ones go spares each draw
    measuring the tick labels of every panel sharing the axis (nine times nine)."""
    axes.xaxis.set_label_coords(0.5, 0.0)
    axes.yaxis.set_label_coords(0.0, 0.5)


def whole_pixel_spines(axes: Axes) -> None:
    """One-pixel frames (at 100 dpi, two at 200): the spines are drawn again over the
    cached background, and a part-covered pixel would come out darker the second time."""
    for spine in axes.spines.values():
        spine.set_linewidth(0.72)
