"""Qt's own translations of its standard buttons and dialogs (qtbase), installed at start.

Apart from ``language`` (the Settings dialog) because start-up needs only this: that module
names ``Qt``, whose enum namespace costs tens of milliseconds to load, before the first paint.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator


def qt_translations_dirs() -> list[Path]:
    """Where Qt keeps ``qtbase_<lang>.qm``: Qt's own path, then PySide6's (a frozen bundle)."""
    found = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    import PySide6

    found.append(Path(PySide6.__file__).parent / "Qt" / "translations")
    return found


_installed: list[QTranslator] = []


def install_qt_translations(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load qtbase's catalog for ``language`` so standard buttons (OK, Cancel…) match; the
    one loaded before is removed (English needs none)."""
    while _installed:
        app.removeTranslator(_installed.pop())
    if language.startswith("en"):
        return None
    translator = QTranslator(app)
    for folder in qt_translations_dirs():
        if translator.load(f"qtbase_{language}", str(folder)):
            app.installTranslator(translator)
            _installed.append(translator)
            return translator
    return None
