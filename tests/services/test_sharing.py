"""Sharing a result with a partner and receiving theirs (issue 16), through the services:
two profiles, each in its own data folder, exchange share files with and without a shared
passphrase; bad, tampered, foreign and returned files are refused and change nothing."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.answers import GapAnswer
from desktop_app.paths import resources_dir
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.session import Session
from desktop_app.services.sharing import ShareError, SharingService, WrongSharePassphrase
from desktop_app.storage import share_file
from desktop_app.storage.crypto import MAGIC
from desktop_app.storage.layout import KINDS
from tests.conftest import TEST_DEVICE, FakeClock
from tests.services.test_leak_scan import leaks

SHARED = "we both agreed on this"


pytestmark = pytest.mark.usefixtures("light_kdf")  # Argon2id at tiny costs: tests/conftest.py


def profile(folder: Path, name: str, clock: FakeClock, passphrase: str | None = None) -> Session:
    folder.mkdir()
    session = Session(folder, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile(name, passphrase=passphrase)
    return session


def answer_us(session: Session, clock: FakeClock, now: int, words: str = "") -> str:
    template = session.templates.get("us")
    assert template is not None
    answers: dict[str, Any] = {}
    for i, question in enumerate(q for q in template.questions if q.type == "gap"):
        answers[question.id] = GapAnswer((now + i) % 11, 9)
    answers["talk_ideal"] = words or "Talking after dinner without phones"
    record_id, _result = AssessmentService(session).complete(
        template, answers, clock.now - timedelta(minutes=10))
    return record_id


@pytest.fixture
def sam(tmp_path: Path, clock: FakeClock) -> Session:
    return profile(tmp_path / "sam", "Sam", clock)


@pytest.fixture
def alex(tmp_path: Path, clock: FakeClock) -> Session:
    return profile(tmp_path / "alex", "Alex", clock)


def records(session: Session) -> dict[str, Any]:
    """Every record of the profile but the partners' views, as stored, and its settings."""
    repo = session.require_repo()
    kept: dict[str, Any] = {kind: [(v.id, v.fields()) for v in repo.visible(kind)]
                            for kind in KINDS if kind != "partners"}
    return kept | {"meta": dict(repo.meta)}


def profile_files(session: Session) -> dict[str, bytes]:
    assert session.flush(10)
    root = session.require_repo().path
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("passphrase", [None, SHARED])
def test_each_sees_the_other_exactly_as_answered(
    sam: Session, alex: Session, clock: FakeClock, tmp_path: Path, passphrase: str | None,
) -> None:
    sams = answer_us(sam, clock, 2)
    alexs = answer_us(alex, clock, 6, "More evenings just for us")
    sam_file, alex_file = tmp_path / "sam.groundwork-share", tmp_path / "alex.groundwork-share"
    SharingService(sam).write_share(sam_file, [sams], passphrase)
    SharingService(alex).write_share(alex_file, [alexs], passphrase)
    plain = passphrase is None
    assert ("Talking after dinner" in sam_file.read_text()) is plain

    for me, theirs, name in ((sam, alex_file, "Alex"), (alex, sam_file, "Sam")):
        before = records(me)
        service = SharingService(me)
        envelope = service.read(theirs)
        assert envelope.protected is not plain
        received = service.receive(envelope, passphrase)
        assert not received.already_had
        view = received.view
        assert view.name == name and view.label == f"{name}'s view"
        assert view.template_id == "us" and view.received_at == clock.now
        [result] = view.results
        partner = alex if me is sam else sam
        [own] = AssessmentService(partner).results("us")
        assert result.answers == own.item.answers and result.result_id == own.id
        assert records(me) == before  # the partner's record is the only change
        [(stored_id, stored)] = [(s.id, s.item) for s in service.views()]
        assert stored == view and stored_id == received.record_id
        assert [s.id for s in AssessmentService(me).results()] != [stored_id]


def test_what_a_share_file_holds_and_nothing_else(
    sam: Session, clock: FakeClock, tmp_path: Path,
) -> None:
    sams = answer_us(sam, clock, 3)
    path = tmp_path / "share.groundwork-share"
    SharingService(sam).write_share(path, [sams], None)
    doc = json.loads(path.read_text())
    assert set(doc) == {"format", "version", "protected", "share"}
    assert set(doc["share"]) == {"share_id", "name", "made_at", "template_id",
                                 "template_version", "results"}
    assert doc["share"]["name"] == "Sam" and doc["share"]["template_id"] == "us"
    [result] = doc["share"]["results"]
    assert set(result) == {"result_id", "completed_at", "answers"}
    assert sam.require_repo().profile_id not in path.read_text()


def test_the_same_share_twice_is_kept_once_and_can_be_removed(
    sam: Session, alex: Session, clock: FakeClock, tmp_path: Path,
) -> None:
    path = tmp_path / "s.groundwork-share"
    SharingService(sam).write_share(path, [answer_us(sam, clock, 1)], None)
    service = SharingService(alex)
    first = service.receive(service.read(path), None)
    again = service.receive(service.read(path), None)
    assert again.already_had and again.record_id == first.record_id
    assert len(service.views()) == 1
    service.remove(first.record_id)
    assert service.views() == []
    assert not service.receive(service.read(path), None).already_had  # asked for again


def test_wrong_or_missing_shared_passphrase_changes_nothing(
    sam: Session, alex: Session, clock: FakeClock, tmp_path: Path,
) -> None:
    path = tmp_path / "s.groundwork-share"
    SharingService(sam).write_share(path, [answer_us(sam, clock, 1)], SHARED)
    service = SharingService(alex)
    before = profile_files(alex)
    envelope = service.read(path)
    with pytest.raises(WrongSharePassphrase, match="passphrase the two of you agreed on"):
        service.receive(envelope, None)
    with pytest.raises(WrongSharePassphrase, match="does not open this share file"):
        service.receive(envelope, "not what we agreed")
    assert profile_files(alex) == before
    assert service.views() == []


def test_ones_own_result_sent_back_is_refused(
    sam: Session, clock: FakeClock, tmp_path: Path,
) -> None:
    path = tmp_path / "s.groundwork-share"
    service = SharingService(sam)
    service.write_share(path, [answer_us(sam, clock, 1)], None)
    with pytest.raises(ShareError, match="your own result"):
        service.receive(service.read(path), None)
    assert service.views() == []


def test_a_template_that_is_not_shareable_cannot_be_shared(
    sam: Session, clock: FakeClock, tmp_path: Path,
) -> None:
    life = sam.templates.get("life-areas")
    assert life is not None and not life.shareable
    answers = {q.id: GapAnswer(4, 8) for q in life.questions if q.type == "gap"}
    record_id, _ = AssessmentService(sam).complete(life, answers, clock.now)
    with pytest.raises(ShareError, match="cannot be shared"):
        SharingService(sam).write_share(tmp_path / "x", [record_id], None)
    assert not (tmp_path / "x").exists()


def _edited(path: Path, edit: Any) -> bytes:
    doc = json.loads(path.read_text())
    edit(doc)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d["share"].update(template_version=2), "version 2"),
    (lambda d: d["share"].update(template_id="life-areas"), "cannot be shared"),
    (lambda d: d["share"].update(template_id="nothing-like-it"), "does not have"),
    (lambda d: d["share"]["results"][0]["answers"].update(trust={"current": 40, "ideal": 2}),
     "do not fit"),
    (lambda d: d["share"]["results"][0]["answers"].update(invented="yes"), "do not fit"),
    (lambda d: d["share"]["results"][0]["answers"].pop("trust"), "do not fit"),
    (lambda d: d["share"].update(results=[]), "damaged or incomplete"),
    (lambda d: d["share"].pop("name"), "damaged or incomplete"),
    (lambda d: d.update(version=7), "newer Groundwork"),
    (lambda d: d.update(format="something-else"), "not a Groundwork share file"),
])
def test_changed_foreign_and_other_version_files_are_refused(
    sam: Session, alex: Session, clock: FakeClock, tmp_path: Path, edit: Any, message: str,
) -> None:
    path = tmp_path / "s.groundwork-share"
    SharingService(sam).write_share(path, [answer_us(sam, clock, 1)], None)
    bad = tmp_path / "bad.groundwork-share"
    bad.write_bytes(_edited(path, edit))
    before = profile_files(alex)
    service = SharingService(alex)
    with pytest.raises(ShareError, match=message):
        service.receive(service.read(bad), None)
    assert profile_files(alex) == before


def test_a_changed_byte_of_a_protected_file_is_refused(
    sam: Session, alex: Session, clock: FakeClock, tmp_path: Path,
) -> None:
    path = tmp_path / "s.groundwork-share"
    SharingService(sam).write_share(path, [answer_us(sam, clock, 1)], SHARED)
    doc = json.loads(path.read_text())
    sealed = bytearray(share_file.base64.b64decode(doc["sealed"]))
    sealed[len(sealed) // 2] ^= 1
    doc["sealed"] = share_file.base64.b64encode(bytes(sealed)).decode()
    path.write_text(json.dumps(doc))
    service = SharingService(alex)
    with pytest.raises(WrongSharePassphrase, match="changed after it was made"):
        service.receive(service.read(path), SHARED)
    doc["kdf"]["memory_cost"] = 1024 * 1024  # a gigabyte per try: refused before trying
    path.write_text(json.dumps(doc))
    with pytest.raises(ShareError, match="damaged"):
        service.receive(service.read(path), SHARED)


@pytest.mark.parametrize("cut", [0, 1, 40, -40, -2])  # -1 is the final newline
def test_truncated_files_are_refused(
    sam: Session, alex: Session, clock: FakeClock, tmp_path: Path, cut: int,
) -> None:
    path = tmp_path / "s.groundwork-share"
    SharingService(sam).write_share(path, [answer_us(sam, clock, 1)], None)
    path.write_bytes(path.read_bytes()[:cut])
    with pytest.raises(ShareError):
        service = SharingService(alex)
        service.receive(service.read(path), None)
    assert SharingService(alex).views() == []


@settings(max_examples=150, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_files_are_refused_or_taken_whole_never_a_traceback(
    sam: Session, alex: Session, clock: FakeClock, tmp_path: Path, data: st.DataObject,
) -> None:
    path = tmp_path / "s.groundwork-share"
    if not path.exists():
        SharingService(sam).write_share(path, [answer_us(sam, clock, 1)], None)
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    fuzzed = tmp_path / "fuzzed"
    fuzzed.write_bytes(bytes(raw))
    service = SharingService(alex)
    try:
        received = service.receive(service.read(fuzzed), None)
    except ShareError as error:
        assert str(error) and "Traceback" not in str(error)
    else:
        template = alex.templates.get("us")
        assert template is not None and len(received.view.results) == 1
        for stored in service.views():
            service.remove(stored.id)


def test_a_received_view_leaves_no_plain_text_in_an_encrypted_profile(
    tmp_path: Path, clock: FakeClock, sam: Session,
) -> None:
    mark = "ZQX-partner-words-5517"
    started = time.time() - 1
    path = tmp_path / "s.groundwork-share"
    SharingService(sam).write_share(path, [answer_us(sam, clock, 1, mark)], SHARED)
    alex = profile(tmp_path / "alex-encrypted", "Alex", clock, passphrase="alex's own")
    service = SharingService(alex)
    service.receive(service.read(path), SHARED)
    assert alex.flush(10)
    files = [p for p in alex.require_repo().path.rglob("*") if p.is_file()]
    assert leaks(tmp_path / "alex-encrypted", since=started, mark=mark) == []
    assert all(p.read_bytes().startswith(MAGIC) for p in files if p.name != "key.json")
    assert mark in str(service.views()[0].item.results[0].answers)  # and it reads back
