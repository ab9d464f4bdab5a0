"""Text colours that stay readable (WCAG AA, 4.5:1) on the light or dark palette in use.

Qt's default placeholder grey is #808080 on #EFEFEF (3.4:1); Groundwork uses it for help
text, captions and "Practising:" lines, so it is darkened (or lightened, on a dark palette)
just enough. Error text gets a red that reads on either. Check boxes and radio buttons get
an outline that reads at 3:1 (Fusion draws it from the window colour, ~1.2:1 on a dark one).
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QColor, QGuiApplication, QPalette

AA_TEXT = 4.5
AA_GRAPHIC = 3.0  # WCAG 1.4.11: lines, marks, bars and large text
ERROR_ON_LIGHT = "#b3261e"
ERROR_ON_DARK = "#ffb4ab"
ROLES_UNDER_TEXT = (QPalette.ColorRole.Window, QPalette.ColorRole.Base,
                    QPalette.ColorRole.AlternateBase)
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(one: QColor, other: QColor) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def _mix(start: QColor, end: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        start.redF() + (end.redF() - start.redF()) * share,
        start.greenF() + (end.greenF() - start.greenF()) * share,
        start.blueF() + (end.blueF() - start.blueF()) * share,
    )


def readable_on(colour: QColor, toward: QColor, backgrounds: list[QColor],
                ratio: float = AA_TEXT) -> QColor:
    """``colour`` moved toward ``toward`` just until it reaches ``ratio`` on every background."""
    for step in range(41):
        candidate = _mix(colour, toward, step / 40)
        if all(contrast(candidate, b) >= ratio for b in backgrounds):
            return candidate
    return QColor(toward)


def flattened(colour: QColor, background: QColor) -> QColor:
    """The opaque colour ``colour`` shows as over ``background``.

    Qt's default placeholder text is the text colour at half opacity.
    """
    return _mix(background, QColor(colour.red(), colour.green(), colour.blue()),
                colour.alphaF())


def readable_palette(palette: QPalette) -> QPalette:
    """``palette`` with a placeholder-text colour that passes AA on every background it meets."""
    # A copy, not QPalette(palette): choosing among its constructors loads every enum of
    # Qt's namespace (tens of milliseconds before the first window).
    fixed = copy.copy(palette)
    for group in GROUPS:
        backgrounds = [palette.color(group, role) for role in ROLES_UNDER_TEXT]
        text = palette.color(group, QPalette.ColorRole.WindowText)
        muted = flattened(palette.color(group, QPalette.ColorRole.PlaceholderText),
                          palette.color(group, QPalette.ColorRole.Window))
        fixed.setColor(group, QPalette.ColorRole.PlaceholderText,
                       readable_on(muted, text, backgrounds))
    return fixed


def error_colour(palette: QPalette) -> QColor:
    """A red for error text that passes AA on ``palette``'s window and base."""
    backgrounds = [palette.color(role) for role in ROLES_UNDER_TEXT]
    red = QColor(ERROR_ON_DARK if is_dark(palette) else ERROR_ON_LIGHT)
    return readable_on(red, palette.color(QPalette.ColorRole.WindowText), backgrounds)


# Fusion draws a check box's or radio button's outline as the window colour darkened by 140 %.
OUTLINE_DARKER = 140
# A radio button's ring is a thin anti-aliased circle: its strongest pixels fall short of the
# pen's colour, so the pen aims higher than the 3:1 the ring must reach on screen.
RING_AIM = 3.6
INDICATOR_CLASSES = ("QCheckBox", "QRadioButton")


def indicator_palette(palette: QPalette) -> QPalette:
    """``palette`` for check boxes and radio buttons: a window colour whose outline shade
    reaches 3:1 against the real window (the buttons paint no window of their own)."""
    fixed = copy.copy(palette)
    for group in GROUPS:
        window = palette.color(group, QPalette.ColorRole.Window)
        toward = QColor("#ffffff") if is_dark(palette) else QColor("#000000")
        for step in range(11):
            candidate = _mix(window, toward, step / 10)
            outline = candidate.darker(OUTLINE_DARKER)
            # A check box's ring is that shade lightened by 10 %; a radio button's is the shade.
            if min(contrast(outline, window), contrast(outline.lighter(110), window)) >= RING_AIM:
                fixed.setColor(group, QPalette.ColorRole.Window, candidate)
                break
    return fixed


def fit_indicators(palette: QPalette) -> None:
    """Give check boxes and radio buttons :func:`indicator_palette` (Fusion only: other
    styles draw their outlines their own way)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication) and app.style().name() == "fusion":
        for name in INDICATOR_CLASSES:
            # The stubs say bytes; PySide takes only str here.
            QApplication.setPalette(indicator_palette(palette), name)  # type: ignore[arg-type]


FITTED = "groundworkReadablePalette"


def make_text_readable(*, indicators: bool = True) -> None:
    """Fit the application's palette now, and again whenever the system's colours change.

    ``indicators=False``: the caller fits the check boxes' palette itself, later
    (:func:`fit_application_indicators`; asking for the style costs ~6 ms at start)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    if app.property(FITTED):
        QGuiApplication.setPalette(QPalette())  # back to the system's own, then fit that
    else:
        app.setProperty(FITTED, True)
        app.styleHints().colorSchemeChanged.connect(_refit)
    palette = QGuiApplication.palette()
    fixed = readable_palette(palette)
    if fixed != palette:  # setting it re-polishes every widget: only when it differs
        QGuiApplication.setPalette(fixed)
    if indicators:
        fit_indicators(fixed)


def _refit() -> None:
    # Not make_text_readable itself: the signal's colour scheme would land in ``indicators``.
    make_text_readable()


def fit_application_indicators() -> None:
    """:func:`fit_indicators` for the application's (fitted) palette."""
    fit_indicators(QGuiApplication.palette())
