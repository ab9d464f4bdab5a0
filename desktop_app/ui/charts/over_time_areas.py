"""Over time with every area: small multiples, one small panel per area on shared axes.

Eighteen crossing lines in one panel could not be read; one panel per area can, and each
panel needs only two series (now and ideal), so colour, marker and line style tell them
apart everywhere. Areas in the running focus come first, with a star in the title and a
heavier frame, so the focus never depends on colour alone.
"""

from __future__ import annotations

import math
import textwrap
import weakref
from collections.abc import Collection, Sequence
from typing import Protocol

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Ticker
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import NullFormatter, NullLocator
from matplotlib.transforms import blended_transform_factory

from desktop_app.domain.progress_time import AreaSeries
from desktop_app.i18n import _, pgettext
from desktop_app.ui.charts.light_axes import LightAxes
from desktop_app.ui.charts.locale_axis import LocaleNumberFormatter
from desktop_app.ui.charts.palette import ChartTheme
from desktop_app.ui.charts.still_scale import still_scale

COLUMNS = 3
FOCUS_MARK = "★"
TITLE_WIDTH = 21  # characters a line of a panel's title
FOCUS_FRAME = 2.2  # points; the other panels' frames are matplotlib's 0.8
FOCUS_GID = "focus-frame"
# Below the axes' own 0.5 (grid and axes drawn below the data), above the face.
STATIC_ZORDER = 0.3
NOW_STYLE = {"marker": "o", "linestyle": "-", "markersize": 3.5, "linewidth": 1.6}
IDEAL_STYLE = {"marker": "s", "linestyle": "--", "markersize": 3.0, "linewidth": 1.1}


class Chart(Protocol):
    """What of the over-time chart the panels are built into."""

    theme: ChartTheme
    figure: Figure
    lines: dict[str, Line2D]
    area_axes: dict[str, Axes]
    date_grids: list[LineCollection]

    def style_axes(self, axes: Axes, grid: bool = True) -> None: ...


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


# The figures laid out as small multiples (a chart keeps several views' figures).
MULTIPLES: weakref.WeakSet[Figure] = weakref.WeakSet()


def fit_bottom(figure: Figure, size: tuple[float, float, float]) -> None:
    """Keep ``bottom_for`` at the size about to be drawn, if ``figure`` is small multiples."""
    if figure not in MULTIPLES:
        return
    wanted = bottom_for(figure, size)
    if abs(figure.subplotpars.bottom - wanted) > 1e-9:
        figure.subplots_adjust(bottom=wanted)


def build_small_multiples(
    chart: Chart, areas: Sequence[AreaSeries], focus: Collection[str], strip: bool
) -> list[Axes]:
    """One panel per area (then the journal strip across the bottom, if any); the panels."""
    theme = chart.theme
    figure = chart.figure
    rows = math.ceil(len(areas) / COLUMNS)
    ratios = [1.0] * rows + ([0.7] if strip else [])
    grid = figure.add_gridspec(len(ratios), COLUMNS, height_ratios=ratios,
                               hspace=0.55, wspace=0.08)
    figure.subplots_adjust(left=0.13, right=0.98, top=0.88, bottom=bottom_for(figure))
    MULTIPLES.add(figure)
    panels: list[Axes] = []
    dateless: list[Axes] = []
    first: Axes | None = None
    for index, area in enumerate(areas):
        row, column = divmod(index, COLUMNS)
        axes = figure.add_subplot(grid[row, column], sharex=first, sharey=first,
                                  axes_class=LightAxes)
        first = first or axes
        chart.style_axes(axes)
        static_first(axes)
        in_focus = area.area in focus
        _whole_pixel_spines(axes)
        # Wrapped: in three columns at the narrowest window a bold name on one line ran
        # into the next panel's title. y=1: where matplotlib would put it anyway (nothing is
        # above a panel's frame), said here so that a draw does not work it out again from
        # every tick of every panel.
        axes.set_title(textwrap.fill(panel_title(area, focus), TITLE_WIDTH), loc="left",
                       fontsize=8, pad=3, y=1.0,
                       color=theme.foreground, fontweight="bold" if in_focus else "normal")
        _no_axis_labels(axes)
        if in_focus:
            # A frame under the data, not a thicker spine: spines are drawn again over the
            # cached background, and a thick one's soft edge would then darken (see canvas).
            for spine in axes.spines.values():
                spine.set_visible(False)
            axes.add_patch(Rectangle((0, 0), 1, 1, transform=axes.transAxes, fill=False,
                                     edgecolor=theme.foreground, linewidth=FOCUS_FRAME,
                                     zorder=1, clip_on=False, gid=FOCUS_GID))
        (now,) = axes.plot([], [], color=theme.now, label=pgettext("chart", "Now"),
                           **NOW_STYLE)  # type: ignore[arg-type]
        (ideal,) = axes.plot([], [], color=theme.ideal, label=pgettext("chart", "Ideal"),
                             **IDEAL_STYLE)  # type: ignore[arg-type]
        chart.lines[f"{area.area}.current"] = now
        chart.lines[f"{area.area}.ideal"] = ideal
        chart.area_axes[area.area] = axes
        # Dates under the lowest panel of each column (or only under the strip).
        lowest = index + COLUMNS >= len(areas)
        axes.tick_params(labelbottom=lowest and not strip, labelleft=column == 0, labelsize=7)
        if not lowest or strip:
            dateless.append(axes)
        _date_grid(chart, axes)
        panels.append(axes)
    assert first is not None
    first.set_ylim(-0.6, 10.6)
    for index, axes in enumerate(panels):
        _value_axis(chart, axes, labelled=index % COLUMNS == 0)
    if strip:
        journal = figure.add_subplot(grid[-1, :], sharex=first, axes_class=LightAxes)
        chart.style_axes(journal)
        static_first(journal)
        _whole_pixel_spines(journal)
        _no_axis_labels(journal)
        _date_grid(chart, journal)
        panels.append(journal)
    for axes in dateless:  # once every panel shares the first one's ticks (see sharex)
        without_date_ticks(axes)
    handles: list[Line2D] = [chart.lines[f"{areas[0].area}.{p}"] for p in ("current", "ideal")]
    legend = figure.legend(handles=handles,
                           labels=[pgettext("chart", "Now"), pgettext("chart", "Ideal")],
                           loc="upper right",
                           bbox_to_anchor=(0.98, 0.995), ncol=2, frameon=False, fontsize=8)
    for text in legend.get_texts():
        text.set_color(theme.foreground)
    return panels


VALUES = (0, 5, 10)


def _value_axis(chart: Chart, axes: Axes, labelled: bool) -> None:
    """The panel's 0, 5 and 10 (their numbers left of the first column only)."""
    number = LocaleNumberFormatter()
    still_scale(axes, VALUES, [number(v) for v in VALUES] if labelled else None,
                colour=chart.theme.foreground, grid_colour=chart.theme.grid, fontsize=7,
                zorder=STATIC_ZORDER + 0.1)


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


def _date_grid(chart: Chart, axes: Axes) -> None:
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


def _no_axis_labels(axes: Axes) -> None:
    """The panels have no axis labels: fixing where the empty ones go spares each draw
    measuring the tick labels of every panel sharing the axis (nine times nine)."""
    axes.xaxis.set_label_coords(0.5, 0.0)
    axes.yaxis.set_label_coords(0.0, 0.5)


def _whole_pixel_spines(axes: Axes) -> None:
    """One-pixel frames (at 100 dpi, two at 200): the spines are drawn again over the
    cached background, and a part-covered pixel would come out darker the second time."""
    for spine in axes.spines.values():
        spine.set_linewidth(0.72)
