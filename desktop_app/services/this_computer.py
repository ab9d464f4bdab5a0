"""Settings ▸ This computer: its name (the person's to choose) and its id (fixed)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.i18n import _
from desktop_app.services.session import Session
from desktop_app.storage.device import Device, clean_device_name, rename_device


class ThisComputer:
    """This computer's identity, kept in the config folder ``app`` chose."""

    def __init__(self, session: Session, config_dir: Path) -> None:
        self.session = session
        self.config_dir = config_dir

    @property
    def device(self) -> Device | None:
        return self.session.device

    def check_name(self, name: str) -> str:
        """The name as it would be stored; ValueError with a sentence for a person."""
        return clean_device_name(name)

    def rename(self, name: str) -> Device:
        """Store a new name; ValueError for a bad one, OSError when it cannot be written.

        On either error nothing changes, in the file or in the session.
        """
        device = self.session.device
        if device is None:
            raise ValueError(_("This computer has no identity yet."))
        renamed = rename_device(self.config_dir, device, name)
        self.session.device = renamed
        return renamed
