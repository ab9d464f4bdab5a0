"""Render the hicolor PNGs from resources/icons/groundwork.svg with Qt's QSvgRenderer.

Run after changing the SVG (``python packaging/make_icons.py``) and commit the PNGs:
installing must not need Qt's SVG module or a display.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SOURCE = ROOT / "resources" / "icons" / "groundwork.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"


def png_path(size: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from desktop_app.app_id import APP_ID

    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(size: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out = png_path(size)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"cannot write {out}")
    print(out.relative_to(ROOT))


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    for size in SIZES:
        render(size)
    del app


if __name__ == "__main__":
    main()
