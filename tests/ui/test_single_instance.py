"""One running Groundwork per data folder."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox

from desktop_app import instance_lock
from desktop_app.app import EXIT_ALREADY_RUNNING, EXIT_USAGE
from desktop_app.instance_lock import InstanceLock, LockUnavailableError
from desktop_app.local_state import LocalFolders
from tests.conftest import when_modal


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def lock_path(data_dir: Path) -> Path:
    """Where Groundwork keeps the lock of ``data_dir`` on this (test) computer."""
    local = LocalFolders.of_this_computer()
    return local.lock_folders()[0] / local.lock_name(data_dir)


def test_second_start_says_so_and_writes_nothing(qtbot, start_app, data_dir: Path) -> None:
    first = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: first.beacon is not None)  # made once Home is on screen
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
    assert "brought to the front" in seen[0]
    assert snapshot(data_dir) == before
    # The lock and the window state are this computer's: nothing of them is synced.
    assert not {"groundwork.lock", "ui-state.ini"} & {p.name for p in data_dir.rglob("*")}
    assert lock_path(data_dir).exists()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_lock_of_a_killed_process_is_taken_over(start_app, data_dir: Path) -> None:
    lock_path(data_dir).parent.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable, "-c",
            "import sys; from PySide6.QtCore import QLockFile;"
            f"l = QLockFile({str(lock_path(data_dir))!r}); l.setStaleLockTime(0);"
            "assert l.tryLock(0); print('locked', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert lock_path(data_dir).exists()
    startup = start_app("--profile", "Sam")
    assert not isinstance(startup, int)
    assert startup.session.profile.name == "Sam"


def test_a_second_lock_on_the_same_folder_is_refused_not_an_error(tmp_path: Path) -> None:
    first = InstanceLock([tmp_path], "data.lock")
    assert first.acquire() is True
    second = InstanceLock([tmp_path], "data.lock")
    assert second.acquire() is False  # held by a live process: the only "already running"
    first.release()
    assert second.acquire() is True
    second.release()


class FailingQLockFile:
    """A QLockFile whose lock file cannot be created, the way Qt reports it."""

    LockError = QLockFile.LockError
    error_code = QLockFile.LockError.UnknownError

    def __init__(self, _path: str) -> None:
        pass

    def setStaleLockTime(self, _ms: int) -> None:
        pass

    def tryLock(self, _timeout: int) -> bool:
        return False

    def error(self) -> QLockFile.LockError:
        return self.error_code

    def removeStaleLockFile(self) -> bool:
        return False

    def unlock(self) -> None:
        pass


@pytest.mark.parametrize(
    ("qt_error", "probe", "words"),
    [
        (QLockFile.LockError.UnknownError, "no space left on device", "no space left on device"),
        (QLockFile.LockError.PermissionError, "read-only file system", "read-only file system"),
        (QLockFile.LockError.PermissionError, None, "permission denied"),
        (QLockFile.LockError.UnknownError, None, "an unknown error"),
    ],
)
def test_a_lock_that_cannot_be_made_is_not_already_running(
    qtbot, start_app, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capfd,
    qt_error: QLockFile.LockError, probe: str | None, words: str,
) -> None:
    monkeypatch.setattr(FailingQLockFile, "error_code", qt_error)
    monkeypatch.setattr(instance_lock, "QLockFile", FailingQLockFile)
    monkeypatch.setattr(instance_lock, "_write_probe", lambda _folder: probe)
    before = snapshot(data_dir)
    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.windowTitle() + "\n" + box.text())
        box.accept()

    when_modal(read_and_close)
    assert start_app("--profile", "Sam") == EXIT_USAGE
    assert "cannot start" in seen[0] and "already running" not in seen[0]
    assert words in seen[0] and str(data_dir) in seen[0]
    err = capfd.readouterr().err
    assert f"could not create its lock file in {lock_path(data_dir).parent}: {words}" in err
    assert len(err.splitlines()) == 1
    assert snapshot(data_dir) == before


def test_write_probe_names_the_real_cause(tmp_path: Path) -> None:
    assert instance_lock._write_probe(tmp_path) is None
    assert list(tmp_path.iterdir()) == []
    assert instance_lock._write_probe(tmp_path / "missing") == "no such file or directory"


@pytest.fixture
def full_disk(tmpfs: Callable[..., Path]) -> Path:
    """A real 16 KiB tmpfs, filled up (needs root and permission to mount)."""
    mount_point = tmpfs("tiny")
    with (mount_point / "filler").open("wb") as handle, contextlib.suppress(OSError):
        handle.write(b"\0" * 64 * 1024)
    return mount_point


def test_a_really_full_disk_says_so(full_disk: Path) -> None:
    lock = InstanceLock([full_disk], "data.lock")
    with pytest.raises(LockUnavailableError, match="no space left on device"):
        lock.acquire()


def test_two_data_folders_run_side_by_side_one_folder_by_two_paths_does_not(
    start_app, tmp_path: Path, data_dir: Path
) -> None:
    other = tmp_path / "other-data"
    assert not isinstance(start_app("--profile", "Sam"), int)
    assert not isinstance(start_app("--profile", "Alex", data=other), int)
    link = tmp_path / "link-to-data"
    link.symlink_to(data_dir)
    when_modal(lambda box: box.accept())  # type: ignore[attr-defined]
    assert start_app("--profile", "Sam", data=link) == EXIT_ALREADY_RUNNING


def test_the_lock_goes_to_the_state_folder_when_the_runtime_one_cannot_be_made(
    start_app, tmp_path: Path, data_dir: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    local = LocalFolders(tmp_path / "config", tmp_path / "state", blocker / "runtime")
    first = start_app("--profile", "Sam", folders=local)
    assert not isinstance(first, int)
    assert first.lock.path.parent == tmp_path / "state" / "locks"
    when_modal(lambda box: box.accept())  # type: ignore[attr-defined]
    assert start_app("--profile", "Sam", folders=local) == EXIT_ALREADY_RUNNING
    assert blocker.read_text() == "x"


def test_no_folder_for_the_lock_says_which_and_why(
    qtbot, start_app, tmp_path: Path, data_dir: Path, capfd
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    local = LocalFolders(tmp_path / "config", blocker / "state", blocker / "runtime")
    before = snapshot(data_dir)
    seen: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(read_and_close)
    assert start_app("--profile", "Sam", folders=local) == EXIT_USAGE
    err = capfd.readouterr().err
    runtime = blocker / "runtime"
    assert f"could not make a folder for its lock file: {runtime} (not a directory)" in err
    assert f"nor {blocker / 'state' / 'locks'} (not a directory)" in err
    assert "already running" not in seen[0] and str(data_dir) in seen[0]
    assert snapshot(data_dir) == before


def test_a_second_start_brings_the_open_window_forward(qtbot, start_app) -> None:
    first = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: first.beacon is not None)
    first.window.showMinimized()
    when_modal(lambda box: box.accept())
    with qtbot.waitSignal(first.beacon.raised):
        assert start_app("--profile", "Sam") == EXIT_ALREADY_RUNNING
    assert not first.window.isMinimized() and first.window.isVisible()


def test_a_stranger_on_the_socket_is_ignored(qtbot, start_app) -> None:
    from PySide6.QtNetwork import QLocalSocket

    from desktop_app.ui.instance_beacon import beacon_name

    first = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: first.beacon is not None)
    raised: list[bool] = []
    first.beacon.raised.connect(lambda: raised.append(True))
    socket = QLocalSocket()
    socket.connectToServer(beacon_name(first.lock.path))
    assert socket.waitForConnected(1000)
    socket.write(b"x" * 64)  # no newline, longer than the one line ever sent
    assert socket.waitForBytesWritten(1000)
    qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert raised == [] and not first.window.isMinimized()


def test_a_socket_left_by_a_crash_does_not_stop_the_next_start(
    qtbot, start_app, data_dir: Path
) -> None:
    from PySide6.QtCore import QDir

    from desktop_app.ui.instance_beacon import beacon_name

    name = beacon_name(lock_path(data_dir))
    # A short name (for a long runtime folder) lives in the temp folder, as Qt puts it.
    socket = Path(name) if os.path.isabs(name) else Path(QDir.tempPath()) / name
    socket.parent.mkdir(parents=True, exist_ok=True)
    socket.write_bytes(b"")  # what a killed Groundwork leaves behind
    first = start_app("--profile", "Sam")
    qtbot.waitUntil(lambda: first.beacon is not None)
    assert first.beacon.server.isListening()
