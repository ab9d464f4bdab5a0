"""Chart colours: the Okabe–Ito colour-blind-safe set, fitted to the light or dark palette.

Every mark is moved toward the text colour just until it reaches WCAG AA against the window
(3:1 for lines, marks, bars and rings; 4.5:1 for text): Okabe–Ito's orange, sky blue and
yellow are under 2:1 on a light window. No matplotlib here: colours are plain hex strings,
so the palette can be worked out before matplotlib is imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from desktop_app.domain.consistency import DayStatus
from desktop_app.ui.readable_palette import AA_GRAPHIC, AA_TEXT, readable_on

# Okabe & Ito (2008). Black is left out: it is the text colour in light mode and invisible
# in dark mode. Yellow comes last because it is faint on white.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
# Brighter blue first on dark backgrounds, where #0072B2 is too dim to read.
OKABE_ITO_DARK = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442")
LINE_STYLES = ("-", "-", "-", "-", "-", "-", "-", "--", "--")
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "h", "*")


@dataclass(frozen=True)
class ChartTheme:
    """Every colour a chart uses, by role."""

    dark: bool
    background: str
    foreground: str
    muted: str
    grid: str
    series: tuple[str, ...]
    now: str
    ideal: str
    earlier: str
    focus: str
    other: str
    slip: str
    back: str
    win: str
    band: str
    done: str
    missed: str
    paused: str
    not_due: str
    empty: str

    def day_colours(self) -> dict[DayStatus, str]:
        """One colour per kind of day, for the Progress calendar and the Journal's strips."""
        return {
            DayStatus.DONE: self.done,
            DayStatus.MISSED: self.missed,
            DayStatus.PAUSED: self.paused,
            DayStatus.NOT_DUE: self.not_due,
            DayStatus.FUTURE: self.empty,
        }

    def series_color(self, index: int) -> str:
        return self.series[index % len(self.series)]

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartTheme:
        """Colours that sit well on ``palette``'s window colour (light or dark)."""
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        dark = window.lightnessF() < 0.5

        band = QColor(_mix(text, window, 0.93))

        def fit(colour: str, ratio: float = AA_GRAPHIC) -> str:
            # On the window and on the shaded bands of a score's ranges alike.
            return readable_on(QColor(colour), text, [window, band], ratio).name()

        series = tuple(fit(c) for c in (OKABE_ITO_DARK if dark else OKABE_ITO))
        # Faint fills (bands, days still to come) only sit behind marks and text: it is
        # the marks and the text on them that must read.
        return cls(
            dark=dark,
            background=window.name(),
            foreground=text.name(),
            muted=fit(_mix(text, window, 0.45), AA_TEXT),
            # The wheel's rings and the axes' grid are read as a scale: 3:1 as well.
            grid=fit(_mix(text, window, 0.82)),
            series=series,
            now=series[0],
            ideal=series[1],
            earlier=series[3],
            focus=series[1],
            other=series[0],
            slip=fit("#D55E00"),
            back=fit("#009E73"),
            # Not sky blue on light: darkened to 3:1 it comes too close to "now"'s blue.
            win=series[3] if not dark else fit("#F0E442"),
            band=band.name(),
            done=series[0],
            missed=fit("#E69F00"),
            paused=series[3],
            not_due=fit(_mix(text, window, 0.85)),
            empty=_mix(text, window, 0.95),
        )


def _mix(a: QColor, b: QColor, amount_of_b: float) -> str:
    """A colour ``amount_of_b`` of the way from ``a`` to ``b``."""
    mixed = QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount_of_b,
        a.greenF() + (b.greenF() - a.greenF()) * amount_of_b,
        a.blueF() + (b.blueF() - a.blueF()) * amount_of_b,
    )
    return mixed.name()
