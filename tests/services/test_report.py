"""The report "Since my last session": its content for a period, the parts the person picks,
the last report remembered, and the PDF's real text (read back with pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app.domain.journal import Cadence
from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.return_time import ReturnTime
from desktop_app.domain.scoring import ScaleScore
from desktop_app.paths import resources_dir
from desktop_app.services import report
from desktop_app.services.errors import InputError
from desktop_app.services.focus import AreaDraft, PracticeDraft
from desktop_app.services.journal import JournalService, SlipDraft, WinDraft
from desktop_app.services.session import Session
from desktop_app.services.topics import TopicService
from tests.conftest import FIXED_NOW, TEST_DEVICE, FakeClock
from tests.services.journal_setup import PARIS

PERIOD = report.Period(date(2026, 3, 1), date(2026, 3, 10))
pdftotext = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    pdftotext is None, reason="pdftotext (Debian: poppler-utils) is not installed"
)


def at(day: int, month: int = 3, hour: int = 12) -> datetime:
    return FIXED_NOW.replace(month=month, day=day, hour=hour, minute=0)


def steadiness(session: Session, when: datetime, value: int, band: str) -> None:
    session.require_repo().collection("assessments", AssessmentResult).add(
        AssessmentResult("grounding", 1, when, when, {}, {"steadiness": ScaleScore(value, band)},
                         "Grounding")
    )


@pytest.fixture
def session(data_dir: Path, clock: FakeClock) -> Session:
    """Sam's profile: records before, inside and after 1–10 March 2026."""
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.create_profile("Sam")
    journal = JournalService(session)
    journal.save_settings(PARIS)
    clock.now = at(20, 2)
    journal.focus.change_focus([AreaDraft(
        "work", "Answer from calm", (PracticeDraft("Three breaths", Cadence.daily()),))])
    clock.now = FIXED_NOW
    journal.log_win(WinDraft("Win from February", at=at(25, 2)))
    journal.log_win(WinDraft("Kept my boundary at work", at=at(3)))
    journal.log_win(WinDraft("Walked home the long way", at=at(9)))
    journal.log_win(WinDraft("Win from after the period", at=at(12)))
    journal.log_slip(SlipDraft("Old pattern in February", at=at(26, 2)))
    journal.log_slip(SlipDraft("Snapped at a colleague", at=at(4, hour=9),
                               trigger="Deadline", what_helped="A walk",
                               back_on_track_at=at(4, hour=15)))
    journal.log_slip(SlipDraft("Old pattern after the period", at=at(13)))
    steadiness(session, at(15, 2), 20, "Finding footing")
    steadiness(session, at(5), 27, "Steady ground")
    steadiness(session, at(13), 31, "Steady ground")
    assert session.flush(10)  # the headless commands read it from disk
    return session


def build(session: Session, chosen: tuple[str, ...] = tuple(report.PARTS),
          period: report.Period = PERIOD) -> report.Report:
    frozen = report.FrozenProfile(session.require_repo(), session.clock())
    inputs = report.read_inputs(frozen, session.templates, session.clock)
    return report.build(inputs, period, chosen)


def test_the_report_holds_what_happened_in_the_period_only(session: Session) -> None:
    made = build(session)
    assert [w.text for w in made.wins or []] == ["Kept my boundary at work",
                                                 "Walked home the long way"]
    [slip] = made.slips or []
    assert (slip.old_pattern, slip.trigger, slip.what_helped) == (
        "Snapped at a colleague", "Deadline", "A walk")
    assert slip.took == ReturnTime(6 * 3600.0)
    [score] = made.scores or []
    # Compared with February's result (before the period): +7 is at least the template's
    # meaningful change (5), so it is marked.
    assert (score.value, score.band, score.change, score.meaningful) == (
        27, "Steady ground", 7, True)
    [focus] = made.focus or []
    assert (focus.area, focus.intention, focus.practices) == (
        "Work", "Answer from calm", ("Three breaths",))


def test_parts_not_chosen_are_not_built(session: Session) -> None:
    made = build(session, ("wins", "topics"))
    assert made.chosen == ("topics", "wins")  # in the report's own order
    assert made.slips is None and made.scores is None and made.gaps is None


def test_a_period_and_parts_the_person_must_fix_are_refused(session: Session) -> None:
    with pytest.raises(report.ReportError, match="first day comes after the last"):
        report.chosen_period(date(2026, 3, 10), date(2026, 3, 1), date(2026, 3, 14))
    with pytest.raises(report.ReportError, match="Tick at least one part"):
        build(session, ())


def test_since_the_last_report(session: Session, clock: FakeClock) -> None:
    repo = session.require_repo()
    today = date(2026, 3, 14)
    assert report.last_report_day(repo) is None
    assert report.since_last_period(None, today) == report.Period(date(2026, 2, 15), today)
    report.remember_report(repo, at(6), PERIOD)
    assert report.last_report_day(repo) == date(2026, 3, 6)
    assert report.since_last_period(date(2026, 3, 6), today) == report.Period(
        date(2026, 3, 6), today)


def test_things_to_bring_up_are_stored_like_any_record(session: Session,
                                                      clock: FakeClock) -> None:
    topics = TopicService(session)
    first = topics.add("  Ask about sleep  ")
    clock.advance(minutes=1)
    second = topics.add("The talk with my sister")
    topics.set_done(first, True)
    assert [(s.item.text, s.item.is_done) for s in topics.all()] == [
        ("The talk with my sister", False), ("Ask about sleep", True)]
    topics.delete(second)
    assert [s.id for s in topics.all()] == [first]
    with pytest.raises(InputError, match="Write a few words"):
        topics.add("   ")
    made = build(session, ("topics",), report.Period(date(2026, 3, 14), date(2026, 3, 14)))
    assert [(t.text, t.done_on) for t in made.topics or []] == [
        ("Ask about sleep", date(2026, 3, 14))]


# --- the PDF --------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    assert pdftotext is not None
    done = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return " ".join(done.stdout.split())


@needs_pdftotext
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_pdf_has_the_periods_wins_slips_and_scores_as_text(
    qapp: object, session: Session, tmp_path: Path, paper: str
) -> None:
    from desktop_app.ui.report.render import write_pdf

    target = tmp_path / "report.pdf"
    write_pdf(build(session), target, paper)
    text = pdf_text(target)
    for wanted in ("Kept my boundary at work", "Walked home the long way",
                   "Snapped at a colleague", "What helped: A walk", "back after 6 hours",
                   "Time back on track so far: 6 hours.",
                   "Steady ground", "+7 ◆", "Answer from calm", "Sam",
                   "1 Mar 2026 to 10 Mar 2026"):
        assert wanted in text
    for outside in ("February", "after the period", "31"):
        assert outside not in text
    assert "Finding footing" not in text  # February's band: only the change shows


@needs_pdftotext
def test_parts_left_unticked_are_absent_from_the_pdf(
    qapp: object, session: Session, tmp_path: Path
) -> None:
    from desktop_app.ui.report.render import write_pdf

    target = tmp_path / "report.pdf"
    write_pdf(build(session, ("wins",)), target)
    text = pdf_text(target)
    assert "Kept my boundary at work" in text
    for absent in ("Slips and returns", "Snapped at a colleague", "Assessment scores",
                   "Steady ground", "Answer from calm", "Check-in trend"):
        assert absent not in text


def test_things_to_bring_up_go_through_export_and_import(
    session: Session, clock: FakeClock, tmp_path: Path
) -> None:
    from desktop_app.services import export
    from desktop_app.services.import_file import import_export, read_export

    topics = TopicService(session)
    done = topics.add("Ask about sleep")
    topics.add("The talk with my sister")
    topics.set_done(done, True)
    made = export.build_export(session.require_repo(), clock)
    assert [t["text"] for t in made.document["topics"]] == ["Ask about sleep",
                                                            "The talk with my sister"]
    assert export.csv_files(made.document)["topics.csv"].decode().splitlines()[0] == (
        "id,at,text,done_at")
    export.write_json_file(tmp_path / "sam.json", made.document)
    result = import_export(session.profiles, "Copy", read_export(tmp_path / "sam.json"))
    assert result.added["topics"] == 2
    copy = session.profiles.open(session.profiles.find("Copy").id)  # type: ignore[union-attr]
    again = export.build_export(copy, clock).document
    copy.close()
    assert again["topics"] == made.document["topics"]  # the same records, ids and all
