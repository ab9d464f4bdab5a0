"""What deleting a profile, or all of Groundwork's data, removes from this computer.

Plain functions over paths (no Qt), so the confirmation can list exactly what goes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.i18n import _
from desktop_app.local_state import LEGACY_UI_STATE, LocalFolders
from desktop_app.paths import APP_NAME

# What Groundwork itself puts in the data folder; anything else there is left alone.
DATA_ENTRIES = ("profiles", "templates", LEGACY_UI_STATE)


def profile_leftovers(data_dir: Path, profile_id: str, old_file: str | None = None) -> list[Path]:
    """The set-aside copies and backups that belong to one profile.

    Set-aside copies of a profile's files are named ``<profile id>.<device>.…``; a profile
    migrated from the first format keeps the old file's name (``old_file``, the stem), and
    its backups are ``<stem>.v1….json``. A first-format profile that was never migrated has
    the stem as its id.
    """
    profiles = data_dir / "profiles"
    found: list[Path] = []
    found += _matching(profiles / "set-aside", (f"{profile_id}.", f"{old_file or profile_id}."))
    found += _matching(profiles / "backups", (f"{old_file or profile_id}.v1",))
    daily = profiles / "backups" / profile_id  # the automatic backups, every computer's
    if daily.is_dir() and not daily.is_symlink():
        found.append(daily)
    return sorted(set(found))


def _matching(folder: Path, prefixes: Iterable[str]) -> list[Path]:
    starts = tuple(prefixes)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return [entry for entry in entries if entry.name.startswith(starts)
            and (entry.is_file() or entry.is_symlink())]


def remove_files(paths: Iterable[Path]) -> list[tuple[Path, OSError]]:
    """Remove each file (or folder of backups); the ones that could not be removed, with why."""
    failed: list[tuple[Path, OSError]] = []
    for path in paths:
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        except OSError as error:
            failed.append((path, error))
    return failed


@dataclass(frozen=True)
class Place:
    """One folder or file that "Delete all my data" removes, and what it is, for the list."""

    path: Path
    what: str


def groundwork_places(data_dir: Path, local: LocalFolders, log_dir: Path,
                      cache_dir: Path | None = None) -> list[Place]:
    """Everything Groundwork wrote on this computer: its entries in the data folder, and its
    own config, state, runtime, log and cache folders."""
    places = [
        Place(data_dir / "profiles", _("every profile, with its backups and set-aside copies")),
        Place(data_dir / "templates", _("your own assessment templates")),
        Place(data_dir / LEGACY_UI_STATE, _("window settings of an earlier version")),
        Place(local.config, _("this computer's name and settings")),
        Place(local.state, _("window sizes, the last profile used and other local state")),
        Place(log_dir, _("the error log")),
    ]
    if local.runtime is not None:
        places.append(Place(local.runtime, _("the running app's lock")))
    if cache_dir is not None:
        places.append(Place(cache_dir, _("cached files")))
    # Only what is Groundwork's own: a folder not named after it is never removed whole.
    return [p for p in places if p.path.parent == data_dir or APP_NAME in p.path.parts]


def existing(places: Iterable[Place]) -> list[Place]:
    return [p for p in places if os.path.lexists(p.path)]


def delete_places(places: Iterable[Place]) -> list[Path]:
    """Remove every place (a link is removed, never followed); what is left afterwards."""
    left: list[Path] = []
    for place in places:
        path = place.path
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif os.path.lexists(path):
                path.unlink()
        except OSError:
            pass
        if os.path.lexists(path):
            left.append(path)
    return left


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def tidy_data_dir(data_dir: Path) -> list[Path]:
    """After a delete: the data folder goes too when it is Groundwork's own and empty; returns
    what is left in it (someone else's files, which are never touched)."""
    try:
        left = sorted(data_dir.iterdir())
    except OSError:
        return []
    if not left and data_dir.name == APP_NAME:
        try:
            data_dir.rmdir()
        except OSError:
            return [data_dir]
    return left
