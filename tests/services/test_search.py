"""Search across what the person wrote: case- and accent-insensitive, the latest first."""

from __future__ import annotations

from desktop_app.domain.journal import Cadence, CheckIn
from desktop_app.domain.results import AssessmentResult
from desktop_app.services.focus import AreaDraft, PracticeDraft
from desktop_app.services.journal import JournalService, SlipDraft, WinDraft
from desktop_app.services.search import SearchService, fold, match
from desktop_app.services.session import Session
from tests.conftest import FakeClock


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Café ÉTÉ Straße") == "cafe ete strasse"
    assert match("Coffee at the Café with Zoë", ["cafe", "zoe"]) == "Coffee at the Café with Zoë"
    assert match("nothing here", ["cafe"]) is None


def test_a_snippet_is_one_line_around_the_match() -> None:
    text = ("Long morning.\n\n" + "word " * 40 + "then the budget meeting went well " +
            "more " * 40)
    snippet = match(text, ["budget"])
    assert snippet is not None
    assert "budget meeting" in snippet and "\n" not in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= 100


def test_every_kind_of_text_is_found_latest_first(
    session: Session, journal: JournalService, clock: FakeClock
) -> None:
    journal.focus.change_focus([
        AreaDraft("work", "Answer from calm, even with Zoë",
                  (PracticeDraft("Three breaths", Cadence.daily()),)),
    ])
    clock.advance(hours=1)
    template = journal.checkin_template()
    assert template is not None
    outcome = journal.complete_checkin(template, {"note": "Lunch with ZOE was kind."})
    clock.advance(hours=1)
    slip_id, _ = journal.log_slip(SlipDraft("Snapped", trigger="Zoé was late"))
    clock.advance(hours=1)
    journal.log_win(WinDraft("Told zoe how I felt"))
    clock.advance(hours=1)
    session.require_repo().collection("assessments", AssessmentResult).add(
        AssessmentResult("life-areas", 1, clock(), clock(),
                         {"reflection": "A walk with Zoë", "work": None}, {}, "Life areas")
    )
    hits = SearchService(session).search("zoe")
    assert [h.kind for h in hits] == ["result", "win", "slip", "check-in", "intention"]
    assert hits[0].where == (
        "Where I am, where I want to be · Looking at the whole: Is there anything you noticed "
        "while answering that you want to remember?"
    )
    assert hits[2].record_id == slip_id and hits[2].where == "trigger"
    assert hits[3].record_id == outcome.checkin_id
    assert hits[3].snippet == "Lunch with ZOE was kind."
    assert hits[4].where == "intention for Work"
    # Every word must be there, in any order; a blank query finds nothing.
    assert [h.kind for h in SearchService(session).search("KIND lunch")] == ["check-in"]
    assert SearchService(session).search("   ") == []
    assert SearchService(session).search("walrus") == []
    # A deleted record is not found.
    journal.delete_slip(slip_id)
    assert "slip" not in [h.kind for h in SearchService(session).search("zoe")]


def test_only_free_text_answers_are_searched(session: Session, journal: JournalService) -> None:
    template = journal.checkin_template()
    assert template is not None
    # A string kept under a scale question (an old or hand-edited record) is not free text.
    journal.complete_checkin(template, {"note": "Felt fine", "distress": 3})
    session.require_repo().collection("checkins", CheckIn).add(
        CheckIn(journal.now(), "check-in", 1, {"distress": "fine"}, ())
    )
    [hit] = SearchService(session).search("FINE")
    assert hit.where == "note" and hit.snippet == "Felt fine"
