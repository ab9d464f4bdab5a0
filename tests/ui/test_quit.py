"""Quitting right after opening Progress exits at once and frees the data folder.

The charts load matplotlib on a worker thread. Quitting while it is still importing used to
deadlock: the UI thread waited for the thread, whose ``quit`` was queued to the UI thread.
The scenario runs in a child process, so a hang is a failed test, not a stuck suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.instance_lock import InstanceLock
from desktop_app.local_state import LocalFolders
from desktop_app.ui.charts.loader import QUIT_GRACE_S

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from desktop_app.app import prepare
    from desktop_app.cli import parse_options
    from desktop_app.ui.charts import loader

    loader.QUIT_GRACE_S = float(sys.argv[2])
    startup = prepare(parse_options(["--data-dir", sys.argv[1], "--profile", "Sam"]))
    state = {}

    def open_progress_then_quit():
        if not startup.ready:
            QTimer.singleShot(10, open_progress_then_quit)
            return
        startup.window.show_screen("progress")  # Ctrl+3
        thread = loader.shared_loader()._thread
        state["loading"] = thread is not None and thread.is_alive()
        startup.window.close()  # Ctrl+Q: the last window closes, the event loop ends

    QTimer.singleShot(0, open_progress_then_quit)
    code = startup.app.exec()
    startup.shutdown()
    print("loading at quit:", state.get("loading"), flush=True)
    sys.exit(code)
    """
)


@pytest.mark.parametrize(
    "grace", [QUIT_GRACE_S, 0.0], ids=["worker given a moment", "worker left behind at once"]
)
def test_quit_while_the_charts_load_exits_and_releases_the_lock(
    tmp_path: Path, grace: float
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    # Generous: a hang never ends, a busy machine is merely slow.
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), str(grace)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    # The point of the test: the worker was still importing when the window closed.
    assert "loading at quit: True" in done.stdout, done.stdout + done.stderr
    assert "Destroyed while thread" not in done.stderr
    assert "Fatal Python error" not in done.stderr
    # The child ran with this process's XDG folders (conftest points them under tmp).
    local = LocalFolders.of_this_computer()
    lock = InstanceLock(local.lock_folders(), local.lock_name(data))
    assert lock.acquire(), "the lock is still held after Groundwork exited"
    lock.release()
