"""Text contrast: help text, captions and errors reach WCAG AA (4.5:1) in light and dark."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.readable_palette import (
    AA_GRAPHIC,
    AA_TEXT,
    INDICATOR_CLASSES,
    ROLES_UNDER_TEXT,
    contrast,
    error_colour,
    fit_indicators,
    readable_on,
    readable_palette,
)
from desktop_app.ui.widgets import ErrorLabel

Role = QPalette.ColorRole


def dark_palette() -> QPalette:
    """What a dark desktop theme hands Qt (GNOME's Adwaita-dark, roughly)."""
    palette = QPalette()
    for role, colour in ((Role.Window, "#353535"), (Role.Base, "#2a2a2a"),
                         (Role.AlternateBase, "#303030"), (Role.WindowText, "#ffffff"),
                         (Role.Text, "#ffffff"), (Role.PlaceholderText, "#808080")):
        palette.setColor(role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    """Qt's own light default: the grey #808080 on #EFEFEF measured at 3.4:1."""
    palette = QPalette()
    for role, colour in ((Role.Window, "#efefef"), (Role.Base, "#ffffff"),
                         (Role.AlternateBase, "#f7f7f7"), (Role.WindowText, "#000000"),
                         (Role.Text, "#000000"), (Role.PlaceholderText, "#808080")):
        palette.setColor(role, QColor(colour))
    return palette


def qt_default_light() -> QPalette:
    """Qt's Fusion light palette: placeholder text is black at half opacity."""
    palette = light_palette()
    palette.setColor(Role.PlaceholderText, QColor(0, 0, 0, 128))
    return palette


def test_the_measured_faults_are_real() -> None:
    assert contrast(QColor("#808080"), QColor("#efefef")) == pytest.approx(3.45, abs=0.05)
    assert contrast(QColor("#b3261e"), QColor("#353535")) < AA_TEXT  # the error red on dark
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)


@pytest.mark.parametrize("palette", [light_palette(), qt_default_light(), dark_palette()],
                         ids=["light", "half-opaque", "dark"])
def test_muted_and_error_text_pass_aa(palette: QPalette) -> None:
    fixed = readable_palette(palette)
    muted = fixed.color(Role.PlaceholderText)
    assert muted.alpha() == 255
    red = error_colour(palette)
    for role in ROLES_UNDER_TEXT:
        assert contrast(muted, fixed.color(role)) >= AA_TEXT, role
        assert contrast(red, palette.color(role)) >= AA_TEXT, role
    # Still quieter than the main text: it is muted, not black.
    assert contrast(muted, fixed.color(Role.Window)) < contrast(
        fixed.color(Role.WindowText), fixed.color(Role.Window))


colours = st.builds(QColor.fromRgb, st.integers(0, 255), st.integers(0, 255),
                    st.integers(0, 255))


@given(start=colours, background=colours)
def test_a_colour_is_moved_until_it_reads(start: QColor, background: QColor) -> None:
    # Toward black or white, whichever reads better: the ends always reach 4.5:1.
    black, white = QColor("#000000"), QColor("#ffffff")
    toward = black if contrast(black, background) > contrast(white, background) else white
    result = readable_on(start, toward, [background])
    assert contrast(result, background) >= AA_TEXT


def test_the_live_palette_of_the_app_passes(start_app) -> None:
    start_app("--profile", "Sam")
    palette = QGuiApplication.palette()
    muted = palette.color(Role.PlaceholderText)
    assert muted.alpha() == 255  # measured as drawn
    for role in ROLES_UNDER_TEXT:
        assert contrast(muted, palette.color(role)) >= AA_TEXT, role


def test_an_error_label_follows_a_switch_to_dark(start_app, qtbot) -> None:
    start_app("--profile", "Sam")
    label = ErrorLabel()
    qtbot.addWidget(label)
    light = QGuiApplication.palette()
    try:
        QGuiApplication.setPalette(readable_palette(dark_palette()))
        label.show_error("Write a few words first.")
        qtbot.waitUntil(lambda: "#b3261e" not in label.styleSheet())
        shown = QColor(label.styleSheet().split("color: ")[1].split(";")[0])
        assert contrast(shown, QColor("#353535")) >= AA_TEXT
    finally:
        QGuiApplication.setPalette(light)
    qtbot.waitUntil(lambda: "#b3261e" in label.styleSheet())
    assert isinstance(label, QLabel)




def ring_contrast(holder: QWidget, button: QWidget) -> float:
    """The strongest contrast against the window among the pixels of ``button``'s
    indicator (its ring, the box inside is the field colour), as drawn in ``holder``."""
    picture = holder.grab().toImage()
    window = holder.palette().color(Role.Window)
    size = button.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    at = button.geometry()
    return max(contrast(picture.pixelColor(at.x() + x, at.y() + y), window)
               for x in range(size + 2) for y in range(at.height()))



@pytest.mark.parametrize("make", [light_palette, dark_palette], ids=["light", "dark"])
def test_check_box_and_radio_outlines_read_at_3_to_1(qtbot, make) -> None:
    before = QGuiApplication.palette()

    def drawn() -> list[float]:
        holder = QWidget()  # made after the palette: it starts with the application's
        qtbot.addWidget(holder)
        layout = QVBoxLayout(holder)
        made = [QCheckBox("Keep it"), QRadioButton("This one")]
        for button in made:
            layout.addWidget(button)
        layout.activate()
        return [ring_contrast(holder, button) for button in made]

    try:
        QGuiApplication.setPalette(make())
        for name in INDICATOR_CLASSES:  # Fusion's own outline: the fault is real
            QApplication.setPalette(make(), name)
        assert min(drawn()) < AA_GRAPHIC
        fit_indicators(QGuiApplication.palette())
        assert min(drawn()) >= AA_GRAPHIC
    finally:
        QGuiApplication.setPalette(before)
        fit_indicators(before)
