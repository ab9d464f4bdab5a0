"""Before ``make run``: say in plain words which system libraries Qt is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from desktop_app.i18n import _

# Debian/Ubuntu package for each library Qt's X11 plugin commonly lacks on a bare system.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def missing_libraries(plugin: Path) -> list[str]:
    if not plugin.exists() or shutil.which("ldd") is None:
        return []
    result = subprocess.run(
        ["ldd", str(plugin)], capture_output=True, text=True, check=False
    )
    return re.findall(r"^\s*(\S+) => not found", result.stdout, re.MULTILINE)


def install_hint(missing: list[str]) -> str:
    names = sorted({DEBIAN_PACKAGES.get(lib, lib) for lib in missing})
    return (
        _("Groundwork cannot open a window yet: Qt needs some system libraries that are "
          "not installed:") + "\n  " + ", ".join(missing) + "\n\n"
        + _("On Debian or Ubuntu, install them with:") + "\n  sudo apt-get install "
        + " ".join(names)
    )


def main() -> int:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return 0
    import PySide6  # only to find the plugin folder; no Qt module is loaded

    plugins = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms"
    missing = missing_libraries(plugins / "libqxcb.so")
    if missing:
        print(install_hint(missing), file=sys.stderr)
        return 1
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print(
            _("Groundwork needs a graphical desktop: no DISPLAY or WAYLAND_DISPLAY is set."),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
