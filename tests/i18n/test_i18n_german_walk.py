"""Groundwork in German (issue 15): every screen, menu, dialog, wizard page, chart and the
report, walked as the pseudo-locale test walks them, with the real German catalog. No English
message of the app's catalog may show, and no English month or day name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from desktop_app import i18n
from tests.i18n.test_i18n_pseudo_locale import walk

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "resources" / "locale" / "de" / "LC_MESSAGES" / "groundwork.po"
# English-only names of months and days (April, August, September, November and the short
# Jan, Feb, Apr, Aug, Sep, Nov are German too).
ENGLISH_DATE_WORDS = re.compile(
    r"\b(January|February|March|May|June|July|October|December|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|Mar|Jun|Jul|Oct|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def english_phrases() -> list[str]:
    """The catalog's English messages (their fixed parts) whose German differs: 3+ words."""
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="de")
    found: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english in strings:
                continue
            for part in PLACEHOLDER.split(english.replace("&", "")):
                part = " ".join(part.split()).strip(" .,:;()“”\"'…")
                if len(part.split()) >= 3:
                    found.add(part)
    return sorted(found, key=len, reverse=True)


class EnglishLeft:
    """Visible texts still in English, each with where it was seen."""

    def __init__(self) -> None:
        self.phrases = english_phrases()
        self.found: dict[str, str] = {}
        self.seen = 0

    def check(self, text: str, where: str) -> None:
        shown = " ".join(text.replace("&", "").split())
        if not shown:
            return
        self.seen += 1
        date_word = ENGLISH_DATE_WORDS.search(shown)
        phrase = next((p for p in self.phrases if p in shown), None)
        if date_word or phrase:
            self.found.setdefault(shown, f"{where} ({phrase or date_word.group(0)})")

    def report(self) -> str:
        return f"{len(self.found)} of {self.seen} visible texts are English:\n" + "\n".join(
            f"  {where}: {text!r}" for text, where in sorted(self.found.items(),
                                                            key=lambda i: i[1]))


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")


def test_in_german_no_english_shows(qtbot, start_app, german, tmp_path: Path) -> None:
    seen = EnglishLeft()
    walk(qtbot, start_app, tmp_path, seen)
    assert i18n.language() == "de"
    assert not seen.found, seen.report()


def test_the_judge_catches_english_and_lets_german_pass() -> None:
    seen = EnglishLeft()
    seen.check("Dein nächster Check-in ist heute um 20:00 fällig.", "home")
    seen.check("Samstag, 14. März 2026", "home")
    seen.check("Your next check-in is due today at 20:00.", "home")
    seen.check("Saturday 14 March", "home")
    assert set(seen.found) == {"Your next check-in is due today at 20:00.", "Saturday 14 March"}
