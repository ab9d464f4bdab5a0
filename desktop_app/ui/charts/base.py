"""What every chart shares: a matplotlib canvas, its table view, an empty state, a hover
tooltip, click-to-open, export to PNG and SVG, and colours that follow the system palette.

A standalone ``Figure`` on ``FigureCanvasQTAgg``; never pyplot. Hover and click are
``pointer``'s. Imported only once the
Progress screen has loaded matplotlib (see ``loader``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import BboxBase, Transform
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _
from desktop_app.ui.charts import plain_text  # noqa: F401  (before any chart text)
from desktop_app.ui.charts.ask_export import ask_export as ask_and_export
from desktop_app.ui.charts.canvas import Canvas
from desktop_app.ui.charts.empty_state import EmptyState
from desktop_app.ui.charts.export_caption import (
    ExportCaption,
    save_figure,
)
from desktop_app.ui.charts.figure_parts import clear_figure
from desktop_app.ui.charts.palette import ChartTheme
from desktop_app.ui.charts.pointer import ChartPointer
from desktop_app.ui.charts.table import ChartTable, TableRow
from desktop_app.ui.charts.targets import Hit, Labels

# The period shown and the open profile's name, asked for when a chart is exported.
CaptionSource = Callable[[], tuple[str, str | None]]


class ChartView(QWidget):
    """A chart, switchable to its table; subclasses implement ``draw_chart`` and ``rows``."""

    open_result = Signal(str)
    message = Signal(str)

    def __init__(
        self, name: str, parent: QWidget | None = None, *, in_text: str | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name
        # The name inside a sentence ("Export the wheel chart"): lower case in English only.
        self.in_text = in_text if in_text is not None else name.lower()
        self.theme = ChartTheme.from_palette(self.palette())
        self.figure = self.blank_figure()
        self.canvas = Canvas(self.figure)
        self.canvas.setObjectName("chartCanvas")
        self.canvas.setAccessibleName(_("{name} chart").format(name=name))
        self.canvas.setAccessibleDescription(
            _("A picture of the numbers in the table. Choose “Show as table” to read them.")
        )
        self.canvas.setMinimumHeight(260)
        self.canvas.overlay = self.overlay_artists
        self.canvas.background_key = self._background_key
        self.canvas.middle = self.middle_artists
        self.canvas.static_key = self._static_key
        self.table = ChartTable(_("{name} table").format(name=name))
        self.table.setObjectName("chartTable")
        self.table.open_result.connect(self.open_result)
        self.empty = EmptyState()
        self.stack = QStackedWidget()
        for page in (self.canvas, self.table, self.empty):
            self.stack.addWidget(page)

        self.controls = QHBoxLayout()
        top = QHBoxLayout()
        top.addLayout(self.controls)
        top.addStretch(1)
        self.toggle = QPushButton(_("Show as ta&ble"))
        self.toggle.setObjectName("tableToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(
            _("Show the {chart} numbers as a table").format(chart=self.in_text))
        self.toggle.toggled.connect(self._show_table)
        top.addWidget(self.toggle)
        self.export_button = QPushButton(_("E&xport…"))
        self.export_button.setObjectName("exportChart")
        self.export_button.setAccessibleName(
            _("Export the {chart} chart").format(chart=self.in_text))
        menu = QMenu(self.export_button)
        menu.addAction(_("As a PNG image…"), lambda: self.ask_export("png"))
        menu.addAction(_("As an SVG drawing…"), lambda: self.ask_export("svg"))
        self.export_button.setMenu(menu)
        top.addWidget(self.export_button)
        self.caption = QLabel()
        self.caption.setObjectName("chartCaption")
        self.caption.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.caption)

        self.caption_source: CaptionSource | None = None
        # Asked once the file is chosen: a protected profile's chart is about to leave the
        # encryption (see ui/plain_export.py); None: nothing to ask.
        self.may_write: Callable[[QWidget, Path], bool] | None = None
        self.pointer = ChartPointer(self.canvas, self.open_result.emit)
        self._empty = True
        self._table_stale = False
        self._chart_caption = self._table_caption = ""
        self._tabs_ordered = False
        # True while the data to show next is worked out off the UI thread (the panel says
        # so); the picture and table shown meanwhile are the last ones.
        self.awaiting_data = False
        self._generation = 0  # counts rebuilds of the figure: a cached background is stale
        self.pointer.listen(self.figure)

    @property
    def hovered(self) -> Hit | None:
        """The point under the mouse, if any."""
        return self.pointer.hovered

    @staticmethod
    def blank_figure() -> Figure:
        return Figure(figsize=(7, 4.5), dpi=100)

    def use_figure(self, figure: Figure) -> None:
        """Show another figure (a view kept built) on the canvas; see ``Canvas.use_figure``."""
        self.canvas.settle(build=False)
        self.canvas.use_figure(figure)
        self.figure = figure
        self.pointer.listen(figure)

    # --- for subclasses -----------------------------------------------------------------
    def draw_chart(self) -> None:
        """Draw the data into ``self.figure`` (already cleared) and add hover targets."""
        raise NotImplementedError

    def update_chart(self) -> bool:
        """Give the existing artists new data when the layout allows; False to rebuild."""
        return False

    # True: a figure built while the chart is out of view is built on the render thread,
    # just before its first render (``build_figure`` then touches the figure only, and
    # ``after_build`` does the rest here); nine small panels took ~100 ms to make.
    deferred_build = False
    # True: in view too (the picture shown stays until the new one is whole); a new view
    # of the over-time chart froze the window ~230 ms at 20 years while it was built here.
    deferred_in_view = False

    def build_figure(self) -> None:
        """Make the figure's artists (``draw_chart`` unless the chart splits it)."""
        self.draw_chart()

    def after_build(self) -> None:
        """What a build does besides the figure (captions), on the UI thread."""

    def before_build(self) -> None:
        """What of ``after_build`` is known before a build on the render thread: said first,
        so that the canvas has its final size when the picture is drawn."""

    def rows(self) -> tuple[Sequence[str], Sequence[TableRow]]:
        """The table: headers and rows, the same numbers the chart draws."""
        raise NotImplementedError

    def table_caption(self) -> str:
        """What the table shows, in place of the chart's caption while it is in view."""
        return _("The numbers the {chart} chart draws, one row per point. "
                 "Enter on a row opens its result.").format(chart=self.in_text)

    def overlay_artists(self) -> Sequence[Artist]:
        """The data artists, drawn over a cached picture of the rest (see ``canvas``)."""
        return ()

    def background_key(self) -> object | None:
        """What the rest of the picture depends on besides the layout; None: no cache."""
        return None

    def middle_artists(self) -> Sequence[Artist]:
        """What follows the limits besides the data (a date axis), drawn over a cached
        picture of the rest when only the limits change; every other artist of the figure
        must come before these in a whole draw (see ``canvas``)."""
        return ()

    def static_key(self) -> object | None:
        """What the picture under ``middle_artists`` depends on besides the layout."""
        return None

    def _background_key(self) -> object | None:
        key = self.background_key()
        return None if key is None else (self._generation, key)

    def _static_key(self) -> object | None:
        key = self.static_key()
        return None if key is None else (self._generation, key)

    def add_targets(
        self,
        axes: Axes,
        xs: Sequence[float] | np.ndarray,
        ys: Sequence[float] | np.ndarray,
        labels: Labels,
        result_ids: Sequence[str | None] | None = None,
        transform: Transform | None = None,
        box: BboxBase | None = None,
    ) -> None:
        """Points that show a label on hover and open a result on click.

        ``labels`` may be a function of the point's index, so that thousands of points do
        not format thousands of strings on every redraw. ``transform`` and ``box``: points
        of a panel that is no axes of its own (see ``targets.Targets``).
        """
        self.pointer.add(axes, xs, ys, labels, result_ids, transform, box)

    def style_axes(self, axes: Axes, grid: bool = True) -> None:
        """Colours of the theme on one axes: face, spines, ticks, labels, grid."""
        theme = self.theme
        axes.set_facecolor(theme.background)
        for spine in axes.spines.values():
            spine.set_color(theme.grid)
        axes.tick_params(colors=theme.foreground, labelcolor=theme.foreground)
        axes.xaxis.label.set_color(theme.foreground)
        axes.yaxis.label.set_color(theme.foreground)
        axes.title.set_color(theme.foreground)
        if grid:
            axes.grid(True, color=theme.grid, linewidth=0.6)
            axes.set_axisbelow(True)

    # --- drawing ------------------------------------------------------------------------
    def show_empty(
        self, message: str, action: tuple[str, Callable[[], None]] | None = None
    ) -> None:
        """Replace the chart with a sentence saying what to do to see it."""
        self.canvas.settle(build=False)
        self.canvas.drop_build()
        self._empty = True
        self._generation += 1
        self.empty.set(message, action)
        clear_figure(self.figure)
        self.pointer.targets = []
        self.table.set_rows((), ())
        self.caption.setText("")
        self.stack.setCurrentWidget(self.empty)
        self.toggle.setEnabled(False)
        self.export_button.setEnabled(False)

    def redraw(self) -> None:
        """Draw the current data again (after new data, a new range or a new palette)."""
        defer = self.deferred_build and (self.deferred_in_view or not self.isVisible())
        self.canvas.settle(build=not defer)
        was_empty = self._empty
        self._empty = False
        rebuild = was_empty or self.canvas.build_pending
        if not rebuild:
            self.pointer.targets = []
            rebuild = not self.update_chart()
        if rebuild:
            self._generation += 1
            if defer:
                self.pointer.leave()  # the mouse is not read while the render thread builds
                self.before_build()
                # A caption a line longer or shorter moves the canvas's edge: laid out now,
                # or the new view was drawn at the old size, then again at the new one.
                self.canvas.lay_out_around()
                self.canvas.build_later(self._build, self.after_build)
            else:
                self._build()
                self.after_build()
        self._table_stale = True
        self.toggle.setEnabled(True)
        self.export_button.setEnabled(True)
        self._show_table(self.toggle.isChecked())
        self.schedule_draw()

    def _build(self) -> None:
        clear_figure(self.figure)
        self.figure.set_facecolor(self.theme.background)
        self.pointer.targets = []
        self.build_figure()

    def schedule_draw(self) -> None:
        """Render the figure soon, once, however many changes come before that."""
        self.canvas.draw_idle()

    @property
    def settling(self) -> bool:
        """True until the picture shows the latest data: it is being worked out or drawn."""
        return self.awaiting_data or self.canvas.rendering

    @property
    def is_empty(self) -> bool:
        return self._empty

    def table_text(self) -> list[list[str]]:
        """The table's cells as shown (filled first if the table is out of date)."""
        self._fill_table()
        return self.table.rows_model.text()

    def _fill_table(self) -> None:
        # The table is filled when it is looked at, not on every redraw of the chart.
        if self._table_stale and not self._empty:
            headers, rows = self.rows()
            self.table.set_rows(headers, rows)
            self._table_stale = False

    def _show_table(self, table: bool) -> None:
        self.toggle.setText(_("&Back to the chart") if table else _("Show as ta&ble"))
        self.toggle.setAccessibleName(
            _("Back to the {chart} chart").format(chart=self.in_text) if table
            else _("Show the {chart} numbers as a table").format(chart=self.in_text)
        )
        if self._empty:
            return
        if table:
            self._fill_table()
        # The chart's caption is kept, to come back with the chart: while the table is in
        # view, the caption says what the table shows.
        shown = self.caption.text()
        if table:
            if shown != self._table_caption:
                self._chart_caption = shown
            self._table_caption = self.table_caption()
            self.caption.setText(self._table_caption)
        elif shown == self._table_caption:
            self.caption.setText(self._chart_caption)
        self.stack.setCurrentWidget(self.table if table else self.canvas)

    def order_tabs(self) -> None:
        """Tab goes as the header reads: the chart's own choices (left), then Show as
        table and Export (right), then the table. Subclasses add their choices after
        the buttons exist, so the order of creation alone would put the buttons first."""
        chain: list[QWidget] = []
        for index in range(self.controls.count()):
            item = self.controls.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                chain.append(widget)
        chain += [self.toggle, self.export_button, self.table]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._tabs_ordered:
            self._tabs_ordered = True
            self.order_tabs()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            theme = ChartTheme.from_palette(self.palette())
            if theme != self.theme:
                self.canvas.settle(build=False)  # a build on the render thread reads it
                self.theme = theme
                if not self._empty:
                    self.redraw()
        super().changeEvent(event)

    def hit_at(self, x: float, y: float, axes: Axes | None = None) -> Hit | None:
        """The target nearest to display point (x, y) within a few pixels, if any."""
        return self.pointer.hit_at(x, y, axes)

    # --- export -------------------------------------------------------------------------
    def export_title(self) -> str:
        """The title an exported picture carries; charts with a choice name it."""
        return self.name

    def export_caption(self, with_name: bool = False) -> ExportCaption | None:
        """Title and period for an export (and the name if asked), when the panel gives them."""
        if self.caption_source is None:
            return None
        period, profile = self.caption_source()
        return ExportCaption(self.export_title(), period, profile if with_name else None)

    def export(self, path: Path, caption: ExportCaption | None = None) -> Path:
        """Write the chart as PNG or SVG (by suffix; PNG when there is none)."""
        self.canvas.settle()
        written = save_figure(self.figure, path, caption, self.theme.foreground,
                              self.theme.background)
        self.schedule_draw()  # saving drew the figure at another size into the canvas
        return written

    def ask_export(self, fmt: str) -> None:
        ask_and_export(self, self, fmt)
