"""make install-user / uninstall-user against a temporary HOME: the menu entry resolves, its
icon is found, and uninstalling leaves the HOME exactly as it was."""

from __future__ import annotations

import configparser
import os
import shlex
import site
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.app_id import APP_ID

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "packaging" / "install_user.py"

pytest.importorskip("hatchling")


def person_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "XDG_DATA_HOME", "PIP_REQUIRE_VIRTUALENV"}}
    env["HOME"] = str(home)
    # A plain PATH: pip asks `rustc --version` for its user agent, and a rustup proxy on
    # this PATH would write ~/.rustup into the temporary HOME.
    env["PATH"] = os.pathsep.join(["/usr/local/bin", "/usr/bin", "/bin"])
    return env


def run_installer(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = person_env(home)
    return subprocess.run([sys.executable, str(INSTALLER), *args], env=env, cwd=home,
                          capture_output=True, text=True, timeout=600, check=False)


def tree(home: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(home)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(home.rglob("*"))}


def menu_entry(home: Path) -> configparser.SectionProxy:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    path = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    entry.read(path, encoding="utf-8")
    return entry["Desktop Entry"]


def find_icon(home: Path, name: str) -> list[Path]:
    """Where an icon theme lookup under this HOME finds ``name`` (hicolor, any size)."""
    hicolor = home / ".local" / "share" / "icons" / "hicolor"
    return sorted(p for ext in ("png", "svg") for p in hicolor.glob(f"*/apps/{name}.{ext}"))


@pytest.mark.slow
def test_install_then_uninstall_for_one_user(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )
    wheel = next(dist.glob("groundwork_journal-*.whl"))
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "mine.txt").write_text("the person's own file")
    before = tree(home)

    # Offline: the wheel alone; the dependencies are borrowed from this venv below.
    done = run_installer(home, "install", "--wheel", str(wheel), "--", "--no-deps", "--no-index")
    assert done.returncode == 0, done.stderr
    venv = home / ".local" / "share" / APP_ID / "venv"
    purelib = next(venv.glob("lib/python3*/site-packages"))
    (purelib / "borrowed-deps.pth").write_text(
        "\n".join(p for p in site.getsitepackages() if Path(p).is_dir()) + "\n")

    entry = menu_entry(home)
    launcher = home / ".local" / "bin" / "groundwork"
    assert shlex.split(entry["Exec"]) == [str(launcher)]
    assert entry["TryExec"] == str(launcher)
    assert os.access(launcher, os.X_OK)
    icons = find_icon(home, entry["Icon"])
    assert {p.parent.parent.name for p in icons} >= {"scalable", "48x48", "256x256"}
    assert find_icon(home, f"{APP_ID}-symbolic")
    assert (home / ".local" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (home / ".local" / "share" / "man" / "man1" / "groundwork.1").is_file()
    assert (home / ".local" / "share" / "bash-completion" / "completions" / "groundwork").is_file()

    env = person_env(home)
    started = subprocess.run([*shlex.split(entry["Exec"]), "--help"], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=120, check=False)
    assert started.returncode == 0, started.stderr
    assert "Data folder: ~/.local/share/Groundwork" in started.stdout
    version = subprocess.run([str(launcher), "--version"], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=120, check=True)
    assert __version__ in version.stdout
    # The program is the wheel's, in the private venv, not this checkout.
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import desktop_app; print(desktop_app.__file__)"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True)
    assert Path(where.stdout.strip()).is_relative_to(venv)

    done = run_installer(home, "uninstall")
    assert done.returncode == 0, done.stderr
    assert tree(home) == before


def test_install_refuses_to_overwrite_a_command_it_did_not_install(tmp_path: Path) -> None:
    home = tmp_path / "home"
    theirs = home / ".local" / "bin" / "groundwork"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("#!/bin/sh\necho another program\n")
    before = tree(home)
    done = run_installer(home, "install")
    assert done.returncode == 1
    assert "groundwork is already there and was not installed by this script" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree(home) == before


def test_uninstall_without_an_install_says_so(tmp_path: Path) -> None:
    done = run_installer(tmp_path, "uninstall")
    assert done.returncode == 1
    assert "Groundwork is not installed for this user" in done.stderr
    assert list(tmp_path.iterdir()) == []
