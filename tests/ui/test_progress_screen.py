"""The Progress screen: lazy loading, empty states, redraw after new data; the Demo profile."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QPushButton, QTableView, QWidget

from desktop_app.domain.journal import CheckIn
from desktop_app.storage import pending_writes
from desktop_app.storage import shards as shards_module
from desktop_app.ui import wizard_launcher
from tests.disk import folder_bytes, profile_folders
from tests.disk import stored as disk_tables


def test_charts_load_after_a_loading_message(qtbot, start_app) -> None:
    window = start_app("--demo").window
    screen = window.screens["progress"]
    assert screen.panel is None  # nothing chart-related is built before the screen is used
    window.show_screen("progress")
    assert screen.pages.currentWidget() is screen.loading
    assert screen.loading.text() == "Loading charts…"
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    assert screen.pages.currentWidget() is screen.panel
    assert screen.range_filter.isEnabled()
    assert not screen.panel.wheel.is_empty


def test_a_new_profile_shows_what_to_do_on_every_chart(qtbot, start_app, monkeypatch) -> None:
    started: list[str] = []
    monkeypatch.setattr(
        wizard_launcher, "start_template", lambda _p, _c, tid: started.append(tid)
    )
    window = start_app("--profile", "Sam").window
    window.show_screen("progress")
    screen = window.screens["progress"]
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    panel = screen.panel
    messages = {}
    for index, chart in enumerate(panel.charts):
        panel.setCurrentIndex(index)
        assert chart.is_empty
        assert chart.stack.currentWidget() is chart.empty
        assert not chart.export_button.isEnabled()
        messages[chart.name] = chart.empty.message.text()
    assert "first “Where I am, where I want to be” assessment" in messages["Wheel"]
    assert "check in from the Journal" in messages["Over time"]
    assert "Check in from the Journal" in messages["Consistency"]
    panel.setCurrentIndex(0)
    qtbot.mouseClick(panel.wheel.empty.button, Qt.MouseButton.LeftButton)
    assert started == ["life-areas"]
    panel.setCurrentIndex(3)
    qtbot.mouseClick(panel.consistency.empty.button, Qt.MouseButton.LeftButton)
    assert window.current_screen_key() == "journal"


def test_a_new_checkin_is_drawn_when_progress_is_shown_again(qtbot, start_app, clock) -> None:
    startup = start_app("--demo")
    window, session = startup.window, startup.session
    window.show_screen("progress")
    screen = window.screens["progress"]
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    panel = screen.panel
    panel.setCurrentWidget(panel.over_time)
    chart = panel.over_time
    chart.template.setCurrentIndex(chart.template.findData("check-in"))
    # A new view's data is worked out, and its figure built, on the render thread.
    qtbot.waitUntil(lambda: not chart.settling, timeout=20000)
    before = len(chart.lines["grounded.points"].get_xdata())
    window.show_screen("journal")
    answers = {"practices": True, "thoughts": 5, "words": 5, "body": 5, "distress": 1}
    session.require_repo().collection("checkins", CheckIn).add(
        CheckIn(clock() - timedelta(hours=1), "check-in", 1, answers)
    )
    session.notify()
    assert not screen.charts_ready  # marked stale, redrawn lazily
    window.show_screen("progress")
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    points = chart.lines["grounded.points"].get_ydata()
    assert len(points) == before + 1
    assert points[-1] == 5


def test_demo_is_created_once_with_bulk_writes(qtbot, start_app, data_dir, monkeypatch) -> None:
    writes: list[int] = []
    real = shards_module.commit_bytes

    def counting(path: Path, payload: bytes) -> object:
        writes.append(1)
        return real(path, payload)

    # Every file replaced: on this thread (write_file) or on the writer's.
    monkeypatch.setattr(shards_module, "commit_bytes", counting)
    monkeypatch.setattr(pending_writes, "commit_bytes", counting)
    first = start_app("--demo")
    assert first.session.flush()
    (path,) = profile_folders(data_dir)
    stored = disk_tables(path)
    total = sum(len(stored[t]) for t in ("assessments", "focus", "checkins", "lapses", "wins"))
    assert total > 800
    assert len(writes) <= 8  # a few files, not one write per record
    assert stored["meta"]["1"]["profile_name"] == "Demo"
    assert stored["meta"]["1"]["checkin_settings"]["cadence"] == "daily"
    before = folder_bytes(path)
    first.window.close()
    first.shutdown()
    writes.clear()
    second = start_app("--demo")
    assert profile_folders(data_dir) == [path]
    assert writes == []
    assert second.session.profile.name == "Demo"
    assert folder_bytes(path) == before


def test_every_input_is_named_and_the_keyboard_reaches_everything(qtbot, start_app) -> None:
    window = start_app("--demo").window
    window.show_screen("progress")
    screen = window.screens["progress"]
    qtbot.waitUntil(lambda: screen.charts_ready, timeout=20000)
    panel = screen.panel
    screen.range_filter.choose(5)  # dates I choose: the date boxes appear
    for index in range(panel.count()):
        panel.setCurrentIndex(index)
        inputs = [
            w for w in screen.findChildren(QWidget)
            if isinstance(w, QComboBox | QDateEdit | QPushButton | QTableView) and w.isVisible()
        ]
        assert inputs
        for widget in inputs:
            name = widget.accessibleName() or (
                widget.text() if isinstance(widget, QPushButton) else ""
            )
            assert name.strip(), f"{widget.objectName() or type(widget).__name__} has no name"
    panel.setCurrentIndex(0)
    qtbot.keyClick(panel, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert panel.currentWidget() is panel.gaps
    gaps = panel.gaps
    gaps.toggle.setFocus()
    qtbot.keyClick(gaps.toggle, Qt.Key.Key_Space)
    assert gaps.stack.currentWidget() is gaps.table
    assert gaps.toggle.text() == "&Back to the chart"
    qtbot.keyClick(gaps.toggle, Qt.Key.Key_Space)
    assert gaps.stack.currentWidget() is gaps.canvas
