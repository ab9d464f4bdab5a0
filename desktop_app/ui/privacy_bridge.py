"""Two questions the screens ask of the session's privacy side."""

from __future__ import annotations

from desktop_app.services.session import Session


def current_is_protected(session: Session) -> bool:
    """Whether the open profile has a passphrase (read from its key files: a passphrase
    set on another computer counts too)."""
    return session.profile is not None and session.privacy.is_protected(session.profile.id)


def waiting_profile_id(session: Session) -> str | None:
    """The profile the unlock screen should ask for: none while a profile is open."""
    locked = session.locked_profile_id if session.profile is None else None
    return locked if locked is not None and session.profiles.by_id(locked) else None
