"""AssessmentService: results and drafts as stored in the profile's TinyDB file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.answers import GapAnswer
from desktop_app.domain.templates import Template, parse_template
from desktop_app.paths import resources_dir
from desktop_app.services.assessments import AssessmentService, IncompleteAnswersError
from desktop_app.services.session import Session
from desktop_app.storage import shards
from desktop_app.storage.atomic import StorageWriteError
from tests.conftest import TEST_DEVICE
from tests.disk import folder_bytes, land, stored

TEMPLATE = """
format = 1
id = "mini"
version = 3
title = "A small check"
[[pages]]
title = "Only page"
[[pages.questions]]
id = "life"
type = "gap"
area = "life as a whole"
prompt = "How is life?"
[[pages.questions]]
id = "work"
type = "gap"
area = "work"
prompt = "How is work?"
[[pages.questions]]
id = "mood"
type = "scale"
prompt = "Mood?"
min = 1
max = 5
[[pages.questions]]
id = "pick"
type = "choice"
prompt = "Pick one"
options = [
    { value = 0, label = "Zero" }, { value = 1, label = "One" }, { value = 2, label = "Two" },
]
[[pages.questions]]
id = "many"
type = "multi"
prompt = "Pick some"
required = false
options = [{ value = 1, label = "A" }, { value = 2, label = "B" }]
[[pages.questions]]
id = "ok"
type = "yes_no"
prompt = "All right?"
[[pages.questions]]
id = "note"
type = "text"
prompt = "A note"
[[scales]]
id = "mood_score"
title = "Mood score"
method = "sum"
items = ["mood"]
[[scales.bands]]
max = 2
label = "low"
meaning = "A low day."
[[scales.bands]]
max = 5
label = "fine"
[[scales]]
id = "distance"
title = "Distance"
method = "mean"
items = ["life.gap", "work.gap"]
[[alerts]]
item = "pick"
at_least = 2
message = "Please take care."
"""

ANSWERS: dict[str, Any] = {
    "life": GapAnswer(4, 8),
    "work": GapAnswer(6, 7),
    "mood": 2,
    "pick": 2,
    "many": [1, 2],
    "ok": True,
    "note": "  fine  ",
}


@pytest.fixture
def template() -> Template:
    return parse_template(TEMPLATE, "mini.toml")


@pytest.fixture
def session(data_dir: Path, clock) -> Session:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    return session


@pytest.fixture
def service(session: Session) -> AssessmentService:
    return AssessmentService(session)


def tables(session: Session) -> dict[str, Any]:
    return stored(session.require_repo())


def test_complete_stores_the_documented_shape(service, session, template, clock) -> None:
    started = clock()
    clock.advance(minutes=12)
    result_id, result = service.complete(template, ANSWERS, started)
    doc = tables(session)["assessments"][str(result_id)]
    assert doc["template_id"] == "mini"
    assert doc["template_version"] == 3
    assert doc["template_title"] == "A small check"
    assert doc["started_at"] == "2026-03-14T09:30:00+01:00"
    assert doc["completed_at"] == "2026-03-14T09:42:00+01:00"
    assert doc["answers"] == {
        "life": {"current": 4, "ideal": 8},
        "work": {"current": 6, "ideal": 7},
        "mood": 2,
        "pick": 2,
        "many": [1, 2],
        "ok": True,
        "note": "  fine  ",
    }
    assert doc["scores"] == {
        "mood_score": {"value": 2.0, "band": "low"},
        "distance": {"value": 2.5, "band": None},
    }
    assert doc["alerts"] == ["Please take care."]
    assert result.answers["life"] == GapAnswer(4, 8)


def test_complete_refuses_missing_or_unfit_answers_and_stores_nothing(
    service, session, template, clock
) -> None:
    answers = {**ANSWERS, "mood": None, "pick": 9}
    with pytest.raises(IncompleteAnswersError) as caught:
        service.complete(template, answers, clock())
    assert set(caught.value.problems) == {"mood", "pick"}
    assert tables(session)["assessments"] == {}


def test_blank_optional_answers_are_stored_as_unanswered(service, template, clock) -> None:
    answers = {**ANSWERS, "note": "   ", "many": [], "not_a_question": 5}
    _id, result = service.complete(template, answers, clock())
    assert result.answers["note"] is None
    assert result.answers["many"] is None
    assert "not_a_question" not in result.answers


def test_results_newest_first_latest_get_delete(service, template, clock) -> None:
    first, _ = service.complete(template, ANSWERS, clock())
    clock.advance(days=1)
    second, _ = service.complete(template, {**ANSWERS, "mood": 5}, clock())
    assert [s.id for s in service.results()] == [second, first]
    latest = service.latest("mini")
    assert latest is not None and latest.id == second
    assert service.latest("other") is None
    assert service.get(first) is not None
    service.delete(first)
    assert service.get(first) is None
    assert [s.id for s in service.results()] == [second]


def test_summaries_and_report(service, session, template, clock) -> None:
    session.templates = type(session.templates)((template,), ())
    result_id, result = service.complete(template, ANSWERS, clock())
    [summary] = service.summaries()
    assert summary.id == result_id
    assert summary.title == "A small check"
    assert [(title, s.value, s.band) for title, s in summary.scores] == [
        ("Mood score", 2.0, "low"),
        ("Distance", 2.5, None),
    ]
    report = service.report(result)
    mood = report.scores[0]
    assert (mood.band, mood.meaning, mood.low, mood.high) == ("low", "A low day.", 1, 5)
    assert [(g.area, g.gap) for g in report.gaps] == [("life as a whole", 4), ("work", 1)]
    assert [g.area for g in report.focus] == ["life as a whole", "work"]
    assert report.alerts == ("Please take care.",)


def test_report_of_a_result_whose_template_is_gone(service, session, template, clock) -> None:
    _id, result = service.complete(template, ANSWERS, clock())
    session.templates = type(session.templates)((), ())
    report = service.report(result)
    assert report.title == "A small check"
    assert report.template is None
    assert [s.title for s in report.scores] == ["mood_score", "distance"]
    assert [(g.area, g.gap) for g in report.gaps] == [("life", 4), ("work", 1)]


def test_a_damaged_result_document_does_not_hide_the_others(
    service, session, template, clock
) -> None:
    good, _ = service.complete(template, ANSWERS, clock())
    session.require_repo().collection("assessments", _Junk).add(_Junk("mini"))
    assert [s.id for s in service.results()] == [good]
    assert len(service.summaries()) == 1


def test_one_draft_per_template_round_trips_every_answer_type(
    service, session, template, clock
) -> None:
    service.save_draft(template, {"life": GapAnswer(1, 9)}, clock(), page=1)
    clock.advance(minutes=3)
    service.save_draft(template, ANSWERS, clock(), page=2)
    drafts = tables(session)["drafts"]
    assert len(drafts) == 1
    saved = service.load_draft(template)
    assert saved is not None and saved.dropped == ()
    assert saved.draft.page == 2
    assert saved.draft.updated_at == clock()
    assert {k: v for k, v in saved.draft.answers.items() if v is not None} == ANSWERS
    assert service.has_draft("mini")
    assert service.draft_saved_at("mini") == clock()
    service.discard_draft("mini")
    assert service.load_draft(template) is None
    assert tables(session)["drafts"] == {}


def test_finishing_removes_the_draft(service, session, template, clock) -> None:
    service.save_draft(template, ANSWERS, clock(), page=1)
    service.complete(template, ANSWERS, clock())
    assert tables(session)["drafts"] == {}


@dataclass(frozen=True)
class _RawDraft:
    template_id: str
    template_version: int
    started_at: str
    updated_at: str
    answers: dict[str, Any]
    page: int


@dataclass(frozen=True)
class _Junk:
    template_id: str


def test_answers_that_no_longer_fit_are_dropped_and_named(service, session, template) -> None:
    raw = {
        "life": 5,  # was a scale, is a gap now
        "mood": {"x": 1},  # not any answer type
        "pick": 7,  # not an option any more
        "many": ["a"],  # not a list of numbers
        "gone": 3,  # question removed
        "ok": True,
        "note": "kept",
        "work": {"current": 2, "ideal": 9},
    }
    draft = _RawDraft("mini", 1, "2026-03-01T10:00:00+01:00", "2026-03-02T10:00:00+01:00", raw, 99)
    session.require_repo().collection("drafts", _RawDraft).add(draft)
    saved = service.load_draft(template)
    assert saved is not None
    assert sorted(saved.dropped) == ["gone", "life", "many", "mood", "pick"]
    assert saved.draft.answers == {"ok": True, "note": "kept", "work": GapAnswer(2, 9)}
    assert saved.draft.page == len(template.pages) + 1  # clamped to the review page


def test_a_failed_write_raises_and_leaves_the_file_as_it_was(
    service, session, template, clock, monkeypatch
) -> None:
    before = folder_bytes(session.require_repo())

    def full_disk(path: Path, payload: bytes) -> None:
        raise StorageWriteError(28, "Could not save: No space left on device")

    monkeypatch.setattr(shards, "atomic_write_bytes", full_disk)
    with pytest.raises(OSError):
        service.complete(template, ANSWERS, clock())
        land(session)
    with pytest.raises(OSError):
        service.save_draft(template, ANSWERS, clock())
        land(session)
    monkeypatch.undo()
    assert folder_bytes(session.require_repo()) == before
    assert service.results() == []
    assert service.load_draft(template) is None
