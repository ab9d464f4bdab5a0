"""Files that cannot be read: copied aside byte for byte, reported once, never moved.

A move or a delete inside a synced folder would travel to every computer as a delete, and
the file may be half-delivered and about to be completed; so it is COPIED to ``set-aside/``
and left where it is. The copy's name carries the file's size and mtime, so the same bytes
are copied (and reported) once, across runs; when the file changes it is looked at again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktop_app.storage.atomic import atomic_write_bytes


@dataclass(frozen=True)
class SetAside:
    """An entry that could not be used: copied to ``copied_to``, or left alone (None) when it
    is not a regular file we may read."""

    original: Path
    copied_to: Path | None
    reason: str


def copy_aside(folder: Path, path: Path, raw: bytes, label: str, reason: str) -> SetAside | None:
    """Copy ``raw`` (the bytes read from ``path``) into ``folder``; None if done before.

    ``label`` makes the name unique across profiles and devices (``<profile>.<device>``).
    """
    try:
        info = os.stat(path)
        mark = f"{info.st_mtime_ns}-{len(raw)}"
    except OSError:
        mark = f"gone-{len(raw)}"
    stem = path.name[:-5] if path.name.endswith(".json") else path.name
    target = folder / f"{label}{stem}.{mark}.json"
    if target.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, raw)
    return SetAside(path, target, reason)
