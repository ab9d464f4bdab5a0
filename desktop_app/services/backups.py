"""Automatic backups of the open profile, what each holds, and restoring one.

A backup is taken when a profile is opened and when it is closed, at most once a day
(``storage/backups.py``); restoring one first takes a copy of the current state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.i18n import _
from desktop_app.storage import backups as store
from desktop_app.storage import restore as restoring
from desktop_app.storage.backups import Backup, BackupError
from desktop_app.storage.profile_files import device_folders

if TYPE_CHECKING:
    from desktop_app.services.session import Session



@dataclass(frozen=True)
class BackupSummary:
    """One backup as a person sees it: its day, which computer took it, what it holds."""

    backup: Backup
    computer: str  # this computer's name, or the other computer's id
    results: int
    checkins: int
    wins: int
    problems: tuple[str, ...]  # files that could not be read, a damaged manifest

    @property
    def day(self) -> date:
        return self.backup.day


@dataclass(frozen=True)
class RestoreOutcome:
    files: int  # this computer's files put back
    safety: Backup  # the copy of the state before the restore
    other_computers: int  # computers whose newer changes still win (come back through sync)


class BackupService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _folder(self) -> Path:
        return self.session.require_repo().path

    def summaries(self) -> list[BackupSummary]:
        """Every backup of the open profile, newest first, with what it holds (slow: reads
        and decrypts each backup; call it off the UI thread)."""
        repo = self.session.require_repo()
        found = []
        for backup in store.list_backups(repo.path):
            records, unreadable = restoring.read_backup(backup, repo.cipher)
            problems = tuple(store.verify(backup)) + tuple(unreadable)
            found.append(BackupSummary(
                backup, self.session.device.name if backup.device == repo.device
                else backup.device, len(records.get("assessments", {})),
                len(records.get("checkins", {})), len(records.get("wins", {})), problems))
        return found

    def restore(self, backup: Backup) -> RestoreOutcome:
        """Put this computer's files back as ``backup`` holds them, after a verified copy of
        the current state; the profile is read again. ``BackupError`` (nothing changed) when
        the backup is damaged, holds nothing of this computer's, or another key sealed it."""
        session = self.session
        repo = session.require_repo()
        profile_id, key = repo.profile_id, session.key
        restoring.check_restorable(backup, repo.device, repo.cipher)
        if not repo.flush(5.0):
            raise BackupError(_("the latest changes are still being saved; try again"))
        with store.LOCK:
            safety = store.take_backup(repo.path, repo.device, session.clock(), safety=True)
            repo.close(5.0)
            failure: OSError | None = None
            files = 0
            try:
                files = restoring.restore_own(repo.path, repo.device, backup)
            except OSError as error:
                failure = error
        # Opening again finishes or undoes a restore that stopped half-way (finish_restore).
        session.open_profile(profile_id, key)
        if failure is not None:
            raise BackupError(
                _("the backup could not be put back: {error}").format(error=failure)
            ) from failure
        others = sum(1 for d in device_folders(repo.path) if d.name != repo.device)
        return RestoreOutcome(files, safety, others)
