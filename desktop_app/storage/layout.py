"""Names in the profiles folder: profile and record ids, shard names, sync debris patterns.

```
profiles/<profile-id>/<device-id>/profile.json   profile-level records (name, settings, …)
profiles/<profile-id>/<device-id>/<YYYY-MM>.json every version this device wrote that month
```
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime
from enum import Enum

PROFILE_FILE = "profile.json"
PROFILE_TABLE = "profile"  # profile-level records, one per setting ("profile_name", …)
HEADER_TABLE = "meta"  # one doc per file: app mark, schema version, profile id, device id
# Record tables, each in every shard (the header and profile tables are not records of these).
# "topics": things to bring up at the next session (added with the report, issue 11);
# "partners": views a partner shared, received (issue 16).
KINDS = ("assessments", "drafts", "checkins", "focus", "lapses", "wins", "topics", "partners")

_PROFILE_ID = re.compile(r"^p-[0-9a-f]{16}$")
_SHARD = re.compile(r"^(\d{4})-(\d{2})\.json$")
# Syncthing: name.sync-conflict-20260301-101010-ABCDEFG.json
_SYNCTHING = re.compile(r"^(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}(?P<ext>\.json)$")
# Nextcloud / ownCloud: "name (conflicted copy 2026-03-01 101010).json";
# Dropbox: "name (Sam's conflicted copy 2026-03-01).json" (and a numbered " (1)" variant).
_PAREN = re.compile(r"^(?P<stem>.+?) \([^()]*conflicted copy[^()]*\)(?: \(\d+\))?(?P<ext>\.json)$")


class Entry(Enum):
    OURS = "ours"  # profile.json or a month shard
    CONFLICT = "conflict"  # a sync engine's conflict copy of one of ours
    TEMP = "temp"  # a sync engine's or our own temp file, a dot file: not looked at
    FOREIGN = "foreign"  # anything else


def new_profile_id() -> str:
    return f"p-{secrets.token_hex(8)}"


def is_profile_id(name: str) -> bool:
    return bool(_PROFILE_ID.match(name))


def new_record_id(stamp: datetime) -> str:
    """20 hex: the write's instant in microseconds (13 hex), then 7 random hex.

    Ids sort by creation, as the old int ids did (screens break ties between records of the
    same minute by id); the random tail keeps two computers' ids apart.
    """
    micros = max(0, int(stamp.timestamp() * 1_000_000))
    return f"{micros:013x}{secrets.token_hex(4)[:7]}"


def shard_name(stamp: datetime) -> str:
    """The shard a version written at ``stamp`` goes to: the UTC month of the write."""
    return stamp.astimezone(UTC).strftime("%Y-%m.json")


def is_shard_name(name: str) -> bool:
    match = _SHARD.match(name)
    return bool(match) and 1 <= int(match.group(2)) <= 12  # type: ignore[union-attr]


def conflict_base(name: str) -> str | None:
    """The file a conflict copy is a copy of, or None when ``name`` is not a conflict copy."""
    for pattern in (_SYNCTHING, _PAREN):
        match = pattern.match(name)
        if match:
            base = match.group("stem") + match.group("ext")
            return base if base == PROFILE_FILE or is_shard_name(base) else None
    return None


def classify(name: str) -> Entry:
    if name.startswith((".", "~")) or name.endswith((".tmp", ".part")):
        return Entry.TEMP
    if name == PROFILE_FILE or is_shard_name(name):
        return Entry.OURS
    if conflict_base(name) is not None:
        return Entry.CONFLICT
    return Entry.FOREIGN
