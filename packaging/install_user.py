"""Install Groundwork for this user only, or remove exactly what was installed.

``python3 packaging/install_user.py install [--wheel FILE] [-- PIP_OPTIONS...]`` makes a private
venv in $XDG_DATA_HOME/<app id>/venv from the tested versions (constraints.txt), a launcher in
~/.local/bin, and puts the menu entry, metainfo, icons, man page and bash completion into the
XDG user folders. Every file and folder it makes is listed in a manifest beside the venv;
``uninstall`` removes those and nothing else. Standard library only: it runs before any venv.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

# Run by whatever python3 there is, before any venv: say so instead of a traceback.
if sys.version_info < (3, 11):  # noqa: UP036
    sys.exit("Groundwork needs Python 3.11 or newer; found " + sys.version.split()[0])

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from make_completion import script as completion_script  # noqa: E402
from make_man import man_page  # noqa: E402

from desktop_app.app_id import APP_ID, COMMAND  # noqa: E402

MANIFEST = "installed-files.txt"


class InstallError(Exception):
    """A sentence saying why nothing (more) was done."""


def data_home() -> Path:
    raw = os.environ.get("XDG_DATA_HOME", "")
    # The spec says a relative value is invalid and must be ignored.
    return Path(raw) if raw and Path(raw).is_absolute() else Path.home() / ".local" / "share"


def app_home() -> Path:
    return data_home() / APP_ID


def bin_dir() -> Path:
    # Not an XDG variable, but where systemd's file-hierarchy and most distributions' PATH
    # expect a user's own commands.
    return Path.home() / ".local" / "bin"


def launcher_path() -> Path:
    return bin_dir() / COMMAND


def planned_files(venv: Path) -> dict[Path, bytes]:
    """Every file outside the venv, with its content."""
    share = data_home()
    icons = share / "icons" / "hicolor"
    launcher = launcher_path()
    files: dict[Path, bytes] = {
        launcher: (
            "#!/bin/sh\n"
            "# Groundwork's launcher, written by install_user.py (uninstall with it too).\n"
            f"exec {shlex.quote(str(venv / 'bin' / COMMAND))} \"$@\"\n"
        ).encode(),
        share / "applications" / f"{APP_ID}.desktop": desktop_entry(launcher),
        share / "metainfo" / f"{APP_ID}.metainfo.xml":
            (HERE / f"{APP_ID}.metainfo.xml").read_bytes(),
        icons / "scalable" / "apps" / f"{APP_ID}.svg":
            (ROOT / "resources" / "icons" / "groundwork.svg").read_bytes(),
        icons / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg":
            (ROOT / "resources" / "icons" / "groundwork-symbolic.svg").read_bytes(),
        share / "man" / "man1" / f"{COMMAND}.1": man_page().encode(),
        share / "bash-completion" / "completions" / COMMAND: completion_script().encode(),
    }
    for png in sorted((ROOT / "resources" / "icons" / "hicolor").glob("*/apps/*.png")):
        files[icons / png.parent.parent.name / "apps" / png.name] = png.read_bytes()
    return files


def desktop_entry(launcher: Path) -> bytes:
    """The packaged entry, pointing at the launcher itself: a graphical session's PATH
    often lacks ~/.local/bin until the next login."""
    lines = []
    for line in (HERE / f"{APP_ID}.desktop").read_text("utf-8").splitlines():
        key, _, value = line.partition("=")
        if key == "TryExec" and value == COMMAND:
            line = f"TryExec={launcher}"
        elif key == "Exec" and value.split()[0] == COMMAND:
            line = f"Exec={exec_quoted(str(launcher))}{value[len(COMMAND):]}"
        lines.append(line)
    return ("\n".join(lines) + "\n").encode()


def exec_quoted(program: str) -> str:
    """``program`` as the first word of an Exec key (quoted as the desktop entry spec says)."""
    if not any(ch in program for ch in ' \t\n"\'\\><~|&;$*?#()`=%'):
        return program
    inner = "".join(f"\\{ch}" if ch in '"`$\\' else ch for ch in program).replace("%", "%%")
    # The file format unescapes backslashes once more before the Exec rules apply.
    return '"' + inner.replace("\\", "\\\\") + '"'


def install(wheel: Path | None, pip_options: list[str]) -> None:
    home = app_home()
    if (home / MANIFEST).exists():
        print(f"Replacing the Groundwork installed in {home}")
        uninstall()
    venv = home / "venv"
    files = planned_files(venv)
    theirs = [path for path in files if path.exists() or path.is_symlink()]
    if theirs:
        raise InstallError(
            f"{theirs[0]} is already there and was not installed by this script; "
            "move it away first (nothing was installed)")
    created: list[Path] = []
    try:
        make_dirs(home, created)
        created.append(venv)
        run([sys.executable, "-m", "venv", str(venv)])
        source = str(wheel.resolve()) if wheel else str(ROOT)
        run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
             "--disable-pip-version-check", "-c", str(ROOT / "constraints.txt"),
             *pip_options, source])
        for path, content in files.items():
            make_dirs(path.parent, created)
            path.write_bytes(content)
            created.append(path)
        launcher_path().chmod(0o755)
    except BaseException:
        remove(created)
        raise
    write_manifest(home, created)
    print(f"Installed Groundwork: {launcher_path()} and the menu entry {APP_ID}.desktop")
    if str(bin_dir()) not in os.environ.get("PATH", "").split(os.pathsep):
        print(f"Note: {bin_dir()} is not on your PATH; the menu entry works without it.")


def make_dirs(folder: Path, created: list[Path]) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir()
        created.append(each)


def write_manifest(home: Path, created: list[Path]) -> None:
    (home / MANIFEST).write_text("".join(f"{path}\n" for path in created), "utf-8")


def uninstall() -> None:
    manifest = app_home() / MANIFEST
    if not manifest.exists():
        raise InstallError(f"Groundwork is not installed for this user (no {manifest})")
    listed = [Path(line) for line in manifest.read_text("utf-8").splitlines() if line]
    manifest.unlink()
    remove(listed)
    print("Removed Groundwork's program, launcher, menu entry, icons and man page; "
          "your data folder is left as it was.")


def remove(paths: list[Path]) -> None:
    """Remove what was made, newest first, so each folder is empty when its turn comes.
    A folder someone has since put their own files in is left."""
    for path in reversed(paths):
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.name == "venv" and path.parent == app_home():
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def run(command: list[str]) -> None:
    done = subprocess.run(command, check=False)
    if done.returncode != 0:
        raise InstallError(f"'{' '.join(command[:4])} …' failed (exit {done.returncode})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="install_user.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    put = sub.add_parser("install", help="install (or replace) Groundwork for this user")
    put.add_argument("--wheel", type=Path, help="install this wheel instead of the checkout")
    put.add_argument("pip_options", nargs="*", help="after --: more options for pip install")
    sub.add_parser("uninstall", help="remove what install put there")
    options = parser.parse_args(argv)
    try:
        if options.action == "install":
            install(options.wheel, options.pip_options)
        else:
            uninstall()
    except InstallError as error:
        print(f"install_user.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
