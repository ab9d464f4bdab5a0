"""One file of the new layout (``profile.json`` or a month shard): parse, check, change, write.

Each is a TinyDB JSON file: a ``meta`` table with one header doc, and record tables whose
docs (TinyDB int keys) are record versions (see :mod:`desktop_app.storage.merge`).
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from desktop_app.i18n import _
from desktop_app.storage.atomic import atomic_write_bytes
from desktop_app.storage.crypto import FileCipher, encode_payload
from desktop_app.storage.layout import HEADER_TABLE, KINDS, PROFILE_FILE, PROFILE_TABLE
from desktop_app.storage.merge import Version, beats, version_of
from desktop_app.storage.schema import (
    APP_MARK,
    DAMAGED,
    SCHEMA_VERSION,
    CorruptProfileError,
    Tables,
    check_header,
)
from desktop_app.storage.table_index import index_table
from desktop_app.storage.tinydb_storage import encode_tables

Signature = tuple[int, int, int]  # size, mtime_ns, inode


@dataclass(frozen=True)
class OddDoc:
    """A doc without a readable envelope: kept in its file, never part of the merge."""

    table: str
    key: str
    doc: Any


@dataclass
class ShardFile:
    path: Path
    device: str
    tables: Tables
    versions: dict[str, dict[str, Version]] = field(default_factory=dict)
    keys: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> id -> doc key
    odd: list[OddDoc] = field(default_factory=list)
    signature: Signature | None = None
    sealed: bool = False  # encrypted on disk (as read or last written)
    # The key its next write is sealed with (None: written plain); set by the repository.
    cipher: FileCipher | None = field(default=None, repr=False, compare=False)
    _next_key: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def put(self, version: Version) -> None:
        """Store ``version`` as this file's version of its record (replacing an older one)."""
        table = self.tables.setdefault(version.kind, {})
        keys = self.keys.setdefault(version.kind, {})
        key = keys.get(version.id)
        if key is None:
            # The next free document key, remembered: a scan of the table per put made a
            # batch of n new records (an import) cost n² (seconds for a 20-year history).
            following = self._next_key.get(version.kind)
            if following is None or str(following) in table:
                following = max((int(k) for k in table if k.isdigit()), default=0) + 1
            key = str(following)
            self._next_key[version.kind] = following + 1
            keys[version.id] = key
        table[key] = version.doc
        self.versions.setdefault(version.kind, {})[version.id] = version

    def encode(self) -> bytes:
        return encode_tables(self.tables)


def header(profile_id: str, device: str) -> dict[str, Any]:
    return {"app": APP_MARK, "schema_version": SCHEMA_VERSION, "profile": profile_id,
            "device": device}


def new_file(path: Path, profile_id: str, device: str) -> ShardFile:
    tables: Tables = {HEADER_TABLE: {"1": header(profile_id, device)}}
    for kind in (PROFILE_TABLE,) if path.name == PROFILE_FILE else KINDS:
        tables[kind] = {}
    return ShardFile(path, device, tables)


def signature_of(info: os.stat_result) -> Signature:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def parse_file(path: Path, raw: bytes, device: str) -> ShardFile:
    """Check and index a file; raises ``CorruptProfileError`` or ``NewerSchemaError``."""
    if not raw.strip():
        raise CorruptProfileError(path, _("the file is empty"))
    try:
        data = _loads(raw)
    except UnicodeDecodeError:
        raise CorruptProfileError(path, _("the file is not text")) from None
    except (ValueError, RecursionError) as error:
        raise CorruptProfileError(path, _(DAMAGED).format(detail=error)) from None
    check_header(
        path, data, what="file", oldest=2, newest=SCHEMA_VERSION,
        newer=lambda version: _("this profile was saved by a newer Groundwork (data version "
                                "{version}, this version reads up to {supported}). Please "
                                "update Groundwork to open it.").format(
            version=version, supported=SCHEMA_VERSION),
    )
    found = ShardFile(path, device, data)
    for kind, table in data.items():
        if kind == HEADER_TABLE:
            continue
        fast = index_table(kind, device, table)
        if fast is not None:
            found.versions[kind], found.keys[kind] = fast
            continue
        best = found.versions.setdefault(kind, {})
        keys = found.keys.setdefault(kind, {})
        for key, doc in table.items():
            record = version_of(kind, device, doc)
            if record is None or not key.isdigit():
                found.odd.append(OddDoc(kind, key, doc))
                continue
            held = best.get(record.id)
            if held is None or beats(record, held):
                best[record.id] = record
                keys[record.id] = key
    return found


def _loads(raw: bytes) -> Any:
    """``json.loads``, in half the time for what Groundwork writes: msgspec parses the same
    JSON to the same values; whatever it refuses (NaN, huge numbers, damage) goes to
    ``json.loads``, which decides, and words the error, as before."""
    try:
        if len(raw) >= PIECEWISE_BYTES and not _on_main_thread():
            return _decode_piecewise(raw)
        return msgspec.json.decode(raw)
    except msgspec.DecodeError:
        return json.loads(raw)


# One decode call holds the interpreter throughout: ~0.1 s for a 20-year history file, a
# stall of the UI thread while a worker (the unlock) reads it. Off the main thread a large
# file is therefore decoded a document at a time (the same values), so the UI thread gets
# its turns in between. On the main thread nothing would run in between: one call is faster.
PIECEWISE_BYTES = 512 * 1024
_TABLES = dict[str, dict[str, msgspec.Raw]]


def _on_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _decode_piecewise(raw: bytes) -> Any:
    try:
        tables = msgspec.json.decode(raw, type=_TABLES)
    except msgspec.ValidationError:
        return msgspec.json.decode(raw)  # not tables of documents: one call decides
    return {name: {key: msgspec.json.decode(doc) for key, doc in table.items()}
            for name, table in tables.items()}


def encode_file(shard: ShardFile) -> bytes:
    """The bytes to write for ``shard``: its TinyDB JSON, sealed with ``shard.cipher``.

    Runs on the caller's thread (the payload is built and encrypted from the data as it is
    now, so later changes cannot leak into a write already queued); only the commit of the
    returned bytes may happen elsewhere.
    """
    return encode_payload(shard.path, shard.encode(), shard.cipher)


def commit_bytes(path: Path, payload: bytes) -> Signature | None:
    """Replace the file at ``path`` with ``payload`` atomically; what it now is on disk.

    Safe on the writer's thread: it touches no shard, only the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, payload)
    try:
        return signature_of(os.stat(path))
    except OSError:
        return None


def write_file(shard: ShardFile) -> None:
    """Encode (sealed with ``shard.cipher`` when it has one) and replace the file now, on
    this thread, and remember what it is on disk."""
    shard.signature = commit_bytes(shard.path, encode_file(shard))
    shard.sealed = shard.cipher is not None
