"""A stand-in for the privacy service (/work/notes/privacy-api.md), fast and in memory.

No crypto: a protected profile remembers its passphrase. ``gate`` (an Event) holds every slow
call until the test opens it, so tests can see "Unlocking…" and the UI ticking meanwhile.
The back-off runs on ``now`` (seconds), which tests move by hand.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from desktop_app.services.privacy import (
    ProfileLockedError,
    TooSoonError,
    UnlockedKey,
    WrongPassphraseError,
)
from desktop_app.services.session import Session

RECOVERY = "ABCD-EFGH-JKLM-NPQR"


@dataclass(frozen=True)
class FakePrepared:
    passphrase: str
    profile_id: str | None = None


@dataclass
class FakePrivacy:
    session: Session
    passphrases: dict[str, str] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    not_before: dict[str, float] = field(default_factory=dict)
    gate: threading.Event = field(default_factory=threading.Event)
    now: float = 1000.0
    base_wait: float = 2.0
    slow_calls: int = 0
    locks: int = 0

    def __post_init__(self) -> None:
        self.gate.set()

    def _slow(self) -> None:
        self.slow_calls += 1
        if not self.gate.wait(10):
            raise RuntimeError("the test never let the slow call finish")

    def is_protected(self, profile_id: str) -> bool:
        return profile_id in self.passphrases

    def retry_wait(self, profile_id: str) -> float:
        return max(0.0, self.not_before.get(profile_id, 0.0) - self.now)

    def unlock(self, profile_id: str, secret: str) -> UnlockedKey:
        wait = self.retry_wait(profile_id)
        if wait > 0:
            raise TooSoonError("Please wait a moment.", wait)
        self._slow()
        clean = secret.replace("-", "").replace(" ", "").upper()
        if secret == self.passphrases.get(profile_id) or clean == RECOVERY.replace("-", ""):
            self.failures[profile_id] = 0
            return UnlockedKey(profile_id)
        count = self.failures.get(profile_id, 0) + 1
        self.failures[profile_id] = count
        wait = 0.0 if count < 2 else self.base_wait * 2 ** (count - 2)
        self.not_before[profile_id] = self.now + wait
        raise WrongPassphraseError("That passphrase does not open this profile.", wait)

    def prepare_protect(self, passphrase: str) -> FakePrepared:
        self._slow()
        return FakePrepared(passphrase)

    def prepare_change(self, profile_id: str, old: str, new: str) -> FakePrepared:
        self.unlock(profile_id, old)
        return FakePrepared(new, profile_id)

    def _open_id(self) -> str:
        assert self.session.profile is not None
        return self.session.profile.id

    def protect(self, prepared: FakePrepared) -> str:
        self.passphrases[self._open_id()] = prepared.passphrase
        return RECOVERY

    def change_passphrase(self, prepared: FakePrepared) -> None:
        self.passphrases[self._open_id()] = prepared.passphrase

    def remove_passphrase(self, key: UnlockedKey) -> None:
        assert key.profile_id == self._open_id()
        del self.passphrases[key.profile_id]

    def lock(self) -> None:
        self.locks += 1
        session: Any = self.session
        session.locked_profile_id = self._open_id()
        session.close()
        session.profile = None
        session.notify()


def install(session: Session, passphrases: dict[str, str] | None = None) -> FakePrivacy:
    """Give ``session`` the privacy side of the contract, backed by a :class:`FakePrivacy`
    (``passphrases`` may be shared by the sessions of several starts)."""
    fake = FakePrivacy(session, passphrases if passphrases is not None else {})
    target: Any = session
    target.privacy = fake
    target.locked_profile_id = None
    plain_open = session.open_profile
    plain_create = session.create_profile

    def open_profile(profile_id: str, key: UnlockedKey | None = None) -> object:
        if fake.is_protected(profile_id) and (key is None or key.profile_id != profile_id):
            raise ProfileLockedError("This profile is protected by a passphrase.")
        target.locked_profile_id = None
        return plain_open(profile_id)

    def create_profile(name: str, passphrase: str | None = None) -> object:
        info = plain_create(name)
        if passphrase:
            fake.passphrases[info.id] = passphrase
        return info

    target.open_profile = open_profile
    target.create_profile = create_profile
    return fake
