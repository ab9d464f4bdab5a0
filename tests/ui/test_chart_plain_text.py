"""Chart text is drawn as written: dollar signs in a template's names are not mathematics."""

from __future__ import annotations

from datetime import date

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

NAMES = ["a $\\frac$ b", "Save $5 or $10", "Money ($)"]


def test_a_progress_chart_draws_dollar_signs_as_written() -> None:
    import desktop_app.ui.charts.base  # noqa: F401  (the Progress charts' first import)

    for name in NAMES:
        figure = Figure(figsize=(3, 1), dpi=100)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.set_title(name)
        figure.canvas.draw()  # "a $\frac$ b" raised ValueError from the mathtext parser
        plain = Figure(figsize=(3, 1), dpi=100)
        FigureCanvasAgg(plain)
        plain.add_subplot().set_title(name, parse_math=False)
        plain.canvas.draw()
        assert np.array_equal(np.asarray(figure.canvas.buffer_rgba()),
                              np.asarray(plain.canvas.buffer_rgba()))


def test_the_report_draws_an_area_named_with_dollars() -> None:
    from desktop_app.services.report_parts import GapLine, Gaps
    from desktop_app.ui.report.charts import gaps_svg

    lines = tuple(GapLine(name, (5.0, 8.0), (6.0, 8.0)) for name in NAMES)
    svg = gaps_svg(Gaps(date(2026, 1, 1), date(2026, 6, 1), lines)).decode()
    assert "Save $5 or $10" in svg and "frac" in svg
