"""The session's privacy side, as the screens reach it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.services.privacy import PrivacyService, UnlockedKey
    from desktop_app.services.session import Session


def privacy_of(session: Session) -> PrivacyService | None:
    return session.privacy


def is_protected(session: Session, profile_id: str) -> bool:
    return session.privacy.is_protected(profile_id)


def current_is_protected(session: Session) -> bool:
    return session.profile is not None and is_protected(session, session.profile.id)


def locked_profile_id(session: Session) -> str | None:
    return session.locked_profile_id


def waiting_profile_id(session: Session) -> str | None:
    """The profile the unlock screen should ask for: none while a profile is open."""
    locked = session.locked_profile_id if session.profile is None else None
    return locked if locked is not None and session.profiles.by_id(locked) else None


def mark_locked(session: Session, profile_id: str | None) -> None:
    """The profile the unlock screen asks for (set at start when it cannot open without a key)."""
    session.locked_profile_id = profile_id


def open_with_key(session: Session, profile_id: str, key: UnlockedKey) -> None:
    session.open_profile(profile_id, key=key)
