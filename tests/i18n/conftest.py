"""Translation tests switch the language; every test ends in English again."""

from __future__ import annotations

import gettext
from collections.abc import Iterator

import pytest

from desktop_app import i18n


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.install(gettext.NullTranslations(), "en")
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is not None:
        from desktop_app.ui.qt_translations import install_qt_translations

        install_qt_translations(app, "en")
