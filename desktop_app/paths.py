"""Where things live: resources, the data folder, and the folders local to this computer."""

from __future__ import annotations

import os
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


def default_log_dir() -> Path:
    """The platform's log folder: local to this computer, never in the (synced) data folder."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_config_dir() -> Path:
    """This computer's settings (its device identity): never in the (synced) data folder."""
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_state_dir() -> Path:
    """Window state and the like, kept per computer."""
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def default_runtime_dir() -> Path | None:
    """The folder for the instance lock, or None when the platform gives none we may use."""
    import warnings

    import platformdirs

    with warnings.catch_warnings():
        # platformdirs warns, then falls back to another private folder itself.
        warnings.simplefilter("ignore")
        try:
            return Path(platformdirs.user_runtime_dir(APP_NAME, appauthor=False))
        except OSError:
            return None


def data_dir_key(data_dir: Path) -> str:
    """A short name for one data folder, the same however the folder is reached.

    Local state (lock, window state) is kept per data folder under this name, so two data
    folders on one computer never share a lock or a window, and two paths (links) to one
    folder do.
    """
    resolved = os.path.realpath(data_dir)
    return _sha256(resolved.encode("utf-8", "surrogateescape"))[:16]


def _sha256(data: bytes) -> str:
    """SHA-256 in hex, without loading OpenSSL where Python has its own (3 ms before the first
    window: the lock's name needs this key)."""
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[no-redef, unused-ignore]  # 3.12+
        except ImportError:
            from hashlib import sha256
    return str(sha256(data).hexdigest())
