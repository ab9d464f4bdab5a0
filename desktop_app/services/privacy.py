"""Passphrases: protect a profile, unlock it, change or remove the passphrase, lock.

The slow calls (``unlock``, ``prepare_*``: a key derivation of at least 0.25 s) touch no Qt
and do not change the open profile, so the UI runs them on a worker thread. See
docs/privacy.md for the threat model and the files.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from desktop_app.i18n import _, ngettext
from desktop_app.storage import keyfile
from desktop_app.storage.atomic import atomic_write_bytes, remove_stale_temp_files
from desktop_app.storage.crypto import FileCipher
from desktop_app.storage.keyfile import KEY_FILE, KeyFile, KeyFileError

if TYPE_CHECKING:
    from desktop_app.storage.device import Device
    from desktop_app.storage.profile_store import ProfileInfo
    from desktop_app.storage.repository import ProfileRepository


class Session(Protocol):
    """What this service uses of ``services.session.Session`` (which owns this service:
    importing it here would make a cycle)."""

    data_dir: Path
    device: Device
    repo: ProfileRepository | None
    profile: ProfileInfo | None
    key: UnlockedKey | None
    locked_profile_id: str | None

    def clock(self) -> datetime: ...
    def require_repo(self) -> ProfileRepository: ...
    def close(self, timeout: float | None = None) -> bool: ...


MAX_WAIT = 15 * 60.0  # the back-off never grows beyond this


class PrivacyError(Exception):
    """``str(e)`` is one calm sentence for the person."""


class WrongPassphraseError(PrivacyError):
    def __init__(self, wait_seconds: float) -> None:
        later = "" if wait_seconds <= 0 else " " + (
            _("Please wait {duration} before the next try.").format(
                duration=_seconds(wait_seconds)))
        super().__init__(_("That passphrase does not open this profile.") + later)
        self.wait_seconds = wait_seconds


class TooSoonError(PrivacyError):
    def __init__(self, wait_seconds: float) -> None:
        super().__init__(
            _("After several wrong passphrases, please wait {duration} "
              "before the next try.").format(duration=_seconds(wait_seconds)))
        self.wait_seconds = wait_seconds


class KeyDamagedError(PrivacyError):
    """The key file is unreadable or was tampered with; nothing was written."""


class ProfileLockedError(PrivacyError):
    """A protected profile opened without its key."""


def _seconds(wait: float) -> str:
    whole = max(1, round(wait))
    if whole < 120:
        return ngettext("{n} second", "{n} seconds", whole).format(n=whole)
    minutes = round(whole / 60)
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


def backoff(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong tries in a row: 0, 1, 2, 4, … up to 15 min."""
    return 0.0 if failures <= 1 else min(MAX_WAIT, 2.0 ** (failures - 2))


@dataclass(frozen=True)
class UnlockedKey:
    """The data key of one profile (opaque to the UI)."""

    profile_id: str
    cipher: FileCipher = field(repr=False)

    def wipe(self) -> None:
        self.cipher.wipe()


@dataclass(frozen=True)
class PreparedKey:
    """The slow part of protect or change, done: the data key and its new wraps."""

    profile_id: str | None  # None: for the profile open when protect() is called
    cipher: FileCipher = field(repr=False)
    wraps: dict[str, dict[str, Any]] = field(repr=False)
    recovery_key: str | None = field(default=None, repr=False)


class Tries:
    """Wrong tries per profile, kept in this computer's state folder (never the synced one),
    so a restart does not reset the back-off."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> tuple[int, float]:
        entry = self._read().get(key)
        if not isinstance(entry, dict):
            return 0, 0.0
        failures, last = entry.get("failures"), entry.get("last")
        if not isinstance(failures, int) or not isinstance(last, int | float):
            return 0, 0.0
        return failures, float(last)

    def put(self, key: str, failures: int, last: float) -> None:
        data = self._read()
        if failures:
            data[key] = {"failures": failures, "last": last}
        else:
            data.pop(key, None)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, json.dumps(data).encode())
        except OSError:
            pass  # then the back-off holds for this run only


class PrivacyService:
    """Passphrases of the profiles in the session's data folder."""

    def __init__(self, session: Session, state_dir: Path | None = None,
                 now: Callable[[], float] = time.time) -> None:
        self.session = session
        self.now = now
        if state_dir is None:
            from desktop_app.paths import default_state_dir

            state_dir = default_state_dir()
        from desktop_app.paths import data_dir_key

        self._tries = Tries(state_dir / f"unlock-tries-{data_dir_key(session.data_dir)}.json")
        self._recovery_key: str | None = None
        self._pending_seal: Callable[[], None] | None = None

    # --- reading the key files -----------------------------------------------------------
    def _folder(self, profile_id: str) -> Path:
        return self.session.data_dir / "profiles" / profile_id

    def key_files(self, profile_id: str) -> list[KeyFile]:
        return keyfile.read_key_files(self._folder(profile_id))[0]

    def is_protected(self, profile_id: str) -> bool:
        latest = keyfile.newest(self.key_files(profile_id))
        return latest is not None and latest.protected

    def retry_wait(self, profile_id: str) -> float:
        failures, last = self._tries.get(profile_id)
        return max(0.0, last + backoff(failures) - self.now())

    # --- slow calls (off the UI thread) --------------------------------------------------
    def unlock(self, profile_id: str, secret: str) -> UnlockedKey:
        """The key of a protected profile, from its passphrase or its recovery key."""
        wait = self.retry_wait(profile_id)
        if wait > 0:
            raise TooSoonError(wait)
        keys, bad = keyfile.read_key_files(self._folder(profile_id))
        latest = keyfile.newest(keys)
        if latest is None:
            if bad:
                raise KeyDamagedError(
                    _("The key of this profile cannot be read ({reason}); "
                      "nothing was changed.").format(reason=bad[0].reason))
            raise PrivacyError(_("This profile has no passphrase."))
        if not latest.protected:
            raise PrivacyError(_("This profile has no passphrase any more."))
        try:
            cipher = self._try(latest, secret)
        except KeyFileError as error:
            raise KeyDamagedError(
                _("The key of this profile is damaged ({reason}); nothing was changed.").format(
                    reason=error.reason
                )
            ) from None
        if cipher is None:
            failures = self._tries.get(profile_id)[0]  # not "_": that name is the catalog
            now = self.now()
            self._tries.put(profile_id, failures + 1, now)
            raise WrongPassphraseError(backoff(failures + 1))
        self._tries.put(profile_id, 0, 0.0)
        return UnlockedKey(profile_id, cipher)

    @staticmethod
    def _try(latest: KeyFile, secret: str) -> FileCipher | None:
        recovery = keyfile.as_recovery_key(secret)
        if recovery is not None:
            found = keyfile.unwrap(latest, recovery, "recovery")
            if found is not None:
                return found
        return keyfile.unwrap(latest, secret, "passphrase")

    def prepare_protect(self, passphrase: str) -> PreparedKey:
        _check_passphrase(passphrase)
        cipher = FileCipher.new()
        recovery = keyfile.new_recovery_key()
        wraps = {
            "passphrase": keyfile.make_wrap(cipher, passphrase, "passphrase"),
            "recovery": keyfile.make_wrap(cipher, keyfile.as_recovery_key(recovery) or "",
                                          "recovery"),
        }
        return PreparedKey(None, cipher, wraps, recovery)

    def prepare_change(self, profile_id: str, old: str, new: str) -> PreparedKey:
        _check_passphrase(new)
        key = self.unlock(profile_id, old)
        latest = keyfile.newest(self.key_files(profile_id))
        wraps = {"passphrase": keyfile.make_wrap(key.cipher, new, "passphrase")}
        if latest is not None and isinstance(latest.doc.get("recovery"), dict):
            wraps["recovery"] = latest.doc["recovery"]  # the recovery key keeps working
        return PreparedKey(profile_id, key.cipher, wraps)

    # --- fast calls (on the UI thread) ---------------------------------------------------
    def protect(self, prepared: PreparedKey, *, seal_leftovers: bool = True) -> str:
        """Encrypt the open profile: its key file first, then this computer's files, then
        what it kept in plain text (:meth:`seal_leftovers`; with ``seal_leftovers=False``
        the caller runs :meth:`take_pending_seal` itself, off the UI thread). Other computers
        encrypt theirs when they next open it. Returns the recovery key, once."""
        repo = self.session.require_repo()
        if self.is_protected(repo.profile_id):
            raise PrivacyError(_("This profile already has a passphrase."))
        previous = repo.cipher  # a removed passphrase's key, left in the clear
        self._write_own(repo, prepared.cipher, protected=True, wraps=prepared.wraps)
        repo.set_cipher(prepared.cipher, seal=True)
        repo.reseal_own()
        self.session.key = UnlockedKey(repo.profile_id, prepared.cipher)
        sealer = self.leftover_sealer(repo, old=[previous] if previous is not None else [])
        if seal_leftovers:
            sealer()
        else:
            self._pending_seal = sealer
        return prepared.recovery_key or ""

    def change_passphrase(self, prepared: PreparedKey) -> None:
        """Re-wrap the key: one atomic write of this computer's key file (the data files are
        not rewritten). A crash leaves the old file or the new one."""
        profile_id = prepared.profile_id or self.session.require_repo().profile_id
        repo = self.session.repo
        if repo is None or repo.profile_id != profile_id:
            raise PrivacyError(_("Open the profile to change its passphrase."))
        self._write_own(repo, prepared.cipher, protected=True, wraps=prepared.wraps)

    def remove_passphrase(self, key: UnlockedKey) -> None:
        """Make the open profile plain again: the key file says so (keeping the data key, so
        other computers can read their encrypted files and rewrite them), then this
        computer's files are rewritten plain."""
        repo = self.session.require_repo()
        if repo.profile_id != key.profile_id:
            raise PrivacyError(_("That key belongs to another profile."))
        self._write_own(repo, key.cipher, protected=False, wraps={})
        repo.set_cipher(key.cipher, seal=False)
        repo.reseal_own()
        self.session.key = None

    def lock(self) -> None:
        """Close the open profile and drop its key (as far as Python lets us)."""
        session = self.session
        repo = session.repo
        session.locked_profile_id = repo.profile_id if repo is not None else None
        key = session.key
        session.close()
        session.profile = None
        session.key = None
        if key is not None:
            key.wipe()

    def take_pending_seal(self) -> Callable[[], None]:
        """What ``protect(..., seal_leftovers=False)`` left to do (files only: run it on a
        worker thread); a no-op when nothing was left."""
        found, self._pending_seal = self._pending_seal, None
        return found or (lambda: None)

    def take_recovery_key(self) -> str | None:
        """The recovery key of a profile just created with a passphrase, once."""
        found, self._recovery_key = self._recovery_key, None
        return found

    # --- helpers for the session ---------------------------------------------------------
    def new_profile_key(self, prepared: PreparedKey) -> tuple[
            FileCipher, Callable[[Path, str], None]]:
        """For a profile created with a passphrase (``prepare_protect``): its key, and what
        writes its key file."""
        self._recovery_key = prepared.recovery_key

        def write(folder: Path, name: str) -> None:
            doc = keyfile.key_doc(
                profile_id=folder.name, device=self.session.device.id,
                stamp=self.session.clock(), cipher=prepared.cipher, protected=True,
                wraps=prepared.wraps, name=(self._stamp(), name))
            keyfile.write_key_file(folder / self.session.device.id / KEY_FILE, doc)

        return prepared.cipher, write

    def open_args(self, profile_id: str, key: UnlockedKey | None) -> tuple[
            FileCipher | None, bool | None]:
        """The key and sealing to open ``profile_id`` with; ProfileLockedError without one."""
        latest = keyfile.newest(self.key_files(profile_id))
        if latest is None:
            return None, None
        if latest.protected:
            if key is None or key.profile_id != profile_id:
                raise ProfileLockedError(_("This profile is protected by a passphrase."))
            return key.cipher, True
        return keyfile.plain_cipher(latest), False

    def after_open(self, repo: ProfileRepository) -> None:
        """Bring this computer's key file and files in line with the newest key file (a
        change or protect made on another computer). A failure is retried next open."""
        if repo.read_only:
            return
        keys = self.key_files(repo.profile_id)
        doc = keyfile.own_copy(keys, repo.device)
        try:
            remove_stale_temp_files(repo.own / KEY_FILE)  # a change killed half-way
            if doc is not None:
                keyfile.write_key_file(repo.own / KEY_FILE, doc)
            repo.reseal_own()
        except OSError:
            pass
        self.seal_leftovers(repo)

    def seal_leftovers(self, repo: ProfileRepository, old: Collection[FileCipher] = ()
                       ) -> None:
        """Seal what this computer kept of a protected profile in plain text from before its
        passphrase: its backups (resealed one by one, crash-safely, or deleted when that
        cannot be done), set-aside copies and pre-migration backups. Also what is sealed
        with an ``old`` key (a removed passphrase left it in the clear). Other computers
        seal theirs when they next open the profile."""
        self.leftover_sealer(repo, old)()

    def leftover_sealer(self, repo: ProfileRepository, old: Collection[FileCipher] = ()
                        ) -> Callable[[], None]:
        """:meth:`seal_leftovers` as a call that touches only files, with its own copy of
        the key (a lock meanwhile wipes the session's): safe on a worker thread. A failure
        is logged and retried at the next open."""
        cipher = repo.write_cipher
        if cipher is None or repo.read_only:
            return lambda: None
        from desktop_app.storage.backup_seal import seal_all
        from desktop_app.storage.migrate_v1 import V1_ID_KEY

        found = repo.meta.get(V1_ID_KEY)
        old_file = found if isinstance(found, str) else None
        folder, device = repo.path, repo.device
        own = FileCipher(cipher.key, cipher.key_id)
        keys = [FileCipher(k.key, k.key_id) for k in old]
        return lambda: seal_all(folder, device, own, keys, old_file)

    def rename(self, repo: ProfileRepository, name: str) -> None:
        """Keep the display name the profile list shows (readable without the key)."""
        keys = self.key_files(repo.profile_id)
        if not keys or repo.read_only:
            return
        doc = keyfile.own_copy(keys, repo.device,
                               name=(self._stamp(), name))
        if doc is not None:
            keyfile.write_key_file(repo.own / KEY_FILE, doc)

    def _stamp(self) -> str:
        return self.session.clock().astimezone(UTC).isoformat()

    def _write_own(self, repo: ProfileRepository, cipher: FileCipher, *, protected: bool,
                   wraps: dict[str, dict[str, Any]]) -> None:
        keys = self.key_files(repo.profile_id)
        stamp = keyfile.next_stamp(self.session.clock(), keys)
        doc = keyfile.key_doc(profile_id=repo.profile_id, device=repo.device, stamp=stamp,
                              cipher=cipher, protected=protected, wraps=wraps,
                              name=(self._stamp(), repo.name))
        keyfile.write_key_file(repo.own / KEY_FILE, doc)


def _check_passphrase(passphrase: str) -> None:
    if not passphrase.strip():
        raise PrivacyError(_("A passphrase cannot be empty or only spaces."))
