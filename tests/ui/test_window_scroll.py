"""The window's content scrolls only while the screen shown needs more room than the
window has: not on Home because Progress, built earlier and hidden now, would."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QScrollArea


def _scroll_room(window: Any) -> int:
    central = window.centralWidget()
    assert isinstance(central, QScrollArea)
    return int(central.verticalScrollBar().maximum())


def test_home_does_not_scroll_after_a_taller_progress_was_shown(qtbot, start_app) -> None:
    window = start_app("--demo").window
    window.show()
    window.resize(1040, 900)
    window.show_screen("progress")
    progress = window.screens["progress"]
    qtbot.waitUntil(lambda: progress.charts_ready, timeout=20000)
    home = window.screens["home"]
    tallest = progress.minimumSizeHint().height()
    assert tallest > home.minimumSizeHint().height() + 40  # else this tests nothing
    # A window whose content has room for Home, not for Progress.
    central = window.centralWidget()
    qtbot.waitUntil(lambda: _scroll_room(window) == 0)
    chrome = window.height() - central.viewport().height()
    window.resize(1040, chrome + tallest - 20)
    qtbot.waitUntil(lambda: _scroll_room(window) > 0)  # Progress scrolls: all of it reachable
    window.show_screen("home")
    qtbot.waitUntil(lambda: _scroll_room(window) == 0)
    assert not central.verticalScrollBar().isVisible()
    window.show_screen("progress")
    qtbot.waitUntil(lambda: _scroll_room(window) > 0)
