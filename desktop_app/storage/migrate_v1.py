"""Format 1 (``profiles/profile-xxxx.json``, one file) to the folder layout, on first open.

Steps, each leaving the old profile or the new one whole if the process is killed:
1. a verified backup of the old file (written, read back, compared) in ``backups/``;
2. the new folder built under a temp name (``.p-….<device>.migrating``), files fsynced;
3. renamed into place (or, when another computer's migration of the same file arrived
   first, this device's folder moved into it);
4. the old file moved onto its backup (same bytes), which is one atomic rename.
A start that finds step 3 done finishes step 4; one that finds a temp folder starts again.

Everything is deterministic, so two computers that both migrate the same synced file write
identical versions (same ids, same fixed stamp) that merge to one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.i18n import _
from desktop_app.storage.atomic import atomic_write_bytes, fsync_dir
from desktop_app.storage.layout import KINDS, PROFILE_FILE, PROFILE_TABLE, shard_name
from desktop_app.storage.merge import Version, make_doc
from desktop_app.storage.reading import read_profile_file
from desktop_app.storage.schema import ProfileFileError, Tables, meta_of
from desktop_app.storage.shards import ShardFile, new_file, write_file

# The stamp of every migrated version: older than any edit, equal on every computer.
MIGRATED_AT = datetime(1970, 1, 1, tzinfo=UTC)
V1_ID_KEY = "v1_file"  # profile record naming the old file, so an old id still finds it
_SKIP_META = ("app", "schema_version")


def is_v1_name(name: str) -> bool:
    return name.startswith("profile-") and name.endswith(".json")


def target_id(stem: str, tables: Tables) -> str:
    """The migrated profile's id, from the old file's name and creation stamp."""
    seed = f"{stem}\0{meta_of(tables).get('created_at', '')}"
    return "p-" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def migrated_id(stem: str, table: str, key: str, doc: Any) -> str:
    """The old doc id first (ids keep the old order), then a hash of where it came from and
    what it holds: two computers' diverged copies of one doc become two records, not one."""
    order = int(key) if key.isdigit() and len(key) < 16 else 0
    body = json.dumps(doc, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(f"{stem}\0{table}\0{key}\0{body}".encode()).hexdigest()
    return f"{order:013x}{digest[:7]}"


def temp_folder(profiles: Path, profile_id: str, device: str) -> Path:
    return profiles / f".{profile_id}.{device}.migrating"


def done_for(profiles: Path, profile_id: str, device: str) -> bool:
    return (profiles / profile_id / device / PROFILE_FILE).is_file()


def build_files(stem: str, tables: Tables, folder: Path, profile_id: str,
                device: str) -> list[ShardFile]:
    """The new files (not yet written): ``profile.json`` and one shard of every record."""
    profile = new_file(folder / PROFILE_FILE, profile_id, device)
    records = new_file(folder / shard_name(MIGRATED_AT), profile_id, device)
    meta = {k: v for k, v in meta_of(tables).items() if k not in _SKIP_META}
    meta[V1_ID_KEY] = stem
    for key, value in sorted(meta.items()):
        profile.put(_version(PROFILE_TABLE, key, {"value": value}, device))
    results = {key: migrated_id(stem, "assessments", key, doc)
               for key, doc in (tables.get("assessments") or {}).items()}
    # Every kind of record: a file of the first format holds schema.TABLES; a copy made by this
    # version ("Export a copy") may also hold newer kinds (topics), and keeps them.
    for table in KINDS:
        for key, doc in (tables.get(table) or {}).items():
            rid = migrated_id(stem, table, key, doc)
            records.put(_version(table, rid, _relinked(table, doc, results), device))
    return [profile, records]


def _relinked(table: str, doc: dict[str, Any], results: dict[str, str]) -> dict[str, Any]:
    """A focus period names the result it came from: the old int id becomes the new id."""
    source = doc.get("source_assessment")
    if table != "focus" or not isinstance(source, int) or isinstance(source, bool):
        return doc
    return {**doc, "source_assessment": results.get(str(source))}


def _version(kind: str, rid: str, fields: dict[str, Any], device: str) -> Version:
    return Version(kind, rid, MIGRATED_AT, device, make_doc(rid, MIGRATED_AT, fields))


def verified_backup(path: Path, raw: bytes, backups: Path) -> Path:
    """A copy of ``raw`` in ``backups``, read back and compared; its path."""
    backups.mkdir(parents=True, exist_ok=True)
    target = backups / f"{path.stem}.v1.json"
    counter = 1
    while target.exists() and target.read_bytes() != raw:
        counter += 1
        target = backups / f"{path.stem}.v1-{counter}.json"
    if not target.exists():
        atomic_write_bytes(target, raw)
    if target.read_bytes() != raw:
        raise ProfileFileError(
            path, _("its backup could not be verified, so it was not changed")
        )
    return target


def migrate_v1(path: Path, tables: Tables, raw: bytes, *, device: str, backups: Path) -> str:
    """Migrate one format-1 file (already read and checked); returns the new profile id."""
    profiles = path.parent
    profile_id = target_id(path.stem, tables)
    backup = verified_backup(path, raw, backups)
    if not done_for(profiles, profile_id, device):
        temp = temp_folder(profiles, profile_id, device)
        if temp.exists():
            shutil.rmtree(temp)
        for shard in build_files(path.stem, tables, temp / device, profile_id, device):
            write_file(shard)
        target = profiles / profile_id
        if target.exists():
            os.rename(temp / device, target / device)  # another computer migrated it too
            shutil.rmtree(temp)
        else:
            os.rename(temp, target)
        fsync_dir(profiles)
    if path.is_symlink():
        path.unlink()  # the file it names is not ours to move; its bytes are in the backup
    else:
        os.replace(path, backup)
    fsync_dir(profiles)
    return profile_id


def finish_if_done(path: Path, device: str, backups: Path) -> str | None:
    """When an earlier run got past step 3, finish step 4; the new id, else None."""
    try:
        raw = read_profile_file(path)
        from desktop_app.storage.schema import parse_profile_bytes

        tables = parse_profile_bytes(path, raw)
    except (OSError, ProfileFileError):
        return None
    profile_id = target_id(path.stem, tables)
    if not done_for(path.parent, profile_id, device):
        return None
    return migrate_v1(path, tables, raw, device=device, backups=backups)
