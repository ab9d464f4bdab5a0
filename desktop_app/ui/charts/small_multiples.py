"""Over time with every area: small multiples, one small panel per area on shared scales.

Eighteen crossing lines in one panel could not be read; one panel per area can, and each
panel needs only two series (now and ideal), so colour, marker and line style tell them
apart everywhere. Areas in the running focus come first, with a star in the title and a
heavier frame, so the focus never depends on colour alone.

The panels are no matplotlib axes but cells drawn by the figure: an axes is ~40 artists
and ~3-4 ms to make, and each is laid out at every draw, for panels that only need a
frame, a title, a 0-5-10 scale, their date grid and two lines. Each cell maps (day, value)
into its rectangle of the figure, its days through the span of the axes that shows the
dates (the journal strip's, or each column's date row), so a new period moves them all.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.gridspec import SubplotSpec
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import (
    Bbox,
    BboxTransformFrom,
    BboxTransformTo,
    ScaledTranslation,
    Transform,
    TransformedBbox,
    blended_transform_factory,
)

from desktop_app.domain.progress_time import AreaSeries
from desktop_app.i18n import pgettext
from desktop_app.ui.charts.locale_axis import LocaleNumberFormatter
from desktop_app.ui.charts.over_time_areas import (
    FOCUS_FRAME,
    FOCUS_GID,
    IDEAL_STYLE,
    NOW_STYLE,
    STATIC_ZORDER,
    TITLE_WIDTH,
    bottom_for,
    date_grid,
    no_axis_labels,
    panel_title,
    static_first,
    whole_pixel_spines,
)
from desktop_app.ui.charts.palette import ChartTheme
from desktop_app.ui.charts.stamp_axis import StampAxes
from desktop_app.ui.charts.still_scale import left_of, tick_marks, value_label

COLUMNS = 3
VALUES = (0, 5, 10)
VALUE_LIMITS = (-0.6, 10.6)
FRAME_GID = "panel-frame"
FRAME_WIDTH = 0.72  # points: one pixel at 100 dpi (see whole_pixel_spines)
SPINE_ZORDER = 2.5  # matplotlib's, which the frames had as an axes' spines
TITLE_PAD_PT = 3
SIDES = [((0.0, 0.0), (0.0, 1.0)), ((1.0, 0.0), (1.0, 1.0)),
         ((0.0, 0.0), (1.0, 0.0)), ((0.0, 1.0), (1.0, 1.0))]


class Chart(Protocol):
    """What of the over-time chart the small multiples are built into."""

    theme: ChartTheme
    figure: Figure
    lines: dict[str, Line2D]
    cells: dict[str, Cell]
    date_grids: list[LineCollection]

    def style_axes(self, axes: Axes, grid: bool = True) -> None: ...


@dataclass
class Cell:
    """One area's panel: where it is and the artists of its own."""

    area: str
    spec: SubplotSpec
    place: Bbox  # in figure fractions (``fit_bottom`` follows the figure's margins)
    box: TransformedBbox  # in display pixels
    to_display: Transform  # (day number, value) → display pixels
    title: Text
    focus_frame: Rectangle | None  # round a focus area's panel (under the data)
    value_labels: list[Text] = field(default_factory=list)
    lines: list[Line2D] = field(default_factory=list)

    @property
    def focus(self) -> bool:
        return self.focus_frame is not None

    def at(self, x: float, y: float) -> tuple[float, float]:
        """Figure fractions of the cell's own (x, y) fractions."""
        (x0, y0), (x1, y1) = self.place.get_points()
        return x0 + x * (x1 - x0), y0 + y * (y1 - y0)


class Furniture:
    """What every cell has, as one artist for all cells, placed in figure fractions: the
    frames (but a focus frame), the 0-5-10 lines across and their tick marks, the date
    grid. Twenty-seven artists made and drawn as four; ``lay_out`` places them anew when
    the cells move."""

    def __init__(self, figure: Figure, cells: list[Cell], theme: ChartTheme) -> None:
        self.cells = cells
        on_figure = figure.transFigure
        # Four lines with projecting ends, drawn over the data, as an axes' spines are
        # (one closed rectangle's corners came out lighter).
        self.frames = LineCollection([], transform=on_figure, colors=theme.grid,
                                     linewidths=FRAME_WIDTH, capstyle="projecting",
                                     zorder=SPINE_ZORDER, clip_on=False, gid=FRAME_GID)
        zorder = STATIC_ZORDER + 0.1
        self.values = LineCollection([], transform=on_figure, colors=theme.grid,
                                     linewidths=0.6, zorder=zorder)
        self.marks = tick_marks(theme.foreground, on_figure, zorder)
        self.dates = LineCollection([], transform=on_figure, colors=theme.grid,
                                    linewidths=0.6, zorder=0.5)
        for artist in (self.values, self.marks, self.dates, self.frames):
            figure.add_artist(artist)
        self._ticks: list[float] = []
        self._view = (0.0, 1.0)
        self.lay_out()

    def lay_out(self) -> None:
        """Place everything where the cells are now."""
        framed = [c for c in self.cells if not c.focus]
        self.frames.set_segments([[c.at(*a), c.at(*b)] for c in framed for a, b in SIDES])
        low, high = VALUE_LIMITS
        heights = [(v - low) / (high - low) for v in VALUES]
        self.values.set_segments([[c.at(0, h), c.at(1, h)] for c in self.cells for h in heights])
        marks = [c.at(0, h) for c in self.cells for h in heights]
        self.marks.set_data([m[0] for m in marks], [m[1] for m in marks])
        self.set_dates(self._ticks, self._view)

    def set_dates(self, ticks: Sequence[float], view: tuple[float, float]) -> None:
        """The date grid at ``ticks`` (those inside ``view``, the cells' time span)."""
        self._ticks, self._view = list(ticks), view
        low, high = view
        span = (high - low) or 1.0
        across = [(x - low) / span for x in ticks if min(low, high) <= x <= max(low, high)]
        self.dates.set_segments([[c.at(x, 0), c.at(x, 1)] for c in self.cells for x in across])


class Multiples(Artist):
    """A figure's small multiples: its cells and their furniture. An artist of the figure
    that draws nothing, so that it goes with the figure's other artists when the figure
    is cleared for another view."""

    def __init__(self, cells: list[Cell], furniture: Furniture) -> None:
        super().__init__()
        self.cells = cells
        self.furniture = furniture
        self.set_visible(False)

    def overlay(self) -> list[Artist]:
        """What a new period draws again over the cached rest, in a whole draw's order:
        the lines, then the frames over them (as an axes' spines)."""
        return [line for cell in self.cells for line in cell.lines] + [self.furniture.frames]

    def middle(self) -> list[Artist]:
        """What a new period changes besides the data: the date grid, then the focus
        frames over it."""
        return [self.furniture.dates,
                *(cell.focus_frame for cell in self.cells if cell.focus_frame is not None)]


def multiples_of(figure: Figure) -> Multiples | None:
    """The small multiples ``figure`` holds now, if any."""
    for artist in figure.artists:
        if isinstance(artist, Multiples):
            return artist
    return None


def fit_bottom(figure: Figure, size: tuple[float, float, float]) -> None:
    """Keep ``bottom_for`` at the size about to be drawn, if ``figure`` is small multiples,
    and its cells where its grid puts them then."""
    multiples = multiples_of(figure)
    if multiples is None:
        return
    wanted = bottom_for(figure, size)
    if abs(figure.subplotpars.bottom - wanted) > 1e-9:
        figure.subplots_adjust(bottom=wanted)
        for cell in multiples.cells:
            cell.place.set_points(cell.spec.get_position(figure).get_points())
        multiples.furniture.lay_out()


def build_small_multiples(
    chart: Chart, areas: Sequence[AreaSeries], focus: Collection[str], strip: bool
) -> list[Axes]:
    """One cell per area, then the journal strip across the bottom (or, with no strip, a
    date axis under each column's lowest cell); the axes made, whose time span the cells
    share."""
    theme = chart.theme
    figure = chart.figure
    rows = math.ceil(len(areas) / COLUMNS)
    ratios = [1.0] * rows + ([0.7] if strip else [])
    grid = figure.add_gridspec(len(ratios), COLUMNS, height_ratios=ratios,
                               hspace=0.55, wspace=0.08)
    figure.subplots_adjust(left=0.13, right=0.98, top=0.88, bottom=bottom_for(figure))
    if strip:
        journal = figure.add_subplot(grid[-1, :], axes_class=StampAxes)
        chart.style_axes(journal)
        static_first(journal)
        whole_pixel_spines(journal)
        no_axis_labels(journal)
        date_grid(chart, journal)
        panels = [journal]
    else:
        lowest = [i for i in range(len(areas)) if i + COLUMNS >= len(areas)]
        panels = []
        for index in lowest:
            panels.append(_date_row(chart, figure, grid[divmod(index, COLUMNS)],
                                    panels[0] if panels else None))
    # The cells' (day, value) in their own 0-1 fractions: days as the dated axes show
    # them, values from a little below 0 to a little above 10.
    low, high = VALUE_LIMITS
    unit = blended_transform_factory(BboxTransformFrom(panels[0].viewLim),
                                     BboxTransformFrom(Bbox([[0.0, low], [1.0, high]])))
    cells = []
    for index, area in enumerate(areas):
        cell = _cell(chart, figure, grid[divmod(index, COLUMNS)], area, focus, unit,
                     labelled=index % COLUMNS == 0)
        chart.cells[area.area] = cell
        cells.append(cell)
    figure.add_artist(Multiples(cells, Furniture(figure, cells, theme)))
    handles: list[Line2D] = [chart.lines[f"{areas[0].area}.{p}"] for p in ("current", "ideal")]
    legend = figure.legend(handles=handles,
                           labels=[pgettext("chart", "Now"), pgettext("chart", "Ideal")],
                           loc="upper right",
                           bbox_to_anchor=(0.98, 0.995), ncol=2, frameon=False, fontsize=8)
    for text in legend.get_texts():
        text.set_color(theme.foreground)
    return panels


def _cell(chart: Chart, figure: Figure, spec: SubplotSpec, area: AreaSeries,
          focus: Collection[str], unit: Transform, labelled: bool) -> Cell:
    theme = chart.theme
    in_focus = area.area in focus
    place = Bbox(spec.get_position(figure).get_points())
    box = TransformedBbox(place, figure.transFigure)
    inside = BboxTransformTo(box)  # the cell's own 0-1 fractions
    to_display = unit + inside
    # Wrapped: in three columns at the narrowest window a bold name on one line ran into
    # the next panel's title. Where an axes puts its left title: at its top left corner,
    # its baseline a pad above.
    title = Text(0.0, 1.0, textwrap.fill(panel_title(area, focus), TITLE_WIDTH),
                 fontsize=8, color=theme.foreground,
                 fontweight="bold" if in_focus else "normal", va="baseline", ha="left",
                 transform=inside + ScaledTranslation(0, TITLE_PAD_PT / 72,
                                                      figure.dpi_scale_trans),
                 zorder=STATIC_ZORDER, clip_on=False)
    figure.add_artist(title)
    frame = None
    if in_focus:
        # A frame under the data, not a thicker spine: spines are drawn again over the
        # cached background, and a thick one's soft edge would then darken (see canvas).
        frame = Rectangle((0, 0), 1, 1, transform=inside, fill=False, clip_on=False,
                          edgecolor=theme.foreground, linewidth=FOCUS_FRAME, zorder=1,
                          gid=FOCUS_GID)
        figure.add_artist(frame)
    across = blended_transform_factory(inside, to_display)  # x in the cell, y in values
    labels = _value_labels(chart, figure, across) if labelled else []
    lines = []
    for part, style, colour, name in (("current", NOW_STYLE, theme.now, "Now"),
                                      ("ideal", IDEAL_STYLE, theme.ideal, "Ideal")):
        line = Line2D([], [], color=colour, label=pgettext("chart", name),
                      transform=to_display, **style)  # type: ignore[arg-type]
        figure.add_artist(line)
        line.set_clip_box(box)  # each cell clips its own lines
        chart.lines[f"{area.area}.{part}"] = line
        lines.append(line)
    return Cell(area.area, spec, place, box, to_display, title, frame, labels, lines)


def _value_labels(chart: Chart, figure: Figure, across: Transform) -> list[Text]:
    """0, 5 and 10 left of a cell of the first column, where an axes' value axis puts
    its tick labels (as ``still_scale`` does)."""
    number = LocaleNumberFormatter()
    beside = left_of(across, figure)
    labels = []
    for value in VALUES:
        label = value_label(value, number(value), beside, fontsize=7,
                            colour=chart.theme.foreground, zorder=STATIC_ZORDER + 0.1)
        figure.add_artist(label)
        labels.append(label)
    return labels


def _date_row(chart: Chart, figure: Figure, spec: SubplotSpec, first: Axes | None) -> Axes:
    """Dates under a column's lowest cell (when there is no journal strip to carry them):
    an axes over the cell that draws only its date axis (the time span of ``first``)."""
    axes = figure.add_subplot(spec, sharex=first, axes_class=StampAxes)
    chart.style_axes(axes, grid=False)
    axes.patch.set_visible(False)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.yaxis.set_visible(False)
    axes.set_ylim(*VALUE_LIMITS)
    axes.tick_params(labelsize=7)
    no_axis_labels(axes)
    return axes
