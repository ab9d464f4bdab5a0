"""A value scale that never moves (the small panels' 0-5-10, the journal strip's rows),
drawn as a few artists of its own instead of by the panel's value axis; and one whose
numbers follow the panel's height (``ValueScale``: Over time's score panels).

The axis made a tick of five artists per value at a view's first draw (a millisecond each)
and worked out its layout at every draw, for marks that stay where they are. These are the
artists it would draw, where it would draw them: grid lines across, tick marks outside the
left edge, labels left of those (pictures pixel-equal, tested).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib import rcParams
from matplotlib.artist import Artist, allow_rasterization
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.markers import TICKLEFT, MarkerStyle
from matplotlib.text import Text
from matplotlib.transforms import (
    Bbox,
    IdentityTransform,
    ScaledTranslation,
    Transform,
    blended_transform_factory,
)

VALUE_TICKS = "value-ticks"  # the tick marks' gid: not a series of the panel
TICK_PT = 3.5  # matplotlib's tick length and the gap to its label, in points
LABEL_PAD_PT = TICK_PT + 3.5


def tick_marks(colour: str, transform: Transform, zorder: float | None = None,
               xs: Sequence[float] = (), ys: Sequence[float] = ()) -> Line2D:
    """Tick marks left of a value axis's edge, as matplotlib draws a y axis's (one artist
    for all of them: ``xs`` the edge, ``ys`` the values, in ``transform``)."""
    marks = Line2D(list(xs), list(ys), linestyle="none", marker=MarkerStyle(TICKLEFT),
                   markersize=TICK_PT, markeredgewidth=0.8, color=colour,
                   markeredgecolor=colour, transform=transform, clip_on=False,
                   gid=VALUE_TICKS)
    if zorder is not None:
        marks.set_zorder(zorder)
    return marks


def left_of(across: Transform, figure: Any) -> Transform:
    """``across`` moved left by a tick mark and the gap after it: where labels go."""
    return across + ScaledTranslation(-LABEL_PAD_PT / 72, 0, figure.dpi_scale_trans)


def value_label(value: float, text: str, transform: Transform, *, fontsize: float | str,
                colour: str, zorder: float | None = None) -> Text:
    """A value's number, right-aligned at ``transform``'s (0, value) (see ``left_of``),
    as matplotlib draws a y tick's label."""
    label = Text(0, value, text, fontsize=fontsize, color=colour, ha="right",
                 va="center_baseline", transform=transform, clip_on=False)
    if zorder is not None:
        label.set_zorder(zorder)
    return label


def still_scale(axes: Axes, values: Sequence[float], labels: Sequence[str] | None, *,
                colour: str, grid_colour: str | None, fontsize: float,
                zorder: float) -> None:
    """``values`` marked on ``axes``'s left edge, with ``labels`` (none: marks only) and,
    given ``grid_colour``, lines across; the panel's own value axis is hidden."""
    axes.yaxis.set_visible(False)
    across = axes.get_yaxis_transform()  # x in the panel's width, y in values
    if grid_colour is not None:
        grid = LineCollection([((0.0, v), (1.0, v)) for v in values], colors=grid_colour,
                              linewidths=0.6, zorder=zorder, transform=across)
        axes.add_collection(grid, autolim=False)
    axes.add_line(tick_marks(colour, across, zorder, [0.0] * len(values), values))
    if labels is None:
        return
    beside = left_of(across, axes.figure)
    for value, label in zip(values, labels, strict=True):
        axes.add_artist(value_label(value, label, beside, fontsize=fontsize, colour=colour,
                                    zorder=zorder))


def in_view(low: float, high: float, value: float) -> bool:
    """Inside ``[low, high]`` give or take a rounding error, as matplotlib draws a tick."""
    slack = (high - low) * 1e-10
    return bool(low - slack <= value <= high + slack)


class ValueScale(Artist):
    """A panel's value axis, with its name, whose numbers follow the panel's height.

    The numbers are those the hidden axis's own locator and formatter pick at each draw
    (fewer on a shorter panel), drawn as ``still_scale`` draws its own: grid lines, tick
    marks, numbers; the name goes where matplotlib puts an axis label, ``labelpad`` left of
    the numbers. A score panel's axis made eleven ticks of five artists at its first draw
    and laid its numbers out twice per draw. For formatters without an offset text (such
    as ``LocaleNumberFormatter``): none is drawn.
    """

    def __init__(self, axes: Axes, *, colour: str, grid_colour: str, fontsize: float | str,
                 zorder: float, title: str, title_size: float | str) -> None:
        super().__init__()
        self._panel = axes
        self.axes = axes
        self.set_figure(axes.figure)
        self.set_zorder(zorder)
        self.set_clip_on(False)  # its numbers and name lie outside the panel
        self._colour, self._fontsize = colour, fontsize
        across = axes.get_yaxis_transform()
        self._beside = left_of(across, axes.figure)
        # Capped as a grid line of matplotlib's: where the frame meets it at 72 or 144 dpi,
        # a butt end left the corner pixel lighter.
        self.grid = LineCollection([], colors=grid_colour, linewidths=0.6, transform=across,
                                   capstyle=rcParams["lines.solid_capstyle"])
        self.grid.set_clip_path(axes.patch)
        self.marks = tick_marks(colour, axes.get_yaxis_transform(which="tick1"))
        self.numbers: list[Text] = []
        # As matplotlib places a y axis's label: x in pixels (set at the draw), y halfway.
        self.title = Text(0, 0.5, title, fontsize=title_size, color=colour,
                          fontweight=rcParams["axes.labelweight"], va="bottom", ha="center",
                          rotation="vertical", rotation_mode="anchor",
                          transform=blended_transform_factory(IdentityTransform(),
                                                              axes.transAxes))
        self._own(self.grid, self.marks, self.title)
        axes.yaxis.set_visible(False)
        axes.add_artist(self)

    def _own(self, *artists: Artist) -> None:
        for artist in artists:
            artist.set_figure(self._panel.figure)
            artist.axes = self._panel

    def get_children(self) -> list[Artist]:
        return [self.grid, self.marks, *self.numbers, self.title]

    def values(self) -> list[tuple[float, str]]:
        """The numbers drawn at the panel's present height, with their labels."""
        axis = self._panel.yaxis
        locs = list(axis.get_major_locator()())
        labels = axis.get_major_formatter().format_ticks(locs)
        low, high = sorted(axis.get_transform().transform(axis.get_view_interval()))
        at = axis.get_transform().transform(locs)
        return [(float(v), text) for v, t, text in zip(locs, at, labels, strict=True)
                if in_view(low, high, t)]

    def _lay_out(self, renderer: Any) -> None:
        shown = self.values()
        values = [v for v, _text in shown]
        self.grid.set_segments([((0.0, v), (1.0, v)) for v in values])
        self.marks.set_data([0.0] * len(values), values)
        while len(self.numbers) < len(shown):
            number = value_label(0, "", self._beside, fontsize=self._fontsize,
                                 colour=self._colour)
            self._own(number)
            self.numbers.append(number)
        for index, number in enumerate(self.numbers):
            number.set_visible(index < len(shown))
            if index < len(shown):
                number.set_position((0, shown[index][0]))
                number.set_text(shown[index][1])
        boxes = [n.get_window_extent(renderer) for n in self.numbers[:len(shown)]]
        spine = self._panel.spines["left"]
        left = Bbox.union([*boxes, spine.get_window_extent()]).x0
        pad = self._panel.yaxis.labelpad * self._panel.figure.dpi / 72
        self.title.set_x(left - pad)

    @allow_rasterization  # type: ignore[untyped-decorator]
    def draw(self, renderer: Any) -> None:
        if not self.get_visible():
            return
        self._lay_out(renderer)
        for artist in self.get_children():
            artist.draw(renderer)
        self.stale = False

    def get_window_extent(self, renderer: Any = None) -> Bbox:
        if renderer is None:
            renderer = self._panel.figure.canvas.get_renderer()  # type: ignore[attr-defined]
        self._lay_out(renderer)
        boxes = [a.get_window_extent(renderer) for a in (*self.numbers, self.title)
                 if a.get_visible() and a.get_text()]
        return Bbox.union(boxes) if boxes else Bbox.null()
