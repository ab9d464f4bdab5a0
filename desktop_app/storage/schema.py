"""Schema version, validation of a profile file's shape, and forward-only migrations."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

APP_MARK = "groundwork"
SCHEMA_VERSION = 1
TABLES = ("meta", "assessments", "drafts", "checkins", "focus", "lapses", "wins")

Tables = dict[str, dict[str, Any]]
Migration = Callable[[Tables], None]

# Each entry upgrades a file from version ``n`` to ``n + 1`` in place.
MIGRATIONS: dict[int, Migration] = {}


class ProfileFileError(Exception):
    """A profile file cannot be used; ``str()`` is a sentence for a person."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


class CorruptProfileError(ProfileFileError):
    """Empty, truncated, not JSON, or JSON that is not a Groundwork profile."""


class NewerSchemaError(ProfileFileError):
    """Written by a newer Groundwork; it is never written by this one."""


class NotAProfileFileError(ProfileFileError):
    """Not a regular file we may read (a folder, pipe, device, dangling link, too large,
    or not readable). It is left where it is: never moved, never followed further."""


def parse_profile_bytes(path: Path, raw: bytes) -> Tables:
    """Parse and check the shape of a profile file, or raise :class:`CorruptProfileError`."""
    if not raw.strip():
        raise CorruptProfileError(path, "the file is empty")
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise CorruptProfileError(path, "the file is not text") from None
    except json.JSONDecodeError as error:
        raise CorruptProfileError(
            path, f"the file is damaged or cut short (line {error.lineno}: {error.msg})"
        ) from None
    except RecursionError:
        raise CorruptProfileError(path, "the file is nested far too deeply") from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits (CVE-2020-10735).
        raise CorruptProfileError(path, "the file holds a number far too long to read") from None
    if not isinstance(data, dict):
        raise CorruptProfileError(path, "the file is JSON but not a Groundwork profile")
    meta = data.get("meta")
    doc = _single_meta(meta)
    if doc is None or doc.get("app") != APP_MARK:
        raise CorruptProfileError(path, "the file is JSON but not a Groundwork profile")
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CorruptProfileError(path, "the profile has no valid schema version")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise CorruptProfileError(path, f"the table '{name}' is damaged")
    return data


def _single_meta(meta: Any) -> dict[str, Any] | None:
    if not isinstance(meta, dict) or len(meta) != 1:
        return None
    doc = next(iter(meta.values()))
    return doc if isinstance(doc, dict) else None


def meta_of(tables: Tables) -> dict[str, Any]:
    doc = _single_meta(tables.get("meta"))
    assert doc is not None, "validated by parse_profile_bytes"
    return doc


def migrate(
    path: Path,
    tables: Tables,
    *,
    backup_dir: Path,
    now: datetime,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    target: int = SCHEMA_VERSION,
) -> bool:
    """Bring ``tables`` up to ``target``; back the file up first. Returns True if changed.

    A file from a newer version raises :class:`NewerSchemaError` and is left alone.
    """
    meta = meta_of(tables)
    version = int(meta["schema_version"])
    if version > target:
        raise NewerSchemaError(
            path,
            f"this profile was saved by a newer Groundwork (data version {version}, this "
            f"version reads up to {target}). Please update Groundwork to open it.",
        )
    if version == target:
        return False
    missing = [v for v in range(version, target) if v not in migrations]
    if missing:
        raise ProfileFileError(path, f"no way to upgrade data version {missing[0]}")
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%S")
    shutil.copy2(path, backup_dir / f"{path.stem}.v{version}.{stamp}.json")
    for step in range(version, target):
        migrations[step](tables)
        meta_of(tables)["schema_version"] = step + 1
    return True
