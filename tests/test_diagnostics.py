"""The log folder: what an error leaves there, and what it never does (a person's words)."""

from __future__ import annotations

import errno
import faulthandler
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop_app import diagnostics
from desktop_app.diagnostics import CRASH_NAME, LOG_NAME, ErrorReport, scrub_qt_message

REPO = Path(__file__).resolve().parents[1]
MARKER = "Marker-7f3a-what-I-wrote"

# These tests call the hooks on purpose; pytest-qt's own hook would fail them for it.
pytestmark = pytest.mark.qt_no_exception_capture


def folder_text(folder: Path) -> bytes:
    """Every byte of every file in the log folder, rotated logs and crash file included."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def assert_marker_absent(folder: Path) -> None:
    assert folder.is_dir() and any(folder.iterdir())
    everything = folder_text(folder)
    assert MARKER.encode() not in everything
    assert MARKER.encode("utf-16-le") not in everything


@pytest.fixture
def log_dir(tmp_path: Path):
    folder = tmp_path / "logs"
    installed = diagnostics.install(folder)
    yield folder
    installed.uninstall()


def fails_with_words(answer: str) -> None:
    note = {"answer": answer}  # a local that holds what the person wrote
    raise ValueError(f"cannot use {note['answer']!r}")


def test_an_error_is_logged_by_type_and_function_never_by_message_or_locals(
    log_dir: Path,
) -> None:
    try:
        fails_with_words(MARKER)
    except ValueError:
        sys.excepthook(*sys.exc_info())
    log = (log_dir / LOG_NAME).read_text("utf-8")
    assert "ValueError" in log
    assert "in fails_with_words" in log
    assert "tests/test_diagnostics.py" in log
    assert_marker_absent(log_dir)


def test_chained_causes_are_logged_without_their_messages(log_dir: Path) -> None:
    def outer() -> None:
        try:
            {}[MARKER]
        except KeyError as missing:
            raise RuntimeError(MARKER) from missing

    try:
        outer()
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    log = (log_dir / LOG_NAME).read_text("utf-8")
    assert log.index("KeyError") < log.index("direct cause") < log.index("RuntimeError")
    assert_marker_absent(log_dir)


def test_an_os_error_keeps_the_system_reason_but_not_the_file_name(log_dir: Path) -> None:
    try:
        raise FileNotFoundError(errno.ENOENT, f"no {MARKER}", f"/data/{MARKER}.json")
    except OSError:
        sys.excepthook(*sys.exc_info())
    log = (log_dir / LOG_NAME).read_text("utf-8")
    assert f"FileNotFoundError: [Errno {errno.ENOENT}] {os.strerror(errno.ENOENT)}" in log
    assert_marker_absent(log_dir)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_error_in_a_thread_is_logged_with_the_thread(log_dir: Path) -> None:
    worker = threading.Thread(target=fails_with_words, args=(MARKER,), name="chart-loader")
    worker.start()
    worker.join()
    log = (log_dir / LOG_NAME).read_text("utf-8")
    assert "Unexpected error in thread chart-loader" in log
    assert "ValueError" in log and "in fails_with_words" in log
    assert_marker_absent(log_dir)


def test_an_error_in_a_finaliser_is_logged(log_dir: Path) -> None:
    class Leaky:
        def __del__(self) -> None:
            raise ValueError(MARKER)

    Leaky()
    log = (log_dir / LOG_NAME).read_text("utf-8")
    assert "ValueError" in log and "in __del__" in log
    assert_marker_absent(log_dir)


def test_the_same_error_in_a_loop_is_counted_not_repeated(tmp_path: Path) -> None:
    installed = diagnostics.install(tmp_path / "logs")
    heard: list[ErrorReport] = []
    installed.add_listener(heard.append)
    try:
        for _ in range(150):
            try:
                fails_with_words(MARKER)
            except ValueError:
                sys.excepthook(*sys.exc_info())
    finally:
        installed.uninstall()
    log = (tmp_path / "logs" / LOG_NAME).read_text("utf-8")
    assert log.count("Traceback") == 1
    assert "again (2 times so far)" in log and "again (10 times so far)" in log
    assert "again (100 times so far)" in log and "again (11 times" not in log
    assert [r.times for r in heard] == list(range(1, 151))
    assert heard[0].kind == "ValueError" and heard[0].where.endswith("in fails_with_words")
    assert_marker_absent(tmp_path / "logs")


def test_the_log_rotates_at_a_megabyte_keeping_five(tmp_path: Path) -> None:
    installed = diagnostics.install(tmp_path / "logs")
    try:
        for number in range(2500):
            installed.logger.warning("filler line %d %s", number, "x" * 500)
    finally:
        installed.uninstall()
    names = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert names == [CRASH_NAME, LOG_NAME, f"{LOG_NAME}.1"]
    assert (tmp_path / "logs" / LOG_NAME).stat().st_size <= diagnostics.MAX_BYTES
    assert diagnostics.BACKUPS == 5


def test_uninstall_puts_every_hook_back(tmp_path: Path) -> None:
    before = (sys.excepthook, threading.excepthook, sys.unraisablehook, faulthandler.is_enabled())
    installed = diagnostics.install(tmp_path / "logs")
    assert sys.excepthook != before[0] and threading.excepthook != before[1]
    assert faulthandler.is_enabled()
    installed.uninstall()
    after = (sys.excepthook, threading.excepthook, sys.unraisablehook, faulthandler.is_enabled())
    assert after == before


def test_an_unwritable_log_folder_does_not_stop_anything(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    installed = diagnostics.install(blocker)
    try:
        assert installed.log_file is None
        try:
            fails_with_words(MARKER)
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        installed.uninstall()
    err = capsys.readouterr().err
    assert "cannot write the log" in err
    assert "ValueError" in err and MARKER not in err


def test_a_hard_crash_lands_in_the_crash_file_without_values(tmp_path: Path) -> None:
    script = (
        "import faulthandler, sys\n"
        "from pathlib import Path\n"
        "from desktop_app import diagnostics\n"
        "diagnostics.install(Path(sys.argv[1]))\n"
        "def crash_while_saving(text):\n"
        "    kept = text\n"
        "    faulthandler._sigsegv()\n"
        f"crash_while_saving({MARKER!r})\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "logs")],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode != 0
    crash = (tmp_path / "logs" / CRASH_NAME).read_text("utf-8")
    assert "Fatal Python error" in crash
    assert "crash_while_saving" in crash
    assert_marker_absent(tmp_path / "logs")


def test_qt_text_loses_anything_quoted() -> None:
    text = f'QLayout: cannot add "{MARKER}" to \'{MARKER}\' ' + "y" * 500
    cleaned = scrub_qt_message(text)
    assert MARKER not in cleaned
    assert cleaned.startswith('QLayout: cannot add "…" to "…"')
    assert len(cleaned) <= diagnostics.QT_MESSAGE_LIMIT + 1


def test_without_a_folder_nothing_is_installed() -> None:
    hook = sys.excepthook
    with diagnostics.installed(None) as logged:
        assert logged is None
        assert sys.excepthook is hook


def test_the_module_needs_no_qt() -> None:
    code = "import sys, desktop_app.diagnostics; print([m for m in sys.modules if 'PySide' in m])"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
