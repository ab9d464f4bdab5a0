"""A score panel's bands drawn as one artist give the picture of one ``axhspan`` per band;
on Over time, a score with bands shows them shaded every other one."""

from __future__ import annotations

from itertools import pairwise
from types import SimpleNamespace
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from desktop_app.domain.progress_time import BandSpan
from desktop_app.ui.charts.light_axes import LightAxes
from desktop_app.ui.charts.over_time_panels import BANDS_GID, shade_bands
from tests.ui.test_chart_readability import over_time
from tests.ui.test_chart_readability import progress as progress

THEME: Any = SimpleNamespace(background="#f0f0f0", band="#dddddd")  # what the bands use


def picture(edges: list[float], ours: bool, height: float, dpi: int) -> np.ndarray:
    figure = Figure(figsize=(4, height), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(axes_class=LightAxes)
    axes.set_facecolor(THEME.background)
    bands = [BandSpan(low, high, "") for low, high in pairwise(edges)]
    if ours:
        shade_bands(axes, bands, THEME)
    else:
        for index, band in enumerate(bands):
            axes.axhspan(band.low, band.high, color=THEME.band if index % 2 == 0 else
                         THEME.background, zorder=0, linewidth=0)
    axes.set_ylim(edges[0] - 0.7, edges[-1] + 0.3)
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba()).copy()  # type: ignore[attr-defined]


@settings(max_examples=40, deadline=None)
@given(start=st.floats(-30, 30), steps=st.lists(st.floats(0.05, 12), min_size=1, max_size=6),
       height=st.floats(1, 5), dpi=st.sampled_from([72, 100, 144]))
def test_the_bands_are_those_axhspan_draws(
    start: float, steps: list[float], height: float, dpi: int
) -> None:
    edges = [start]
    for step in steps:
        edges.append(edges[-1] + step)
    assert np.array_equal(picture(edges, True, height, dpi), picture(edges, False, height, dpi))


def test_a_score_with_bands_shows_them_shaded_every_other_one(qtbot, progress) -> None:
    _startup, screen, panel = progress
    chart = over_time(qtbot, screen, panel, "three-responsibilities", "scales")
    theme = chart.theme
    banded = [s for s in chart.data.scales if s.points and s.bands]
    assert banded
    for axes, scale in zip(chart.panels, [s for s in chart.data.scales if s.points],
                           strict=False):
        shaded = [c for c in axes.collections if c.get_gid() == BANDS_GID]
        if not scale.bands:
            assert not shaded
            continue
        (bands,) = shaded
        heights = [(p.vertices[:, 1].min(), p.vertices[:, 1].max()) for p in bands.get_paths()]
        assert heights == [(b.low, b.high) for b in scale.bands]
        colours = [to_hex(c) for c in bands.get_facecolors()]
        assert colours == [theme.band if i % 2 == 0 else theme.background
                           for i in range(len(scale.bands))]
        names = {t.get_text().replace("\n", " ") for t in axes.texts}
        assert {b.label for b in scale.bands} <= names
