"""The Qt preflight check (the desktop files: tests/packaging/test_desktop_files.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop_app import qt_doctor

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"


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
