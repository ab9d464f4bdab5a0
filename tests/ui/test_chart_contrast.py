"""Contrast of every chart element (WCAG AA: 4.5:1 for text, 3:1 for lines, marks, bars,
rings and frames), measured on what the charts actually drew from the live palette, light and
dark; and the painted Journal strips and wizard gap bar from the same colours."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import Collection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop_app.domain.consistency import ReturnPoint
from desktop_app.domain.return_time import DAY, ReturnTime
from desktop_app.ui.charts.over_time_panels import BANDS_GID
from desktop_app.ui.charts.palette import ChartTheme
from desktop_app.ui.journal.strips import DayStrip, ReturnTrend
from desktop_app.ui.readable_palette import AA_GRAPHIC, AA_TEXT, contrast, readable_palette
from desktop_app.ui.wizard.gap_bar import GapBar
from tests.ui.test_readable_palette import dark_palette, light_palette

Rgba = tuple[float, float, float, float]


@pytest.fixture(params=["light", "dark"])
def palette(request: Any, start_app) -> Iterator[QPalette]:
    """The app started on the Demo profile, then given a light or a dark system palette."""
    startup = start_app("--demo")
    before = QGuiApplication.palette()
    chosen = readable_palette(light_palette() if request.param == "light" else dark_palette())
    QGuiApplication.setPalette(chosen)
    try:
        yield startup
    finally:
        QGuiApplication.setPalette(before)


def _flat(colour: Any, alpha: float | None, under: Rgba) -> Rgba:
    """The opaque colour a (maybe translucent) colour shows as over ``under``."""
    r, g, b, a = to_rgba(colour, alpha)
    return (r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a),
            1.0)


def _ratio(one: Rgba, other: Rgba) -> float:
    return contrast(QColor(to_hex(one)), QColor(to_hex(other)))


def _surfaces(figure: Figure, axes: Axes | None, theme: ChartTheme) -> list[Rgba]:
    """What a mark may sit on: the axes (or figure) face, and shaded bands in the axes."""
    face = to_rgba(axes.get_facecolor() if axes is not None else figure.get_facecolor())
    found = [face]
    if axes is not None:
        found += [to_rgba(p.get_facecolor()) for p in axes.patches
                  if to_hex(p.get_facecolor()) == theme.band]
        found += [tuple(c) for bands in axes.collections if bands.get_gid() == BANDS_GID
                  for c in bands.get_facecolors() if to_hex(c) == theme.band]
    return found


def _marks(artist: Artist) -> list[tuple[Any, float | None]]:
    """The colours an artist draws as marks (not as gaps cut in the background colour)."""
    alpha = artist.get_alpha()
    if isinstance(artist, Text):
        return [(artist.get_color(), alpha)] if artist.get_text().strip() else []
    if isinstance(artist, Line2D):
        found = []
        if artist.get_linestyle() not in ("None", "", " ") and artist.get_linewidth() > 0:
            found.append((artist.get_color(), alpha))
        if artist.get_marker() not in ("None", "", " ", None):
            found += [(c, alpha) for c in (artist.get_markerfacecolor(),
                                           artist.get_markeredgecolor())
                      if not isinstance(c, str) or c.lower() != "none"]
        return found
    if isinstance(artist, Patch):
        found = []
        if artist.get_fill():
            found.append((artist.get_facecolor(), None))
        if artist.get_linewidth() > 0 and artist.get_edgecolor()[3] > 0:
            found.append((artist.get_edgecolor(), None))
        return found
    if isinstance(artist, Collection):
        colours = [*artist.get_facecolors(), *artist.get_edgecolors()]
        return [(tuple(c), None) for c in colours]
    return []


def measure(chart: Any) -> list[str]:
    """Every drawn element under its threshold, as 'kind colour on surface = ratio'."""
    figure, theme = chart.figure, chart.theme
    chart.canvas.draw()
    skip = {id(figure.patch), *(id(a.patch) for a in figure.axes)}
    # Translucent shading repeats an opaque outline of its colour (the wheel's "now" shape,
    # single check-ins under their weekly trend): the outline is what must reach 3:1.
    opaque = {to_hex(c) for a in figure.findobj(Line2D) if (a.get_alpha() or 1) == 1
              for c, _alpha in _marks(a)}
    failures = []
    for artist in figure.findobj(lambda a: a.get_visible()):
        if id(artist) in skip:
            continue
        axes = artist.axes if isinstance(artist.axes, Axes) else None
        surfaces = _surfaces(figure, axes, theme)
        is_text = isinstance(artist, Text)
        for colour, alpha in _marks(artist):
            if to_rgba(colour)[3] == 0:
                continue
            hexed = to_hex(colour)
            if hexed in (theme.background, theme.band, theme.empty) and not is_text:
                continue  # a gap, a band or a day still to come: surfaces, not marks
            if to_rgba(colour, alpha)[3] < 1 and hexed in opaque:
                continue
            for surface in surfaces:
                ratio = _ratio(_flat(colour, alpha, surface), surface)
                if ratio < (AA_TEXT if is_text else AA_GRAPHIC):
                    failures.append(f"{type(artist).__name__} {hexed} on {to_hex(surface)}"
                                    f" = {ratio:.2f}")
    return sorted(set(failures))


def pairs_mean_one_thing(chart: Any) -> None:
    """No colour-and-marker pair stands for two kinds of line in one picture."""
    meaning: dict[tuple[str, str], set[str]] = {}
    for key, line in chart.lines.items():
        if line.figure is chart.figure and len(line.get_xdata()):
            pair = (to_hex(line.get_color()), str(line.get_marker()))
            meaning.setdefault(pair, set()).add(key.rsplit(".", 1)[-1])
    assert all(len(roles) == 1 for roles in meaning.values()), meaning


def views(startup: Any, qtbot: Any, size: tuple[int, int] = (1100, 780)
          ) -> Iterator[tuple[str, Any]]:
    """Each chart and view of Progress, drawn, over all time: (what it is, its chart)."""
    window = startup.window
    window.resize(*size)
    window.show_screen("progress")
    screen = window.screens["progress"]
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    panel = screen.panel
    screen.range_filter.choose(4)  # all time

    def shown(chart: Any) -> Any:
        panel.setCurrentWidget(chart)
        qtbot.waitUntil(lambda: not chart.is_empty and not chart.settling,
                        timeout=20000)
        return chart

    wheel = shown(panel.wheel)
    wheel.compare.setCurrentIndex(1)  # with an earlier result: all three outlines
    qtbot.waitUntil(lambda: "earlier" in wheel.lines, timeout=20000)
    yield "wheel", wheel
    yield "gaps", shown(panel.gaps)
    chart = shown(panel.over_time)
    for template, part in (("life-areas", "areas"), ("check-in", None),
                           ("check-in", "scale:question.distress"), ("check-in", "scales"),
                           ("grounding", None)):
        chart.template.setCurrentIndex(chart.template.findData(template))
        if part is not None:
            chart.part.setCurrentIndex(chart.part.findData(part))
        yield f"over time {template} {part}", shown(chart)
    chart.template.setCurrentIndex(chart.template.findData("life-areas"))
    chart.part.setCurrentIndex(2)  # one area
    yield f"over time {chart.part.currentText()}", shown(chart)
    yield "consistency", shown(panel.consistency)


def test_every_chart_element_reaches_aa_on_the_live_palette(qtbot, palette) -> None:
    seen, banded = [], []
    for name, chart in views(palette, qtbot):
        assert chart.theme == ChartTheme.from_palette(QGuiApplication.palette())
        if any(len(_surfaces(chart.figure, a, chart.theme)) > 1 for a in chart.figure.axes):
            banded.append(name)  # marks and text measured on the bands too
        assert chart.figure.get_facecolor()[:3] == to_rgba(chart.theme.background)[:3]
        assert measure(chart) == [], name
        if hasattr(chart, "lines"):
            pairs_mean_one_thing(chart)
        seen.append(name)
    assert len(seen) == 9
    assert banded


def test_the_measure_finds_a_faint_line(qtbot, palette) -> None:
    # The old palette's orange on a light window, a grey grid, a translucent line.
    name, wheel = next(views(palette, qtbot))
    axes = wheel.figure.axes[0]
    faint = "#f0e442" if not wheel.theme.dark else "#0072b2"
    axes.plot([0, 1], [1, 2], color=faint)
    assert any(faint in failure for failure in measure(wheel)), name


def painted_colours(widget: Any) -> set[str]:
    image = widget.grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width())
            for y in range(image.height())}


@pytest.mark.parametrize("make", [light_palette, dark_palette], ids=["light", "dark"])
def test_the_journal_strips_and_the_gap_bar_use_the_fitted_colours(qtbot, make) -> None:
    palette = readable_palette(make())
    theme = ChartTheme.from_palette(palette)
    window = palette.color(QPalette.ColorRole.Window)
    day = date(2026, 3, 1)
    trend = ReturnTrend([ReturnPoint(day + timedelta(days=i), i + 0.5, 1.0 + i / 2,
                                     ReturnTime((i + 0.5) * DAY)) for i in range(4)])
    bar = GapBar(0, 10)
    bar.set_values(3, 8)
    strip = DayStrip({day: s for day, s in zip(
        [day + timedelta(days=i) for i in range(5)], theme.day_colours(), strict=True)})
    for widget in (trend, bar, strip):
        qtbot.addWidget(widget)
        widget.setPalette(palette)
        widget.setAutoFillBackground(True)
        widget.resize(420, 160 if widget is trend else 30)
    drawn = painted_colours(trend)
    for colour in (theme.back, theme.foreground, theme.grid):
        assert colour in drawn, colour
        assert contrast(QColor(colour), window) >= AA_GRAPHIC
    assert contrast(QColor(theme.foreground), QColor(theme.back)) >= AA_GRAPHIC  # the median
    assert "#9fc3b2" not in drawn and "#2f6b52" not in drawn  # the old fixed greens
    # The gap bar's range, left of both dots, is the rings' grey.
    image = bar.grab().toImage()
    track = image.pixelColor(10, image.height() // 2)
    assert track.name() == theme.grid
    assert contrast(track, window) >= AA_GRAPHIC
    # Every kind of day but one still to come reaches 3:1 on the window.
    drawn = painted_colours(strip)
    for status, colour in theme.day_colours().items():
        if colour != theme.empty:
            assert colour in drawn, status
            assert contrast(QColor(colour), window) >= AA_GRAPHIC, status
