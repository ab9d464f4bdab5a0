"""Consistency: a calendar of check-in or practice days; paused days show as paused."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, QuadMesh
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from desktop_app.domain.consistency import DayStatus
from desktop_app.domain.progress_calendar import CalendarData, CalendarLayout
from desktop_app.i18n import N_, _, pgettext
from desktop_app.locale_format import format_day, month_name, weekday_name
from desktop_app.ui.charts.base import ChartView
from desktop_app.ui.charts.canvas import fixed_ticks
from desktop_app.ui.charts.table import TableRow
from desktop_app.ui.dates import short_date

ORDER = (DayStatus.DONE, DayStatus.MISSED, DayStatus.PAUSED, DayStatus.NOT_DUE, DayStatus.FUTURE)
CODES = {status: index for index, status in enumerate(ORDER)}
KINDS = (("checkins", N_("Check-ins")), ("practices", N_("Practices")))
# A short range keeps square days of a readable size at the left instead of a few cells
# stretched across the whole width.
MIN_COLUMNS = 26
ROW_HEIGHT_PX = 150  # the canvas height per year row


def status_words(kind: str) -> dict[DayStatus, str]:
    """What each status means, in plain words, for check-ins or practices."""
    done = _("checked in") if kind == "checkins" else _("practised")
    return {
        DayStatus.DONE: done,
        DayStatus.MISSED: _("not done"),
        DayStatus.PAUSED: _("paused"),
        DayStatus.NOT_DUE: _("not due"),
        DayStatus.FUTURE: _("still open"),
    }


class ConsistencyChart(ChartView):
    """Weeks as columns, Monday to Sunday as rows; one colour per kind of day."""

    kind_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Consistency"), parent,
                         in_text=pgettext("chart name in a sentence", "consistency"))
        self.canvas.setMaximumHeight(250)  # set again for the rows shown (see draw_chart)
        label = QLabel(_("Sh&ow:"))
        self.kind = QComboBox()
        self.kind.setObjectName("consistencyKind")
        self.kind.setAccessibleName(_("Show check-in days or practice days"))
        for key, title in KINDS:
            self.kind.addItem(_(title), key)
        label.setBuddy(self.kind)
        self.controls.addWidget(label)
        self.controls.addWidget(self.kind)
        self.kind.currentIndexChanged.connect(lambda _i: self.kind_changed.emit(self.kind_key()))
        self.data: CalendarData | None = None
        self._mesh: QuadMesh | None = None
        self.hatches: list[Artist] = []
        self.calendar: Axes | None = None
        self._grid_values: np.ndarray = np.zeros((7, 0))
        self.layout_cells: CalendarLayout = CalendarLayout({}, 7, 0, ())
        self._built: tuple[object, ...] = ()

    # Read from outside (tests, the table's checks) once the build is done: it may wait
    # for the render thread (see ``deferred_build``).
    @property
    def mesh(self) -> QuadMesh | None:
        self.canvas.settle()
        return self._mesh

    @property
    def grid(self) -> np.ndarray:
        """The status code of each cell of the calendar (NaN: no day there)."""
        self.canvas.settle()
        return self._grid_values

    def kind_key(self) -> str:
        return str(self.kind.currentData())

    def export_title(self) -> str:
        if self.kind_key() == "checkins":
            return _("Consistency: check-ins")
        return _("Consistency: practices")

    def set_data(self, data: CalendarData) -> None:
        self.data = data
        self.redraw()

    def _grid(self) -> np.ndarray:
        assert self.data is not None
        layout = self.layout_cells
        grid = np.full((layout.rows, layout.columns), np.nan)
        for day, status in self.data.statuses.items():
            cell = layout.cells.get(day)
            if cell is not None:
                grid[cell] = CODES[status]
        return grid

    # The artists are built once per layout (period, kind, paused days, statuses shown);
    # new statuses within it only recolour the mesh and recount the legend.
    def _layout(self) -> tuple[object, ...]:
        data = self.data
        assert data is not None
        paused = tuple(sorted(d for d, s in data.statuses.items() if s is DayStatus.PAUSED))
        shown = tuple(s for s in ORDER if s is not DayStatus.FUTURE and data.count(s))
        return (self.theme, data.kind, data.start, data.end, paused, shown)

    def redraw(self) -> None:
        self.canvas.settle(build=False)  # the layout is the render thread's while it builds
        if self.data is not None:
            layout = self.layout_cells = self.data.layout()
            blocks = max(len(layout.years), 1)
            # One year row is a wide, low strip; more rows get the height they need. Set
            # here, before a build that may run on the render thread, so that its render
            # is at the height shown.
            self.canvas.setMaximumHeight(max(250, ROW_HEIGHT_PX * blocks + 60))
            self.canvas.setMinimumHeight(260 if blocks == 1 else min(120 * blocks, 600))
        super().redraw()

    def update_chart(self) -> bool:
        if self._mesh is None or self._built != self._layout():
            return False
        self._grid_values = self._grid()
        self._mesh.set_array(np.ma.masked_invalid(self._grid_values))
        assert self.calendar is not None
        self._label(self.calendar)
        self.after_build()
        return True

    # Built out of view on the render thread (see ``ChartView.deferred_build``): the figure
    # in ``draw_chart``, the caption in ``after_build``.
    deferred_build = True

    def overlay_artists(self) -> Sequence[Artist]:
        return [self._mesh, *self.hatches] if self._mesh is not None else ()

    def background_key(self) -> object | None:
        # The legend's counts are text of the background; the days are the overlay.
        legend = self.calendar.get_legend() if self.calendar is not None else None
        return tuple(t.get_text() for t in legend.get_texts()) if legend else None

    def draw_chart(self) -> None:
        data = self.data
        assert data is not None
        theme = self.theme
        words = status_words(data.kind)
        layout = self.layout_cells
        grid = self._grid_values = self._grid()
        blocks = max(len(layout.years), 1)
        top = 1 - 0.5 / (blocks + 1.5)
        axes = self.calendar = self.figure.add_axes((0.07, 0.08, 0.91, top - 0.08))
        self.style_axes(axes, grid=False)
        colours = theme.day_colours()
        colors = [colours[status] for status in ORDER]
        cmap = ListedColormap(colors).with_extremes(bad=theme.background)
        self._mesh = axes.pcolormesh(
            np.ma.masked_invalid(grid), cmap=cmap, vmin=-0.5, vmax=len(ORDER) - 0.5,
            edgecolors=theme.background, linewidth=1.2,
        )
        # Paused days are hatched too, so they never depend on colour alone.
        # Paused days are struck through too, so they never depend on colour alone: three
        # strokes per day in one collection, as a hatch pattern costs far more to draw.
        strokes = [
            stroke
            for row, column in zip(*np.nonzero(grid == CODES[DayStatus.PAUSED]), strict=True)
            for stroke in _strokes(float(column), float(row))
        ]
        self.hatches = [axes.add_collection(
            LineCollection(strokes, colors=theme.background, linewidths=1.0), autolim=False,
        )] if strokes else []
        axes.set_xlim(0, max(layout.columns, MIN_COLUMNS))
        axes.set_ylim(layout.rows, 0)
        # Square days read as a calendar.
        axes.set_aspect("equal", anchor="W" if layout.columns < MIN_COLUMNS else "C")
        if layout.years:
            fixed_ticks(axes.yaxis, [b * 8 + 3.5 for b in range(len(layout.years))],
                        [str(y) for y in layout.years], fontsize=8)
        else:
            fixed_ticks(axes.yaxis, [0.5, 2.5, 4.5, 6.5],
                        [weekday_name(d, "abbreviated") for d in (0, 2, 4, 6)], 8)
        if layout.years:  # months where they fall in a year row (within a week in every year)
            year = layout.years[-1]
            monday = date(year, 1, 1) - timedelta(days=date(year, 1, 1).weekday())
            firsts = [((date(year, m, 1) - monday).days // 7, month_name(m, "abbreviated"))
                      for m in range(1, 13)]
        else:
            firsts = sorted((c, month_name(d.month, "abbreviated"))
                            for d, (_r, c) in layout.cells.items() if d.day == 1)
        fixed_ticks(axes.xaxis, [c + 0.5 for c, _l in firsts], [label for _c, label in firsts], 8)
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        shown = [s for s in ORDER if s is not DayStatus.FUTURE and data.count(s)]
        legend = axes.legend(
            handles=[
                Patch(
                    facecolor=colors[CODES[s]],
                    hatch="///" if s is DayStatus.PAUSED else "",
                    edgecolor=theme.background,
                    label=f"{words[s].capitalize()} ({data.count(s)})",
                )
                for s in shown
            ],
            loc="lower left", bbox_to_anchor=(0, 1.02), ncol=max(len(shown), 1), frameon=False,
            fontsize=9,
        )
        for text in legend.get_texts():
            text.set_color(theme.foreground)
        self._built = self._layout()
        self._label(axes)

    def _label(self, axes: Axes) -> None:
        """Hover targets and legend counts of the current statuses."""
        data = self.data
        assert data is not None
        words = status_words(data.kind)
        centers_x, centers_y, cells = [], [], []
        for day, status in data.statuses.items():
            cell = self.layout_cells.cells.get(day)
            if cell is not None:
                centers_x.append(cell[1] + 0.5)
                centers_y.append(cell[0] + 0.5)
                cells.append((day, status))

        def label(index: int) -> str:
            day, status = cells[index]
            return f"{format_day(day, 'weekday_abbr')}: {words[status]}"

        self.add_targets(axes, centers_x, centers_y, label)
        shown = [s for s in ORDER if s is not DayStatus.FUTURE and data.count(s)]
        legend = axes.get_legend()
        for text, status in zip(legend.get_texts() if legend else (), shown, strict=False):
            text.set_text(f"{words[status].capitalize()} ({data.count(status)})")

    def after_build(self) -> None:
        data = self.data
        assert data is not None
        if self.layout_cells.years:
            caption = _("From {start} to {end}, one row per year. Paused days (a holiday, "
                        "an illness) never count as missed. Missing a day is normal; what "
                        "matters is coming back to it.")
        else:
            caption = _("From {start} to {end}. Paused days (a holiday, "
                        "an illness) never count as missed. Missing a day is normal; what "
                        "matters is coming back to it.")
        self.caption.setText(
            caption.format(start=short_date(data.start), end=short_date(data.end)))

    def table_caption(self) -> str:
        if self.kind_key() == "checkins":
            return _("Every day of the calendar, oldest first: its weekday and whether you "
                     "checked in, did not, paused, or it was not due. Paused days never count "
                     "as missed.")
        return _("Every day of the calendar, oldest first: its weekday and whether you "
                 "practised, did not, paused, or it was not due. Paused days never count "
                 "as missed.")

    def rows(self) -> tuple[Sequence[str], Sequence[TableRow]]:
        data = self.data
        assert data is not None
        words = status_words(data.kind)
        rows = [
            TableRow((short_date(day), weekday_name(day.weekday(), "abbreviated"), words[status]))
            for day, status in sorted(data.statuses.items())
        ]
        return [_("Date"), _("Day"), _("Status")], rows


def _strokes(x: float, y: float) -> list[list[tuple[float, float]]]:
    """Three parallel strokes rising left to right across the cell at (x, y) (y points down)."""
    return [
        [(x, y + 0.5), (x + 0.5, y)],
        [(x, y + 1), (x + 1, y)],
        [(x + 0.5, y + 1), (x + 1, y + 0.5)],
    ]
