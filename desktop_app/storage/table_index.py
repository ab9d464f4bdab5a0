"""Index a file's table of record versions in a few C-level passes, when it is as Groundwork
writes it.

Opening a 20-year profile makes about 9,000 versions; doc by doc (``merge.version_of``) that
costs ~35 ms on a slow machine, most of it the Python loop. A table whose keys are all digits,
whose docs are all dicts with distinct non-empty string ids and stamps that
``datetime.fromisoformat`` reads with an offset is indexed here with the very same result;
anything else returns None and ``shards.parse_file`` goes doc by doc, as before.
"""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import repeat
from operator import attrgetter
from typing import Any

from desktop_app.storage.merge import AT, ID, MergedView, Version

_TZINFO = attrgetter("tzinfo")


def index_table(
    kind: str, device: str, table: dict[str, Any],
) -> tuple[dict[str, Version], dict[str, str]] | None:
    """``(versions by id, file key by id)`` for ``table``, or None to go doc by doc."""
    keys = list(table)
    docs = list(table.values())
    if not all(map(str.isdigit, keys)):
        return None
    try:
        ids: list[Any] = list(map(dict.get, docs, repeat(ID)))  # TypeError: not a dict
        "".join(ids)  # TypeError: an id that is not a string
        raw: list[Any] = list(map(dict.get, docs, repeat(AT)))
        stamps = list(map(datetime.fromisoformat, raw))  # TypeError / ValueError: not one
    except (TypeError, ValueError):
        return None
    if "" in ids or len(set(ids)) != len(ids) or None in map(_TZINFO, stamps):
        return None
    # What merge.parse_stamp returns for each (fromisoformat gives fixed offsets only).
    ats = list(map(datetime.astimezone, stamps, repeat(UTC)))
    # tuple.__new__ builds each named tuple in C (Version(...) calls a Python __new__).
    fields = zip(repeat(kind), ids, ats, repeat(device), docs)
    versions: list[Version] = list(map(tuple.__new__, repeat(Version), fields))
    return dict(zip(ids, versions, strict=True)), dict(zip(ids, keys, strict=True))


_AT = attrgetter("at")
_DEVICE = attrgetter("device")


def latest_stamp(view: MergedView, device: str) -> datetime | None:
    """``view.latest_stamp(device)``, a table at a time in C (a file holds one device's
    versions, so a table is usually all or nothing)."""
    found: datetime | None = None
    for versions in view.files.values():
        for table in versions.values():
            devices = set(map(_DEVICE, table.values()))
            if device not in devices:
                continue
            mine = table.values() if len(devices) == 1 else [
                v for v in table.values() if v.device == device]
            top = max(map(_AT, mine))
            if found is None or top > found:
                found = top
    return found
