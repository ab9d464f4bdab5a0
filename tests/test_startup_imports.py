"""The first window never waits for matplotlib or numpy: they load only when Progress opens.

Checked in a fresh interpreter, because this test process may already have imported them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from desktop_app.app import prepare
from desktop_app.cli import parse_options

HEAVY = ("matplotlib", "numpy")
report = {}

def loaded():
    return sorted(name for name in HEAVY if name in sys.modules)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "at_first_paint" not in report:
            report["at_first_paint"] = loaded()
            # Qt's enum namespace (tens of ms) and Babel (tens of ms) wait until after it.
            import PySide6.QtCore
            report["qt_namespace_at_first_paint"] = "Qt" in vars(PySide6.QtCore)
            report["babel_at_first_paint"] = "babel" in sys.modules
            QTimer.singleShot(0, wait_ready)
        return False

app = QApplication([sys.argv[0], "-platform", "offscreen"])
paint_watch = FirstPaint()
app.installEventFilter(paint_watch)
startup = prepare(parse_options(["--data-dir", sys.argv[1], "--demo"]))
report["when_shown"] = loaded()
report["visible"] = startup.window.isVisible()
screen = None

def wait_ready():
    # The profile opens right after the first paint; Progress is opened once it has.
    if not startup.ready:
        QTimer.singleShot(10, wait_ready)
        return
    report["profile_open"] = loaded()
    open_progress()

def open_progress():
    global screen
    screen = startup.window.screens["progress"]
    report["before_progress"] = loaded()
    startup.window.show_screen("progress")
    poll()

def poll():
    if screen.charts_ready:
        report["after_progress"] = loaded()
        app.quit()
    else:
        QTimer.singleShot(20, poll)

QTimer.singleShot(60000, app.quit)
app.exec()
startup.shutdown()
print(json.dumps(report))
"""


def test_matplotlib_is_imported_only_when_progress_opens(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "data")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["visible"]
    assert report["when_shown"] == []
    assert report["at_first_paint"] == []
    assert report["qt_namespace_at_first_paint"] is False
    assert report["babel_at_first_paint"] is False
    assert report["before_progress"] == []
    # The check can see an import: opening Progress does bring them in.
    assert report["after_progress"] == ["matplotlib", "numpy"]


SHOWN = r"""
import json, sys
from PySide6.QtWidgets import QApplication
from desktop_app.app import prepare
from desktop_app.cli import parse_options

app = QApplication([sys.argv[0], "-platform", "offscreen"])
startup = prepare(parse_options(["--data-dir", sys.argv[1]]))
wanted = ("datetime", "desktop_app.ui.quit_wait", "desktop_app.services.profiles",
          "msgspec", "desktop_app.domain.templates", "desktop_app.ui.main_sidebar")
print(json.dumps({"visible": startup.window.isVisible(),
                  "loaded": [name for name in wanted if name in sys.modules]}))
startup.window.close()
startup.shutdown()
"""


def test_the_window_is_shown_before_the_clock_quit_wait_sidebar_and_storage_load(
    tmp_path: Path,
) -> None:
    """Each module loaded before the window shows delays it (PySide6's import hook reads
    the source of every module imported after it): these load once it is on screen."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SHOWN, str(tmp_path / "data")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"visible": True, "loaded": []}
