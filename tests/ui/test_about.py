"""Help ▸ About shows the same version details as the error dialog and copies them."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop_app import __version__, diagnostics
from desktop_app.ui.about import AboutDialog
from desktop_app.ui.version_details import version_details


def test_about_shows_and_copies_the_version_details(qtbot, data_dir: Path) -> None:
    QApplication.clipboard().clear()
    dialog = AboutDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    details = dialog.findChild(QLabel, "versionDetails").text()
    assert details == version_details()
    for part in (f"Groundwork {__version__}", f"Qt {qVersion()}", f"PySide6 {pyside_version}",
                 f"Python {platform.python_version()}", f"({platform.platform()})"):
        assert part in details

    qtbot.mouseClick(dialog.findChild(QPushButton, "copyDetails"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == details
    assert dialog.findChild(QLabel, "copiedNote").text() == "Copied."
    assert str(data_dir) not in QApplication.clipboard().text()


def test_about_names_the_log_folder_when_errors_are_logged(qtbot, data_dir, tmp_path) -> None:
    plain = AboutDialog(data_dir)
    qtbot.addWidget(plain)
    assert plain.findChild(QLabel, "logLocation") is None

    installed = diagnostics.install(tmp_path / "logs")
    try:
        dialog = AboutDialog(data_dir)
        qtbot.addWidget(dialog)
        assert str(tmp_path / "logs") in dialog.findChild(QLabel, "logLocation").text()
    finally:
        installed.uninstall()
    assert diagnostics.active() is None
