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
