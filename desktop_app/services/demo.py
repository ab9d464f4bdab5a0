"""The Demo profile: made-up history so every screen can be seen full."""

from __future__ import annotations

from desktop_app.services.session import Session

DEMO_NAME = "Demo"


def open_demo_profile(session: Session) -> None:
    """Open the Demo profile, creating it when there is none."""
    found = session.profiles.find(DEMO_NAME)
    if found is None:
        session.create_profile(DEMO_NAME)
    else:
        session.open_profile(found.id)
