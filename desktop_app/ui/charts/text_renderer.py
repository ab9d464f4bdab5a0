"""The charts' Agg renderer, which keeps what it learned about text between pictures.

matplotlib's Agg renderer lays every text out with FreeType (measuring it once, and again to
draw it) and renders each of its glyphs anew, on every draw of every picture: a third of a
millisecond per text and a twentieth per glyph, which made the thirty texts of nine small
panels (titles, scales, dates) a fifth of a view's first draw. The layouts, measures and glyph
images depend only on the text, the font, its size and the glyph's fraction of a pixel, so
they are kept (a bounded number of each) and the picture is the same (tested).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_agg import get_hinting_flag as _hinting
from matplotlib.ft2font import RenderMode

LAYOUTS = 2048
MEASURES = 2048
GLYPHS = 8192


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


class TextKeepingRenderer(RendererAgg):
    """``RendererAgg`` with its text layouts, measures and glyph images kept."""

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
        items = _layouts.get_fresh(key)
        if items is None:
            font = self._prepare_font(prop)  # type: ignore[no-untyped-call]
            laid = font._layout(s, flags=flags, features=features, language=language)
            items = _layouts.keep(_own(key), [(i.ft_object, i.glyph_index, i.x, i.y)
                                              for i in laid])
        self._draw_text_glyphs_and_boxes(
            gc, x, y, angle,
            ((ft_object, size, glyph, 0, 1, dx, dy) for ft_object, glyph, dx, dy in items),
            [])

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
                font.set_size(size, self.dpi)
                font._set_transform(
                    (0x10000 * np.array([[cos, -sin], [sin, cos]])
                     @ [[extend, extend * slant], [0, 1]]).round().astype(int),
                    [across & 0x3F, up & 0x3F])
                bitmap = font._render_glyph(glyph, flags, RenderMode.NORMAL)
                image = _glyphs.keep(key, (bitmap.buffer.copy(), bitmap.left, bitmap.top))
            buffer, left, top = image
            # draw_text_image's y is downwards and the bitmap's bottom side.
            self._renderer.draw_text_image(
                buffer, left + (across >> 6), int(height) - (top + (up >> 6)) + buffer.shape[0],
                0, gc)


def forget() -> None:
    """Forget every kept layout, measure and glyph (the benchmark's never-shown view)."""
    for kept in (_layouts, _measures, _glyphs):
        kept.clear()


def hinting() -> Any:
    """matplotlib's hinting flags for text (``text.hinting``, read at each draw as it does)."""
    return _hinting()  # type: ignore[no-untyped-call]


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _own(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """``key`` with its font properties copied: a text's own may be changed later."""
    return (key[0], key[1].copy(), *key[2:])
