"""The command line, in-process and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.app import EXIT_USAGE, main
from desktop_app.cli import UsageError, parse_options


def test_version_and_help_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--data-dir", "--profile", "--start", "--demo", "--version"):
        assert option in out


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--frobnicate"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "--frobnicate" in err and "--help" in err


def test_qt_options_pass_through() -> None:
    options = parse_options(["--profile", "Sam", "-platform", "offscreen"])
    assert options.profile == "Sam"
    assert options.qt_args == ["-platform", "offscreen"]
    with pytest.raises(UsageError):
        parse_options(["--profile", "  "])


def test_data_dir_that_is_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_dir = tmp_path / "notes.txt"
    not_a_dir.write_text("mine")
    assert main(["--data-dir", str(not_a_dir)]) == EXIT_USAGE
    assert "is a file, not a folder" in capsys.readouterr().err
    assert not_a_dir.read_text() == "mine"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_unwritable_data_dir_is_refused(tmp_path: Path, capsys) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert main(["--data-dir", str(locked / "inner")]) == EXIT_USAGE
    assert "cannot create the data folder" in capsys.readouterr().err


def test_data_dir_under_a_file_is_refused(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["--data-dir", str(blocker / "inner")]) == EXIT_USAGE
    assert "cannot create the data folder" in capsys.readouterr().err


def test_unknown_template_id_is_refused(qtbot, data_dir: Path, capsys) -> None:
    assert main(["--data-dir", str(data_dir), "--start", "no-such-thing"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "no-such-thing" in err and "life-areas" in err
    assert not (data_dir / "profiles").exists() or not list((data_dir / "profiles").iterdir())


def test_profile_option_creates_then_reopens(start_app, data_dir: Path) -> None:
    first = start_app("--profile", "Sam")
    assert first.session.profile.name == "Sam"
    first.window.close()
    first.shutdown()
    second = start_app("--profile", "sam")
    assert second.session.profile.name == "Sam"
    assert len(list((data_dir / "profiles").glob("*.json"))) == 1


def test_profile_option_with_a_path_like_name_is_refused(
    qtbot, data_dir: Path, capsys
) -> None:
    assert main(["--data-dir", str(data_dir), "--profile", "../evil"]) == EXIT_USAGE
    assert "without slashes" in capsys.readouterr().err


def test_main_runs_the_event_loop_and_returns_its_code(qtbot, data_dir: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def quit_once_the_profile_exists() -> None:
        if list((data_dir / "profiles").glob("*.json")):
            QApplication.instance().exit(0)
        else:
            QTimer.singleShot(10, quit_once_the_profile_exists)

    QTimer.singleShot(0, quit_once_the_profile_exists)
    # A deadline that outlived this test would end every later test's event loop at once.
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(lambda: QApplication.instance().exit(9))
    deadline.start(20_000)
    try:
        code = main(["--data-dir", str(data_dir), "--profile", "Sam"])
    finally:
        deadline.stop()
        # The process would end here; in the test process the window must not linger.
        for widget in QApplication.topLevelWidgets():
            widget.close()
            widget.deleteLater()
    assert code == 0
    names = [
        json.loads(p.read_text())["meta"]["1"]["profile_name"]
        for p in (data_dir / "profiles").glob("*.json")
    ]
    assert names == ["Sam"]


def test_module_entry_point_answers_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--version"],
        capture_output=True, text=True, check=False, timeout=60,
    )
    assert done.returncode == 0
    assert f"Groundwork {__version__}" in done.stdout
