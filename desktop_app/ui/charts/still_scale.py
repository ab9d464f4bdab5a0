"""A value scale that never moves (the small panels' 0-5-10, the journal strip's rows),
drawn as a few artists of its own instead of by the panel's value axis.

The axis made a tick of five artists per value at a view's first draw (a millisecond each)
and worked out its layout at every draw, for marks that stay where they are. These are the
artists it would draw, where it would draw them: grid lines across, tick marks outside the
left edge, labels left of those (pictures pixel-equal, tested).
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.markers import TICKLEFT, MarkerStyle
from matplotlib.transforms import ScaledTranslation

VALUE_TICKS = "value-ticks"  # the tick marks' gid: not a series of the panel
TICK_PT = 3.5  # matplotlib's tick length and the gap to its label, in points
LABEL_PAD_PT = TICK_PT + 3.5


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
    marks = Line2D([0.0] * len(values), list(values), linestyle="none",
                   marker=MarkerStyle(TICKLEFT), markersize=TICK_PT, markeredgewidth=0.8,
                   color=colour, markeredgecolor=colour, zorder=zorder, transform=across,
                   clip_on=False, gid=VALUE_TICKS)
    axes.add_line(marks)
    if labels is None:
        return
    shift = ScaledTranslation(-LABEL_PAD_PT / 72, 0, axes.figure.dpi_scale_trans)
    for value, label in zip(values, labels, strict=True):
        axes.text(0, value, label, transform=across + shift, fontsize=fontsize, color=colour,
                  ha="right", va="center_baseline", zorder=zorder, clip_on=False)
