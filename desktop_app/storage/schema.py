"""Schema versions, errors, and the checks of a format-1 profile file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.i18n import N_, _

APP_MARK = "groundwork"
# 1: one TinyDB file per profile (``profiles/profile-xxxx.json``), migrated on first open.
# 2: a folder per profile, a folder per device, month shards (see docs/storage.md).
SCHEMA_VERSION = 2
V1 = 1
TABLES = ("meta", "assessments", "drafts", "checkins", "focus", "lapses", "wins")

Tables = dict[str, dict[str, Any]]

DAMAGED = N_("the file is damaged or cut short ({detail})")
"""The parser's detail goes in brackets: notices leave it out (services/set_aside_notice)."""


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
    """Parse and check a format-1 profile file, or raise :class:`CorruptProfileError`."""
    if not raw.strip():
        raise CorruptProfileError(path, _("the file is empty"))
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise CorruptProfileError(path, _("the file is not text")) from None
    except json.JSONDecodeError as error:
        raise CorruptProfileError(
            path, _(DAMAGED).format(detail=f"line {error.lineno}: {error.msg}")
        ) from None
    except RecursionError:
        raise CorruptProfileError(path, _("the file is nested far too deeply")) from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits (CVE-2020-10735).
        raise CorruptProfileError(
            path, _("the file holds a number far too long to read")
        ) from None
    return check_header(
        path, data, what="profile", oldest=V1, newest=V1,
        newer=lambda version: _("this file says data version {version}, but only version 1 "
                                "files are single files; it was not written by Groundwork as "
                                "it is").format(version=version),
    )


def check_header(path: Path, data: Any, *, what: str, oldest: int, newest: int,
                 newer: Callable[[int], str]) -> Tables:
    """Check a parsed file: one header doc in ``meta`` with our mark and a schema version from
    ``oldest`` to ``newest``, and tables of documents. Raises :class:`CorruptProfileError`
    (naming the file a "``what``"), or :class:`NewerSchemaError` with ``newer(version)``."""
    # Whole sentences for each ``what`` ("profile" or "file"), so translations can agree.
    profile = what == "profile"
    not_ours = (_("the file is JSON but not a Groundwork profile") if profile
                else _("the file is JSON but not a Groundwork file"))
    if not isinstance(data, dict):
        raise CorruptProfileError(path, not_ours)
    doc = _single_meta(data.get("meta"))
    if doc is None or doc.get("app") != APP_MARK:
        raise CorruptProfileError(path, not_ours)
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < oldest:
        raise CorruptProfileError(
            path, _("the profile has no valid schema version") if profile
            else _("the file has no valid schema version"))
    if version > newest:
        raise NewerSchemaError(path, newer(version))
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise CorruptProfileError(path, _("the table '{name}' is damaged").format(name=name))
    tables: Tables = data
    return tables


def _single_meta(meta: Any) -> dict[str, Any] | None:
    if not isinstance(meta, dict) or len(meta) != 1:
        return None
    doc = next(iter(meta.values()))
    return doc if isinstance(doc, dict) else None


def meta_of(tables: Tables) -> dict[str, Any]:
    doc = _single_meta(tables.get("meta"))
    assert doc is not None, "validated by parse_profile_bytes"
    return doc
