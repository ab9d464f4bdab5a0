"""What start-up leaves until after the first paint (or until Home has painted) still works
from the first moment the person can reach it: shortcuts, the notice bars, the Tab order, the
collector switched on again."""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea


def test_a_go_shortcut_works_right_after_start(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_key() == "assessments"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen_key() == "home"


def test_the_window_scroll_area_is_no_tab_stop_once_shown(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    central = startup.window.centralWidget()
    assert isinstance(central, QScrollArea)
    assert central.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_the_notice_bars_sit_in_the_window_after_a_start(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    notices = startup.window.notices
    # Built after the first paint, in the window's notice area, hidden until needed.
    assert notices.undo_bar.parentWidget() is notices
    assert not notices.undo_bar.isVisible()
    assert notices.acknowledgement.parentWidget() is notices


def test_the_collector_is_on_again_once_home_painted(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: startup.notices_said)
    assert gc.isenabled()
    assert startup.beacon is not None


def test_the_collector_is_on_again_when_closed_before_home_painted(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    startup.window.close()
    startup.shutdown()
    assert gc.isenabled()


def test_the_collector_is_on_again_when_the_start_fails(start_app, tmp_path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    assert start_app(data=blocked) == 2
    assert gc.isenabled()
