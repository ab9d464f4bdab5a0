"""Profile use cases: list, create, rename, delete, open."""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.domain.profiles import clean_profile_name
from desktop_app.i18n import _
from desktop_app.services.clock import Clock
from desktop_app.storage.atomic import atomic_write_bytes
from desktop_app.storage.crypto import FileCipher
from desktop_app.storage.profile_store import ProfileInfo, ProfileStore, SetAside
from desktop_app.storage.repository import ProfileRepository


@dataclass(frozen=True)
class ProfileSummary:
    """How much a profile holds: for a delete confirmation, and for Home's first steps."""

    assessments: int
    checkins: int
    slips: int
    wins: int
    drafts: int
    focus_periods: int

    @property
    def has_history(self) -> bool:
        """Anything beyond an unfinished draft: the person has started the work."""
        return any((self.assessments, self.checkins, self.slips, self.wins, self.focus_periods))


class ProfileService:
    """Everything the Profile menu does, on top of the profiles folder."""

    def __init__(self, data_dir: Path, clock: Clock, device: str) -> None:
        self.store = ProfileStore(data_dir, device, clock)
        self.clock = clock
        self._profiles: list[ProfileInfo] = []
        self.set_aside: list[SetAside] = []

    def refresh(self) -> list[ProfileInfo]:
        """Rescan the folder; unreadable files are set aside and remembered in ``set_aside``."""
        self._profiles, moved = self.store.scan(self.clock())
        self.set_aside.extend(moved)
        return list(self._profiles)

    @property
    def profiles(self) -> list[ProfileInfo]:
        return list(self._profiles)

    def find(self, name: str) -> ProfileInfo | None:
        folded = " ".join(name.split()).casefold()
        return next((p for p in self._profiles if p.name.casefold() == folded), None)

    def by_id(self, profile_id: str) -> ProfileInfo | None:
        return next((p for p in self._profiles if p.id == profile_id), None)

    def check_name(self, raw: str, *, except_id: str | None = None) -> str:
        """The cleaned name, or ``ProfileNameError`` saying what is wrong with it."""
        others = [p.name for p in self._profiles if p.id != except_id]
        return clean_profile_name(raw, others)

    def create(self, raw_name: str, *, cipher: FileCipher | None = None,
               key_writer: Callable[[Path, str], None] | None = None,
               ) -> tuple[ProfileInfo, ProfileRepository]:
        """A new profile; with ``cipher`` encrypted, its key file written by ``key_writer``
        (folder, name) before any file sealed with it."""
        name = self.check_name(raw_name)
        first = None if key_writer is None else (lambda folder: key_writer(folder, name))
        repo = self.store.create(name, self.clock(), cipher=cipher, before_first_write=first)
        self.refresh()
        info = self.by_id(repo.profile_id)
        assert info is not None
        return info, repo

    def open(self, profile_id: str, *, cipher: FileCipher | None = None,
             seal: bool | None = None) -> ProfileRepository:
        """Open a profile (a format-1 file is migrated first, so the list is read again)."""
        repo = self.store.open(profile_id, self.clock(), cipher=cipher, seal=seal)
        if repo.profile_id != profile_id:
            self.refresh()
        self.set_aside.extend(repo.unreported_set_aside())
        return repo

    def rename(self, repo: ProfileRepository, raw_name: str) -> str:
        name = self.check_name(raw_name, except_id=repo.profile_id)
        repo.set_meta(profile_name=name)
        # The list shows the new name at once; its file lands on the writer's thread.
        self._profiles = sorted(
            (replace(p, name=name) if p.id == repo.profile_id else p for p in self._profiles),
            key=lambda p: p.name.casefold(),
        )
        return name

    def summary(self, repo: ProfileRepository) -> ProfileSummary:
        counts = repo.table_counts()
        return ProfileSummary(
            assessments=counts.get("assessments", 0),
            checkins=counts.get("checkins", 0),
            slips=counts.get("lapses", 0),
            wins=counts.get("wins", 0),
            drafts=counts.get("drafts", 0),
            focus_periods=counts.get("focus", 0),
        )

    def export_copy(self, repo: ProfileRepository, target: Path) -> None:
        """Write the profile's merged records to ``target`` as one TinyDB file, atomically
        (never half a copy): readable by any JSON tool, and by Groundwork as a format-1 file."""
        if target.resolve().is_relative_to(repo.path.resolve()):
            raise OSError(
                errno.EINVAL, _("that is inside the profile itself; choose another place")
            )
        atomic_write_bytes(target, repo.export_bytes())

    def delete(self, profile_id: str) -> None:
        self.store.delete(profile_id)
        self.refresh()
