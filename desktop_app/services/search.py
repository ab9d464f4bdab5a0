"""Find words across what the person wrote: check-in notes and answers, wins, slips,
intentions, and the free-text answers of assessments.

Matching ignores case and accents ("cafe" finds "Café", "ÉTÉ" finds "été"); every word of
the query must appear in the same piece of text, in any order. Reads only; writes nothing.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import datetime

from desktop_app.domain.journal import Slip, Win, instant
from desktop_app.domain.templates import Template
from desktop_app.i18n import N_, _
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.focus import FocusService
from desktop_app.services.journal_cache import checkin_index, latest_first
from desktop_app.services.session import Session

SNIPPET_CHARS = 90
"""About this many characters of text around the first match."""

CHECKIN = "check-in"
WIN = "win"
SLIP = "slip"
INTENTION = "intention"
RESULT = "result"

KIND_WORDS = {
    CHECKIN: N_("Check-in"),
    WIN: N_("Win"),
    SLIP: N_("Slip"),
    INTENTION: N_("Intention"),
    RESULT: N_("Assessment"),
}


@dataclasses.dataclass(frozen=True)
class Hit:
    """One record that matched: its kind, id, when it happened, and the words around it."""

    kind: str
    record_id: str
    at: datetime
    snippet: str
    where: str  # what part of the record matched: "note", "trigger", a question's prompt…


def fold(text: str) -> str:
    """Lower case without accents: what matching compares."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, per folded character, the index of the character it came from."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char)
        out.append(piece)
        where.extend([index] * len(piece))
    return "".join(out), where


def _flatten(text: str) -> tuple[str, list[int]]:
    """``text`` on one line (whitespace runs as one space) and, per original character,
    its index in that line."""
    out: list[str] = []
    position: list[int] = []
    for char in text:
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            position.append(max(0, len(out) - 1))
        else:
            out.append(char)
            position.append(len(out) - 1)
    return "".join(out), position


def match(text: str, terms: list[str]) -> str | None:
    """A snippet of ``text`` around the first term when every term is in it, else None."""
    folded, where = _folded_with_map(text)
    positions = [folded.find(term) for term in terms]
    if not terms or min(positions) < 0:
        return None
    flat, position = _flatten(text)
    start = position[where[min(positions)]]
    left = max(0, start - SNIPPET_CHARS // 3)
    if left > 0:
        space = flat.rfind(" ", 0, left + 1)
        left = space + 1 if space >= 0 else left
    right = min(len(flat), left + SNIPPET_CHARS)
    if right < len(flat.rstrip()):
        space = flat.rfind(" ", start, right)
        right = space if space > start else right
    snippet = flat[left:right].strip()
    more = flat[right:].strip()
    return ("…" if left > 0 else "") + snippet + ("…" if more else "")


def terms_of(query: str) -> list[str]:
    """The folded words of a query; empty for a blank one."""
    return [t for t in fold(query).split() if t]


class SearchService:
    """Searches the open profile."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def search(self, query: str, limit: int = 200) -> list[Hit]:
        """Every match, the latest first (at most ``limit``); nothing for a blank query."""
        terms = terms_of(query)
        if not terms:
            return []
        hits = list(self._all(terms))
        hits.sort(key=lambda h: (instant(h.at), h.record_id), reverse=True)
        return hits[:limit]

    def _all(self, terms: list[str]) -> Iterator[Hit]:
        yield from self._checkins(terms)
        yield from self._wins(terms)
        yield from self._slips(terms)
        yield from self._intentions(terms)
        yield from self._results(terms)

    def _first(
        self, kind: str, record_id: str, at: datetime, fields: Iterable[tuple[str, str]],
        terms: list[str],
    ) -> Iterator[Hit]:
        for where, text in fields:
            if text and isinstance(text, str):
                snippet = match(text, terms)
                if snippet is not None:
                    yield Hit(kind, record_id, at, snippet, where)
                    return

    def _text_questions(self, template_id: str) -> dict[str, str] | None:
        """Text question ids of a template, each with where it sits ("Work: What would ideal
        look like…", or the prompt on a one-page template); None when it is not installed."""
        template: Template | None = self.session.templates.get(template_id)
        if template is None:
            return None
        many = len(template.pages) > 1
        return {
            q.id: f"{page.title}: {q.prompt}" if many else q.prompt
            for page in template.pages for q in page.questions if q.type == "text"
        }

    def _checkins(self, terms: list[str]) -> Iterator[Hit]:
        index = checkin_index(self.session.require_repo())
        for doc_id in index.newest_first():
            checkin = index.get(doc_id)
            if checkin is None:
                continue
            prompts = self._text_questions(checkin.template_id)
            fields = [
                (_("note") if qid == "note" else (prompts or {}).get(qid, qid), value)
                for qid, value in checkin.answers.items()
                if isinstance(value, str) and (prompts is None or qid in prompts)
            ]
            yield from self._first(CHECKIN, doc_id, checkin.at, fields, terms)

    def _wins(self, terms: list[str]) -> Iterator[Hit]:
        for stored in latest_first(self.session.require_repo(), "wins", Win):
            yield from self._first(WIN, stored.id, stored.item.at,
                                   [(_("what went well"), stored.item.text)], terms)

    def _slips(self, terms: list[str]) -> Iterator[Hit]:
        for stored in latest_first(self.session.require_repo(), "lapses", Slip):
            slip = stored.item
            fields = [
                (_("old pattern"), slip.old_pattern), (_("trigger"), slip.trigger),
                (_("what helped"), slip.what_helped), (_("note"), slip.note),
            ]
            yield from self._first(SLIP, stored.id, slip.at, fields, terms)

    def _intentions(self, terms: list[str]) -> Iterator[Hit]:
        focus = FocusService(self.session)
        for stored in focus.periods():
            period = stored.item
            fields: list[tuple[str, str]] = []
            for area in period.areas:
                title = focus.title_of(area.area)
                fields.append((_("intention for {area}").format(area=title), area.intention))
                fields.extend(
                    (_("practice for {area}").format(area=title), p.what) for p in area.practices
                )
            yield from self._first(INTENTION, stored.id, period.started_at, fields, terms)

    def _results(self, terms: list[str]) -> Iterator[Hit]:
        for stored in AssessmentService(self.session).results():
            result = stored.item
            prompts = self._text_questions(result.template_id)
            fields = [
                ((prompts or {}).get(qid, qid), value)
                for qid, value in result.answers.items()
                if isinstance(value, str) and (prompts is None or qid in prompts)
            ]
            template = self.session.templates.get(result.template_id)
            title = template.title if template else result.template_title or _("an assessment")
            fields = [(f"{title} · {where}", text) for where, text in fields]
            yield from self._first(RESULT, stored.id, result.completed_at, fields, terms)
