"""One running Groundwork per data folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.app import EXIT_ALREADY_RUNNING
from tests.conftest import when_modal


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "groundwork.lock"
    }


def test_second_start_says_so_and_writes_nothing(qtbot, start_app, data_dir: Path) -> None:
    first = start_app("--profile", "Sam")
    first.window.close()  # saves UI state now, so the snapshot below is final
    before = snapshot(data_dir)
    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.windowTitle() + "\n" + box.text())
        box.accept()

    when_modal(read_and_close)
    assert start_app("--profile", "Other") == EXIT_ALREADY_RUNNING
    assert "already running" in seen[0]
    assert str(data_dir) in seen[0]
    assert snapshot(data_dir) == before


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_lock_of_a_killed_process_is_taken_over(start_app, data_dir: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable, "-c",
            "import sys; from PySide6.QtCore import QLockFile;"
            f"l = QLockFile({str(data_dir / 'groundwork.lock')!r}); l.setStaleLockTime(0);"
            "assert l.tryLock(0); print('locked', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (data_dir / "groundwork.lock").exists()
    startup = start_app("--profile", "Sam")
    assert not isinstance(startup, int)
    assert startup.session.profile.name == "Sam"
