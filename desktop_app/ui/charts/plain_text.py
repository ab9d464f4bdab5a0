"""Chart text is drawn as written.

matplotlib reads the text between two dollar signs as mathematics (mathtext) unless told
not to, and a template may name an area or a scale "Save $5 or $10" (drawn in math italics)
or "a $\\frac$ b" (the render failed, and the chart kept its old picture). Every module that
draws chart text imports this one first (``base`` for the Progress charts, ``report.charts``
for the report), so no Text is made before the setting holds.
"""

from __future__ import annotations

import matplotlib

matplotlib.rcParams["text.parse_math"] = False
