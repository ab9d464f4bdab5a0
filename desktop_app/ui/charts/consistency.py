"""Consistency: a calendar of check-in or practice days; paused days show as paused."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import QuadMesh
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch, Rectangle
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from desktop_app.domain.consistency import DayStatus
from desktop_app.domain.progress_calendar import CalendarData
from desktop_app.ui.charts.base import ChartView
from desktop_app.ui.charts.canvas import fixed_ticks
from desktop_app.ui.charts.table import TableRow
from desktop_app.ui.dates import short_date

ORDER = (DayStatus.DONE, DayStatus.MISSED, DayStatus.PAUSED, DayStatus.NOT_DUE, DayStatus.FUTURE)
CODES = {status: index for index, status in enumerate(ORDER)}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
KINDS = (("checkins", "Check-ins"), ("practices", "Practices"))


def status_words(kind: str) -> dict[DayStatus, str]:
    """What each status means, in plain words, for check-ins or practices."""
    done = "checked in" if kind == "checkins" else "practised"
    return {
        DayStatus.DONE: done,
        DayStatus.MISSED: "not done",
        DayStatus.PAUSED: "paused",
        DayStatus.NOT_DUE: "not due",
        DayStatus.FUTURE: "still open",
    }


class ConsistencyChart(ChartView):
    """Weeks as columns, Monday to Sunday as rows; one colour per kind of day."""

    kind_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Consistency", parent)
        # A year of days is a wide, low strip: more height would only add empty space.
        self.canvas.setMaximumHeight(250)
        label = QLabel("Sh&ow:")
        self.kind = QComboBox()
        self.kind.setObjectName("consistencyKind")
        self.kind.setAccessibleName("Show check-in days or practice days")
        for key, title in KINDS:
            self.kind.addItem(title, key)
        label.setBuddy(self.kind)
        self.controls.addWidget(label)
        self.controls.addWidget(self.kind)
        self.kind.currentIndexChanged.connect(lambda _i: self.kind_changed.emit(self.kind_key()))
        self.data: CalendarData | None = None
        self.mesh: QuadMesh | None = None
        self.hatches: list[Patch] = []
        self.calendar: Axes | None = None
        self.grid: np.ndarray = np.zeros((7, 0))
        self.weeks: list[tuple[date, ...]] = []
        self._built: tuple[object, ...] = ()

    def kind_key(self) -> str:
        return str(self.kind.currentData())

    def export_title(self) -> str:
        return f"Consistency: {self.kind.currentText().lower()}"

    def set_data(self, data: CalendarData) -> None:
        self.data = data
        self.redraw()

    def _grid(self) -> np.ndarray:
        assert self.data is not None
        grid = np.full((7, len(self.weeks)), np.nan)
        for column, week in enumerate(self.weeks):
            for row, day in enumerate(week):
                status = self.data.statuses.get(day)
                if status is not None:
                    grid[row, column] = CODES[status]
        return grid

    # The artists are built once per layout (period, kind, paused days, statuses shown);
    # new statuses within it only recolour the mesh and recount the legend.
    def _layout(self) -> tuple[object, ...]:
        data = self.data
        assert data is not None
        paused = tuple(sorted(d for d, s in data.statuses.items() if s is DayStatus.PAUSED))
        shown = tuple(s for s in ORDER if s is not DayStatus.FUTURE and data.count(s))
        return (self.theme, data.kind, data.start, data.end, paused, shown)

    def update_chart(self) -> bool:
        if self.mesh is None or self._built != self._layout():
            return False
        self.grid = self._grid()
        self.mesh.set_array(np.ma.masked_invalid(self.grid))
        assert self.calendar is not None
        self._label(self.calendar)
        return True

    def overlay_artists(self) -> Sequence[Artist]:
        return [self.mesh, *self.hatches] if self.mesh is not None else ()

    def background_key(self) -> object | None:
        # The legend's counts are text of the background; the days are the overlay.
        legend = self.calendar.get_legend() if self.calendar is not None else None
        return tuple(t.get_text() for t in legend.get_texts()) if legend else None

    def draw_chart(self) -> None:
        data = self.data
        assert data is not None
        theme = self.theme
        words = status_words(data.kind)
        self.weeks = data.weeks()
        grid = self.grid = self._grid()
        axes = self.calendar = self.figure.add_axes((0.06, 0.1, 0.92, 0.72))
        self.style_axes(axes, grid=False)
        colours = theme.day_colours()
        colors = [colours[status] for status in ORDER]
        cmap = ListedColormap(colors).with_extremes(bad=theme.background)
        self.mesh = axes.pcolormesh(
            np.ma.masked_invalid(grid), cmap=cmap, vmin=-0.5, vmax=len(ORDER) - 0.5,
            edgecolors=theme.background, linewidth=1.2,
        )
        # Paused days are hatched too, so they never depend on colour alone.
        self.hatches = [
            axes.add_patch(Rectangle((column, row), 1, 1, fill=False, hatch="///",
                                     edgecolor=theme.background, linewidth=0))
            for row, column in zip(*np.nonzero(grid == CODES[DayStatus.PAUSED]), strict=True)
        ]
        axes.set_xlim(0, max(len(self.weeks), 1))
        axes.set_ylim(7, 0)
        # Square days read as a calendar; a short range must not give giant squares.
        axes.set_aspect("equal" if len(self.weeks) >= 20 else "auto", anchor="C")
        fixed_ticks(axes.yaxis, [0.5, 2.5, 4.5, 6.5], ["Mon", "Wed", "Fri", "Sun"], fontsize=8)
        ticks = [(i + 0.5, f"{w[-1]:%b}") for i, w in enumerate(self.weeks)
                 if any(d.day == 1 for d in w)]
        fixed_ticks(axes.xaxis, [t for t, _l in ticks], [label for _t, label in ticks], 8)
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
        """Hover targets, legend counts and caption of the current statuses."""
        data = self.data
        assert data is not None
        words = status_words(data.kind)
        centers_x, centers_y, cells = [], [], []
        for column, week in enumerate(self.weeks):
            for row, day in enumerate(week):
                status = data.statuses.get(day)
                if status is not None:
                    centers_x.append(column + 0.5)
                    centers_y.append(row + 0.5)
                    cells.append((day, status))

        def label(index: int) -> str:
            day, status = cells[index]
            return f"{WEEKDAYS[day.weekday()]} {short_date(day)}: {words[status]}"

        self.add_targets(axes, centers_x, centers_y, label)
        shown = [s for s in ORDER if s is not DayStatus.FUTURE and data.count(s)]
        legend = axes.get_legend()
        for text, status in zip(legend.get_texts() if legend else (), shown, strict=False):
            text.set_text(f"{words[status].capitalize()} ({data.count(status)})")
        self.caption.setText(
            f"From {short_date(data.start)} to {short_date(data.end)}. Paused days (a holiday, an "
            "illness) never count as missed. Missing a day is normal; what matters is coming "
            "back to it."
        )

    def rows(self) -> tuple[Sequence[str], Sequence[TableRow]]:
        data = self.data
        assert data is not None
        words = status_words(data.kind)
        rows = [
            TableRow((short_date(day), WEEKDAYS[day.weekday()], words[status]))
            for day, status in sorted(data.statuses.items())
        ]
        return ["Date", "Day", "Status"], rows
