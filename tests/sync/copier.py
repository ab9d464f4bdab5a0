"""A simulated sync engine with Syncthing's rules, for tests: no network, no threads.

Each :class:`SyncFolder` is one computer's copy of a shared folder. It keeps an index like
Syncthing's: per relative path the content hash, mtime, size and a version vector (device id
-> counter), so a change made on one side since the last exchange is told apart from a change
made on both (a conflict). :func:`sync` exchanges changes between the folders given, as
connected Syncthing devices would:

- a file changed on one side only is copied over (content and mtime);
- a file changed on two sides keeps the newer copy (mtime; on a tie the higher device id);
  the losing copy is renamed beside it to ``<stem>.sync-conflict-<YYYYMMDD>-<HHMMSS>-<id><suffix>``
  (``id``: the 7-character short id of the device that made the *winning* change, as real
  Syncthing 1.19 names it; the time: the renaming device's local clock), and that copy is
  then synced like any new file;
- an edit beats a concurrent delete (Syncthing restores the edited file, no conflict copy);
- a file deleted on one side only is deleted on the others;
- content, mtime (to the nanosecond) and permission bits travel with a file.

A pull writes ``.syncthing.<name>.tmp`` in the target folder and renames it into place, as
Syncthing does; :func:`deliver_partial` leaves such a temp file half written (full length,
the missing blocks zero, as Syncthing's are), and ``only=`` in :func:`sync` delivers some
paths and leaves the rest pending, to model half-delivered state.

Simplifications (tests/sync/README.md lists what real Syncthing does differently): every
scan hashes every file (Syncthing trusts size + mtime); directories are not synced as such
(parents are made on demand, empty ones are left behind); a change of permissions alone is
not noticed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path

Version = dict[str, int]

# Syncthing's own files, never synced: its temp files (Unix and Windows spellings) and markers.
_IGNORED = re.compile(
    r"^(\.syncthing\..*\.tmp|~syncthing~.*\.tmp|\.stfolder|\.stignore|\.stversions)$"
)
CONFLICT_MARK = ".sync-conflict-"
MAX_ROUNDS = 10


def short_id(name: str) -> str:
    """A stable 7-character id in Syncthing's alphabet (base32, upper case) for a name."""
    return base64.b32encode(hashlib.sha256(name.encode()).digest()).decode()[:7]


def temp_name(name: str) -> str:
    """Syncthing's temp file name (Unix spelling) for a file being pulled."""
    return f".syncthing.{name}.tmp"


def conflict_name(rel: str, when: datetime, modified_by: str) -> str:
    """Syncthing's conflict-copy name: the last suffix stays last (``a.tar.gz`` ->
    ``a.tar.sync-conflict-…-ID.gz``), as Go's ``filepath.Ext`` splits it."""
    path = Path(rel)
    stamp = when.strftime("%Y%m%d-%H%M%S")
    return str(path.with_name(f"{path.stem}{CONFLICT_MARK}{stamp}-{modified_by}{path.suffix}"))


def is_ignored(rel: str) -> bool:
    return any(_IGNORED.match(part) for part in Path(rel).parts)


@dataclass(frozen=True)
class FileRecord:
    """One path as a device last saw it; ``sha256`` None means deleted (a tombstone)."""

    sha256: str | None
    mtime_ns: int
    size: int
    version: Version
    modified_by: str

    @property
    def deleted(self) -> bool:
        return self.sha256 is None


def dominates(a: Version, b: Version) -> bool:
    """True when ``a`` has seen everything ``b`` has (``a >= b`` element-wise)."""
    return all(a.get(k, 0) >= n for k, n in b.items())


def merged(versions: Iterable[Version]) -> Version:
    out: Version = {}
    for version in versions:
        for k, n in version.items():
            out[k] = max(out.get(k, 0), n)
    return out


def wins_conflict(a: FileRecord, b: FileRecord) -> bool:
    """Syncthing's ``WinsConflict``: an edit beats a delete, then the newer mtime, then the id."""
    if a.deleted != b.deleted:
        return not a.deleted
    if a.mtime_ns != b.mtime_ns:
        return a.mtime_ns > b.mtime_ns
    return a.modified_by > b.modified_by


@dataclass
class SyncFolder:
    """One computer's copy of the shared folder, with its index of what it last saw."""

    root: Path
    device_id: str
    # When a conflict is found on this device (Syncthing uses the local wall clock).
    conflict_clock: Callable[[], datetime] = datetime.now
    index: dict[str, FileRecord] = field(default_factory=dict)
    state_file: Path | None = None

    @classmethod
    def named(
        cls,
        root: Path,
        name: str,
        conflict_clock: Callable[[], datetime] = datetime.now,
        state_file: Path | None = None,
    ) -> SyncFolder:
        """A folder whose device id is made from ``name``; its index read from ``state_file``."""
        root.mkdir(parents=True, exist_ok=True)
        folder = cls(root, short_id(name), conflict_clock, state_file=state_file)
        folder.load()
        return folder

    # --- the index, kept between runs (like Syncthing's database) ---------------------
    def load(self) -> None:
        if self.state_file is not None and self.state_file.exists():
            raw = json.loads(self.state_file.read_text())
            self.index = {rel: FileRecord(**rec) for rel, rec in raw.items()}

    def save(self) -> None:
        if self.state_file is not None:
            self.state_file.write_text(
                json.dumps({rel: asdict(rec) for rel, rec in self.index.items()}, indent=1)
            )

    # --- scanning ----------------------------------------------------------------------
    def files(self) -> dict[str, Path]:
        """Every synced file on disk, by relative path (POSIX separators)."""
        found: dict[str, Path] = {}
        for path in self.root.rglob("*"):
            rel = path.relative_to(self.root).as_posix()
            if path.is_file() and not path.is_symlink() and not is_ignored(rel):
                found[rel] = path
        return found

    def scan(self) -> list[str]:
        """Record local changes since the last scan in the index; returns the changed paths."""
        changed: list[str] = []
        on_disk = self.files()
        for rel, path in on_disk.items():
            data = path.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            mtime = path.stat().st_mtime_ns
            old = self.index.get(rel)
            if old is not None and old.sha256 == sha and old.mtime_ns == mtime:
                continue
            self.index[rel] = FileRecord(sha, mtime, len(data), self._bumped(old), self.device_id)
            changed.append(rel)
        for rel, old in list(self.index.items()):
            if rel not in on_disk and not old.deleted:
                self.index[rel] = FileRecord(
                    None, old.mtime_ns, 0, self._bumped(old), self.device_id
                )
                changed.append(rel)
        return changed

    def _bumped(self, old: FileRecord | None) -> Version:
        version = dict(old.version) if old else {}
        version[self.device_id] = version.get(self.device_id, 0) + 1
        return version


@dataclass
class SyncReport:
    """What one :func:`sync` did, each entry as (device id, relative path)."""

    copied: list[tuple[str, str]] = field(default_factory=list)
    deleted: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    pending: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return bool(self.copied or self.deleted or self.conflicts)


def sync(*folders: SyncFolder, only: Callable[[str], bool] | None = None) -> SyncReport:
    """Scan every folder, then exchange until they agree (as connected devices would).

    ``only`` delivers just the paths it accepts; the others stay pending for a later sync.
    """
    report = SyncReport()
    for _ in range(MAX_ROUNDS):
        for folder in folders:
            folder.scan()
        before = (len(report.copied), len(report.deleted), len(report.conflicts))
        paths = sorted({rel for folder in folders for rel in folder.index})
        for rel in paths:
            if only is not None and not only(rel):
                if _disagree(folders, rel):
                    report.pending.add(rel)
                continue
            _exchange(folders, rel, report)
        if (len(report.copied), len(report.deleted), len(report.conflicts)) == before:
            break
    else:
        raise RuntimeError(f"folders did not settle within {MAX_ROUNDS} rounds")
    for folder in folders:
        folder.save()
    return report


def _disagree(folders: Iterable[SyncFolder], rel: str) -> bool:
    seen = {json.dumps(r.version, sort_keys=True) if r else "" for r in
            (folder.index.get(rel) for folder in folders)}
    return len(seen) > 1


def _exchange(folders: tuple[SyncFolder, ...], rel: str, report: SyncReport) -> None:
    holders = [(f, rec) for f in folders if (rec := f.index.get(rel)) is not None]
    # The global version: not dominated by any other, and among concurrent ones the conflict winner.
    candidates = [
        (f, rec)
        for f, rec in holders
        if not any(
            dominates(o.version, rec.version) and o.version != rec.version for _, o in holders
        )
    ]
    source, winner = candidates[0]
    for f, rec in candidates[1:]:
        if wins_conflict(rec, winner):
            source, winner = f, rec
    version = merged(rec.version for _, rec in holders)
    for folder in folders:
        local = folder.index.get(rel)
        if local is not None and local.version == version:
            continue
        if local == winner and folder is source:
            folder.index[rel] = replace(winner, version=version)
            continue
        path = folder.root / rel
        concurrent = local is not None and not dominates(winner.version, local.version)
        if concurrent and local is not None and not local.deleted and local.sha256 != winner.sha256:
            copy = conflict_name(rel, folder.conflict_clock(), winner.modified_by)
            os.replace(path, folder.root / copy)
            report.conflicts.append((folder.device_id, copy))
        if winner.deleted:
            if path.exists():
                path.unlink()
                report.deleted.append((folder.device_id, rel))
        elif local is None or local.deleted or local.sha256 != winner.sha256 or concurrent:
            _pull(source.root / rel, path, winner.mtime_ns)
            report.copied.append((folder.device_id, rel))
        elif local.mtime_ns != winner.mtime_ns:
            os.utime(path, ns=(winner.mtime_ns, winner.mtime_ns))
        folder.index[rel] = replace(winner, version=version)


def _pull(source: Path, target: Path, mtime_ns: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(temp_name(target.name))
    temp.write_bytes(source.read_bytes())
    temp.chmod(source.stat().st_mode & 0o777)
    os.utime(temp, ns=(mtime_ns, mtime_ns))
    os.replace(temp, target)


def deliver_partial(source: SyncFolder, target: SyncFolder, rel: str, keep: float = 0.5) -> Path:
    """Leave ``rel`` half-pulled on ``target``: a Syncthing temp file beside it.

    Like Syncthing's, the temp file has the final length from the start, and the blocks not
    yet pulled read as zeros; ``keep`` is the share already written. The target's index is
    untouched, so the next :func:`sync` delivers the file whole (replacing the temp file).
    """
    data = (source.root / rel).read_bytes()
    target_path = target.root / rel
    target_path.parent.mkdir(parents=True, exist_ok=True)
    temp = target_path.with_name(temp_name(target_path.name))
    written = int(len(data) * keep)
    temp.write_bytes(data[:written] + bytes(len(data) - written))
    return temp
