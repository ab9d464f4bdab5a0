"""Leak scan: a marker typed into every free-text field of an encrypted profile, through the
services, is found in no file outside the encrypted ones: not under HOME, the data folder,
this computer's (XDG) folders or the temp folder; after a lock and unlock and after a
passphrase change too."""

from __future__ import annotations

import base64
import json
import os
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.domain.journal import Cadence
from desktop_app.paths import resources_dir
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.focus import AreaDraft, FocusService, PracticeDraft
from desktop_app.services.journal import JournalService, SlipDraft, WinDraft
from desktop_app.services.session import Session
from desktop_app.storage.crypto import MAGIC
from tests.conftest import TEST_DEVICE, FakeClock, point_xdg_at
from tests.services.views import gap_answers

MARK = "ZQX-leak-marker-7731"


pytestmark = pytest.mark.usefixtures("light_kdf")  # Argon2id at tiny costs: tests/conftest.py


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, the XDG folders and TMPDIR, all under one folder the scan reads whole."""
    root = tmp_path / "home"
    root.mkdir()
    monkeypatch.setenv("HOME", str(root))
    point_xdg_at(root / ".local", monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / ".cache"))
    temp = root / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return root


def needles(mark: str = MARK) -> list[bytes]:
    """The marker as it could sit in a file: UTF-8 (so also inside JSON, escaped or not: its
    letters need no escape), UTF-16 either way round, and base64 at each of the three
    alignments (its first and last four letters, which mix with its neighbours, left out)."""
    core = mark.encode()
    found = [core, mark.encode("utf-16-le"), mark.encode("utf-16-be"),
             json.dumps(mark, ensure_ascii=True).strip('"').encode()]
    for shift in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            text = encode(b"\0" * shift + core)
            found.append(text[4:-4])
    return found


def leaks(*roots: Path, since: float | None = None, skip: Path | None = None,
          mark: str = MARK) -> list[Path]:
    """Files holding the marker in any of its forms (:func:`needles`); with ``since``, only
    files changed since then, and none under ``skip``."""
    forms = needles(mark)
    found = []
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            if skip is not None and Path(folder).is_relative_to(skip):
                continue
            for name in files:
                path = Path(folder) / name
                try:
                    if since is not None and path.lstat().st_mtime < since:
                        continue
                    raw = path.read_bytes()
                except OSError:
                    continue
                if any(form in raw for form in forms):
                    found.append(path)
    return found


def fill_every_field(session: Session, clock: FakeClock) -> None:
    assessments = AssessmentService(session)
    template = session.templates.get("life-areas")
    assert template is not None
    texts = {q.id: f"{MARK} answer {q.id}" for q in template.questions if q.type == "text"}
    assert texts, "life-areas has text questions"
    answers = {**gap_answers(session, {}), **texts}
    assessments.complete(template, answers, clock.now - timedelta(minutes=5))
    assessments.save_draft(template, {**texts}, clock.now, page=1)  # a draft in progress
    focus = FocusService(session)
    focus.change_focus([AreaDraft(
        "work", f"{MARK} intention", (PracticeDraft(f"{MARK} practice", Cadence.daily()),))])
    current = focus.current()
    assert current is not None
    practice = current.item.areas[0].practices[0]
    focus.pause(practice.key, clock.now.date(), None, reason=f"{MARK} pause reason")
    journal = JournalService(session)
    checkin = journal.checkin_template()
    assert checkin is not None
    notes = {q.id: f"{MARK} note" for q in checkin.questions if q.type == "text"}
    journal.complete_checkin(
        checkin, {"distress": 2, **notes}, [],
        SlipDraft(f"{MARK} old pattern", None, f"{MARK} trigger", f"{MARK} helped"),
        WinDraft(f"{MARK} win"),
    )
    journal.log_win(WinDraft(f"{MARK} second win"))
    session.require_repo().set_meta(personal_setting=f"{MARK} setting")
    assert session.flush(10)  # every file on disk before the scan


def test_nothing_written_is_left_in_clear_text(
    home: Path, tmp_path: Path, clock: FakeClock
) -> None:
    started = time.time() - 1
    data = tmp_path / "data"
    data.mkdir()
    session = Session(data, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam", passphrase="scan phrase")
    fill_every_field(session, clock)
    assert session.flush(5)  # every file landed (none left half-written in a temp file)
    repo = session.require_repo()
    files = [p for p in repo.path.rglob("*") if p.is_file()]
    assert len(files) >= 3
    assert leaks(home, data) == []
    sealed = [p for p in files if p.name != "key.json"]
    assert sealed and all(p.read_bytes().startswith(MAGIC) for p in sealed)

    pid = repo.profile_id
    session.privacy.lock()
    session.open_profile(pid, session.privacy.unlock(pid, "scan phrase"))
    assert MARK in str(session.require_repo().meta)  # all of it reads back
    JournalService(session).log_win(WinDraft(f"{MARK} after unlock"))
    assert session.flush(10)
    assert leaks(home, data) == []

    session.privacy.change_passphrase(
        session.privacy.prepare_change(pid, "scan phrase", "another phrase"))
    clock.advance(days=40)  # a new month: a new shard
    JournalService(session).log_win(WinDraft(f"{MARK} after the change"))
    session.privacy.lock()
    session.open_profile(pid, session.privacy.unlock(pid, "another phrase"))
    assert len(JournalService(session).wins()) == 4
    assert leaks(home, data) == []
    # The machine's shared temp folders too: whatever changed there during the test, outside
    # pytest's own folders (the control test below writes the marker in clear on purpose).
    shared = [Path(p) for p in ("/tmp", "/var/tmp", "/dev/shm") if Path(p).is_dir()]
    assert leaks(*shared, since=started, skip=tmp_path.parent.parent) == []


def test_the_scan_finds_the_marker_in_a_plain_profile(
    home: Path, tmp_path: Path, clock: FakeClock
) -> None:
    """The control: without a passphrase the same fields are found, in every kind of file."""
    data = tmp_path / "data"
    data.mkdir()
    session = Session(data, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    fill_every_field(session, clock)
    assert session.flush(5)
    assert {p.name for p in leaks(home, data)} == {"profile.json", "2026-03.json"}


def test_nothing_is_left_in_clear_text_after_protect_a_backup_and_a_restore(
    home: Path, tmp_path: Path, clock: FakeClock
) -> None:
    """Written before the passphrase, backed up in plain text; then protected (the plain
    backup is sealed), backed up again and restored: the marker is in no file, and every
    backup still reads."""
    from desktop_app.services.backups import BackupService
    from desktop_app.storage import backups as store

    started = time.time() - 1
    data = tmp_path / "data"
    data.mkdir()
    session = Session(data, resources_dir(), clock, TEST_DEVICE, state_dir=home / "state")
    session.load_templates()
    pid = session.create_profile("Sam").id
    fill_every_field(session, clock)
    session.close()  # the day's backup, in plain text
    folder = data / "profiles" / pid
    assert [b.name for b in store.list_backups(folder)] and leaks(folder.parent / "backups")
    clock.advance(days=1)
    session.open_profile(pid)  # and the next day's
    session.privacy.protect(session.privacy.prepare_protect("scan phrase"))
    assert leaks(home, data) == []
    JournalService(session).log_win(WinDraft(f"{MARK} after protect"))
    session.privacy.lock()
    clock.advance(days=1)
    session.open_profile(pid, session.privacy.unlock(pid, "scan phrase"))  # a sealed backup
    found = BackupService(session).summaries()
    assert len(found) == 3 and all(s.problems == () for s in found)
    assert leaks(home, data) == []
    outcome = BackupService(session).restore(found[-1].backup)  # the first, made plain
    assert outcome.files >= 2
    assert len(JournalService(session).wins()) == 2  # as that day: before "after protect"
    assert session.flush(10)
    assert leaks(home, data) == []
    assert len(BackupService(session).summaries()) == 4  # with the copy made before it
    shared = [Path(p) for p in ("/tmp", "/var/tmp", "/dev/shm") if Path(p).is_dir()]
    assert leaks(*shared, since=started, skip=tmp_path.parent.parent) == []
