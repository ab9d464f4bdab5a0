"""The desktop entry, AppStream metainfo and icons: one application id, and both validators."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.app_id import APP_ID, COMMAND, HOMEPAGE

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
# The freedesktop menu specification's main categories.
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
    "Office", "Science", "Settings", "System", "Utility",
}


def read_entry(path: Path) -> configparser.ConfigParser:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path, encoding="utf-8")
    return entry


def test_the_desktop_entry_uses_the_application_id() -> None:
    entry = read_entry(DESKTOP)
    main = entry["Desktop Entry"]
    assert main["Type"] == "Application"
    assert main["Exec"].split()[0] == COMMAND
    assert main["Icon"] == APP_ID
    assert main["StartupWMClass"] == APP_ID
    categories = [c for c in main["Categories"].split(";") if c]
    assert main["Categories"].endswith(";")
    assert len([c for c in categories if c in MAIN_CATEGORIES]) == 1, categories
    assert entry["Desktop Action CheckIn"]["Exec"] == f"{COMMAND} --start check-in"


def test_the_metainfo_is_complete() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("icon") == APP_ID
    assert root.findtext("provides/binary") == COMMAND
    assert root.findtext("url[@type='homepage']") == HOMEPAGE
    assert root.findtext("developer/name")
    assert root.find("content_rating[@type='oars-1.1']") is not None
    assert {c.text for c in root.iterfind("supports/control")} == {"keyboard", "pointing"}
    release = root.find(f"releases/release[@version='{__version__}']")
    assert release is not None and release.find("description") is not None
    images = [i.text or "" for i in root.iter("image")]
    assert images, "no screenshots"
    for url in images:
        # Each one is the README's, served from the project's own repository.
        assert url.startswith(f"{HOMEPAGE}/raw/main/docs/screenshots/"), url
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url
        assert url.rsplit("/", 1)[1] in (ROOT / "README.md").read_text("utf-8")


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_a_png_icon_at_each_size(size: int) -> None:
    png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png_size(png) == (size, size)


def test_the_scalable_and_symbolic_icons_are_svg() -> None:
    for name in ("groundwork.svg", "groundwork-symbolic.svg"):
        assert ET.parse(ICONS / name).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (.ci/run installs it)")
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_desktop_file_validate_reports_only_hints() -> None:
    done = run_tool("desktop-file-validate", str(DESKTOP))
    assert done.returncode == 0, done.stdout + done.stderr
    for line in (done.stdout + done.stderr).splitlines():
        assert ": hint: " in line, line


def test_appstreamcli_validate_has_no_warnings() -> None:
    done = run_tool("appstreamcli", "validate", "--no-net", str(METAINFO))
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    # I: (info) and P: (pedantic) only; W: and E: fail.
    assert not [line for line in out.splitlines() if line[:2] in {"W:", "E:"}], out
