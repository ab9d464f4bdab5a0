"""The pseudo-locale ``en_XA``: every message of the .pot wrapped, accented and lengthened.

A screen shown in it tells at a glance which texts came from the catalog (``[Ŝåvé ···]``)
and which did not (plain English), and whether the layout survives longer words.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable
from pathlib import Path

ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Left as they are: {placeholders}, <markup>, &entities; and %-conversions.
KEEP = re.compile(r"\{[^{}]*\}|<[^<>]*>|&[a-zA-Z]+;|&#\d+;|%\(?\w*\)?[sd]")
OPEN, CLOSE = "[", "]"


def pseudo(message: str) -> str:
    """``"Save {name}"`` → ``"[Ŝåṽé {name} ···]"``: about 30% longer, placeholders intact."""
    if not message:
        return message
    parts, last = [], 0
    for kept in KEEP.finditer(message):
        parts.append(message[last:kept.start()].translate(ACCENTED))
        parts.append(kept.group())
        last = kept.end()
    parts.append(message[last:].translate(ACCENTED))
    padding = "·" * max(3, len(message) * 3 // 10)
    return f"{OPEN}{''.join(parts)} {padding}{CLOSE}"


def is_pseudo(text: str) -> bool:
    """True if every line of ``text`` is wholly a pseudo-translated message (or blank)."""
    return all(
        not line.strip() or (line.strip().startswith(OPEN) and line.strip().endswith(CLOSE))
        for line in text.splitlines()
    )


class PseudoTranslations(gettext.NullTranslations):
    """Pseudo-translates the messages it knows; any other text stays as it came."""

    def __init__(self, known: Iterable[tuple[str | None, str]]) -> None:
        super().__init__()
        self.known = set(known)

    def _one(self, context: str | None, message: str) -> str:
        return pseudo(message) if (context, message) in self.known else message

    def gettext(self, message: str) -> str:
        return self._one(None, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._one(None, msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self._one(context, message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._one(context, msgid1 if n == 1 else msgid2)


def pseudo_translations(pot: Path) -> PseudoTranslations:
    """The pseudo catalog of the messages in ``pot`` (plural forms count as messages)."""
    from babel.messages.pofile import read_po

    known: list[tuple[str | None, str]] = []
    if pot.is_file():
        with pot.open("rb") as handle:
            for entry in read_po(handle):
                if not entry.id:
                    continue
                ids = entry.id if isinstance(entry.id, tuple | list) else (entry.id,)
                known += [(entry.context, str(one)) for one in ids]
    return PseudoTranslations(known)
