"""The report's charts, drawn with matplotlib on a plain Figure and kept as SVG (vectors).

No Qt here: the SVG is painted onto the PDF by ``pages`` (QSvgRenderer), so lines stay
lines at any zoom. Chart text is drawn as outlines; the numbers follow every chart as real
text, for screen readers and for search.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import numpy as np
from matplotlib import rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from desktop_app.domain.together import Together
from desktop_app.i18n import _, pgettext
from desktop_app.services.report_parts import Gaps, Trend
from desktop_app.ui.charts import plain_text  # noqa: F401  (before any chart text)
from desktop_app.ui.charts.palette import OKABE_ITO
from desktop_app.ui.dates import short_date

INK = "#222222"
GRID = "#d9d9d9"
WIDTH_IN = 6.4
MARKERS_UP_TO = 62


def _svg(figure: Figure) -> bytes:
    FigureCanvasSVG(figure)
    out = io.BytesIO()
    # Text as <text>, not glyph outlines: QSvgRenderer cannot read matplotlib's glyph
    # definitions, and real text stays searchable in the PDF.
    with rc_context({"svg.fonttype": "none"}):
        figure.savefig(out, format="svg", facecolor="white")
    return out.getvalue()


def _style(axes: object) -> None:
    from matplotlib.axes import Axes

    assert isinstance(axes, Axes)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    for spine in ("left", "bottom"):
        axes.spines[spine].set_color(GRID)
    axes.tick_params(colors=INK, labelsize=8)
    axes.grid(True, color=GRID, linewidth=0.5)
    axes.set_axisbelow(True)


def trend_svg(trend: Trend) -> bytes:
    """Grounded (1–5, left) and distress (0–10, right) over the period."""
    figure = Figure(figsize=(WIDTH_IN, 2.6), dpi=100)
    axes = figure.add_subplot()
    _style(axes)
    days = [datetime(p.day.year, p.day.month, p.day.day) for p in trend.points]
    grounded = [(d, p.grounded) for d, p in zip(days, trend.points, strict=True)
                if p.grounded is not None]
    distress = [(d, p.distress) for d, p in zip(days, trend.points, strict=True)
                if p.distress is not None]
    # Markers only while they can be told apart: past that they only cost (each is a path).
    few = len(trend.points) <= MARKERS_UP_TO
    if grounded:
        axes.plot(_x(grounded), [v for _d, v in grounded], color=OKABE_ITO[0],
                  marker="o" if few else None, markersize=3, linewidth=1.5,
                  label=_("Grounded (1–5)"))
    axes.set_ylim(1, 5)
    axes.set_ylabel(_("Grounded"), color=INK, fontsize=8)
    other = axes.twinx()
    other.spines["top"].set_visible(False)
    other.tick_params(colors=INK, labelsize=8)
    if distress:
        other.plot(_x(distress), [v for _d, v in distress], color=OKABE_ITO[5],
                   marker="s" if few else None, markersize=3, linewidth=1.2, linestyle="--",
                   label=_("Distress (0–10)"))
    other.set_ylim(0, 10)
    other.set_ylabel(_("Distress"), color=INK, fontsize=8)
    handles = axes.get_legend_handles_labels()[0] + other.get_legend_handles_labels()[0]
    if handles:
        axes.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False,
                    fontsize=8, ncol=2)
    figure.autofmt_xdate()
    figure.tight_layout()
    return _svg(figure)


def gaps_svg(gaps: Gaps) -> bytes:
    """Distance to the ideal per life area: at the start of the period and at its end."""
    lines = gaps.lines
    figure = Figure(figsize=(WIDTH_IN, 0.45 * len(lines) + 1.0), dpi=100)
    axes = figure.add_subplot()
    _style(axes)
    axes.grid(False, axis="y")
    ys = list(range(len(lines)))
    then = [(y, g.then[1] - g.then[0]) for y, g in zip(ys, lines, strict=True) if g.then]
    now = [(y, g.now[1] - g.now[0]) for y, g in zip(ys, lines, strict=True) if g.now]
    if then:
        axes.barh([y - 0.18 for y, _v in then], [v for _y, v in then], height=0.34,
                  # An outline, not a hatch: Qt paints SVG pattern fills into a PDF slowly.
                  color="#d0d0d0", edgecolor=INK, linewidth=0.6,
                  label=_label(pgettext("report chart", "Then"), gaps.then_day))
    if now:
        axes.barh([y + 0.18 for y, _v in now], [v for _y, v in now], height=0.34,
                  color=OKABE_ITO[0], label=_label(pgettext("report chart", "Now"), gaps.now_day))
    axes.set_yticks(ys, [g.area for g in lines])
    axes.invert_yaxis()
    axes.axvline(0, color=INK, linewidth=0.8)
    axes.set_xlabel(_("Distance to my ideal (ideal minus now)"), color=INK, fontsize=8)
    axes.legend(loc="lower right", frameon=False, fontsize=8)
    figure.tight_layout()
    return _svg(figure)


def together_svg(together: Together) -> bytes:
    """My now and ideal (circles) beside my partner's (squares), per area; filled is now."""
    areas = together.areas
    figure = Figure(figsize=(WIDTH_IN, 0.42 * len(areas) + 1.1), dpi=100)
    axes = figure.add_subplot()
    _style(axes)
    axes.grid(False, axis="y")
    mine, theirs = OKABE_ITO[0], "#A35F00"  # the orange darkened to 4.5:1 on white
    for y, area in enumerate(areas):
        for now, ideal, dy, colour, marker in (
                (area.mine_now, area.mine_ideal, -0.15, mine, "o"),
                (area.theirs_now, area.theirs_ideal, 0.15, theirs, "s")):
            if now is None or ideal is None:
                continue
            axes.plot([now, ideal], [y + dy] * 2, color=colour, linewidth=1.6)
            axes.plot([now], [y + dy], marker=marker, color=colour, markersize=6)
            axes.plot([ideal], [y + dy], marker=marker, markersize=6, color=colour,
                      markerfacecolor="white", markeredgewidth=1.5)
    axes.set_yticks(range(len(areas)), [a.title for a in areas])
    axes.invert_yaxis()
    axes.set_xlim(-0.5, 10.5)
    axes.set_xlabel(_("Now (filled) and ideal (open)"), color=INK, fontsize=8)
    handles = [Line2D([], [], color=mine, marker="o", label=_("Me")),
               Line2D([], [], color=theirs, marker="s", label=together.partner)]
    axes.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False,
                fontsize=8, ncol=2)
    figure.tight_layout()
    return _svg(figure)


def _x(pairs: list[tuple[datetime, float]]) -> np.ndarray:
    return np.array([np.datetime64(d, "D") for d, _v in pairs])


def _label(word: str, day: date | None) -> str:
    return word if day is None else f"{word} ({short_date(day)})"
