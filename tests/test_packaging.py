"""The desktop entry, AppStream metainfo and the Qt preflight check."""

from __future__ import annotations

import configparser
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop_app import __version__, qt_doctor

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"


def test_desktop_entry_is_well_formed() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "groundwork.desktop", encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["Type"] == "Application"
    assert main["Exec"].split()[0] == "groundwork"
    assert main["Categories"].endswith(";")
    assert entry["Desktop Action CheckIn"]["Exec"] == "groundwork --start check-in"


def test_metainfo_parses_and_names_this_version() -> None:
    root = ET.parse(PACKAGING / "groundwork.metainfo.xml").getroot()
    assert root.tag == "component"
    assert root.findtext("launchable") == "groundwork.desktop"
    versions = [r.get("version") for r in root.iter("release")]
    assert __version__ in versions


def test_preflight_names_missing_libraries_and_packages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    ldd_output = (
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibxkbcommon-x11.so.0 => not found\n"
        "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n"
    )

    def fake_run(*_args: object, **_kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess([], 0, stdout=ldd_output, stderr="")

    monkeypatch.setattr(qt_doctor.subprocess, "run", fake_run)
    assert qt_doctor.missing_libraries(plugin) == ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]
    assert "libxcb-cursor0" in qt_doctor.install_hint(qt_doctor.missing_libraries(plugin))
    assert "libxkbcommon-x11-0" in qt_doctor.install_hint(qt_doctor.missing_libraries(plugin))
