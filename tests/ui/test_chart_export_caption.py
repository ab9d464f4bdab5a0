"""Exported charts carry a title, the period shown and, only when asked, the profile's name.

Driven from the Export button on the Demo profile: the options step, then the file dialog
(patched to return a path in tmp_path). SVG files are parsed; for PNG the figure's texts are
read at the moment it is saved.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from matplotlib.figure import Figure
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox, QPushButton

from tests.conftest import when_modal
from tests.ui.privacy_helpers import kdf as kdf  # the fixture, used by name
from tests.ui.privacy_helpers import pressing, protect_now, when_dialog

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def progress(qtbot, start_app) -> Any:
    startup = start_app("--demo")
    startup.window.resize(1100, 780)
    startup.window.show_screen("progress")
    screen = startup.window.screens["progress"]
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    return startup, screen, screen.panel


def svg_texts(path: Path) -> dict[str, str]:
    """Each captioned text of the SVG by its id, read as an SVG viewer would."""
    root = ET.parse(path).getroot()
    found: dict[str, str] = {}
    for group in root.iter(f"{SVG}g"):
        gid = group.get("id", "")
        if gid.startswith("chart-"):
            found[gid] = "".join("".join(t.itertext()) for t in group.iter(f"{SVG}text"))
    return found


def export_through_menu(
    qtbot, chart: Any, fmt: str, target: Path, monkeypatch, tick_name: bool
) -> list[str]:
    """Export with the options step and file dialog answered; returns what the step showed."""
    shown: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "")
    )

    def answer(dialog: Any) -> None:
        box = dialog.findChild(QCheckBox, "includeProfileName")
        shown.extend([dialog.summary.text(), box.text(), str(box.isChecked())])
        if tick_name:
            box.click()
        dialog.findChild(QPushButton, "exportContinue").click()

    when_modal(answer)
    with qtbot.waitSignal(chart.message, timeout=10000):
        chart.ask_export(fmt)
    return shown


def test_svg_carries_title_and_period_and_no_name_by_default(
    qtbot, progress, tmp_path: Path, monkeypatch
) -> None:
    _startup, _screen, panel = progress
    chart = panel.wheel
    shown = export_through_menu(
        qtbot, chart, "svg", tmp_path / "wheel.svg", monkeypatch, tick_name=False
    )
    # The default preset is "the last year", ending on the test clock's day.
    assert "14 Mar 2025 – 14 Mar 2026" in shown[0]
    assert shown[1] == "Add my profile name (“Demo”) to the picture"
    assert shown[2] == "False"  # off until the person ticks it
    texts = svg_texts(tmp_path / "wheel.svg")
    assert texts == {
        "chart-title": "Wheel: where I am and where I want to be",
        "chart-period": "14 Mar 2025 – 14 Mar 2026",
    }
    raw = (tmp_path / "wheel.svg").read_text(encoding="utf-8")
    assert "Demo" not in raw  # not in a text, not in the metadata either
    # The chart on screen is as it was: the caption was only there while saving.
    assert chart.figure.texts == []


def test_svg_has_the_name_when_ticked_and_follows_the_period(
    qtbot, progress, tmp_path: Path, monkeypatch
) -> None:
    _startup, screen, panel = progress
    screen.range_filter.choose(4)  # all time: from the first day with data
    panel.setCurrentWidget(panel.consistency)
    qtbot.waitUntil(lambda: not panel.consistency.is_empty)
    first = panel.service.first_day()
    export_through_menu(
        qtbot, panel.consistency, "svg", tmp_path / "days.svg", monkeypatch, tick_name=True
    )
    texts = svg_texts(tmp_path / "days.svg")
    assert texts["chart-title"] == "Consistency: check-ins"
    assert texts["chart-period"] == f"{first.day} {first:%b} {first.year} – 14 Mar 2026"
    assert texts["chart-profile"] == "Demo"


def test_png_texts_at_save_time(qtbot, progress, tmp_path: Path, monkeypatch) -> None:
    _startup, _screen, panel = progress
    panel.setCurrentWidget(panel.over_time)
    qtbot.waitUntil(lambda: not panel.over_time.is_empty)
    chart = panel.over_time
    seen: list[dict[str, str]] = []
    real_savefig = Figure.savefig

    def spy(figure: Figure, *args: Any, **kwargs: Any) -> None:
        seen.append({t.get_gid(): t.get_text() for t in figure.texts if t.get_gid()})
        real_savefig(figure, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", spy)
    for tick in (True, False):
        export_through_menu(
            qtbot, chart, "png", tmp_path / f"over-{tick}", monkeypatch, tick_name=tick
        )
    title = f"{chart.template.currentText()}: {chart.part.currentText()}"
    assert seen[0] == {
        "chart-title": title, "chart-period": "14 Mar 2025 – 14 Mar 2026",
        "chart-profile": "Demo",
    }
    assert seen[1] == {"chart-title": title, "chart-period": "14 Mar 2025 – 14 Mar 2026"}
    # The suffix is added when the name has none, and the file is a real PNG.
    assert (tmp_path / "over-True.png").read_bytes()[:4] == b"\x89PNG"
    assert chart.figure.texts == []


def test_cancelling_the_options_step_writes_nothing(
    qtbot, progress, tmp_path: Path, monkeypatch
) -> None:
    _startup, _screen, panel = progress
    asked: list[bool] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: asked.append(True) or ("", "")
    )
    closed: list[bool] = []

    def cancel(dialog: Any) -> None:
        dialog.reject()
        closed.append(True)

    when_modal(cancel)
    panel.gaps.ask_export("svg")
    assert closed == [True] and asked == [] and not list(tmp_path.glob("*.svg"))


def test_a_protected_profiles_chart_warns_before_it_is_written_plain(
    qtbot, progress, kdf, tmp_path: Path, monkeypatch
) -> None:
    startup, _screen, panel = progress
    protect_now(startup)
    target = tmp_path / "wheel.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    said: list[str] = []


    def go_on(dialog: Any) -> None:
        dialog.findChild(QPushButton, "exportContinue").click()

    when_modal(go_on)
    when_dialog(QMessageBox, pressing("Cancel", said))
    panel.wheel.ask_export("svg")
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert str(target) in said[0] and not target.exists()

    when_modal(go_on)
    when_dialog(QMessageBox, pressing("Save the plain chart", said))
    with qtbot.waitSignal(panel.wheel.message, timeout=10000):
        panel.wheel.ask_export("svg")
    assert target.exists() and svg_texts(target)["chart-title"]
