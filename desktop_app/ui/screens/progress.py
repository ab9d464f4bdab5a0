"""Progress: whether the work is working, in four charts, each with a table of its numbers.

This module does not import matplotlib, and building the screen costs next to nothing: the
first window must not wait for it. The first time the screen is entered it shows "Loading
charts…", loads matplotlib on a worker thread, decodes the profile one table per event-loop
turn, and only then builds the charts, so the window never freezes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from desktop_app.i18n import N_, _
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.widgets import heading, paragraph
from desktop_app.ui.worker_calm import freeze_survivors

if TYPE_CHECKING:
    from desktop_app.domain.progress import DateRange
    from desktop_app.services.progress import ProgressService
    from desktop_app.ui.charts.base import ChartView
    from desktop_app.ui.charts.loader import ChartLoader
    from desktop_app.ui.charts.panel import ChartPanel, ChartSet
    from desktop_app.ui.charts.range_filter import DateRangeFilter

LOADING_TEXT = N_("Loading charts…")
DRAW_DELAY_MS = 5
# Between two steps of work the event loop serves input and timers: a timer of 0 ms could
# run the next step before a timer that is already due.
STEP_DELAY_MS = 1


class ProgressScreen(QWidget):
    """The date range on top; below it "Loading charts…" until the chart tabs are ready."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("progressScreen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(_("Progress")))
        layout.addWidget(
            paragraph(_(
                "How things have moved since you started. These are your own ratings, not a "
                "grade: use them to notice what is changing and what helps."
            ))
        )
        self._layout = layout
        self.pages = QStackedWidget()
        self.loading = QLabel(_(LOADING_TEXT))
        self.loading.setObjectName("chartsLoading")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setAccessibleName(_(LOADING_TEXT))
        self.pages.addWidget(self.loading)
        layout.addWidget(self.pages, 1)
        self.service: ProgressService | None = None
        self.range_filter: DateRangeFilter | None = None
        self.panel: ChartPanel | None = None
        self.loader: ChartLoader | None = None
        self._steps: Iterator[str] | None = None
        self._dirty = True
        self._matplotlib_ready = False
        self._drawing = False
        self._wanted_tab: str | None = None
        self._charts: ChartSet | None = None  # made while loading, one per turn

    # --- what the main window calls -----------------------------------------------------
    def entered(self) -> None:
        """Shown: load matplotlib the first time, otherwise redraw if data changed."""
        if self.loader is None:
            from desktop_app.ui.charts.loader import shared_loader

            self.loader = shared_loader()
            if self.loader.is_ready:
                self._matplotlib_loaded()
            elif self.loader.error is not None:
                self._matplotlib_failed(self.loader.error)
            else:
                self.loader.ready.connect(self._matplotlib_loaded)
                self.loader.failed.connect(self._matplotlib_failed)
                self.loader.start()
        elif self._matplotlib_ready and self._dirty and self.service is not None:
            self._load_data()

    def _setup(self) -> None:
        """The service and the date range, made once the loader has imported their modules."""
        from desktop_app.services.progress import ProgressService
        from desktop_app.ui.charts.range_filter import DateRangeFilter

        self.service = ProgressService(self.ctx.session)
        self.range_filter = DateRangeFilter(self.ctx.session.clock().date())
        self.range_filter.setEnabled(False)
        self.range_filter.changed.connect(self._range_changed)
        self._layout.insertWidget(2, self.range_filter)

    def refresh(self) -> None:
        """Data changed: forget the decoded records; redraw now only if in view."""
        if self.service is not None:
            self.service.invalidate()
        self._dirty = True
        if self._matplotlib_ready and self.isVisible() and self.service is not None:
            self._load_data()

    def open_tab(self, key: str) -> None:
        """Bring a chart tab to the front ("together"), now or once the charts are built."""
        self._wanted_tab = key
        self._select_wanted_tab()

    def _select_wanted_tab(self) -> None:
        if self.panel is not None and self._wanted_tab == "together":
            self.panel.setCurrentWidget(self.panel.together)
            self._wanted_tab = None

    @property
    def charts_ready(self) -> bool:
        """True once the chart tabs show the current data (the one in view, drawn)."""
        return (
            self.panel is not None and not self._dirty and self._steps is None
            and not self._drawing and not self.panel.preparing and not self._settling()
        )

    def _settling(self) -> bool:
        """True until the chart in view shows its latest data (``ChartView.settling``)."""
        from desktop_app.ui.charts.base import ChartView

        chart = self.panel.currentWidget() if self.panel is not None else None
        return isinstance(chart, ChartView) and chart.settling

    # --- loading ------------------------------------------------------------------------
    def _matplotlib_loaded(self) -> None:
        self._matplotlib_ready = True
        if self.service is None:
            self._setup()
        self._load_data()

    def _matplotlib_failed(self, reason: str) -> None:
        self.loading.setText(_(
            "The charts could not be loaded, so they cannot be shown right now. Your data is "
            "safe and unchanged.\n\n({reason})"
        ).format(reason=reason))

    def _load_data(self) -> None:
        """Decode the profile one table per event-loop turn, then draw."""
        if self._steps is not None:
            return  # already under way; it picks up the latest data when it finishes
        assert self.service is not None
        self._dirty = False
        self._steps = self._load_steps()
        QTimer.singleShot(STEP_DELAY_MS, self._next_step)

    def _load_steps(self) -> Iterator[str]:
        assert self.service is not None
        yield from self.service.load_steps()
        self.service.first_day()  # remembered for the date range, which asks for it next
        yield "first day"
        if self.panel is None and self._charts is None:
            from desktop_app.ui.charts.panel import chart_set, make_charts

            made: list[ChartView] = []
            yield from make_charts(made)
            self._charts = chart_set(made)

    def _next_step(self) -> None:
        if self._steps is None:
            return
        if self.ctx.session.repo is None:
            self._steps = None
            return
        try:
            next(self._steps)
        except StopIteration:
            self._steps = None
            # The decoded profile stays until the data changes: frozen, later full
            # collections do not walk 20 years of records (~100 ms each, every few redraws).
            freeze_survivors()
            self._show_charts()
            return
        QTimer.singleShot(STEP_DELAY_MS, self._next_step)

    def _show_charts(self) -> None:
        if self._dirty:  # data changed while loading: start over with the new data
            self._load_data()
            return
        assert self.service is not None and self.range_filter is not None
        self.range_filter.set_today(self.service.today(), self.service.first_day())
        self.range_filter.setEnabled(True)
        if self.panel is None:
            from desktop_app.ui.charts.panel import ChartPanel

            self.panel = ChartPanel(self.service, self.ctx.navigator, self.date_range,
                                    charts=self._charts)
            self._charts = None
            self.panel.message.connect(self._show_message)
            self.pages.addWidget(self.panel)
        self.pages.setCurrentWidget(self.panel)
        self._select_wanted_tab()
        # Building the tabs, the data of the chart in view and its artists: three turns.
        self._drawing = True
        QTimer.singleShot(DRAW_DELAY_MS, self._prepare_panel)

    def _prepare_panel(self) -> None:
        from desktop_app.ui.charts.base import ChartView

        if self.panel is not None and self.ctx.session.repo is not None:
            chart = self.panel.currentWidget()
            if isinstance(chart, ChartView):
                self.panel.prepare_data(chart)
        QTimer.singleShot(DRAW_DELAY_MS, self._draw_panel)

    def _draw_panel(self) -> None:
        self._drawing = False
        if self.panel is not None:
            self.panel.reload()

    # --- slots --------------------------------------------------------------------------
    def date_range(self) -> DateRange:
        assert self.range_filter is not None
        return self.range_filter.date_range()

    def _range_changed(self) -> None:
        if self.panel is not None:
            self.panel.reload()

    def _show_message(self, text: str) -> None:
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(text, 6000)
