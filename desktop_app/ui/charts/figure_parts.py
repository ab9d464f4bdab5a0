"""What several charts do with their figures: empty one, and list artists in draw order."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.spines import Spine


def clear_figure(figure: Figure) -> None:
    """``figure.clear()``, without first clearing each axes it is about to drop: clearing
    one makes its ticks anew, and ten panels' worth was a tenth of a rebuild."""
    for axes in tuple(figure.axes):
        figure.delaxes(axes)
    figure.clear()


def in_draw_order(axes_list: Sequence[Axes], artists: Sequence[Artist]) -> list[Artist]:
    """``artists`` and the spines (drawn over them), in the order a whole draw takes, so
    that the picture over a cached background is exactly the whole picture."""
    wanted = set(artists)
    found: list[Artist] = []
    for axes in axes_list:
        mine = [a for a in axes.get_children() if a in wanted or isinstance(a, Spine)]
        found += sorted(mine, key=lambda a: a.get_zorder())
    return found
