"""STUB — placeholder for helper "crypt"'s privacy service (issue 10).

>>> THE LEAD REPLACES THIS WHOLE FILE WITH CRYPT'S MODULE AT MERGE. <<<

Only the names and signatures of /work/notes/privacy-api.md, so the privacy screens in
``desktop_app/ui/`` import and type-check; every method raises NotImplementedError. Nothing
here encrypts anything. The screens stay hidden while the session has no ``privacy``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.services.session import Session


class PrivacyError(Exception):
    """str(e) is one calm sentence for the person."""


class WrongPassphraseError(PrivacyError):
    def __init__(self, message: str, wait_seconds: float = 0.0) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


class TooSoonError(PrivacyError):
    def __init__(self, message: str, wait_seconds: float = 0.0) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


class KeyDamagedError(PrivacyError):
    """The key file is unreadable or tampered with; nothing was written."""


class ProfileLockedError(PrivacyError):
    """A protected profile was opened without its key."""


@dataclass(frozen=True)
class UnlockedKey:
    """Opaque: holds the data key for one profile id."""

    profile_id: str


@dataclass(frozen=True)
class PreparedKey:
    """Opaque: a new data key and its wraps, made off the UI thread."""


class PrivacyService:
    """STUB: see the module docstring."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def is_protected(self, profile_id: str) -> bool:
        raise NotImplementedError

    def retry_wait(self, profile_id: str) -> float:
        raise NotImplementedError

    def unlock(self, profile_id: str, secret: str) -> UnlockedKey:
        raise NotImplementedError

    def prepare_protect(self, passphrase: str) -> PreparedKey:
        raise NotImplementedError

    def prepare_change(self, profile_id: str, old: str, new: str) -> PreparedKey:
        raise NotImplementedError

    def protect(self, prepared: PreparedKey) -> str:
        raise NotImplementedError

    def change_passphrase(self, prepared: PreparedKey) -> None:
        raise NotImplementedError

    def remove_passphrase(self, key: UnlockedKey) -> None:
        raise NotImplementedError

    def lock(self) -> None:
        raise NotImplementedError
