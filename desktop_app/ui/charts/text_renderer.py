"""The charts' Agg renderer, which keeps what it learned about text between pictures, and
reads its fonts from memory.

matplotlib's Agg renderer lays every text out with FreeType (measuring it once, and again to
draw it) and renders each of its glyphs anew, on every draw of every picture: a third of a
millisecond per text and a twentieth per glyph, which made the thirty texts of nine small
panels (titles, scales, dates) a fifth of a view's first draw. The layouts, measures and glyph
images depend only on the text, the font, its size and the glyph's fraction of a pixel, so
they are kept (a bounded number of each) and the picture is the same (tested).

A text seen for the first time is still measured and laid out, and two thirds of each went
to reading the font file: matplotlib hands FreeType a Python file object, so every read of a
table or a glyph was a seek and a read system call through Python. Here FreeType reads the
same bytes from memory, through the same read callback, so nothing it computes can change;
measuring or laying out a cold text costs a third of what it did. (Shaping each text once
instead of twice is not exact: ``_layout`` drops the advance of the last glyph, which the
measure's width adds, and ``set_text`` returns no glyphs to draw.)
"""

from __future__ import annotations

import io
import math
import os
import threading
from collections import OrderedDict
from typing import Any

import matplotlib
import numpy as np
from matplotlib import cbook, font_manager
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_agg import get_hinting_flag as _hinting
from matplotlib.font_manager import FontPath
from matplotlib.ft2font import FT2Font, RenderMode

LAYOUTS = 2048
MEASURES = 2048
GLYPHS = 8192
LINE_METRICS = 256
TURNS = 64
# matplotlib keeps 64 fonts (one per list of files and thread), and so do we.
FONTS = 64
# The bytes of the font files in use (a few hundred kB each), shared by every thread's fonts.
FONT_FILES = 16


class _Kept:
    """At most ``size`` entries; the one used longest ago goes first. Pictures are drawn
    on the render thread and, for tests and exports, on others."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get_fresh(self, key: Any) -> Any:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def keep(self, key: Any, value: Any) -> Any:
        with self._lock:
            self._entries[key] = value
            if len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_layouts = _Kept(LAYOUTS)
_measures = _Kept(MEASURES)
_glyphs = _Kept(GLYPHS)
_line_metrics = _Kept(LINE_METRICS)
_turns = _Kept(TURNS)
_fonts = _Kept(FONTS)
_font_files = _Kept(FONT_FILES)
# FreeType objects cannot cross a fork (matplotlib forgets its own then too).
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fonts.clear)


class TextKeepingRenderer(RendererAgg):
    """``RendererAgg`` with its text layouts, measures and glyph images kept, and its fonts
    read from memory."""

    def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        if ismath:
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)  # type: ignore[no-untyped-call]
            return
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        flags = hinting()
        size = prop.get_size_in_points()
        key = (s, prop, self.dpi, flags, _hashable(features), _hashable(language))
        laid_out = _layouts.get_fresh(key)
        if laid_out is None:
            files = font_files(prop)
            fonts = thread_fonts(files)
            font = _ready(fonts[0], size, self.dpi)
            # A glyph is kept by its font's place in the list, not the font: fonts are
            # per thread, and a text laid out on one thread may be drawn on another.
            place = {id(font): n for n, font in enumerate(fonts)}
            laid_out = _layouts.keep(_own(key), (files, [
                (place[id(item.ft_object)], item.glyph_index, item.x, item.y)
                for item in font._layout(s, flags=flags, features=features,
                                         language=language)]))
        files, items = laid_out
        fonts = thread_fonts(files)
        self._draw_text_glyphs_and_boxes(
            gc, x, y, angle,
            ((fonts[n], size, glyph, 0, 1, dx, dy) for n, glyph, dx, dy in items), [])

    def _prepare_font(self, font_prop: Any) -> FT2Font:
        """What matplotlib's does (used by its measure), with this thread's memory fonts."""
        return _ready(thread_fonts(font_files(font_prop))[0],
                      font_prop.get_size_in_points(), self.dpi)

    def _get_font_height_metrics(self, prop: Any) -> tuple[Any, Any, Any]:
        """The ascent, descent and line gap matplotlib's ``Text`` reads from the font's
        tables to space its lines, kept: it reads two tables from the file for every layout
        of every text, warm or cold. The same sums in the same order, with this renderer's
        dpi, which is its figure's (matplotlib's ``Text`` takes the figure's)."""
        key = ("", prop, self.dpi)  # a text's key, without the text
        found = _line_metrics.get_fresh(key)
        if found is None:
            found = _line_metrics.keep(_own(key), _line_metrics_of(
                thread_fonts(font_files(prop))[0], prop.get_size_in_points(), self.dpi))
        return found  # type: ignore[no-any-return]

    def get_text_width_height_descent(self, s: str, prop: Any,
                                      ismath: Any) -> tuple[float, float, float]:
        if ismath:
            measured: tuple[float, float, float] = super().get_text_width_height_descent(
                s, prop, ismath)  # type: ignore[no-untyped-call]
            return measured
        key = (s, prop, self.dpi, hinting())
        found = _measures.get_fresh(key)
        if found is None:
            found = _measures.keep(_own(key), super().get_text_width_height_descent(  # type: ignore[no-untyped-call]
                s, prop, ismath))
        return found  # type: ignore[no-any-return]

    def _draw_text_glyphs_and_boxes(self, gc: Any, x: float, y: float, angle: float,
                                    glyphs: Any, boxes: Any) -> None:
        if boxes or not gc.get_antialiased():
            super()._draw_text_glyphs_and_boxes(gc, x, y, angle, glyphs, boxes)  # type: ignore[no-untyped-call]
            return
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        flags = hinting()
        height = self.height
        for font, size, glyph, slant, extend, dx, dy in glyphs:  # dy is upwards
            # Where FreeType places the glyph, in 64ths of a pixel (as matplotlib does):
            # its image depends only on the fraction; the whole pixels only move it.
            across = round(0x40 * (x + dx * cos - dy * sin))
            up = round(0x40 * (height - y + dx * sin + dy * cos))
            key = (font, size, self.dpi, glyph, slant, extend, angle, flags,
                   across & 0x3F, up & 0x3F)
            image = _glyphs.get_fresh(key)
            if image is None:
                turn = _turns.get_fresh((angle, slant, extend))
                if turn is None:  # the same sum for every glyph of a text: done once
                    turn = _turns.keep((angle, slant, extend), (
                        0x10000 * np.array([[cos, -sin], [sin, cos]])
                        @ [[extend, extend * slant], [0, 1]]).round().astype(int))
                font.set_size(size, self.dpi)
                font._set_transform(turn, [across & 0x3F, up & 0x3F])
                bitmap = font._render_glyph(glyph, flags, RenderMode.NORMAL)
                image = _glyphs.keep(key, (bitmap.buffer.copy(), bitmap.left, bitmap.top))
            buffer, left, top = image
            # draw_text_image's y is downwards and the bitmap's bottom side.
            self._renderer.draw_text_image(
                buffer, left + (across >> 6), int(height) - (top + (up >> 6)) + buffer.shape[0],
                0, gc)


def _line_metrics_of(font: FT2Font, fontsize: float, dpi: float) -> tuple[Any, Any, Any]:
    """What ``Text._get_layout`` computes when the renderer has no such method (matplotlib
    3.11), or Nones, which make it measure "lp" instead, as it does then."""
    possible = [
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ]
    for table_name, linegap_key, ascent_key, descent_key in possible:
        table: Any = font.get_sfnt_table(table_name)  # type: ignore[call-overload]
        if table is None:
            continue
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]  # type: ignore[index]
        scale = 1 / units_per_em * fontsize * dpi / 72
        return (table[ascent_key] * scale, -table[descent_key] * scale,
                table[linegap_key] * scale)
    return None, None, None


def font_files(prop: Any) -> tuple[Any, ...]:
    """The font files (path, face) matplotlib's ``get_font`` uses for ``prop``, in order,
    and the settings that change how it opens them."""
    return (tuple((_realpath(found.path), found.face_index) if isinstance(found, FontPath)
                  else (_realpath(found), 0)
                  for found in font_manager.fontManager._find_fonts_by_props(prop)),
            matplotlib.rcParams["text.kerning_factor"],
            matplotlib.rcParams["font.enable_last_resort"])


def thread_fonts(files: tuple[Any, ...]) -> list[FT2Font]:
    """This thread's font for ``files`` followed by its fallbacks (FreeType's fonts may not
    be shared by threads: matplotlib keeps one per thread as well)."""
    key = (files, threading.get_ident())
    fonts = _fonts.get_fresh(key)
    if fonts is None:
        fonts = _fonts.keep(key, _open(*files))
    return fonts  # type: ignore[no-any-return]


def _open(paths: tuple[tuple[str, int], ...], kerning_factor: Any,
          enable_last_resort: bool) -> list[FT2Font]:
    """matplotlib's ``_get_font``, step by step, with each file given from memory."""
    (first_path, first_index), *rest = paths
    fallbacks = [FT2Font(_in_memory(path), face_index=index, _kerning_factor=kerning_factor)
                 for path, index in rest]
    last_resort = _realpath(cbook._get_data_path("fonts", "ttf", "LastResortHE-Regular.ttf"))
    try:
        last_resort_index = paths.index((last_resort, 0))
    except ValueError:
        last_resort_index = -1
        if enable_last_resort:
            fallbacks.append(FT2Font(_in_memory(last_resort), _kerning_factor=kerning_factor,
                                     _warn_if_used=True))
            last_resort_index = len(fallbacks)
    font = FT2Font(_in_memory(first_path), face_index=first_index, _fallback_list=fallbacks,
                   _kerning_factor=kerning_factor)
    # Last Resort's Unicode character map is empty (as matplotlib says).
    if last_resort_index == 0:
        font.set_charmap(0)
    elif last_resort_index > 0:
        fallbacks[last_resort_index - 1].set_charmap(0)
    return [font, *fallbacks]


def _in_memory(path: str) -> io.BytesIO:
    """The file's bytes, read once: each font reads its own view of them (no copy)."""
    data = _font_files.get_fresh(path)
    if data is None:
        with open(path, "rb") as file:
            data = _font_files.keep(path, file.read())
    return io.BytesIO(data)


def _ready(font: FT2Font, size: float, dpi: float) -> FT2Font:
    """The font as ``get_font`` and ``_prepare_font`` leave it: untransformed, cleared, sized."""
    font._set_transform([[0x10000, 0], [0, 0x10000]], [0, 0])  # type: ignore[attr-defined]
    font.clear()
    font.set_size(size, dpi)
    return font


def _realpath(path: Any) -> str:
    return font_manager._cached_realpath(path)  # type: ignore[attr-defined,no-any-return]


def forget() -> None:
    """Forget every kept layout, measure and glyph (the benchmark's never-shown view); the
    fonts stay open, as matplotlib's do."""
    for kept in (_layouts, _measures, _glyphs, _line_metrics):
        kept.clear()


def hinting() -> Any:
    """matplotlib's hinting flags for text (``text.hinting``, read at each draw as it does)."""
    return _hinting()  # type: ignore[no-untyped-call]


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _own(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """``key`` with its font properties copied: a text's own may be changed later."""
    return (key[0], key[1].copy(), *key[2:])
