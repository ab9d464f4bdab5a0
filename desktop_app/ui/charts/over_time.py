"""Over time: areas (now solid, ideal dashed) or scale scores with bands and meaningful
changes, and a strip of slips, returns and wins along the same time axis."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from desktop_app.domain.progress import DateRange
from desktop_app.domain.progress_time import (
    AreaSeries,
    OverTimeData,
    ScaleSeries,
)
from desktop_app.i18n import _, pgettext
from desktop_app.ui.charts.base import ChartView
from desktop_app.ui.charts.figure_parts import clear_figure, in_draw_order
from desktop_app.ui.charts.light_axes import LightAxes
from desktop_app.ui.charts.over_time_areas import (
    in_panel_order,
    middle_layer,
    set_date_grid,
    static_first,
    without_date_ticks,
)
from desktop_app.ui.charts.over_time_panels import (
    JOURNAL_ROWS,
    build_journal,
    build_one_area,
    build_scale,
    fill_scale,
)
from desktop_app.ui.charts.over_time_text import (
    caption,
    fill_parts,
    journal_label,
    point_label,
    table,
)
from desktop_app.ui.charts.over_time_views import BuiltView, KeptViews
from desktop_app.ui.charts.small_multiples import (
    Cell,
    build_small_multiples,
    fit_bottom,
    multiples_of,
)
from desktop_app.ui.charts.stamp_axis import StampAxes
from desktop_app.ui.charts.table import TableRow
from desktop_app.ui.charts.time_axis import (
    SharedMoments,
    SteadyDateFormatter,
    SteadyDateLocator,
    day_number,
)


class OverTimeChart(ChartView):
    """One panel per chosen scale (or one for the areas), sharing a time axis."""

    template_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Over time"), parent,
                         in_text=pgettext("chart name in a sentence", "over time"))
        self.template = QComboBox()
        self.template.setObjectName("overTimeTemplate")
        self.template.setAccessibleName(_("Which assessment or check-in to follow"))
        self.part = QComboBox()
        self.part.setObjectName("overTimePart")
        self.part.setAccessibleName(_("Which part of it to show"))
        for text, box in ((_("Sh&ow:"), self.template), (_("Pa&rt:"), self.part)):
            label = QLabel(text)
            label.setBuddy(box)
            self.controls.addWidget(label)
            self.controls.addWidget(box)
        self.template.currentIndexChanged.connect(self._template_picked)
        self.part.currentIndexChanged.connect(self._part_picked)
        self.data: OverTimeData | None = None
        self.date_range = DateRange()
        self.panels: list[Axes] = []
        self.lines: dict[str, Line2D] = {}
        self.cells: dict[str, Cell] = {}  # the small multiples' panels, by area
        self.date_grids: list[LineCollection] = []
        self._built: tuple[object, ...] = ()
        self._kept = KeptViews(on_drop=self._dropped)
        self.canvas.fit_to = lambda size: fit_bottom(self.canvas.figure, size)
        # What the Part box picks, read here on the UI thread: a build may run on the
        # render thread, which must not touch the widgets.
        self._chosen: tuple[list[AreaSeries], list[ScaleSeries]] = ([], [])

    @property
    def awaiting_data(self) -> bool:
        return self._awaiting

    @awaiting_data.setter
    def awaiting_data(self, waits: bool) -> None:
        self._awaiting = waits
        # The Part box lists the parts of the data shown: until the new Show choice's data
        # has come, those are the old choice's, and picking one drew the old assessment.
        part = getattr(self, "part", None)  # not made yet when ChartView sets it first
        if part is not None:
            part.setEnabled(not waits and part.count() > 1)  # as fill_parts leaves it

    # --- choices ------------------------------------------------------------------------
    def set_choices(self, choices: Sequence[tuple[str, str]], current: str | None) -> None:
        """(template id, title) pairs for the Show box; keeps ``current`` when offered."""
        self.template.blockSignals(True)
        self.template.clear()
        for template_id, title in choices:
            self.template.addItem(title, template_id)
        index = self.template.findData(current) if current else -1
        self.template.setCurrentIndex(max(index, 0))
        self.template.blockSignals(False)

    def current_template(self) -> str | None:
        value = self.template.currentData()
        return value if isinstance(value, str) else None

    def export_title(self) -> str:
        part = self.part.currentText()
        shown = self.template.currentText()
        return f"{shown}: {part}" if part and self.part.count() > 1 else shown or self.name

    def _template_picked(self, _index: int) -> None:
        template_id = self.current_template()
        if template_id is not None:
            self.template_changed.emit(template_id)

    def _part_picked(self, _index: int) -> None:
        if self.data is not None:
            self.redraw()

    def set_data(self, data: OverTimeData, date_range: DateRange) -> None:
        self.canvas.settle(build=False)  # a build on the render thread reads the data
        self.data = data
        self.date_range = date_range
        fill_parts(self.part, data)
        self.redraw()

    def selection(self) -> tuple[list[AreaSeries], list[ScaleSeries]]:
        """The areas or scales the Part box picks."""
        assert self.data is not None
        # Part values are "areas", "area:<id>", "scales" or "scale:<id>".
        mode, _sep, key = str(self.part.currentData() or "scales").partition(":")
        if mode == "areas":
            shown = [a for a in self.data.areas if a.current]
            return in_panel_order(shown, self.data.focus), []
        if mode == "area":
            return [a for a in self.data.areas if a.area == key], []
        scales = [s for s in self.data.scales if s.points]
        if mode == "scale":
            scales = [s for s in scales if s.scale_id == key]
        return [], scales

    # --- drawing ------------------------------------------------------------------------
    # The artists are built once per layout (which areas or scales, which theme) and then
    # only given new data: a new check-in or date range costs a canvas draw, not a rebuild.
    def redraw(self) -> None:
        self.canvas.settle(build=False)  # a build on the render thread reads the choice
        if self.data is not None:
            self._chosen = self.selection()
            self._switch_view(self._layout())
        super().redraw()

    def _switch_view(self, layout: tuple[object, ...]) -> None:
        """Show the figure built for ``layout`` if one is kept (see ``over_time_views``),
        else a blank one to build into; the view shown so far is kept."""
        if layout == self._built:
            return
        self.canvas.settle(build=False)
        self._kept.keep_theme(self.theme)
        wanted = self._kept.take(layout)
        shown = bool(self.panels) and self._built[:1] == (self.theme,)
        if shown:
            self._kept.keep(self._built, BuiltView(
                self.figure, self.panels, self.lines, self.cells, self.date_grids,
                self._generation))
        if wanted is None and not shown:
            return  # the figure in view is rebuilt in place
        # A build still waiting was for the figure in view, whose view is kept as it is.
        self.canvas.drop_build()
        if wanted is None:
            self.use_figure(self.blank_figure())
            self.panels, self._built = [], ()
            return
        self.use_figure(wanted.figure)
        self.panels, self.lines = wanted.panels, wanted.lines
        self.cells, self.date_grids = wanted.cells, wanted.date_grids
        self._generation = wanted.generation
        self._built = layout

    def _dropped(self, view: BuiltView) -> None:
        """Let a view no longer kept go now: emptied, its artists no longer hang on its
        figure (which may be one frozen out of the collector's reach, ``ui.worker_calm``,
        and kept them forever), and the canvas forgets its pictures. They are collected
        after the next build's picture shows (``Canvas``): not now, while it is built."""
        self.canvas.forget(view.figure)
        clear_figure(view.figure)

    def show_empty(
        self, message: str, action: tuple[str, Callable[[], None]] | None = None
    ) -> None:
        super().show_empty(message, action)
        self.panels, self._built = [], ()  # the figure in view was cleared

    def _layout(self) -> tuple[object, ...]:
        assert self.data is not None
        areas, scales = self._chosen
        return (
            self.theme,
            tuple(a.area for a in areas),
            tuple((s.scale_id, s.low, s.high, s.bands, bool(s.trend)) for s in scales),
            bool(self.data.marks),
            self.data.focus,
        )

    def overlay_artists(self) -> Sequence[Artist]:
        # The panels' frames are drawn over the data, as an axes' spines are.
        multiples = multiples_of(self.figure)  # drawn by the figure, after its axes
        return [*in_draw_order(self.panels, list(self.lines.values())),
                *(multiples.overlay() if multiples else ())]

    def background_key(self) -> object | None:
        # Ticks and their labels follow the limits; everything else follows the layout.
        return tuple((*a.get_xlim(), *a.get_ylim()) for a in self.panels) or None

    def middle_artists(self) -> Sequence[Artist]:
        multiples = multiples_of(self.figure)  # drawn by the figure, after its axes
        return [*middle_layer(self.panels, self.date_grids),
                *(multiples.middle() if multiples else ())]

    def static_key(self) -> object | None:
        # Only the date axis follows a new period; the value axes follow the layout.
        return tuple(a.get_ylim() for a in self.panels) or None

    def update_chart(self) -> bool:
        if not self.panels or self._built != self._layout():
            return False
        self._fill()
        self.after_build()
        return True

    deferred_build = True
    deferred_in_view = True  # a new view: ~20 ms to make, ~30-50 more for its first draw

    def draw_chart(self) -> None:
        self.build_figure()
        self.after_build()

    def after_build(self) -> None:
        self.caption.setText(caption(*self._chosen, bool(self.data and self.data.focus)))

    before_build = after_build  # the caption says what the view shows, known before it is

    def build_figure(self) -> None:
        data = self.data
        assert data is not None
        areas, scales = self._chosen
        strip = bool(data.marks)
        self.lines = {}
        self.cells = {}
        self.date_grids = []
        if len(areas) > 1:
            self.panels = build_small_multiples(self, areas, data.focus, strip)
            if strip:
                build_journal(self, self.panels[-1])
            self._date_axis(self.panels[-1])  # the panels above show no dates
            self._built = self._layout()
            self._fill()
            return
        count = 1 if areas else max(len(scales), 1)
        # The strip keeps a readable height however many panels sit above it.
        ratios = [3.0] * count + ([max(0.9, 0.6 * count)] if strip else [])
        grid = self.figure.add_gridspec(len(ratios), 1, height_ratios=ratios, hspace=0.12)
        # One area: its legend above the plot (beside it, it was cut off at the narrowest
        # window); scores keep room on the right for their bands' names, and on the left
        # for a stacked panel's name on two lines beside its numbers.
        right, top = (0.97, 0.9) if areas else (0.86, 0.96)
        self.figure.subplots_adjust(left=0.14, right=right, top=top, bottom=0.1)
        self.panels = []
        first: Axes | None = None
        for row in range(len(ratios)):
            dated = row == len(ratios) - 1  # see stamp_axis
            axes = self.figure.add_subplot(grid[row, 0], sharex=first,
                                           axes_class=StampAxes if dated else LightAxes)
            first = first or axes
            self.style_axes(axes)
            static_first(axes)
            self.panels.append(axes)
        if areas:
            build_one_area(self, self.panels[0], areas)
        for axes, scale in zip(self.panels, scales, strict=False):
            build_scale(self, axes, scale, stacked=len(scales) > 1)
        if strip:
            build_journal(self, self.panels[-1])
        self._date_axis(self.panels[-1])
        for axes in self.panels[:-1]:
            axes.tick_params(labelbottom=False)
            without_date_ticks(axes)
        self._built = self._layout()
        self._fill()

    @staticmethod
    def _date_axis(lowest: Axes) -> None:
        locator = SteadyDateLocator(minticks=3, maxticks=8)
        lowest.xaxis.set_major_locator(locator)
        lowest.xaxis.set_major_formatter(SteadyDateFormatter(locator))  # in the app's language

    def _fill(self) -> None:
        """Put the current data on the artists, with hover targets and the time span."""
        assert self.data is not None
        areas, scales = self._chosen
        times = SharedMoments()
        spans: list[np.ndarray] = []  # of the results, which the time span fits
        for area in areas:
            for points, part, word in ((area.current, "current", pgettext("chart", "now")),
                                       (area.ideal, "ideal", pgettext("chart", "ideal"))):
                xs = times([p.when for p in points])
                if part == "current":
                    spans.append(xs)
                ys = [p.value for p in points]
                self.lines[f"{area.area}.{part}"].set_data(xs, ys)
                cell = self.cells.get(area.area)
                self.add_targets(self.panels[0], xs, ys,
                                 point_label(points, f"{area.title}: {word}", None),
                                 [p.result_id for p in points],
                                 *((cell.to_display, cell.box) if cell else ()))
        for axes, scale in zip(self.panels, scales, strict=False):
            spans.append(fill_scale(self, axes, scale, times))
        if self.data.marks:
            for kind in JOURNAL_ROWS:
                chosen = [m for m in self.data.marks if m.kind == kind]
                xs = times([m.when for m in chosen])
                ys = [JOURNAL_ROWS[kind]] * len(chosen)
                self.lines[f"journal.{kind}"].set_data(xs, ys)
                self.add_targets(self.panels[-1], xs, ys, journal_label(chosen))
        self._set_x_limits(self.panels[0], spans)
        multiples = multiples_of(self.figure)
        if self.date_grids or multiples:
            axis = self.panels[-1].xaxis  # the one with date ticks
            ticks, view = list(axis.get_majorticklocs()), axis.get_view_interval()
            set_date_grid(self.date_grids, ticks, view)
            if multiples:
                multiples.furniture.set_dates(ticks, view)

    def _set_x_limits(self, axes: Axes, spans: list[np.ndarray]) -> None:
        """The period chosen; an open end a week past the results' first or last."""
        start, end = self.date_range.start, self.date_range.end
        low = day_number(datetime.combine(start, datetime.min.time())) if start else None
        high = day_number(datetime.combine(end, datetime.max.time())) if end else None
        spans = [xs for xs in spans if len(xs)]
        if spans and (low is None or high is None):
            low = low if low is not None else min(float(xs.min()) for xs in spans) - 7
            high = high if high is not None else max(float(xs.max()) for xs in spans) + 7
        if low is not None and high is not None:
            axes.set_xlim(low, high)

    def rows(self) -> tuple[Sequence[str], Sequence[TableRow]]:
        assert self.data is not None
        return table(self.data, *self.selection())

    def table_caption(self) -> str:
        return _("Every point of the chart by date: what it is, its value, the ideal (for "
                 "areas) and a note (range, average or meaningful change), with slips, returns "
                 "and wins. Enter on a row opens its result.")
