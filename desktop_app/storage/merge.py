"""Record versions and the last-writer-wins merge over every file of a profile.

For each (kind, id) the version with the greatest (``_updated_at`` as a UTC instant, device id)
wins; a winning tombstone hides the record. Equal keys (only possible for copies of one
device's own file) fall back to the canonical JSON of the doc, so the result never depends
on the order files are read in.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

ID = "_id"
AT = "_updated_at"
DELETED = "_deleted"
ENVELOPE = (ID, AT, DELETED)
TICK = timedelta(microseconds=1)


class Version(NamedTuple):
    """One stored version of a record: the doc as on disk, its instant and its writer.

    A named tuple, not a frozen dataclass: opening a profile makes one per stored record, and
    a frozen dataclass is several times slower to build.
    """

    kind: str
    id: str
    at: datetime  # UTC
    device: str
    doc: dict[str, Any]

    @property
    def deleted(self) -> bool:
        return self.doc.get(DELETED) is True

    def fields(self) -> dict[str, Any]:
        """The record's own fields, without the envelope."""
        return {k: v for k, v in self.doc.items() if k not in ENVELOPE}


def parse_stamp(value: object) -> datetime | None:
    """An ISO 8601 instant with an offset, in UTC; None for anything else."""
    if not isinstance(value, str):
        return None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        return None
    return stamp.astimezone(UTC)


def version_of(kind: str, device: str, doc: Any) -> Version | None:
    """The version a stored doc is, or None when its envelope is missing or damaged."""
    if not isinstance(doc, dict):
        return None
    rid = doc.get(ID)
    at = parse_stamp(doc.get(AT))
    if not isinstance(rid, str) or not rid or at is None:
        return None
    return Version(kind, rid, at, device, doc)


def beats(a: Version, b: Version) -> bool:
    """True when ``a`` wins over ``b`` (a strict, total order on distinct versions)."""
    if a.at != b.at:
        return a.at > b.at
    if a.device != b.device:
        return a.device > b.device
    return _canonical(a.doc) > _canonical(b.doc)


def _canonical(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, ensure_ascii=False)


def make_doc(rid: str, at: datetime, fields: dict[str, Any] | None) -> dict[str, Any]:
    """A version's doc: the fields plus the envelope, or a tombstone when ``fields`` is None."""
    head: dict[str, Any] = {ID: rid, AT: at.isoformat()}
    if fields is None:
        head[DELETED] = True
        return head
    return {**{k: v for k, v in fields.items() if k not in ENVELOPE}, **head}


class MergedView:
    """The winners over a set of files, kept up to date as files come, change and go.

    ``files`` maps each file to its versions by kind and id (best per id within the file).
    """

    def __init__(self) -> None:
        self.files: dict[Path, dict[str, dict[str, Version]]] = {}
        self.winners: dict[str, dict[str, Version]] = {}

    def put_file(self, path: Path, versions: dict[str, dict[str, Version]]) -> set[str]:
        """Add or replace one file's versions; returns the kinds whose winners changed."""
        old = self.files.get(path, {})
        self.files[path] = versions
        changed: set[str] = set()
        # Only an id whose winner came from the old content needs a look at every file.
        for kind, table in old.items():
            winners = self.winners.get(kind, {})
            for rid, version in table.items():
                if winners.get(rid) is version and self._recompute(kind, rid):
                    changed.add(kind)
        for kind, table in versions.items():
            winners = self.winners.setdefault(kind, {})
            if not winners:  # the first file with this kind (at open): its versions win
                winners.update(table)
                if table:
                    changed.add(kind)
                continue
            for rid, version in table.items():
                current = winners.get(rid)
                if current is None or (current is not version and beats(version, current)):
                    winners[rid] = version
                    changed.add(kind)
        return changed

    def drop_file(self, path: Path) -> set[str]:
        if path not in self.files:
            return set()
        changed = self.put_file(path, {})
        del self.files[path]
        return changed

    def put_version(self, path: Path, version: Version) -> None:
        """A version this device just wrote to ``path``: it beats the current winner."""
        self.files.setdefault(path, {}).setdefault(version.kind, {})[version.id] = version
        self.winners.setdefault(version.kind, {})[version.id] = version

    def _recompute(self, kind: str, rid: str) -> bool:
        best: Version | None = None
        for versions in self.files.values():
            found = versions.get(kind, {}).get(rid)
            if found is not None and (best is None or beats(found, best)):
                best = found
        table = self.winners.setdefault(kind, {})
        before = table.get(rid)
        if best is None:
            table.pop(rid, None)
        else:
            table[rid] = best
        return before is not best

    def latest_stamp(self, device: str) -> datetime | None:
        """The newest instant ``device`` wrote, over every file read."""
        found: datetime | None = None
        for versions in self.files.values():
            for table in versions.values():
                for version in table.values():
                    if version.device == device and (found is None or version.at > found):
                        found = version.at
        return found


def merge_files(files: dict[Path, dict[str, dict[str, Version]]]) -> dict[str, dict[str, Any]]:
    """The visible records (winners that are not tombstones), by kind and id."""
    view = MergedView()
    for path, versions in files.items():
        view.put_file(path, versions)
    return {
        kind: {rid: v.fields() for rid, v in sorted(table.items()) if not v.deleted}
        for kind, table in view.winners.items()
    }
