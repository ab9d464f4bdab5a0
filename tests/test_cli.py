"""The command line, in-process and as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.app import EXIT_USAGE, main
from desktop_app.cli import UsageError, parse_options
from tests.disk import profile_folders, stored_names


def test_version_and_help_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--data-dir", "--profile", "--start", "--demo", "--demo-years", "--version"):
        assert option in out


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--frobnicate"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "--frobnicate" in err and "--help" in err


def one_clean_line(err: str) -> str:
    """The stderr of a refused start: one line, no traceback, no raw control characters."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert all(ch == "\n" or ch.isprintable() for ch in err), repr(err)
    assert lines[0].startswith("groundwork: ")
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["-platform", "nonexistent"], "QT_QPA_PLATFORM"),
        (["-platform", "offscreen"], "passes no options to Qt"),
        (["-style", "fusion"], "unknown option '-style'"),
        (["-reverse"], "unknown option '-reverse'"),
        (["stray"], "unexpected argument 'stray'"),
        (["--profile", "Sam", "extra"], "unexpected argument 'extra'"),
        (["--data-dir", ""], "--data-dir needs a folder"),
        (["--data-dir="], "--data-dir needs a folder"),
        (["--start", ""], "--start needs a template id"),
        (["--profile", "  "], "--profile needs a name"),
        (["--demo", "--profile", "Sam"], "cannot be used together"),
        (["--dem"], "unknown option '--dem'"),
        (["\x1b]0;owned\x07"], "unexpected argument '\\x1b]0;owned\\x07'"),
    ],
)
def test_bad_command_lines_get_one_clear_line(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(UsageError):
        parse_options(argv)
    assert main(argv) == EXIT_USAGE
    line = one_clean_line(capsys.readouterr().err)
    assert words in line
    assert "--help" in line


@pytest.mark.parametrize("raw", ["0", "-1", "51", "1000000", "two", "2.5", "", "0x10"])
def test_demo_years_must_be_a_whole_number_in_range(
    raw: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--demo", "--demo-years", raw]) == EXIT_USAGE
    assert "whole number from 1 to 50" in one_clean_line(capsys.readouterr().err)


def test_demo_years_defaults_to_two_and_needs_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_options(["--demo"]).demo_years is None  # the Demo's own default: two years
    assert parse_options(["--demo", "--demo-years", "50"]).demo_years == 50
    assert main(["--demo-years", "3"]) == EXIT_USAGE
    assert "only works together with --demo" in one_clean_line(capsys.readouterr().err)


def test_demo_years_sets_how_far_back_the_history_goes(start_app, clock) -> None:
    from desktop_app.domain.journal import CheckIn

    startup = start_app("--demo", "--demo-years", "1")
    checkins = startup.session.require_repo().collection("checkins", CheckIn).all()
    first = min(c.item.at for c in checkins)
    assert 350 <= (clock.now - first).days <= 380
    assert startup.session.require_repo().meta["demo_years"] == 1


def test_demo_defaults_to_two_years(start_app, clock) -> None:
    from desktop_app.domain.journal import CheckIn

    startup = start_app("--demo")
    checkins = startup.session.require_repo().collection("checkins", CheckIn).all()
    assert 700 <= (clock.now - min(c.item.at for c in checkins)).days <= 750


def test_existing_demo_with_other_years_is_opened_and_the_person_told(
    start_app, capsys: pytest.CaptureFixture[str]
) -> None:
    first = start_app("--demo", "--demo-years", "1")
    first.window.close()
    first.shutdown()
    again = start_app("--demo", "--demo-years", "1")  # same years: nothing to say
    again.window.close()
    again.shutdown()
    assert capsys.readouterr().err == ""
    third = start_app("--demo", "--demo-years", "3")
    assert third.session.profile.name == "Demo"
    assert third.notices == []
    line = one_clean_line(capsys.readouterr().err)
    assert "with 1 year of history" in line and "--demo-years 3 only applies" in line


def test_a_folder_name_too_long_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path / ("a" * 300))]) == EXIT_USAGE
    line = one_clean_line(capsys.readouterr().err)
    assert "File name too long" in line and len(line) < 400


def test_a_path_over_4096_characters_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path.joinpath(*["b" * 100] * 45)
    assert len(str(deep)) > 4096
    assert main(["--data-dir", str(deep)]) == EXIT_USAGE
    line = one_clean_line(capsys.readouterr().err)
    assert "cannot create the data folder" in line and len(line) < 400


def test_a_data_folder_name_that_is_not_utf8_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = os.fsdecode(os.fsencode(tmp_path) + b"/\xff")
    assert main(["--data-dir", odd]) == EXIT_USAGE
    line = one_clean_line(capsys.readouterr().err)
    assert "not valid text (UTF-8)" in line and "\\xff" in line
    assert list(tmp_path.iterdir()) == []  # nothing made under a mangled name either


def test_start_with_escape_codes_is_not_echoed_raw(
    qtbot, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wanted = "\x1b[2J\x1b]0;pwned\x07\u202enothing\r\n"
    assert main(["--data-dir", str(data_dir), "--start", wanted]) == EXIT_USAGE
    line = one_clean_line(capsys.readouterr().err)
    assert "\\x1b[2J\\x1b]0;pwned\\x07\\u202enothing\\x0d\\x0a" in line


def test_help_documents_qt_options_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "passes none to Qt" in out and "QT_QPA_PLATFORM" in out
    assert "--demo-years N" in out
    assert "3 Groundwork is already running" in out


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
    assert len(profile_folders(data_dir)) == 1


def test_profile_option_with_a_path_like_name_is_refused(
    qtbot, data_dir: Path, capsys
) -> None:
    assert main(["--data-dir", str(data_dir), "--profile", "../evil"]) == EXIT_USAGE
    assert "without slashes" in capsys.readouterr().err


def test_main_runs_the_event_loop_and_returns_its_code(qtbot, data_dir: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def quit_once_the_profile_exists() -> None:
        if list((data_dir / "profiles").glob("p-*/d-*/profile.json")):
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
    assert stored_names(data_dir) == ["Sam"]


def test_module_entry_point_answers_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--version"],
        capture_output=True, text=True, check=False, timeout=60,
    )
    assert done.returncode == 0
    assert f"Groundwork {__version__}" in done.stdout


@pytest.mark.parametrize(
    "argv",
    [["-platform", "nonexistent"], ["--data-dir", "x" * 5000], ["--start"], ["stray"]],
)
def test_module_entry_point_refuses_without_a_traceback(tmp_path: Path, argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", *argv],
        capture_output=True, text=True, check=False, timeout=60, cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == EXIT_USAGE, done.stderr
    one_clean_line(done.stderr)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def read_only_folder(tmpfs: Callable[..., Path]) -> Path:
    """A real read-only file system (a small tmpfs mounted read-only; needs root)."""
    return tmpfs("ro", read_only=True)


def test_a_read_only_data_folder_is_refused(
    read_only_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(read_only_folder)]) == EXIT_USAGE
    assert "cannot read and write the data folder" in one_clean_line(capsys.readouterr().err)
    assert main(["--data-dir", str(read_only_folder / "inner")]) == EXIT_USAGE
    assert "Read-only file system" in one_clean_line(capsys.readouterr().err)


def test_profile_with_escape_codes_is_refused_and_not_echoed_raw(
    qtbot, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "--profile", "Sam\x1b[2J"]) == EXIT_USAGE
    line = one_clean_line(capsys.readouterr().err)
    assert "'Sam\\x1b[2J'" in line and "control characters" in line
