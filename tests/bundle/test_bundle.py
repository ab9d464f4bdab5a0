"""The built bundle (``make bundle``) as a person meets it: started from another folder with a
fresh HOME on an X display (Xvfb), a shipped assessment opened with ``--start``, answered
with the keyboard (xdotool), its result stored, and a chart drawn on the Progress screen.

Nothing in the app knows it is being tested: keys arrive through the X server, the chart is
seen on a screenshot, and the stored answers are read back with the bundle's own
``groundwork export``. Skipped when no bundle is built (``make test`` builds it first).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bundle.screen import chart_pixels, grab

REPO = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("GROUNDWORK_BUNDLE", REPO / "dist" / "groundwork" / "groundwork"))
# Three pages of three 1-to-5 scales: every question gets 3, 4 and 5 in turn.
ANSWERS = {f"{part}_{quality}": value
           for part in ("thoughts", "words", "body")
           for quality, value in (("intentional", 3), ("curious", 4), ("aware", 5))}
# Coloured pixels of a drawn chart: its data points (one result: four dots, about 90 pixels).
# Without a chart there are none: the app's widgets are greys right of the navigation.
CHART_PIXELS = 40
WAIT_S = 90

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not BUNDLE.is_file(), reason=f"no bundle at {BUNDLE}: run 'make bundle'"),
]


@pytest.fixture
def display() -> Iterator[str]:
    """A private X server on a free display number, chosen by Xvfb itself."""
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (packages xvfb, xdotool)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x900x24", "-nolisten", "tcp",
         "-noreset"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as said:
        number = said.readline().strip()  # written once the server accepts clients
    assert number, "Xvfb did not start"
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def person_env(root: Path, display: str) -> dict[str, str]:
    """A fresh account: nothing of the developer's environment (no PYTHONPATH, no Qt
    platform override, no session bus), folders of its own."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
           "HOME": str(root / "home"), "DISPLAY": display}
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME",
                 "XDG_RUNTIME_DIR"):
        folder = root / name.lower()
        folder.mkdir(parents=True, mode=0o700)
        env[name] = str(folder)
    Path(env["HOME"]).mkdir()
    return env


class Desktop:
    """xdotool on one display: find windows, focus them, press keys."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def run(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True,
                              text=True, timeout=WAIT_S, check=True)
        return done.stdout

    def window(self, title: str) -> str:
        """The visible window whose title matches ``title`` (a regex), once it is there.

        ASCII only: xdotool matches the X title property, which holds "—" in another encoding.
        A search that meets a window closing meanwhile fails: it is simply asked again.
        """
        deadline = time.monotonic() + WAIT_S
        while True:
            search = subprocess.run(
                ["xdotool", "search", "--sync", "--onlyvisible", "--name", title],
                env=self.env, capture_output=True, text=True, timeout=WAIT_S, check=False)
            if search.returncode == 0 and search.stdout.split():
                return search.stdout.split()[0]
            assert time.monotonic() < deadline, f"no window '{title}': {search.stderr}"

    def keys(self, window: str, *keys: str) -> None:
        self.run("windowfocus", "--sync", window)
        self.run("key", "--delay", "40", *keys)


def wait_for_chart(desktop: Desktop, window: str, shot: Path, app: subprocess.Popen[str]) -> int:
    """Open the Over time tab and take screenshots until one shows a chart; the coloured
    pixels it has. (The tabs come once matplotlib has loaded, so the key is pressed again.)"""
    deadline = time.monotonic() + WAIT_S
    seen = 0
    while time.monotonic() < deadline and app.poll() is None:
        desktop.keys(window, "alt+t")  # Over &time: one result draws a point per score
        grab(desktop.env, shot)
        seen = chart_pixels(shot)
        if seen >= CHART_PIXELS:
            break
    return seen


def test_the_bundle_runs_an_assessment_and_draws_its_chart(
    tmp_path: Path, display: str
) -> None:
    env = person_env(tmp_path, display)
    elsewhere = tmp_path / "elsewhere"  # not the checkout: nothing may come from there
    elsewhere.mkdir()
    data = tmp_path / "data"
    log = (tmp_path / "groundwork.log").open("w")
    app = subprocess.Popen(
        [str(BUNDLE), "--data-dir", str(data), "--profile", "Test",
         "--start", "three-responsibilities"],
        cwd=elsewhere, env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    desktop = Desktop(env)
    try:
        wizard = desktop.window("^My three responsibilities")
        desktop.keys(wizard, "Return")  # past the introduction
        for _page in range(3):
            desktop.keys(wizard, "3", "Tab", "4", "Tab", "5", "Return")
        desktop.keys(wizard, "Return")  # Finish, on the page to look the answers over
        result = desktop.window("result")
        desktop.keys(result, "Escape")

        main = desktop.window("^Test .* Groundwork$")
        desktop.keys(main, "ctrl+3")  # Go ▸ Progress
        shot = tmp_path / "progress.png"
        seen = wait_for_chart(desktop, main, shot, app)
        assert seen >= CHART_PIXELS, (
            f"no chart on Progress ({seen} coloured pixels; see {shot}): "
            + (tmp_path / "groundwork.log").read_text("utf-8")[-2000:]
        )
        # matplotlib's font list is kept for the next session (not rebuilt at each one's
        # first chart in a temporary folder, as PyInstaller's run-time hook would have it).
        assert list(Path(env["XDG_CACHE_HOME"]).glob("Groundwork/matplotlib/fontlist-*.json"))
        desktop.keys(main, "ctrl+q")
        assert app.wait(timeout=WAIT_S) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        log.close()

    # Read back with the bundle's own headless export, from the other folder too.
    out = tmp_path / "export.json"
    subprocess.run(
        [str(BUNDLE), "export", "--profile", "Test", "--data-dir", str(data),
         "--format", "json", "--out", str(out)],
        cwd=elsewhere, env=env, check=True, capture_output=True, timeout=WAIT_S,
    )
    [stored] = json.loads(out.read_text("utf-8"))["assessments"]
    assert stored["template_id"] == "three-responsibilities"
    assert {k: v for k, v in stored["answers"].items() if k in ANSWERS} == ANSWERS
    assert stored["scores"]["thoughts"]["value"] == 4.0


def test_the_bundle_starts_on_glibc_no_newer_than_its_python_needs() -> None:
    """No library collected from the build machine raises the bundle's glibc floor."""
    if shutil.which("objdump") is None:
        pytest.skip("objdump is not installed (package binutils)")
    sys.path.insert(0, str(REPO / "packaging" / "pyinstaller"))
    try:
        import check_glibc
    finally:
        sys.path.pop(0)
    floor, above = check_glibc.check(BUNDLE.parent)
    assert floor >= (2, 17)
    assert above == []


def test_install_script_puts_the_menu_entry_and_icon_in_place_and_takes_them_away(
    tmp_path: Path,
) -> None:
    """install.sh from the unpacked folder, for a fresh HOME; --uninstall leaves nothing."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    script = BUNDLE.parent / "install.sh"
    subprocess.run(["sh", str(script)], env=env, check=True, capture_output=True, timeout=120)
    data = home / ".local" / "share"
    [entry] = (data / "applications").glob("*.desktop")
    app_id = entry.name.removesuffix(".desktop")
    installed = data / f"{app_id}-bundle" / "groundwork"
    lines = entry.read_text("utf-8").splitlines()
    assert f"Exec={installed}" in lines  # the menu entry starts the installed copy
    icon = next(line.removeprefix("Icon=") for line in lines if line.startswith("Icon="))
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{icon}.svg").is_file()
    assert list((data / "metainfo").glob("*.metainfo.xml"))
    launcher = home / ".local" / "bin" / "groundwork"
    version = subprocess.run([str(launcher), "--version"], env=env, capture_output=True,
                             text=True, timeout=120, check=True)
    assert version.stdout.startswith("Groundwork ")

    subprocess.run(["sh", str(script), "--uninstall"], env=env, check=True,
                   capture_output=True, timeout=120)
    left = sorted(str(p.relative_to(home)) for p in home.rglob("*") if not p.is_dir())
    assert left == []
