"""The session's privacy side, reached in one place.

The privacy service (``session.privacy``, ``open_profile(..., key=)``, ``locked_profile_id``)
is built in parallel with these screens; until the session has it, every privacy screen and
menu entry stays hidden. Once merged these are plain attribute reads and calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.services.privacy import PrivacyService, UnlockedKey
    from desktop_app.services.session import Session


def privacy_of(session: Session) -> PrivacyService | None:
    privacy: PrivacyService | None = getattr(session, "privacy", None)
    return privacy


def is_protected(session: Session, profile_id: str) -> bool:
    privacy = privacy_of(session)
    return privacy is not None and privacy.is_protected(profile_id)


def current_is_protected(session: Session) -> bool:
    return session.profile is not None and is_protected(session, session.profile.id)


def locked_profile_id(session: Session) -> str | None:
    value: str | None = getattr(session, "locked_profile_id", None)
    return value


def waiting_profile_id(session: Session) -> str | None:
    """The profile the unlock screen should ask for: none while a profile is open."""
    locked = locked_profile_id(session) if session.profile is None else None
    return locked if locked is not None and session.profiles.by_id(locked) else None


def mark_locked(session: Session, profile_id: str | None) -> None:
    """The profile the unlock screen asks for (set at start when it cannot open without a key)."""
    session.locked_profile_id = profile_id  # type: ignore[attr-defined]


def open_with_key(session: Session, profile_id: str, key: UnlockedKey) -> None:
    opener: Any = session.open_profile
    opener(profile_id, key=key)
