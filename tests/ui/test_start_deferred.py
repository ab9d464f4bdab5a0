"""What start-up leaves until after the first paint (or until Home has painted) still works
from the first moment the person can reach it: shortcuts, the notice bars, the Tab order, the
collector switched on again."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


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


def started_unpainted(qtbot, data_dir, clock) -> Any:
    """Groundwork prepared, its window shown but not yet painted (no event has run)."""
    from desktop_app.app import prepare
    from desktop_app.cli import parse_options

    startup = prepare(parse_options(["--data-dir", str(data_dir), "--profile", "Sam"]), clock)
    assert not isinstance(startup, int)
    qtbot.addWidget(startup.window)
    return startup


def test_the_menus_hold_their_commands_once_the_profile_is_shown(
    qtbot, start_app, monkeypatch
) -> None:
    from desktop_app import start_steps

    seen: list[list[str]] = []
    show_opened = start_steps._show_opened

    def look_after(startup: Any, *args: Any) -> None:
        show_opened(startup, *args)
        seen.append([action.text() for action in startup.window.profile_menu.actions()])

    monkeypatch.setattr(start_steps, "_show_opened", look_after)
    startup = start_app("--profile", "Sam")
    assert seen and "&Rename…" in seen[0] and "&Quit" in seen[0]
    assert startup.window.action_rename.isEnabled()  # the open profile enabled it


def test_a_menu_opened_before_the_first_paint_has_its_commands(
    qtbot, data_dir, clock, computer
) -> None:
    startup = started_unpainted(qtbot, data_dir, clock)
    window = startup.window
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Profile", "&Go", "&Settings", "&Help"]  # in the first paint
    assert window.go_menu.actions() == []  # made once the profile is shown...
    window.go_menu.popup(window.mapToGlobal(QPoint(0, 0)))  # ...or when a menu opens first
    assert "&Search…" in [action.text() for action in window.go_menu.actions()]
    window.go_menu.hide()
    qtbot.waitUntil(lambda: startup.ready)
    window.close()
    startup.shutdown()


def test_closing_before_the_first_paint_keeps_the_window_state(
    qtbot, data_dir, clock, computer
) -> None:
    startup = started_unpainted(qtbot, data_dir, clock)
    startup.window.close()  # no privacy commands yet: nothing of theirs is asked
    startup.shutdown()
    assert startup.window.settings.value("geometry") is not None
    assert gc.isenabled()


def test_the_date_formatter_loads_off_the_ui_thread_once_started(
    qtbot, start_app, monkeypatch
) -> None:
    import threading

    from desktop_app import start_steps as app_module

    ran: list[str] = []
    monkeypatch.setattr(app_module, "_load_formatting",
                        lambda: ran.append(threading.current_thread().name))
    startup = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: startup.notices_said)
    qtbot.waitUntil(lambda: ran == ["load-formatting"])


def test_loading_the_date_formatter_formats_in_the_language() -> None:
    from desktop_app import start_steps as app_module

    app_module._load_formatting()  # in this thread: what the start's thread does


def test_the_sidebar_is_made_and_styled_once_the_window_has_painted(
    qtbot, data_dir, clock, computer
) -> None:
    startup = started_unpainted(qtbot, data_dir, clock)
    # Not before the first paint: the first page is blank, the sidebar shows with Home.
    assert startup.window.findChild(QWidget, "sidebar") is None
    qtbot.waitUntil(lambda: startup.ready)
    sidebar = startup.window.findChild(QWidget, "sidebar")
    assert sidebar is not None and sidebar.isVisible()
    assert "alternate-base" in sidebar.styleSheet()
    assert "padding: 8px 10px" in sidebar.styleSheet()
    nav = startup.window.nav
    assert [nav.item(row).text() for row in range(nav.count())] == [
        "Home", "Assessments", "Progress", "Journal"]
    assert nav.currentRow() == 0
    assert startup.window.profile_label.text() == "Profile: Sam"
    startup.window.close()
    startup.shutdown()


def test_check_boxes_are_fitted_once_the_window_has_painted(
    qtbot, data_dir, clock, computer, monkeypatch
) -> None:
    from desktop_app.ui import readable_palette

    fitted: list[object] = []
    monkeypatch.setattr(readable_palette, "fit_indicators", fitted.append)
    startup = started_unpainted(qtbot, data_dir, clock)
    assert fitted == []  # the first page is blank: nothing to draw them on yet
    qtbot.waitUntil(lambda: startup.ready)
    assert len(fitted) == 1
    readable_palette._refit()  # the desktop's colours changed: fitted again, with them
    assert len(fitted) == 2
    startup.window.close()
    startup.shutdown()


def test_what_the_start_made_is_left_out_of_the_collectors_passes(qtbot, start_app) -> None:
    gc.unfreeze()  # what earlier tests froze
    startup = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: startup.notices_said)
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    startup.window.close()
    startup.shutdown()
    assert gc.get_freeze_count() == 0  # collectable again once closed
