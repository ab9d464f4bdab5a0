"""Where things live: the shipped resources, the default data folder and the log folder."""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "Groundwork"


def resources_dir() -> Path:
    """The ``resources/`` folder, in a frozen bundle, an installed wheel or a source checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    # A wheel carries the folder inside the package (see hatch_build.py).
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    # Editable install or a plain checkout: the top-level folder beside the package.
    return Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    import platformdirs  # only when no --data-dir was given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def default_config_dir() -> Path:
    """The platform's config folder: this computer's identity, never in the data folder."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    """The platform's log folder: local to this computer, never in the (synced) data folder."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
