"""Stand-in refresh (today's one profile file) while another writer changes the file."""

from __future__ import annotations

from pathlib import Path

from desktop_app.paths import resources_dir
from desktop_app.services.journal import JournalService, WinDraft
from desktop_app.services.session import Session


def two_sessions(data_dir: Path, clock) -> tuple[Session, Session]:
    mine = Session(data_dir, resources_dir(), clock)
    info = mine.create_profile("Sam")
    theirs = Session(data_dir, resources_dir(), clock)
    theirs.profiles.refresh()
    theirs.open_profile(info.id)
    return mine, theirs


def test_nothing_changed_is_no_refresh(data_dir: Path, clock) -> None:
    mine, _theirs = two_sessions(data_dir, clock)
    JournalService(mine).log_win(WinDraft("Own save"))
    assert mine.refresh_from_disk() is False  # our own save is not news


def test_another_writers_win_is_taken_in(data_dir: Path, clock) -> None:
    mine, theirs = two_sessions(data_dir, clock)
    journal = JournalService(mine)
    assert journal.wins() == []
    JournalService(theirs).log_win(WinDraft("From the laptop"))
    assert mine.refresh_from_disk() is True
    assert [w.item.text for w in journal.wins()] == ["From the laptop"]
    assert mine.refresh_from_disk() is False


def test_a_half_delivered_file_keeps_what_is_in_memory(data_dir: Path, clock) -> None:
    mine, _theirs = two_sessions(data_dir, clock)
    JournalService(mine).log_win(WinDraft("Kept"))
    repo = mine.require_repo()
    repo.path.write_bytes(b'{"meta": {"1": ')
    assert mine.refresh_from_disk() is False
    assert [w.item.text for w in JournalService(mine).wins()] == ["Kept"]
    assert repo.path.parent in mine.watched_paths()
