"""The four charts as tabs. Each slot asks the progress service and shows what comes back.

The tab in view is drawn at once; the others are marked stale and then prepared out of view,
one step per event-loop turn (the data in one, the artists in the next), so that showing
one later only renders it, off the UI thread. A change that comes first starts them over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from desktop_app.domain.progress import DateRange, WheelData
from desktop_app.domain.progress_calendar import CalendarKind
from desktop_app.i18n import _
from desktop_app.services.progress import ProgressService
from desktop_app.services.together import Partner, TogetherService
from desktop_app.ui.charts.base import ChartView
from desktop_app.ui.charts.consistency import ConsistencyChart
from desktop_app.ui.charts.export_caption import period_text
from desktop_app.ui.charts.gaps import GapsChart
from desktop_app.ui.charts.over_time import OverTimeChart
from desktop_app.ui.charts.render_thread import shared_render_thread
from desktop_app.ui.charts.together import TogetherChart
from desktop_app.ui.charts.wheel import WheelChart
from desktop_app.ui.context import Navigator
from desktop_app.ui.plain_export import may_write_plain_copy

# A step's pause: input and timers already due are served before the next step.
PREPARE_DELAY_MS = 1
RENDER_WAIT_MS = 5  # how often preparing looks again whether the render thread is free
AUTO = "auto"  # compare the wheel with the oldest result in range until the person picks


ChartSet = tuple[WheelChart, GapsChart, OverTimeChart, ConsistencyChart, TogetherChart]


def make_charts(made: list[ChartView]) -> Iterator[str]:
    """Make the five charts into ``made``, one per step: each takes ~5 ms (a figure, a
    canvas, the palette fitted), all at once a stall when Progress opens."""
    for kind in (WheelChart, GapsChart, OverTimeChart, ConsistencyChart, TogetherChart):
        made.append(kind())
        yield kind.__name__


def chart_set(made: Sequence[ChartView]) -> ChartSet:
    """The charts ``make_charts`` made, in their tabs' order."""
    wheel, gaps, over_time, consistency, together = made
    assert isinstance(wheel, WheelChart) and isinstance(gaps, GapsChart)
    assert isinstance(over_time, OverTimeChart) and isinstance(consistency, ConsistencyChart)
    assert isinstance(together, TogetherChart)
    return wheel, gaps, over_time, consistency, together


class ChartPanel(QTabWidget):
    """Wheel, Gaps, Over time and Consistency, sharing one date range."""

    message = Signal(str)

    def __init__(
        self,
        service: ProgressService,
        navigator: Navigator,
        date_range: Callable[[], DateRange],
        parent: QWidget | None = None,
        charts: ChartSet | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("progressTabs")
        self.setAccessibleName(_("Progress charts"))
        self.service = service
        self.navigator = navigator
        self.date_range = date_range
        if charts is None:
            made: list[ChartView] = []
            for _step in make_charts(made):
                pass
            charts = chart_set(made)
        self.wheel, self.gaps, self.over_time, self.consistency, self.together = charts
        self.charts: tuple[ChartView, ...] = (
            self.wheel, self.gaps, self.over_time, self.consistency, self.together,
        )
        titles = (_("&Wheel"), _("G&aps"), _("Over &time"), _("&Consistency"), _("To&gether"))
        for chart, title in zip(self.charts, titles, strict=True):
            self.addTab(chart, title)
            chart.open_result.connect(navigator.open_result)
            chart.message.connect(self.message)
            chart.caption_source = self.export_caption
            chart.may_write = self._may_write_plain
        self._compare: str | None = AUTO
        self._template: str | None = None
        self._stale: set[ChartView] = set(self.charts)
        self._data_ready: set[ChartView] = set()  # stale, but the service has its data
        self._preparing = False
        # Over time's data, worked out on the render thread (see ``show_over_time``): what
        # is under way there, and whether the chart waits for it.
        self._over_time_asked: set[tuple[str, DateRange]] = set()
        self._over_time_tried: set[tuple[str, DateRange]] = set()  # (a failure: not again)
        self.wheel.compare_changed.connect(self._compare_picked)
        self.over_time.template_changed.connect(self._template_picked)
        self.consistency.kind_changed.connect(lambda _kind: self._draw(self.consistency))
        self._partner: tuple[str, str] | None = None
        self.together.partner_changed.connect(self._partner_picked)
        self.together.remove_requested.connect(self._remove_partner)
        self.together.receive_requested.connect(self._receive)
        self.together.focus_requested.connect(
            lambda area: self.navigator.choose_focus([area], self))
        self.currentChanged.connect(lambda _index: self.draw_current())

    def reload(self) -> None:
        """Data or range changed: redraw the chart in view, then prepare the others."""
        self._stale = set(self.charts)
        self._data_ready = set()
        self._over_time_tried.clear()
        self.draw_current()
        self._prepare_soon()

    @property
    def preparing(self) -> bool:
        """True while charts out of view wait to be prepared (or over time for its data)."""
        return bool(self._stale) or self.over_time.awaiting_data

    def draw_current(self) -> None:
        chart = self.currentWidget()
        if isinstance(chart, ChartView) and chart in self._stale:
            self._draw(chart)

    def _prepare_soon(self, delay_ms: int = PREPARE_DELAY_MS) -> None:
        if not self._preparing and self._stale:
            self._preparing = True
            QTimer.singleShot(delay_ms, self._prepare_next)

    def _prepare_next(self) -> None:
        self._preparing = False
        if shared_render_thread().busy:
            # A step shares the interpreter with a render under way, which doubled its
            # wall time (a 30 ms step stalled the window 50-60 ms): it waits for the render.
            self._prepare_soon(RENDER_WAIT_MS)
            return
        stale = [c for c in self.charts if c in self._stale]
        if not stale or self.service.session.repo is None:
            return
        chart = stale[0]
        if chart in self._data_ready:
            self._draw(chart)
        else:
            self.prepare_data(chart)
        self._prepare_soon()

    def prepare_data(self, chart: ChartView) -> None:
        """Ask the service for what ``chart`` shows; it keeps the answer for the draw."""
        self._data_ready.add(chart)
        date_range = self.date_range()
        if chart is self.wheel or chart is self.gaps:
            template = self.service.wheel_template()
            if template is None or self.service.response_count(template.id) == 0:
                return
            if chart is self.gaps:
                self.service.gaps(date_range)
            else:
                self._wheel_data(date_range)
        elif chart is self.over_time:
            template_id = self._over_time_template()
            if template_id is not None:
                self._work_out_over_time(template_id, date_range)
        elif chart is self.together:
            pass  # a few records, read when drawn
        else:
            self.service.consistency(self._consistency_kind(), date_range)

    def _draw(self, chart: ChartView) -> None:
        self._stale.discard(chart)
        self._data_ready.discard(chart)
        if chart is self.wheel:
            self.show_wheel()
        elif chart is self.gaps:
            self.show_gaps()
        elif chart is self.over_time:
            self.show_over_time()
        elif chart is self.together:
            self.show_together()
        else:
            self.show_consistency()

    def export_caption(self) -> tuple[str, str | None]:
        """The period in view and the open profile's name, for a chart's export."""
        profile = self.service.session.profile
        period = period_text(
            self.date_range(), self.service.first_day(), self.service.today()
        )
        return period, profile.name if profile is not None else None

    # --- slots --------------------------------------------------------------------------
    def _compare_picked(self, result_id: object) -> None:
        self._compare = result_id if isinstance(result_id, str) else None
        self.show_wheel()

    def _template_picked(self, template_id: str) -> None:
        self._template = template_id
        self.show_over_time()

    # --- each chart ---------------------------------------------------------------------
    def _wheel_missing(self, chart: ChartView, what: str) -> bool:
        """Show the empty state of the wheel or gaps chart when there is nothing to draw.

        ``what`` is "wheel" or "gaps chart"; each has its own whole sentences."""
        wheel = what == "wheel"
        template = self.service.wheel_template()
        if template is None:
            chart.show_empty(
                _("There is no “where I am” assessment among your templates, so there is no "
                  "wheel to draw.") if wheel else
                _("There is no “where I am” assessment among your templates, so there is no "
                  "gaps chart to draw.")
            )
            return True
        if self.service.response_count(template.id) == 0:
            chart.show_empty(
                (_("Your wheel appears here after your first “{template}” assessment. It "
                   "takes about ten minutes, and you can stop and come back at any point.")
                 if wheel else
                 _("Your gaps chart appears here after your first “{template}” assessment. It "
                   "takes about ten minutes, and you can stop and come back at any point.")
                 ).format(template=template.title),
                (_("Take it now"), lambda: self.navigator.start_template(template.id)),
            )
            return True
        return False

    def _none_in_range(self, chart: ChartView, what: str) -> None:
        sentences = {
            "wheel": _("Nothing in this period. Choose a longer period above to see your "
                       "wheel."),
            "gaps": _("Nothing in this period. Choose a longer period above to see your "
                      "gaps."),
            "changes over time": _("Nothing in this period. Choose a longer period above to "
                                   "see your changes over time."),
            "calendar": _("Nothing in this period. Choose a longer period above to see your "
                          "calendar."),
        }
        chart.show_empty(sentences[what])

    def show_wheel(self) -> None:
        if self._wheel_missing(self.wheel, "wheel"):
            return
        data = self._wheel_data(self.date_range())
        if data is None or data.latest is None:
            self._none_in_range(self.wheel, "wheel")
            return
        self.wheel.set_data(data)

    def _wheel_data(self, date_range: DateRange) -> WheelData | None:
        compare = None if self._compare == AUTO else self._compare
        data = self.service.wheel(date_range, compare)
        if data is not None and self._compare == AUTO and data.choices:
            data = self.service.wheel(date_range, data.choices[-1].result_id)
        return data

    def show_gaps(self) -> None:
        if self._wheel_missing(self.gaps, "gaps chart"):
            return
        data = self.service.gaps(self.date_range())
        if data is None or data.result is None:
            self._none_in_range(self.gaps, "gaps")
            return
        self.gaps.set_data(data)

    def _over_time_template(self) -> str | None:
        """The template the over-time chart shows: the one picked, else the first offered."""
        ids = [c.template_id for c in self.service.series_choices()]
        if self._template not in ids:
            self._template = ids[0] if ids else None
        return self._template

    def show_over_time(self) -> None:
        self.over_time.awaiting_data = False
        choices = self.service.series_choices()
        if not choices:
            self.over_time.show_empty(
                _("Take an assessment, or check in from the Journal, and how things change "
                  "over time appears here."),
                (_("Go to Assessments"), lambda: self.navigator.show_screen("assessments")),
            )
            return
        template_id = self._over_time_template()
        assert template_id is not None
        self.over_time.set_choices([(c.template_id, c.title) for c in choices], template_id)
        date_range = self.date_range()
        waits = not self.service.over_time_ready(template_id, date_range) and (
            (template_id, date_range) not in self._over_time_tried)
        self.over_time.awaiting_data = waits
        if waits:
            # Areas, scores, trends and marks of every response (30 ms for the areas, 300
            # for twenty years of daily check-ins) are worked out off the UI thread; the
            # chart keeps its picture until then.
            self._work_out_over_time(template_id, date_range)
            return
        data = self.service.over_time(template_id, date_range)
        if data is None or data.is_empty:
            self._none_in_range(self.over_time, "changes over time")
            return
        self.over_time.set_data(data, date_range)

    def _work_out_over_time(self, template_id: str, date_range: DateRange) -> None:
        asked = (template_id, date_range)
        if asked in self._over_time_asked or self.service.over_time_ready(*asked):
            return
        self._over_time_asked.add(asked)
        work = self.service.over_time_work(template_id, date_range)

        def job() -> None:
            try:
                work()
            finally:
                self._over_time_tried.add(asked)
                self._over_time_asked.discard(asked)

        shared_render_thread().submit(job, self._over_time_worked_out)

    def _over_time_worked_out(self) -> None:
        if not self.over_time.awaiting_data:
            return
        if self.service.session.repo is None:
            self.over_time.awaiting_data = False  # closed meanwhile: nothing to show
        else:
            self.show_over_time()  # the latest choice and period: asks again if need be

    def _consistency_kind(self) -> CalendarKind:
        return "practices" if self.consistency.kind_key() == "practices" else "checkins"

    def show_consistency(self) -> None:
        kind = self._consistency_kind()
        data = self.service.consistency(kind, self.date_range())
        if data.statuses:
            self.consistency.set_data(data)
            return
        if kind == "checkins" and not self.service.load().checkins:
            self.consistency.show_empty(
                _("Check in from the Journal, and the days you checked in appear here as a "
                  "calendar."),
                (_("Go to the Journal"), lambda: self.navigator.show_screen("journal")),
            )
        elif kind == "practices" and not self.service.load().focus:
            self.consistency.show_empty(
                _("Pick focus areas and practices in the Journal, and the days you practised "
                  "appear here as a calendar."),
                (_("Go to the Journal"), lambda: self.navigator.show_screen("journal")),
            )
        else:
            self._none_in_range(self.consistency, "calendar")

    def _may_write_plain(self, parent: QWidget, path: Path) -> bool:
        return may_write_plain_copy(parent, self.service.session, "chart", path)

    # --- Together (issue 16) ------------------------------------------------------------
    def show_together(self) -> None:
        service = TogetherService(self.service.session)
        partners = service.partners()
        current = next((p for p in partners if p.key == self._partner),
                       partners[0] if partners else None)
        self.together.set_partners(partners, current)
        if current is None:
            self.together.show_empty(
                _("When your partner shares their result of “Us: where we are, where we want "
                  "to be” with you, receive the file here, and both views appear side by "
                  "side. To share yours: Profile ▸ Share a result with a partner…"),
                (_("Receive a partner's view…"), self._receive),
            )
            return
        self._partner = current.key
        data = service.data(current)
        if data.together is None:
            template = current.template
            self.together.show_empty(
                _("{name} shared their view of “{title}”. Take it yourself, and the two "
                  "views appear side by side.").format(name=current.name, title=template.title),
                (_("Take it now"), lambda: self.navigator.start_template(template.id)),
            )
            return
        self.together.set_data(data)

    def _partner_picked(self, key: object) -> None:
        self._partner = key if isinstance(key, tuple) else None
        self.show_together()

    def _receive(self) -> None:
        self._partner = None  # the newest received comes first
        self.navigator.receive_partner_view()

    def _remove_partner(self, partner: object) -> None:
        from PySide6.QtWidgets import QMessageBox

        if not isinstance(partner, Partner):
            return
        answer = QMessageBox.question(
            self, _("Remove {name}'s view?").format(name=partner.name),
            _("Remove {name}'s view of “{title}” from this profile? Your own results stay as "
              "they are, and you can receive the view again from its file.").format(
                  name=partner.name, title=partner.template.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            TogetherService(self.service.session).remove(partner)
            self._partner = None
            self.show_together()
