"""The gaps: ideal minus now per area, largest first, the areas in focus highlighted."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.container import BarContainer
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from PySide6.QtWidgets import QWidget

from desktop_app.domain.progress import GapsData
from desktop_app.i18n import _, pgettext
from desktop_app.ui.charts.base import ChartView
from desktop_app.ui.charts.canvas import fixed_ticks
from desktop_app.ui.charts.locale_axis import LocaleNumberFormatter
from desktop_app.ui.charts.table import TableRow
from desktop_app.ui.dates import short_date

NAME_WIDTH = 20  # characters a line: "Close relationships (focus)" on two lines, not three


class GapsChart(ChartView):
    """Horizontal bars; focus areas in the focus colour and hatched (not colour alone)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Gaps"), parent, in_text=pgettext("chart name in a sentence", "gaps"))
        self.data: GapsData | None = None
        self._bars: BarContainer | None = None

    @property
    def bars(self) -> BarContainer | None:
        """The bars drawn (built first if their build waits for the render thread)."""
        self.canvas.settle()
        return self._bars

    def export_title(self) -> str:
        return _("Gaps between where I am and where I want to be")

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
        self._bars = axes.barh(
            ys,
            [b.gap for b in bars],
            color=[theme.focus if b.focus else theme.other for b in bars],
            hatch=["//" if b.focus else "" for b in bars],
            edgecolor=theme.background,
            height=0.7,
        )
        # Wrapped: at the narrowest window the longest names ran off the picture's left edge.
        fixed_ticks(axes.yaxis, ys, [
            textwrap.fill(_("{area} (focus)").format(area=b.title) if b.focus else b.title,
                          NAME_WIDTH) for b in bars], fontsize=9)
        axes.invert_yaxis()
        axes.axvline(0, color=theme.muted, linewidth=1)
        axes.set_xlabel(_("Distance to your ideal (ideal minus now)"))
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
            [_("{date}\n{area}: now {now}, ideal {ideal}, distance {gap}").format(
                date=short_date(data.result.day), area=b.title, now=b.current, ideal=b.ideal,
                gap=b.gap) for b in bars],
            [data.result.result_id] * len(bars),
        )
        legend = axes.legend(
            handles=[
                Patch(facecolor=theme.focus, hatch="//", label=_("In your current focus")),
                Patch(facecolor=theme.other, label=_("Other areas")),
            ],
            loc="lower right", frameon=False, fontsize=9,
        )
        for text in legend.get_texts():
            text.set_color(theme.foreground)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(LocaleNumberFormatter())

    # Built out of view on the render thread (see ``ChartView.deferred_build``): the figure
    # in ``draw_chart``, the caption here.
    deferred_build = True

    def after_build(self) -> None:
        data = self.data
        assert data is not None and data.result is not None
        self.caption.setText(_(
            "From your result of {date}. A longer bar is a bigger "
            "distance between where you are and where you want to be: a good candidate for "
            "focus, not a failing."
        ).format(date=short_date(data.result.day)))

    def table_caption(self) -> str:
        return _("One row per life area, largest distance to your ideal first: now, ideal, "
                 "the distance, and whether the area is in your focus. Enter on a row opens "
                 "the result.")

    def rows(self) -> tuple[Sequence[str], Sequence[TableRow]]:
        data = self.data
        assert data is not None and data.result is not None
        headers = [_("Area"), pgettext("chart", "Now"), pgettext("chart", "Ideal"),
                   _("Distance to ideal"), _("In focus")]
        yes = _("yes")
        rows = [
            TableRow(
                (b.title, str(b.current), str(b.ideal), str(b.gap), yes if b.focus else ""),
                data.result.result_id,
            )
            for b in data.bars
        ]
        return headers, rows
