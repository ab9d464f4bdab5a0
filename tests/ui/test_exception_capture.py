"""An exception raised inside a Qt slot or virtual method fails the test that caused it.

Qt calls slots and overridden methods from C++, so an exception there never reaches the
test's own frame: PySide6 hands it to ``sys.excepthook``, which pytest-qt replaces for each
test. These tests run small test files in a child pytest and check that each one fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

INNER_TESTS = textwrap.dedent(
    """
    import threading

    from PySide6.QtCore import QEvent, QTimer
    from PySide6.QtWidgets import QApplication, QPushButton, QWidget


    def boom(where):
        raise ValueError(f"raised in {where}")


    def test_slot_of_a_click(qtbot):
        button = QPushButton("Go")
        qtbot.addWidget(button)
        button.clicked.connect(lambda: boom("a clicked slot"))
        qtbot.mouseClick(button, qtbot_left())


    def test_virtual_method(qtbot):
        seen = []

        class Broken(QWidget):
            def event(self, event):
                if event.type() == QEvent.Type.User:
                    seen.append(1)
                    boom("an overridden event()")
                return super().event(event)

        widget = Broken()
        qtbot.addWidget(widget)
        # Posted, so Qt calls event() from its own loop, not from this frame.
        QApplication.postEvent(widget, QEvent(QEvent.Type.User))
        qtbot.waitUntil(lambda: bool(seen))


    def test_timer_while_waiting(qtbot):
        fired = []
        QTimer.singleShot(0, lambda: (fired.append(1), boom("a timer callback")))
        qtbot.waitUntil(lambda: bool(fired))


    def test_worker_thread(qtbot):
        worker = threading.Thread(target=boom, args=("a worker thread",))
        worker.start()
        worker.join()


    def test_nothing_raised(qtbot):
        button = QPushButton("Fine")
        qtbot.addWidget(button)
        clicked = []
        button.clicked.connect(lambda: clicked.append(1))
        qtbot.mouseClick(button, qtbot_left())
        assert clicked == [1]


    def test_start_up_slot(qtbot, start_app, monkeypatch):
        from desktop_app import start_steps as app

        monkeypatch.setattr(app, "_open_unless_opened", lambda *a: boom("start-up"))
        start_app("--profile", "Sam")


    def qtbot_left():
        from PySide6.QtCore import Qt

        return Qt.MouseButton.LeftButton
    """
)


def test_exceptions_in_slots_virtuals_timers_and_threads_fail_their_test(
    tmp_path: Path,
) -> None:
    root = Path(__file__).resolve().parents[2]
    (tmp_path / "test_inner.py").write_text(INNER_TESTS, "utf-8")
    # The project's conftest, so its safety nets are part of what is checked.
    (tmp_path / "conftest.py").write_text(
        (root / "tests" / "conftest.py").read_text("utf-8"), "utf-8"
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\nqt_api = pyside6\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    report = done.stdout + done.stderr
    for name in (
        "test_slot_of_a_click", "test_virtual_method", "test_timer_while_waiting",
        "test_worker_thread", "test_start_up_slot",
    ):
        assert f"FAILED test_inner.py::{name}" in report, report
    assert "PASSED test_inner.py::test_nothing_raised" in report, report
    assert "5 failed, 1 passed" in report, report
    # At once, with the slot's own error, rather than after waiting for a start that broke.
    assert "ValueError: raised in start-up" in report, report
    assert "TimeoutError" not in report, report

