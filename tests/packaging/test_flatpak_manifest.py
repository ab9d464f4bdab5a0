"""The Flatpak manifest (untested with flatpak-builder here) agrees with the id and the lock."""

from __future__ import annotations

import json
import re
from pathlib import Path

from desktop_app import __version__
from desktop_app.app_id import APP_ID

ROOT = Path(__file__).resolve().parents[2]
FLATPAK = ROOT / "packaging" / "flatpak"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if match:
            pins[canonical(match[1])] = match[2]
    return pins


def test_the_manifest_uses_the_application_id_and_this_version() -> None:
    manifest = (FLATPAK / f"{APP_ID}.yml").read_text("utf-8")
    assert f"\napp-id: {APP_ID}\n" in manifest
    assert "runtime: org.freedesktop.Platform\n" in manifest
    assert manifest.count(f"groundwork_journal-{__version__}-py3-none-any.whl") == 2


def test_every_wheel_is_the_locked_version_with_its_sha256() -> None:
    module = json.loads((FLATPAK / "python-wheels.json").read_text("utf-8"))
    pins = locked()
    wanted = module["build-commands"][0].split("--prefix=${FLATPAK_DEST} ")[1].split()
    for requirement in wanted:
        name, version = requirement.split("==")
        assert pins[canonical(name)] == version, f"{name}: run make_manifest.py after make lock"
    assert {canonical(w.split("==")[0]) for w in wanted} >= {
        "pyside6-essentials", "shiboken6", "matplotlib", "numpy", "platformdirs", "tzlocal",
        "msgspec", "cryptography", "argon2-cffi"}
    assert len(module["sources"]) == len(wanted)
    for source in module["sources"]:
        assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"])
        wheel = source["url"].rsplit("/", 1)[1]
        name, version = wheel.split("-")[:2]
        assert pins[canonical(name)] == version, wheel
