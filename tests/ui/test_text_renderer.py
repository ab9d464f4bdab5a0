"""The charts' renderer keeps text layouts, measures and glyph images between pictures, and
draws exactly what matplotlib's Agg renderer draws, the first time and every time after."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure

from desktop_app.ui.charts import text_renderer
from desktop_app.ui.charts.text_renderer import TextKeepingRenderer

WORDS = ["Work", "★ Close relationships (focus)", "0", "5", "10", "Mär", "2026", "Slips",
         "Übergänge", "Body and\nhealth", "A person in the world", "−1,5", "γλώσσα", ""]


def picture(renderer_class: type[RendererAgg], texts: list[tuple[str, float, float,
            float, float, str]]) -> np.ndarray:
    figure = Figure(figsize=(3, 2), dpi=100)
    for text, x, y, size, angle, weight in texts:
        figure.text(x, y, text, fontsize=size, rotation=angle, fontweight=weight,
                    color="#203040")
    width, height = figure.bbox.size
    renderer = renderer_class(int(width), int(height), figure.dpi)  # type: ignore[no-untyped-call]
    figure.draw(renderer)
    return np.asarray(renderer.buffer_rgba()).copy()  # type: ignore[no-untyped-call]


texts = st.lists(st.tuples(
    st.sampled_from(WORDS),
    st.floats(-0.1, 0.9), st.floats(0.0, 1.0),  # where, in the figure (partly outside too)
    st.sampled_from([6.5, 7, 8, 12.3]),
    st.sampled_from([0.0, 90.0, 30.0]),
    st.sampled_from(["normal", "bold"]),
), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(texts)
def test_texts_are_drawn_as_agg_draws_them_cold_and_kept(drawn: list) -> None:
    expected = picture(RendererAgg, drawn)
    text_renderer.forget()
    assert np.array_equal(picture(TextKeepingRenderer, drawn), expected)  # nothing kept yet
    assert np.array_equal(picture(TextKeepingRenderer, drawn), expected)  # all from what is kept


def test_what_is_kept_is_bounded() -> None:
    kept = text_renderer._Kept(3)
    for key in range(5):
        kept.keep(key, str(key))
    assert len(kept) == 3 and kept.get_fresh(0) is None
    kept.get_fresh(2)  # used: kept over 3, the oldest now
    kept.keep(5, "5")
    assert kept.get_fresh(2) == "2" and kept.get_fresh(3) is None


def test_a_text_whose_font_changes_later_is_laid_out_anew() -> None:
    figure = Figure(figsize=(3, 2), dpi=100)
    label = figure.text(0.1, 0.5, "Work", fontsize=8)
    renderer = TextKeepingRenderer(300, 200, 100)  # type: ignore[no-untyped-call]
    figure.draw(renderer)
    label.set_fontsize(14)  # the same FontProperties object, changed
    renderer = TextKeepingRenderer(300, 200, 100)  # type: ignore[no-untyped-call]
    figure.draw(renderer)
    plain = RendererAgg(300, 200, 100)  # type: ignore[no-untyped-call]
    figure.draw(plain)
    assert np.array_equal(np.asarray(renderer.buffer_rgba()), np.asarray(plain.buffer_rgba()))
