"""--help, the man page and the bash completion, all made from the argument parsers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.app import main
from desktop_app.app_id import APP_ID
from desktop_app.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from make_completion import script as completion_script  # noqa: E402
from make_man import man_page  # noqa: E402


def test_help_names_the_default_data_folder_and_the_exit_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert f"Data folder: {tmp_path / 'share' / 'Groundwork'}" in out
    exit_codes = out.split("Exit codes:")[1]
    for code in ("0", "2", "3"):
        assert f"\n  {code}  " in exit_codes
    assert "groundwork export" in out and "groundwork import" in out


def test_help_shortens_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert main(["--help"]) == 0
    assert "Data folder: ~/.local/share/Groundwork unless" in capsys.readouterr().out


def test_the_man_page_has_every_option_and_exit_code() -> None:
    page = man_page()
    for action in build_parser(data_dir="x")._actions:
        for name in action.option_strings:
            assert f"\\fB{name.replace('-', chr(92) + '-')}\\fR" in page, name
    for section in ("NAME", "SYNOPSIS", "OPTIONS", "EXPORT", "IMPORT", "EXIT STATUS", "FILES"):
        assert f".SH {section}\n" in page
    assert "\\-\\-format" in page  # export's own options are there too


def test_the_man_page_renders_without_warnings(tmp_path: Path) -> None:
    if shutil.which("groff") is None:
        pytest.skip("groff is not installed")
    done = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-z"], input=man_page(), capture_output=True,
        text=True, timeout=60, check=False,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr


def complete(tmp_path: Path, *words: str) -> list[str]:
    """What bash offers after ``words`` (the last one is the word being completed)."""
    script = tmp_path / "groundwork.bash"
    script.write_text(completion_script(), "utf-8")
    quoted = " ".join(f"'{w}'" for w in words)
    program = (
        f"source '{script}'; COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; "
        "_groundwork; printf '%s\\n' \"${COMPREPLY[@]}\""
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True,
                          env=env, timeout=60, check=True)
    return [line for line in done.stdout.splitlines() if line]


def test_bash_completes_options_and_commands(tmp_path: Path) -> None:
    first = complete(tmp_path, "groundwork", "")
    assert {"--data-dir", "--start", "--demo", "--help", "export", "import"} <= set(first)
    assert complete(tmp_path, "groundwork", "--st") == ["--start"]
    assert complete(tmp_path, "groundwork", "export", "--fo") == ["--format"]
    assert complete(tmp_path, "groundwork", "export", "--format", "") == ["json", "csv", "pdf"]
    assert "export" not in complete(tmp_path, "groundwork", "--demo", "")


def test_bash_completes_template_ids_shipped_and_own(tmp_path: Path) -> None:
    shipped = complete(tmp_path, "groundwork", "--start", "")
    assert {"check-in", "grounding", "life-areas", "three-responsibilities"} <= set(shipped)
    own = tmp_path / "elsewhere" / "templates"
    own.mkdir(parents=True)
    (own / "mine.toml").write_text('format = 1\nid = "sleep-diary"\n', "utf-8")
    assert "sleep-diary" not in shipped
    with_dir = complete(tmp_path, "groundwork", "--data-dir", str(own.parent), "--start", "sl")
    assert with_dir == ["sleep-diary"]
    # The default data folder's own templates, too.
    default = tmp_path / "Groundwork" / "templates"
    default.mkdir(parents=True)
    (default / "x.toml").write_text('id = "evening"\n', "utf-8")
    assert complete(tmp_path, "groundwork", "--start", "ev") == ["evening"]


def test_the_running_app_names_its_desktop_file(start_app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    start_app()
    assert QGuiApplication.desktopFileName() == APP_ID
