"""The open data folder: profiles, the current profile, templates, and change listeners."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future

    from desktop_app.domain.templates import TemplateSet
    from desktop_app.services.clock import Clock
    from desktop_app.services.privacy import PreparedKey, PrivacyService, UnlockedKey
    from desktop_app.services.profiles import ProfileService
    from desktop_app.storage.device import Device
    from desktop_app.storage.profile_store import ProfileInfo
    from desktop_app.storage.repository import ProfileRepository

Listener = Callable[[], None]

CLOSE_WAIT_S = 5.0  # how long switching or deleting a profile waits for its writes


class NoProfileError(RuntimeError):
    """A use case needs an open profile and none is open."""


class Session:
    """What every service shares: one data folder and the profile that is open in it."""

    def __init__(
        self, data_dir: Path, resources: Path, clock: Clock, device: Device,
        state_dir: Path | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.device = device
        self.resources = resources
        self.clock = clock
        self.device = device
        self._profiles: ProfileService | None = None
        # The start makes the services below on a worker while a menu may ask for them.
        self._making = threading.RLock()
        self.repo: ProfileRepository | None = None
        self.profile: ProfileInfo | None = None
        self._templates: TemplateSet | None = None
        self._listeners: list[Listener] = []
        self.state_dir = state_dir  # this computer's state folder (None: the platform's)
        self._privacy: PrivacyService | None = None
        self.key: UnlockedKey | None = None  # the open profile's key, when it is protected
        self.locked_profile_id: str | None = None  # set by privacy.lock(): the one to unlock
        # The day's backup on open and close (docs/storage.md); headless commands leave the
        # data folder as they found it unless they change records.
        self.auto_backup = True

    @property
    def user_templates_dir(self) -> Path:
        return self.data_dir / "templates"

    @property
    def profiles(self) -> ProfileService:
        """The profiles folder (storage is imported on first use, after the first paint)."""
        if self._profiles is None:
            with self._making:
                if self._profiles is None:
                    from desktop_app.services.profiles import ProfileService

                    self._profiles = ProfileService(self.data_dir, self.clock, self.device.id)
        return self._profiles

    @property
    def privacy(self) -> PrivacyService:
        if self._privacy is None:
            with self._making:
                if self._privacy is None:
                    from desktop_app.services.privacy import PrivacyService

                    self._privacy = PrivacyService(self, self.state_dir)
        return self._privacy

    @property
    def templates(self) -> TemplateSet:
        """Shipped and user templates, read on first use (not before the first paint)."""
        templates = self._templates
        if templates is None:
            with self._making:
                templates = self._templates
                if templates is None:
                    templates = self.load_templates()
        return templates

    @templates.setter
    def templates(self, value: TemplateSet) -> None:
        self._templates = value

    def load_templates(self) -> TemplateSet:
        """(Re)read the template folders."""
        from desktop_app.domain.templates import load_templates

        self._templates = load_templates(
            [(self.resources / "assessments", True), (self.user_templates_dir, False)]
        )
        return self._templates

    def reading(self, repo: ProfileRepository) -> Session:
        """This session with ``repo`` open, for services to read it before it is switched to
        (on a worker): the same folder and services, and no listeners to tell."""
        import copy

        shadow = copy.copy(self)
        shadow.repo = repo
        shadow._listeners = []
        return shadow

    def require_repo(self) -> ProfileRepository:
        if self.repo is None:
            raise NoProfileError("no profile is open")
        return self.repo

    def open_profile(self, profile_id: str, key: UnlockedKey | None = None, *,
                     read: ProfileRepository | None = None) -> ProfileInfo:
        """Open a profile; the previous one stays open if this one cannot be read.

        A protected profile needs its ``key`` (``privacy.unlock``): without it,
        ``ProfileLockedError`` and nothing changes. ``read``: what :meth:`read_profile`
        returned for it (off the UI thread)."""
        repo = read if read is not None else self.read_profile(profile_id, key)
        self._switch(repo, backup=False)  # read_profile took the day's backup
        self.key = key if repo.write_cipher is not None else None
        self.locked_profile_id = None
        assert self.profile is not None
        return self.profile

    def read_profile(self, profile_id: str, key: UnlockedKey | None = None
                     ) -> ProfileRepository:
        """The slow half of :meth:`open_profile`: read, decrypt and merge the files, and take
        the day's backup; nothing is shown or switched, so the unlock runs it on a worker
        thread and hands the result to ``open_profile(..., read=...)``."""
        cipher, seal = self.privacy.open_args(profile_id, key)
        repo = self.profiles.open(profile_id, cipher=cipher, seal=seal)
        self.privacy.after_open(repo)
        self._backup(repo)
        return repo

    def create_profile(self, name: str, passphrase: str | None = None, *,
                       prepared: PreparedKey | None = None) -> ProfileInfo:
        """A new profile, opened; with a passphrase (slow: key derivation) or a key
        ``privacy.prepare_protect`` made (fast) it is encrypted from its first file, and
        ``privacy.take_recovery_key()`` gives its recovery key."""
        if passphrase is None and prepared is None:
            info, repo = self.profiles.create(name)
            self._switch(repo, backup=False)
            self.key = None
            return info
        if prepared is None:
            assert passphrase is not None
            prepared = self.privacy.prepare_protect(passphrase)
        cipher, write_key = self.privacy.new_profile_key(prepared)
        info, repo = self.profiles.create(name, cipher=cipher, key_writer=write_key)
        self._switch(repo, backup=False)
        from desktop_app.services.privacy import UnlockedKey

        self.key = UnlockedKey(repo.profile_id, cipher)
        self.locked_profile_id = None
        return info

    def rename_profile(self, name: str) -> str:
        new_name = self.profiles.rename(self.require_repo(), name)
        self.privacy.rename(self.require_repo(), new_name)
        self.profile = self.profiles.by_id(self.require_repo().profile_id)
        self.notify()
        return new_name

    def delete_profile(self) -> None:
        """Delete the open profile's file; if that fails (OSError), it stays open as it was."""
        repo = self.require_repo()
        # A write landing after the delete would bring the folder back, partly.
        repo.flush(CLOSE_WAIT_S)
        self.profiles.delete(repo.profile_id)
        repo.close(0)
        self.repo = None
        self.profile = None
        self._drop_key()
        self.notify()

    def _switch(self, repo: ProfileRepository, *, backup: bool = True) -> None:
        if self.repo is not None:
            self._backup(self.repo)
            self.repo.close(CLOSE_WAIT_S)  # its writes land; a stuck disk does not hang here
        self.repo = repo
        if backup:  # not of a profile just created: the day's backup would be empty
            self._backup(repo)
        self.profile = self.profiles.by_id(repo.profile_id)
        self.notify()

    def _backup(self, repo: ProfileRepository, timeout: float | None = CLOSE_WAIT_S) -> None:
        """The day's automatic backup, when a profile opens or closes (after its writes)."""
        from desktop_app.storage.backups import take_daily

        if self.auto_backup and not repo.read_only and repo.flush(timeout):
            take_daily(repo.path, repo.device, self.clock())

    def refresh_from_disk(self, notify: bool = True) -> bool:
        """Take in files a sync engine delivered; True if anything visible changed, including
        the profile list. Listeners are told unless ``notify`` is False (the live refresh
        tells them itself, once no dialog is open)."""
        changed = False
        if self.repo is not None:
            changed = self.repo.refresh_from_disk()
            self.profiles.set_aside.extend(self.repo.unreported_set_aside())
        if self._profiles is not None:
            before = self._profiles.profiles
            if self._profiles.refresh() != before:
                changed = True
            if self.repo is not None:
                self.profile = self._profiles.by_id(self.repo.profile_id)
        if changed and notify:
            self.notify()
        return changed

    def watched_paths(self) -> list[Path]:
        """The files and folders whose changes :meth:`refresh_from_disk` would take in."""
        return self.repo.watched_paths() if self.repo is not None else []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def notify(self) -> None:
        """Tell every screen that data changed, so it redraws from the services."""
        for listener in list(self._listeners):
            listener()

    def ticket(self) -> Future[Any]:
        """Completes when every write made so far is on disk, or fails with the first
        error (a failure fails every later write too); done when nothing is open."""
        if self.repo is None:
            from concurrent.futures import Future  # not before the first paint

            done: Future[Any] = Future()
            done.set_result(None)
            return done
        return self.repo.ticket()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait (at most ``timeout`` seconds) for the open profile's writes; True when every
        one of them landed."""
        return self.repo is None or self.repo.flush(timeout)

    def recover(self) -> BaseException | None:
        """After a failed write: read the profile from disk again (memory held what did not
        land), tell every screen, and accept writes again; the error, or None."""
        failed = self.repo.recover() if self.repo is not None else None
        if failed is not None:
            if self._profiles is not None and self.repo is not None:
                self._profiles.refresh()  # a rename that did not land
                self.profile = self._profiles.by_id(self.repo.profile_id)
            self.notify()
        return failed

    def close(self, timeout: float | None = None) -> bool:
        """Close the profile once its writes landed (at most ``timeout``); True if they did."""
        landed = True
        if self.repo is not None:
            self._backup(self.repo, timeout)
            landed = self.repo.close(timeout)
            self.repo = None
        self._drop_key()
        return landed

    def _drop_key(self) -> None:
        """Zero the open profile's data key (as far as Python allows)."""
        if self.key is not None:
            self.key.wipe()
            self.key = None
