"""The Qt canvas of every chart: renders off the UI thread, over a cached background.

* ``draw_idle`` renders a few ms after a change, in one piece, on the render thread
  (``render_thread``); the picture shown changes only once the new one is whole.
* A chart may name its data artists (``overlay``, in the order a whole draw draws them,
  with whatever is drawn over them) and what the rest of the picture depends on
  (``background_key``: limits, layout). While that key holds, a render pastes the cached
  picture of everything else and draws only the overlay on it.
* Below that, a chart may name a middle layer too (``middle``: the artists that follow the
  limits, such as the date axis and its grid) and what the rest depends on
  (``static_key``: the layout alone). A new period then pastes the cached picture of the
  rest (titles, the value axis, legends: most of the text, which is most of a draw) and
  draws the middle and the overlay on it. The chart keeps every static artist below
  every middle one in its draw order, so that this is exactly what a whole draw draws.
* The UI thread never touches the figure while it renders: whatever changes or reads the
  figure first calls ``settle``, which waits for a render under way. A resize meanwhile is
  taken when the render ends, not waited for.
* A chart may hand over the building of its figure too (``build_later``): it is built on
  the render thread just before the render, or by ``settle`` if something reads it first.
  Meanwhile the mouse and keys are not passed on to matplotlib, whose events find the axes
  under the pointer in the figure being built (``building``).
* A chart may keep several figures built and show one or another (``use_figure``): each
  keeps its own cached pictures while it is out of view.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter, FixedLocator
from matplotlib.transforms import Bbox
from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from desktop_app.ui.charts.leftovers import collect_soon
from desktop_app.ui.charts.render_thread import shared_render_thread
from desktop_app.ui.charts.text_renderer import TextKeepingRenderer

log = logging.getLogger(__name__)

# Building the artists and rendering them run in separate event-loop turns, a few ms
# apart, so input and timers are served between the two halves of a redraw.
DRAW_DELAY_MS = 5
# A render takes well under a second; past this the UI thread stops waiting for it.
SETTLE_TIMEOUT_S = 10.0
# What matplotlib turns into events of its own, each asking the figure which axes is under
# the pointer.
POINTER_EVENTS = frozenset({
    QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.Enter, QEvent.Type.Leave,
})


def whole_of(renderer: RendererAgg) -> Bbox:
    """Every pixel of ``renderer``. Not the figure's bbox: its height is inches × dpi in
    floating point (4.52 × 100 = 451.99999999999994), which Agg truncates, so a copy left
    out the top row of pixels, and a picture restored over it kept a stale or empty row."""
    return Bbox.from_bounds(0, 0, renderer.width, renderer.height)


def fixed_ticks(
    axis: Axis,
    positions: Sequence[float],
    labels: Sequence[str] | None = None,
    fontsize: float | None = None,
) -> None:
    """What ``set_xticks(positions, labels, fontsize=…)`` does, but the ticks are made by
    the render (on the render thread) instead of now: each one costs a few ms to make."""
    if len(positions):
        axis.set_view_interval(min(positions), max(positions))  # as set_ticks does
    axis.set_major_locator(FixedLocator(list(positions)))
    if labels is not None:
        axis.set_major_formatter(FixedFormatter(list(labels)))
    else:
        from desktop_app.ui.charts.locale_axis import LocaleNumberFormatter

        axis.set_major_formatter(LocaleNumberFormatter())
    if fontsize is not None:
        axis.set_tick_params(which="major", labelsize=fontsize)


Size = tuple[int, int, float]  # width and height in physical pixels, dots per inch


Build = tuple[Callable[[], None], Callable[[], None]]  # the figure's part, then the UI's


@dataclass(eq=False)
class _Render:
    """One render: the size it is for, the background it may reuse, and its result; the
    figure to build first, if any (then the key and overlay are found after it)."""

    size: Size
    background_key: object | None
    overlay: tuple[Artist, ...]
    build: Build | None = None
    static_key: object | None = None
    middle: tuple[Artist, ...] = ()
    done: threading.Event = field(default_factory=threading.Event)
    renderer: RendererAgg | None = None


def _no_overlay() -> Sequence[Artist]:
    return ()


def _no_key() -> object | None:
    return None


def _as_laid_out(size: Size) -> None:
    return None


class Canvas(FigureCanvasQTAgg):
    """A ``FigureCanvasQTAgg`` whose idle draws render on the render thread."""

    rendered = Signal()  # the picture on screen shows the figure as it is now

    def __init__(self, figure: Figure) -> None:
        super().__init__(figure)  # type: ignore[no-untyped-call]
        self._idle_pending = False
        self._stale_while_hidden = False
        self._again = False
        self._running: _Render | None = None
        self._background: tuple[object, Any] | None = None
        self._static: tuple[object, Any] | None = None  # the picture under the middle layer
        self._resized: QResizeEvent | None = None  # while a render held the figure
        self._build: Build | None = None
        # Two renderers take turns, one shown while the other is drawn into: a renderer is
        # reused rather than made anew because matplotlib caches text sizes per renderer,
        # and measuring every label again made each draw a third slower.
        self._spare: tuple[Size, RendererAgg] | None = None
        self.overlay: Callable[[], Sequence[Artist]] = _no_overlay
        self.background_key: Callable[[], object | None] = _no_key
        self.middle: Callable[[], Sequence[Artist]] = _no_overlay
        self.static_key: Callable[[], object | None] = _no_key
        # Margins that must hold in pixels, set for the size about to be drawn (the caches
        # are per size, so they follow it).
        self.fit_to: Callable[[Size], None] = _as_laid_out
        # The hint stays the figure's first size. matplotlib hints its current size, and a
        # scrolling window gives its content the preferred heights of its rows: the chart
        # kept the height it first drew at, pushed its caption below the fold of a smaller
        # window and crept by a pixel or two after each render.
        self._hint = QSize(*self.get_width_height())
        # The cached pictures of figures kept out of view (see ``use_figure``).
        self._kept: weakref.WeakKeyDictionary[Figure, tuple[Any, Any]] = (
            weakref.WeakKeyDictionary())

    def sizeHint(self) -> QSize:
        return self._hint

    @property
    def rendering(self) -> bool:
        """True while a render is under way or a change waits for one."""
        return self._running is not None or self._idle_pending

    @property
    def build_pending(self) -> bool:
        """True while a figure waits to be built with its first render."""
        return self._build is not None

    @property
    def building(self) -> bool:
        """True while the render thread builds the figure (or has, and it is not shown yet)."""
        running = self._running
        return running is not None and running.build is not None

    def event(self, event: QEvent) -> bool:
        if event.type() in POINTER_EVENTS and self.building:
            return True  # a hover or click waits for the new picture, and nothing is built
        return bool(super().event(event))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.building:
            QWidget.keyPressEvent(self, event)
        else:
            super().keyPressEvent(event)  # type: ignore[no-untyped-call]

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if self.building:
            QWidget.keyReleaseEvent(self, event)
        else:
            super().keyReleaseEvent(event)  # type: ignore[no-untyped-call]

    def build_later(self, build: Callable[[], None], built: Callable[[], None]) -> None:
        """Build the figure on the render thread just before rendering it (``built`` then
        runs here); replaces a build still waiting."""
        self._build = (build, built)
        self.draw_idle()

    def drop_build(self) -> None:
        self._build = None

    def use_figure(self, figure: Figure) -> None:
        """Show ``figure`` instead of the one shown now, at its size; each keeps its cached
        pictures for when it is shown again. Call ``settle`` first."""
        old = self.figure
        if figure is old:
            return
        self._kept[old] = (self._background, self._static)
        figure.set_canvas(self)
        # As FigureCanvasBase.__init__ and _set_device_pixel_ratio do for the first figure.
        figure._original_dpi = old._original_dpi  # type: ignore[attr-defined]
        figure._set_dpi(old.dpi, forward=False)  # type: ignore[attr-defined]
        width, height = old.get_size_inches()
        figure.set_size_inches(float(width), float(height), forward=False)
        self.figure = figure
        self._background, self._static = self._kept.pop(figure, (None, None))

    def forget(self, figure: Figure) -> None:
        """Drop the cached pictures of ``figure``, a view let go (see ``use_figure``)."""
        self._kept.pop(figure, None)

    def settle(self, build: bool = True) -> None:
        """Wait for a render under way: the figure is the render thread's until it ends.
        A figure still waiting to be built is built now, here, unless ``build`` is False."""
        running = self._running
        if running is not None and not running.done.wait(SETTLE_TIMEOUT_S):
            log.warning("A chart render took over %s s; going on without it", SETTLE_TIMEOUT_S)
            return
        self._take_resize()
        if running is not None and running.build is not None:
            self._built(running)
        pending, self._build = self._build, None
        if build and pending is not None:
            pending[0]()
            pending[1]()
            collect_soon()
        elif pending is not None:
            self._build = pending

    def _built(self, job: _Render) -> None:
        """The UI's part of a build the render thread did (once, whoever comes first)."""
        build, job.build = job.build, None
        if build is not None:
            build[1]()

    def _take_resize(self) -> None:
        """Give the figure the size the widget took while a render held it."""
        resized, self._resized = self._resized, None
        if resized is not None:
            super().resizeEvent(resized)  # type: ignore[no-untyped-call]

    def draw_idle(self) -> None:
        if not self._idle_pending:
            self._idle_pending = True
            QTimer.singleShot(DRAW_DELAY_MS, self._idle_draw)

    def _idle_draw(self) -> None:
        self._idle_pending = False
        if not self.isVisible():
            self._stale_while_hidden = True
            return
        if self._running is not None:
            self._again = True  # drawn again once this one is shown
            return
        job = self._job()
        if job is None:
            return
        self._running = job
        shared_render_thread().submit(lambda: self._render_off_thread(job), self._show_render)

    def draw(self) -> None:
        """Render now, on this thread (tests and the benchmark's synchronous redraw)."""
        self.settle()
        job = self._job()
        if job is None:
            super().draw()  # type: ignore[no-untyped-call]
            return
        self._use(job.size, self._render(job))

    def _size(self) -> Size:
        width, height = self.get_width_height(physical=True)
        return width, height, float(self.figure.dpi)

    def _job(self) -> _Render | None:
        size = self._size()
        if size[0] <= 0 or size[1] <= 0:
            return None
        build, self._build = self._build, None
        if build is not None:  # the key and overlay follow once it is built
            return _Render(size, None, (), build)
        job = _Render(size, None, ())
        self._keys(job)
        return job

    def _keys(self, job: _Render) -> None:
        """What of the cached pictures ``job`` may reuse, and what it draws over them."""
        key = self.background_key()
        job.overlay = tuple(self.overlay()) if key is not None else ()
        job.background_key = None if key is None else (job.size, key)
        static = self.static_key() if job.overlay else None
        job.middle = tuple(self.middle()) if static is not None else ()
        job.static_key = (job.size, static) if job.middle else None

    def _render_off_thread(self, job: _Render) -> None:
        try:
            job.renderer = self._render(job)
        except Exception:  # the picture stays as it was; the next change draws again
            log.exception("Rendering a chart failed")
        finally:
            job.done.set()

    def _render(self, job: _Render) -> RendererAgg:
        """Draw the figure into a new renderer, reusing the cached background if it holds."""
        if job.build is not None:
            job.build[0]()
            self._keys(job)
        self.fit_to(job.size)
        spare, self._spare = self._spare, None
        if spare is not None and spare[0] == job.size:
            renderer = spare[1]
            renderer.clear()  # type: ignore[no-untyped-call]
        else:
            width, height, dpi = job.size
            renderer = TextKeepingRenderer(width, height, dpi)  # type: ignore[no-untyped-call]
        cached = self._background
        if job.overlay and cached is not None and cached[0] == job.background_key:
            renderer.restore_region(cached[1])  # type: ignore[no-untyped-call]
        else:
            self._draw_background(job, renderer)
        for artist in job.overlay:
            artist.draw(renderer)
        return renderer

    def _draw_background(self, job: _Render, renderer: RendererAgg) -> None:
        """Everything but the overlay: the static picture (cached or drawn), then the middle."""
        static = self._static
        if job.middle and static is not None and static[0] == job.static_key:
            renderer.restore_region(static[1])  # type: ignore[no-untyped-call]
        else:
            # Animated artists are left out of a figure's draw: the rest is the background.
            hidden = (*job.middle, *job.overlay)
            for artist in hidden:
                artist.set_animated(True)
            try:
                self.figure.draw(renderer)
            finally:
                for artist in hidden:
                    artist.set_animated(False)
            self._static = (
                (job.static_key, renderer.copy_from_bbox(whole_of(renderer)))
                if job.middle else None
            )
        for artist in job.middle:
            artist.draw(renderer)
        self._background = (
            (job.background_key, renderer.copy_from_bbox(whole_of(renderer)))
            if job.overlay else None
        )

    def _use(self, size: Size, renderer: RendererAgg) -> None:
        shown = getattr(self, "renderer", None)
        if shown is not None and shown is not renderer and self._lastKey == size:
            self._spare = (size, shown)
        self.renderer = renderer
        self._lastKey = size
        self.update()

    def _show_render(self) -> None:
        job = self._running
        if job is None or not job.done.is_set():
            return
        self._running = None
        self._take_resize()
        if job.build is not None:
            collect_soon()  # what the figure held before the build (see ``leftovers``)
            self._built(job)
            # What the build said beside the figure (a caption on one line more or less)
            # moves the canvas's edge: laid out now, so a picture of the old size is drawn
            # again at the new one before it counts as shown (else it was shown, then
            # replaced by another render a moment later).
            self.lay_out_around()
        if job.renderer is not None:
            if job.size == self._size():
                self._use(job.size, job.renderer)
            else:
                self._again = True  # resized meanwhile
        if self._again:
            self._again = False
            self.draw_idle()
        elif not self._idle_pending:
            self.rendered.emit()

    def lay_out_around(self) -> None:
        """Lay out now what holds the canvas (its layouts are otherwise redone a turn later)."""
        widget = self.parentWidget()
        while widget is not None:
            layout = widget.layout()
            if layout is not None:
                layout.activate()
            widget = None if widget.isWindow() else widget.parentWidget()

    def resizeEvent(self, event: QResizeEvent) -> None:
        running = self._running
        if running is not None and not running.done.is_set():
            # A resize changes the figure's size, which is the render thread's until the
            # render ends: waiting for it here stalled the window (a caption that wraps
            # anew resizes the canvas while its first picture renders). Taken then instead.
            self._resized = QResizeEvent(event.size(), event.oldSize())
            QWidget.resizeEvent(self, event)
            return
        self._resized = None
        super().resizeEvent(event)  # type: ignore[no-untyped-call]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[no-untyped-call]
        if self._stale_while_hidden:
            self._stale_while_hidden = False
            self.draw_idle()
