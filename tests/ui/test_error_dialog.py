"""An unexpected error in a slot: logged without the person's words, and one calm dialog."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QTimer, qVersion
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from desktop_app import __version__, diagnostics
from desktop_app.diagnostics import LOG_NAME
from desktop_app.ui.error_dialog import ErrorDialog, report_errors
from desktop_app.ui.qt_messages import route_qt_messages
from desktop_app.ui.version_details import version_details
from tests.conftest import when_modal
from tests.test_diagnostics import MARKER, assert_marker_absent

# Each test raises inside a slot on purpose and installs Groundwork's own hook instead.
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def logged(tmp_path: Path):
    installed = diagnostics.install(tmp_path / "logs")
    route_qt_messages(installed)
    yield installed
    installed.uninstall()


def close_dialog(qtbot, reporter) -> None:
    dialog = reporter.dialog
    dialog.reject()
    qtbot.waitUntil(lambda: reporter.dialog is None)


def test_a_failing_slot_in_the_app_shows_where_the_log_is(qtbot, start_app, logged) -> None:
    startup = start_app()
    window = startup.window
    reporter = report_errors(logged, window)

    def create_profile(name: str) -> None:
        draft = {"name": name}  # a local holding what the person typed
        raise KeyError(draft["name"])

    startup.session.create_profile = create_profile
    qtbot.keyClicks(window.welcome.findChild(QLineEdit, "profileName"), MARKER)
    qtbot.mouseClick(
        window.welcome.findChild(QPushButton, "createProfile"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog.parent() is window
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.windowTitle() == "Something went wrong"
    location = dialog.findChild(QLineEdit, "logLocation")
    assert location.text() == str(logged.log_file)
    assert location.isReadOnly()

    qtbot.mouseClick(dialog.findChild(QPushButton, "copyDetails"), Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith(version_details())
    for part in (f"Groundwork {__version__}", f"Qt {qVersion()}", f"PySide6 {pyside_version}",
                 f"Python {sys.version.split()[0]}", "Platform: "):
        assert part in copied
    assert "Error: KeyError at tests/ui/test_error_dialog.py" in copied
    assert "in create_profile" in copied
    assert MARKER not in copied
    close_dialog(qtbot, reporter)

    log = logged.log_file.read_text("utf-8")
    assert "KeyError" in log and "in create_profile" in log
    assert "desktop_app/ui/welcome.py" in log  # the slot's own frame
    assert_marker_absent(logged.log_dir)


def test_a_button_whose_slot_raises(qtbot, logged) -> None:
    button = QPushButton("Save")
    qtbot.addWidget(button)
    reporter = report_errors(logged, button)

    def save() -> None:
        answer = MARKER
        raise ValueError(f"bad answer {answer}")

    button.clicked.connect(save)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog.findChild(QLineEdit, "logLocation").text() == str(logged.log_file)
    close_dialog(qtbot, reporter)
    assert "ValueError" in logged.log_file.read_text("utf-8")
    assert_marker_absent(logged.log_dir)


def test_fifty_errors_in_a_loop_open_one_dialog_and_are_counted(qtbot, logged) -> None:
    host = QPushButton("Host")
    qtbot.addWidget(host)
    host.show()
    reporter = report_errors(logged, host)
    fired: list[int] = []
    timer = QTimer(host)
    timer.setInterval(0)

    def tick() -> None:
        fired.append(1)
        if len(fired) == 50:
            timer.stop()
        raise RuntimeError(MARKER)

    timer.timeout.connect(tick)
    timer.start()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.later_errors == 49)
    dialog = reporter.dialog
    assert reporter.dialogs_opened == 1
    assert len([w for w in QApplication.topLevelWidgets()
                if isinstance(w, ErrorDialog) and w.isVisible()]) == 1
    assert "49 more times" in dialog.findChild(type(dialog.more), "moreErrors").text()
    close_dialog(qtbot, reporter)
    log = logged.log_file.read_text("utf-8")
    assert log.count("Traceback") == 1
    assert "again (10 times so far)" in log
    assert_marker_absent(logged.log_dir)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_error_in_a_thread_shows_the_dialog_on_the_ui_thread(qtbot, logged) -> None:
    host = QPushButton("Host")
    qtbot.addWidget(host)
    host.show()
    reporter = report_errors(logged, host)

    def load_in_background() -> None:
        text = MARKER
        raise LookupError(text)

    worker = threading.Thread(target=load_in_background, name="loader")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog.report.thread == "loader"
    assert reporter.dialog.thread() is QApplication.instance().thread()
    close_dialog(qtbot, reporter)
    assert "in thread loader" in logged.log_file.read_text("utf-8")
    assert_marker_absent(logged.log_dir)


def test_qt_warnings_reach_the_log_scrubbed(qtbot, logged) -> None:
    from PySide6.QtCore import qWarning

    qWarning(f'QLayout: cannot add "{MARKER}"')
    log = logged.log_file.read_text("utf-8")
    assert 'Qt default: QLayout: cannot add "…"' in log
    assert_marker_absent(logged.log_dir)


def test_main_logs_and_shows_the_dialog_then_restores_the_hooks(
    qtbot, data_dir: Path, tmp_path: Path, clock
) -> None:
    from desktop_app.app import main

    hooks = (sys.excepthook, threading.excepthook)
    seen: dict[str, str] = {}

    def fail_in_a_slot() -> None:
        words = MARKER
        raise ValueError(words)

    def read_dialog(dialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["log"] = dialog.findChild(QLineEdit, "logLocation").text()
        dialog.reject()
        QApplication.instance().exit(0)

    QTimer.singleShot(0, fail_in_a_slot)
    when_modal(read_dialog)
    # A deadline that outlived this test would end every later test's event loop at once.
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(lambda: QApplication.instance().exit(9))
    deadline.start(20_000)
    try:
        code = main(["--data-dir", str(data_dir), "--profile", "Sam"], clock,
                    log_dir=tmp_path / "logs")
    finally:
        deadline.stop()
    assert code == 0
    assert seen == {"title": "Something went wrong",
                    "log": str(tmp_path / "logs" / LOG_NAME)}
    assert (sys.excepthook, threading.excepthook) == hooks
    log = (tmp_path / "logs" / LOG_NAME).read_text("utf-8")
    assert "ValueError" in log and "in fail_in_a_slot" in log
    assert "Groundwork stopped" in log
    assert_marker_absent(tmp_path / "logs")
