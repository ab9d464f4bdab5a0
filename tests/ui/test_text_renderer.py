"""The charts' renderer keeps text layouts, measures and glyph images between pictures, and
reads its fonts from memory, and draws and measures exactly what matplotlib's Agg renderer
does, the first time and every time after, on any thread."""

from __future__ import annotations

import threading
import warnings
from typing import Any

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from desktop_app.ui.charts import text_renderer
from desktop_app.ui.charts.text_renderer import TextKeepingRenderer

# Kerning ("AV", "To"), a ligature ("fi"), accents, symbols; "⌚" is in STIX and not in DejaVu
# (a fallback font draws it), "漢" in neither (matplotlib's Last Resort font draws a box).
WORDS = ["Work", "★ Close relationships (focus)", "0", "5", "10", "Mär", "2026", "Slips",
         "Übergänge", "Body and\nhealth", "A person in the world", "−1,5", "γλώσσα", "",
         "AVATAR To fit", "ﬁ office fl", "ö ☺ ⌚ x", "漢字 Jan"]
FAMILIES = [["DejaVu Sans"], ["DejaVu Serif"], ["DejaVu Sans Mono"],
            ["DejaVu Sans", "STIXGeneral"]]
# Text no font has warns "Glyph … missing from font(s)", here as with matplotlib's renderer.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")


def picture(renderer_class: type[RendererAgg], texts: list[tuple[str, float, float,
            float, float, str]], family: list[str] | None = None) -> np.ndarray:
    figure = Figure(figsize=(3, 2), dpi=100)
    for text, x, y, size, angle, weight in texts:
        figure.text(x, y, text, fontsize=size, rotation=angle, fontweight=weight,
                    color="#203040", family=family)
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
@given(texts, st.sampled_from(FAMILIES))
def test_texts_are_drawn_as_agg_draws_them_cold_and_kept(drawn: list,
                                                         family: list[str]) -> None:
    expected = picture(RendererAgg, drawn, family)
    text_renderer.forget()
    # Nothing kept yet, then all from what is kept.
    assert np.array_equal(picture(TextKeepingRenderer, drawn, family), expected)
    assert np.array_equal(picture(TextKeepingRenderer, drawn, family), expected)


def measure(renderer_class: type[RendererAgg], text: str, prop: FontProperties,
            dpi: float) -> tuple[tuple[float, float, float], list[tuple[str, set[str]]]]:
    """The text's width, height and descent, and the warnings measuring it gave."""
    renderer = renderer_class(100, 100, dpi)  # type: ignore[no-untyped-call]
    with warnings.catch_warnings(record=True) as given_warnings:
        warnings.simplefilter("always")
        measured = renderer.get_text_width_height_descent(text, prop, ismath=False)  # type: ignore[no-untyped-call]
    # "Glyph 8986 (…) missing from font(s) DejaVu Sans, STIXGeneral.": FreeType lists the
    # fonts in the order of their places in memory, which varies.
    said = [str(warning.message).partition(" font(s) ") for warning in given_warnings]
    return measured, [(glyph, set(fonts.rstrip(".").split(", "))) for glyph, _, fonts in said]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("AVTofily gjpqQ0123456789.,-−()★öÜßγλ☺⌚漢 \u0301\u200d"),
               max_size=24),
       st.sampled_from(FAMILIES), st.sampled_from(["normal", "bold"]),
       st.sampled_from(["normal", "italic"]), st.sampled_from([6.5, 7, 8, 9, 12.3, 40]),
       st.sampled_from([72, 96, 100, 144.5]))
def test_texts_are_measured_to_the_float_as_agg_measures_them(
        text: str, family: list[str], weight: str, style: str, size: float,
        dpi: float) -> None:
    prop = FontProperties(family=family, weight=weight, style=style, size=size)
    text_renderer.forget()
    assert measure(TextKeepingRenderer, text, prop, dpi) == measure(RendererAgg, text, prop, dpi)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["Body and\nhealth", "One", "a\nb\nc", "★ Work\n(focus)", "\n", "gjp\nÜ"]),
       st.sampled_from([*FAMILIES, ["cmr10"], ["STIXGeneral"]]),
       st.sampled_from([6.5, 8, 12.3]), st.sampled_from([72, 100, 144.5]),
       st.sampled_from(["normal", 1.2]), st.sampled_from([0.0, 30.0]))
def test_texts_take_the_room_agg_gives_them(text: str, family: list[str], size: float,
                                             dpi: float, spacing: Any, angle: float) -> None:
    """Line heights and gaps come from the font's tables: kept here, read anew by matplotlib."""
    figure = Figure(figsize=(3, 2), dpi=dpi)
    label = figure.text(0.2, 0.3, text, fontsize=size, family=family, rotation=angle,
                        linespacing=spacing)
    text_renderer.forget()
    expected = label.get_window_extent(RendererAgg(300, 200, dpi))  # type: ignore[no-untyped-call]
    for _ in range(2):  # nothing kept, then kept
        kept = label.get_window_extent(TextKeepingRenderer(300, 200, dpi))  # type: ignore[no-untyped-call]
        assert kept.bounds == expected.bounds


def test_without_the_last_resort_font_a_missing_glyph_is_measured_and_drawn_as_agg_does() -> None:
    """Then the glyph is missing from every font: matplotlib's measure skips it, its layout
    does not (both are kept as they are)."""
    drawn = [("a漢b ⌚ AV", 0.1, 0.5, 9, 0.0, "normal"), ("漢", 0.4, 0.2, 12.3, 30.0, "bold")]
    prop = FontProperties(size=9)
    with matplotlib.rc_context({"font.enable_last_resort": False}):
        text_renderer.forget()
        expected = picture(RendererAgg, drawn)
        assert np.array_equal(picture(TextKeepingRenderer, drawn), expected)
        assert np.array_equal(picture(TextKeepingRenderer, drawn), expected)
        assert measure(TextKeepingRenderer, "a漢b", prop, 100) == measure(RendererAgg, "a漢b",
                                                                         prop, 100)
    text_renderer.forget()


def test_fonts_are_per_thread_and_a_text_laid_out_on_one_thread_draws_on_another() -> None:
    drawn = [("★ Work (focus)", 0.1, 0.5, 8, 0.0, "bold"), ("ö ☺ ⌚ 漢 AV", 0.1, 0.2, 9, 30.0,
                                                            "normal")]
    expected = picture(RendererAgg, drawn)
    text_renderer.forget()
    assert np.array_equal(picture(TextKeepingRenderer, drawn), expected)  # laid out here
    elsewhere: dict[str, Any] = {}

    def draw_elsewhere() -> None:
        elsewhere["picture"] = picture(TextKeepingRenderer, drawn)
        elsewhere["fonts"] = text_renderer.thread_fonts(
            text_renderer.font_files(FontProperties(weight="bold")))

    thread = threading.Thread(target=draw_elsewhere)
    thread.start()
    thread.join()
    assert np.array_equal(elsewhere["picture"], expected)  # from the layouts kept here
    here = text_renderer.thread_fonts(text_renderer.font_files(FontProperties(weight="bold")))
    assert here == text_renderer.thread_fonts(
        text_renderer.font_files(FontProperties(weight="bold")))  # kept for this thread
    assert not {id(font) for font in here} & {id(font) for font in elsewhere["fonts"]}


def test_fonts_and_font_files_kept_are_bounded() -> None:
    threads = text_renderer.FONTS + 3
    # All alive at once, so that no thread is given the number of one that has ended.
    all_drawn = threading.Barrier(threads)

    def draw() -> None:
        picture(TextKeepingRenderer, [("Work", 0.1, 0.5, 8, 0.0, "normal")])
        all_drawn.wait(timeout=60)

    drawing = [threading.Thread(target=draw) for _ in range(threads)]
    for thread in drawing:
        thread.start()
    for thread in drawing:
        thread.join()
    assert len(text_renderer._fonts) == text_renderer.FONTS  # each thread opened its own
    families = ["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "STIXGeneral", "cmr10"]
    for family in families:
        for weight in ("normal", "bold"):
            for style in ("normal", "italic"):
                picture(TextKeepingRenderer, [("Work", 0.1, 0.5, 8, 0.0, weight)], [family])
                measure(TextKeepingRenderer, "Work",
                        FontProperties(family=family, weight=weight, style=style), 100)
    assert len(text_renderer._font_files) == text_renderer.FONT_FILES


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
