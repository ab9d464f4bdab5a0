"""One running Groundwork per data folder."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox

from desktop_app import instance_lock
from desktop_app.app import EXIT_ALREADY_RUNNING, EXIT_USAGE
from desktop_app.instance_lock import InstanceLock, LockUnavailableError
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


def test_a_second_lock_on_the_same_folder_is_refused_not_an_error(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path)
    assert first.acquire() is True
    second = InstanceLock(tmp_path)
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
    assert f"could not create its lock file in {data_dir}: {words}" in err
    assert len(err.splitlines()) == 1
    assert snapshot(data_dir) == before


def test_write_probe_names_the_real_cause(tmp_path: Path) -> None:
    assert instance_lock._write_probe(tmp_path) is None
    assert list(tmp_path.iterdir()) == []
    assert instance_lock._write_probe(tmp_path / "missing") == "no such file or directory"


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 16 KiB tmpfs, filled up (needs root and permission to mount)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount_point)],
        capture_output=True, check=False,
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        with (mount_point / "filler").open("wb") as handle, contextlib.suppress(OSError):
            handle.write(b"\0" * 64 * 1024)
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_a_really_full_disk_says_so(full_disk: Path) -> None:
    lock = InstanceLock(full_disk)
    with pytest.raises(LockUnavailableError, match="no space left on device"):
        lock.acquire()
