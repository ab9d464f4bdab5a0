"""Over time's panels besides the small multiples: one area, a score, the journal strip."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from desktop_app.domain.progress_time import AreaSeries, BandSpan, ScaleSeries
from desktop_app.i18n import pgettext
from desktop_app.ui.charts.locale_axis import LocaleNumberFormatter
from desktop_app.ui.charts.over_time_areas import IDEAL_STYLE, NOW_STYLE, STATIC_ZORDER
from desktop_app.ui.charts.over_time_text import point_label
from desktop_app.ui.charts.palette import ChartTheme
from desktop_app.ui.charts.still_scale import ValueScale, still_scale
from desktop_app.ui.charts.targets import Labels
from desktop_app.ui.charts.time_axis import SharedMoments

JOURNAL_ROWS = {"win": 0, "return": 1, "slip": 2}
BANDS_GID = "score-bands"  # the shaded bands of a score panel: one artist
MARGIN_WIDTH = 10  # characters a line of a name in a margin (a band's, a score's) at 760 px


class Chart(Protocol):
    """What of the over-time chart these panels are built into."""

    theme: ChartTheme
    lines: dict[str, Line2D]

    def add_targets(self, axes: Axes, xs: Sequence[float] | np.ndarray,
                    ys: Sequence[float] | np.ndarray, labels: Labels,
                    result_ids: Sequence[str | None] | None = None) -> None: ...


def build_one_area(chart: Chart, axes: Axes, areas: list[AreaSeries]) -> None:
    """One area: now and ideal, styled as in the small multiples."""
    for area in areas:
        (chart.lines[f"{area.area}.current"],) = axes.plot(
            [], [], color=chart.theme.now, label=pgettext("chart", "Now"),
            **NOW_STYLE)  # type: ignore[arg-type]
        (chart.lines[f"{area.area}.ideal"],) = axes.plot(
            [], [], color=chart.theme.ideal, label=pgettext("chart", "Ideal"),
            **IDEAL_STYLE)  # type: ignore[arg-type]
    axes.set_ylim(-0.3, 10.3)
    axes.yaxis.set_major_formatter(LocaleNumberFormatter())
    ValueScale(axes, colour=chart.theme.foreground, grid_colour=chart.theme.grid,
               fontsize=rcParams["ytick.labelsize"], zorder=axes.yaxis.get_zorder(),
               title=areas[0].title if areas else "", title_size=rcParams["axes.labelsize"])
    legend = axes.legend(
        loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False, fontsize=8
    )
    legend.set_zorder(STATIC_ZORDER)  # drawn before the date axis: see static_first
    for text in legend.get_texts():
        text.set_color(chart.theme.foreground)


def build_scale(chart: Chart, axes: Axes, scale: ScaleSeries, stacked: bool = False) -> None:
    """A score's panel: its bands and their names, points (or dots and a trend), marks."""
    theme = chart.theme
    label_at = blended_transform_factory(axes.transAxes, axes.transData)
    shade_bands(axes, scale.bands, theme)
    for band in scale.bands:
        axes.text(
            1.01, (band.low + band.high) / 2, textwrap.fill(band.label, MARGIN_WIDTH),
            transform=label_at, fontsize=7, color=theme.muted, va="center", ha="left",
            zorder=STATIC_ZORDER,
        )
    key = scale.scale_id
    if scale.trend:
        (chart.lines[f"{key}.points"],) = axes.plot(
            [], [], linestyle="none", marker=".", markersize=3, color=theme.now, alpha=0.35
        )
        (chart.lines[f"{key}.trend"],) = axes.plot([], [], color=theme.now, linewidth=2)
    else:
        (chart.lines[f"{key}.points"],) = axes.plot(
            [], [], color=theme.now, marker="o", markersize=4, linewidth=1.8
        )
    (chart.lines[f"{key}.marks"],) = axes.plot(
        [], [], linestyle="none", marker="o", markersize=11, markerfacecolor="none",
        markeredgecolor=theme.foreground, markeredgewidth=1.4,
    )
    pad = (scale.high - scale.low) * 0.05 or 0.5
    axes.set_ylim(scale.low - pad, scale.high + pad)
    axes.yaxis.set_major_formatter(LocaleNumberFormatter())
    # Stacked panels are low: on two short lines a name no longer runs into the next.
    ValueScale(axes, colour=theme.foreground, grid_colour=theme.grid,
               fontsize=rcParams["ytick.labelsize"], zorder=axes.yaxis.get_zorder(),
               title=textwrap.fill(scale.title, MARGIN_WIDTH if stacked else 14), title_size=8)


def shade_bands(axes: Axes, bands: Sequence[BandSpan], theme: ChartTheme) -> None:
    """The bands across the panel, every other one shaded, as one artist: what
    ``axhspan`` per band draws (a rectangle each, at ~1 ms to make)."""
    if not bands:
        return
    # As axhspan's rectangle places its corners: low, then low plus the height.
    spans = [[(0.0, b.low), (1.0, b.low), (1.0, b.low + (b.high - b.low)),
              (0.0, b.low + (b.high - b.low))] for b in bands]
    colours = [theme.band if i % 2 == 0 else theme.background for i in range(len(spans))]
    shaded = PolyCollection(spans, facecolors=colours, edgecolors=colours, linewidths=0,
                            zorder=0, transform=axes.get_yaxis_transform(which="grid"),
                            gid=BANDS_GID)
    axes.add_collection(shaded, autolim=False)


def fill_scale(chart: Chart, axes: Axes, scale: ScaleSeries, times: SharedMoments) -> np.ndarray:
    """The scale's points, trend and marks on its artists; the points' dates."""
    key = scale.scale_id
    xs = times([p.when for p in scale.points])
    values = [p.value for p in scale.points]
    chart.lines[f"{key}.points"].set_data(xs, values)
    if scale.trend:
        trend_x = times([p.when for p in scale.trend])
        chart.lines[f"{key}.trend"].set_data(trend_x, [p.value for p in scale.trend])
    chart.add_targets(
        axes, xs, values, point_label(scale.points, scale.title, scale),
        [p.result_id for p in scale.points],
    )
    mark_x = times([m.point.when for m in scale.marks])
    chart.lines[f"{key}.marks"].set_data(mark_x, [m.point.value for m in scale.marks])
    return xs


def build_journal(chart: Chart, axes: Axes) -> None:
    """The strip of slips, returns and wins, one row each."""
    theme = chart.theme
    styles = {"slip": ("v", theme.slip), "return": ("^", theme.back), "win": ("*", theme.win)}
    for kind, (marker, color) in styles.items():
        (chart.lines[f"journal.{kind}"],) = axes.plot(
            [], [], linestyle="none", marker=marker, color=color,
            markersize=7 if kind == "win" else 6,
        )
    # The Journal's own words ("Slips and returns"): "Back on track" was cut off by
    # the margin at 1024 px.
    # Translators: row labels left of the journal strip, in a narrow margin: keep short.
    row_words = {"win": pgettext("journal strip", "Wins"),
                 "return": pgettext("journal strip", "Returns"),
                 "slip": pgettext("journal strip", "Slips")}
    words = [row_words[k] for k in JOURNAL_ROWS]
    axes.set_ylim(-0.7, 2.7)
    still_scale(axes, list(JOURNAL_ROWS.values()), words, colour=theme.foreground,
                grid_colour=None, fontsize=8, zorder=axes.yaxis.get_zorder())
