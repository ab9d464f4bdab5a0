"""The versions behind this copy of Groundwork, for About and the error dialog's Copy details.

One builder for both, so a bug report reads the same wherever it was copied from. It holds
versions and the platform only: nothing the person wrote, no paths (they name the account).
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Sequence

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSysInfo, qVersion
from PySide6.QtGui import QGuiApplication

from desktop_app import __version__


def version_details(extra: Sequence[str] = ()) -> str:
    """Groundwork, Qt, PySide6 and Python versions and the platform, one per line."""
    lines = [
        f"Groundwork {__version__}",
        f"Qt {qVersion()}",
        f"PySide6 {pyside_version}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"Platform: {QSysInfo.prettyProductName()} ({platform.platform()})",
    ]
    display = QGuiApplication.platformName()
    if display:
        lines.append(f"Qt platform plugin: {display}")
    if getattr(sys, "frozen", False):
        lines.append("Installed as a bundle")
    return "\n".join([*lines, *extra])


def copy_to_clipboard(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
