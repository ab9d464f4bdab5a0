"""What the journal's service tests share: the settings they open a profile with."""

from __future__ import annotations

from desktop_app.domain.journal import CheckInSettings

PARIS = CheckInSettings(timezone="Europe/Paris")  # FIXED_NOW is 09:30 in Paris, +01:00
