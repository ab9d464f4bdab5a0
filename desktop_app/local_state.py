"""State that belongs to this computer, not to the (synced) data folder.

The instance lock goes in the runtime folder (the state folder when there is none we can
use), the window state in the state folder, both named by a key of the data folder so two
data folders on one computer never share them. ``app`` decides the folders and passes them.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.paths import (
    data_dir_key,
    default_config_dir,
    default_runtime_dir,
    default_state_dir,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

# What earlier versions kept inside the data folder; read once, never written or removed
# (another computer syncing the folder may still be running an earlier version).
LEGACY_UI_STATE = "ui-state.ini"
UI_STATE_KEYS = ("geometry", "last_profile")


@dataclass(frozen=True)
class LocalFolders:
    """This computer's folders: config (device identity), state, runtime (may be missing)."""

    config: Path
    state: Path
    runtime: Path | None

    @classmethod
    def of_this_computer(cls) -> LocalFolders:
        return cls(default_config_dir(), default_state_dir(), default_runtime_dir())

    def lock_folders(self) -> list[Path]:
        """Where the lock may go, best first."""
        return [f for f in (self.runtime, self.state / "locks") if f is not None]

    def lock_name(self, data_dir: Path) -> str:
        return f"data-{data_dir_key(data_dir)}.lock"

    def ui_state_file(self, data_dir: Path) -> Path:
        return self.state / f"ui-state-{data_dir_key(data_dir)}.ini"


def open_ui_state(folders: LocalFolders, data_dir: Path) -> QSettings:
    """The window state for ``data_dir``; the first time, seeded from the data folder's old one."""
    from PySide6.QtCore import QSettings

    path = folders.ui_state_file(data_dir)
    fresh = not path.exists()
    with contextlib.suppress(OSError):  # then nothing is remembered; Groundwork still works
        path.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    legacy = data_dir / LEGACY_UI_STATE
    if fresh and legacy.is_file():
        old = QSettings(str(legacy), QSettings.Format.IniFormat)
        for key in UI_STATE_KEYS:
            value = old.value(key)
            if value is not None:
                settings.setValue(key, value)
    # Says which data folder this file is about, for a person looking in the state folder.
    settings.setValue("data_folder", str(data_dir))
    return settings
