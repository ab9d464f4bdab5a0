"""The gaps: ideal minus now per area, largest first, the areas in focus highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.container import BarContainer
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from PySide6.QtWidgets import QWidget

from desktop_app.domain.progress import GapsData
from desktop_app.ui.charts.base import ChartView
from desktop_app.ui.charts.canvas import fixed_ticks
from desktop_app.ui.charts.locale_axis import LocaleNumberFormatter
from desktop_app.ui.charts.table import TableRow
from desktop_app.ui.dates import short_date


class GapsChart(ChartView):
    """Horizontal bars; focus areas in the focus colour and hatched (not colour alone)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Gaps", parent)
        self.data: GapsData | None = None
        self.bars: BarContainer | None = None

    def export_title(self) -> str:
        return "Gaps between where I am and where I want to be"

    def set_data(self, data: GapsData) -> None:
        self.data = data
        self.redraw()

    def draw_chart(self) -> None:
        data = self.data
        assert data is not None and data.result is not None
        theme = self.theme
        axes = self.figure.add_subplot()
        self.figure.subplots_adjust(left=0.3, right=0.95, top=0.95, bottom=0.12)
        self.style_axes(axes)
        axes.grid(True, axis="x", color=theme.grid, linewidth=0.6)
        axes.grid(False, axis="y")
        bars = data.bars
        ys = list(range(len(bars)))
        self.bars = axes.barh(
            ys,
            [b.gap for b in bars],
            color=[theme.focus if b.focus else theme.other for b in bars],
            hatch=["//" if b.focus else "" for b in bars],
            edgecolor=theme.background,
            height=0.7,
        )
        fixed_ticks(axes.yaxis, ys, [f"{b.title} (focus)" if b.focus else b.title for b in bars])
        axes.invert_yaxis()
        axes.axvline(0, color=theme.muted, linewidth=1)
        axes.set_xlabel("Distance to your ideal (ideal minus now)")
        low = min([0, *[b.gap for b in bars]])
        high = max([1, *[b.gap for b in bars]])
        axes.set_xlim(low - 0.5 if low < 0 else 0, high + 1)
        for y, bar in zip(ys, bars, strict=True):
            axes.text(
                bar.gap + (0.15 if bar.gap >= 0 else -0.15), y, f"{bar.gap}",
                va="center", ha="left" if bar.gap >= 0 else "right",
                color=theme.foreground, fontsize=9,
            )
        self.add_targets(
            axes,
            [b.gap for b in bars],
            ys,
            [f"{short_date(data.result.day)}\n{b.title}: now {b.current}, ideal {b.ideal}, "
             f"distance {b.gap}" for b in bars],
            [data.result.result_id] * len(bars),
        )
        legend = axes.legend(
            handles=[
                Patch(facecolor=theme.focus, hatch="//", label="In your current focus"),
                Patch(facecolor=theme.other, label="Other areas"),
            ],
            loc="lower right", frameon=False, fontsize=9,
        )
        for text in legend.get_texts():
            text.set_color(theme.foreground)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(LocaleNumberFormatter())
        self.caption.setText(
            f"From your result of {short_date(data.result.day)}. A longer bar is a bigger "
            "distance between where you are and where you want to be: a good candidate for "
            "focus, not a failing."
        )

    def table_caption(self) -> str:
        return "One row per life area, largest distance to your ideal first: now, ideal, " \
            "the distance, and whether the area is in your focus. Enter on a row opens " \
            "the result."

    def rows(self) -> tuple[Sequence[str], Sequence[TableRow]]:
        data = self.data
        assert data is not None and data.result is not None
        headers = ["Area", "Now", "Ideal", "Distance to ideal", "In focus"]
        rows = [
            TableRow(
                (b.title, str(b.current), str(b.ideal), str(b.gap), "yes" if b.focus else ""),
                data.result.result_id,
            )
            for b in data.bars
        ]
        return headers, rows
