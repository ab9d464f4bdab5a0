"""Screenshots of an X display, taken with this venv's Qt, and the colour a chart leaves.

The app's widgets are greys; matplotlib's charts are drawn in the palette's colours. Counting
the clearly coloured pixels right of the navigation list tells a drawn chart from an empty
or failed Progress screen, without any help from the app.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Run in a child with the xcb platform: this test process runs Qt offscreen.
GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
if not app.primaryScreen().grabWindow(0).save(sys.argv[1], "PNG"):
    sys.exit("could not save the screenshot")
"""
# Left of this the navigation list (its selected entry is blue) and the window's edge.
CONTENT_LEFT = 200
# A channel spread above this is a colour, not a grey or anti-aliased text.
SATURATION = 60


def grab(env: dict[str, str], out: Path) -> None:
    """The whole screen of ``env``'s DISPLAY, as a PNG file."""
    subprocess.run(
        [sys.executable, "-c", GRAB, str(out)],
        env={**env, "QT_QPA_PLATFORM": "xcb"}, check=True, capture_output=True, timeout=60,
    )


def chart_pixels(png: Path) -> int:
    """How many clearly coloured pixels the screenshot has right of the navigation."""
    import numpy as np
    from PySide6.QtGui import QImage

    image = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB888)
    assert not image.isNull(), png
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, : image.width() * 3]
    rgb = pixels.reshape(image.height(), image.width(), 3)[:, CONTENT_LEFT:].astype(np.int16)
    spread = rgb.max(axis=2) - rgb.min(axis=2)
    return int((spread > SATURATION).sum())
