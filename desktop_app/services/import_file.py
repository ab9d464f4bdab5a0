"""Import a JSON export: into a new profile, or added to an existing one without duplicates.

The whole file is read and checked before anything is written; then every record lands in
one atomic write of the profile. A record already in the profile (the same content, after
its links are followed) is skipped, so importing the same file twice adds nothing. A record
keeps its id unless that id is taken by a different record; then it gets a new one, and the
focus periods that named it follow (see docs/export-format.md).
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.domain.journal import CheckIn, CheckInSettings, FocusPeriod
from desktop_app.domain.profiles import ProfileNameError
from desktop_app.i18n import _
from desktop_app.services import gentle_json
from desktop_app.services.clock import Clock
from desktop_app.services.export import FORMAT, LISTS, PAUSES, VERSION, RecordList
from desktop_app.services.journal_cache import CHECKIN_INDEX, CHECKINS
from desktop_app.services.journal_settings import META_KEY as SETTINGS_KEY
from desktop_app.services.journal_settings import has_settings, write_settings
from desktop_app.services.profile_snapshot import ProfileSnapshot
from desktop_app.services.profiles import ProfileService
from desktop_app.storage.codec import DecodeError, from_json, to_json
from desktop_app.storage.crypto import FileCipher, encode_payload
from desktop_app.storage.layout import PROFILE_TABLE, new_record_id
from desktop_app.storage.merge import TICK, Version, make_doc
from desktop_app.storage.repository import Collection, ProfileRepository
from desktop_app.storage.shards import ShardFile, commit_bytes, new_file

T = TypeVar("T")

MAX_IMPORT_BYTES = 256 * 1024 * 1024
_KNOWN_KEYS = {"format", "version", "exported_at", "profile", PAUSES, *(s.name for s in LISTS)}


class ImportFileError(Exception):
    """The file cannot be imported; ``str()`` is one sentence for a person."""


@dataclass(frozen=True)
class ExportFile:
    """A checked export: the profile's name and settings, and each list's (id, record)."""

    profile_name: str
    checkin_settings: CheckInSettings | None
    lists: dict[str, list[tuple[str, Any]]]


@dataclass
class ImportResult:
    profile_name: str
    created: bool
    added: dict[str, int] = field(default_factory=dict)
    already_there: int = 0
    deleted_here: int = 0

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


# --- reading and checking the file --------------------------------------------------------------


def read_export(path: Path) -> ExportFile:
    """Read and check an export, or raise :class:`ImportFileError` saying what is wrong."""
    raw = _read_bytes(path)
    try:
        data = gentle_json.loads(raw)
    except UnicodeDecodeError:
        raise ImportFileError(
            _("{file} is not a Groundwork export (it is not text)").format(file=path.name)
        ) from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("{file} is damaged or cut short (line {line}: {problem})").format(
                file=path.name, line=error.lineno, problem=error.msg
            )
        ) from None
    except (RecursionError, ValueError):
        raise ImportFileError(
            _("{file} is damaged: it cannot be read as JSON").format(file=path.name)
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFileError(_("{file} is not a Groundwork export").format(file=path.name))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError(
            _("{file} is damaged: it has no valid export version").format(file=path.name)
        )
    if version > VERSION:
        raise ImportFileError(
            _("{file} was made by a newer Groundwork (export version {version}; this "
              "version reads up to {supported}); please update Groundwork to import it").format(
                file=path.name, version=version, supported=VERSION
            )
        )
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise ImportFileError(
            _("{file} is damaged: it holds an unknown list “{list}”").format(
                file=path.name, list=unknown[0]
            )
        )
    profile = data.get("profile")
    name = profile.get("name") if isinstance(profile, dict) else None
    if not isinstance(name, str):
        raise ImportFileError(
            _("{file} is damaged: it does not name its profile").format(file=path.name)
        )
    assert isinstance(profile, dict)
    return ExportFile(
        profile_name=name,
        checkin_settings=_settings(path, profile.get("checkin_settings")),
        lists={spec.name: _records(path, spec, data.get(spec.name, [])) for spec in LISTS},
    )


def _read_bytes(path: Path) -> bytes:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ImportFileError(_("{path} is not a file").format(path=path))
        if info.st_size > MAX_IMPORT_BYTES:
            raise ImportFileError(
                _("{file} is far larger than any Groundwork export").format(file=path.name)
            )
        with open(path, "rb") as handle:
            return handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise ImportFileError(_("there is no file {path}").format(path=path)) from None
    except OSError as error:
        raise ImportFileError(
            _("cannot read {path}: {error}").format(path=path, error=error.strerror or error)
        ) from None


def _settings(path: Path, raw: Any) -> CheckInSettings | None:
    if raw is None:
        return None
    try:
        return from_json(CheckInSettings, raw)
    except DecodeError:
        raise ImportFileError(
            _("{file} is damaged: its check-in settings cannot be read").format(file=path.name)
        ) from None


def _records(path: Path, spec: RecordList, raw: Any) -> list[tuple[str, Any]]:
    if not isinstance(raw, list):
        raise ImportFileError(
            _("{file} is damaged: “{list}” is not a list").format(file=path.name, list=spec.name)
        )
    found: list[tuple[str, Any]] = []
    seen: set[str] = set()
    for position, record in enumerate(raw, 1):
        where = {"file": path.name, "position": position, "list": spec.name}
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise ImportFileError(
                _("{file} is damaged: record {position} of “{list}” has no id").format(**where)
            )
        record_id = record["id"]
        if not record_id or record_id in seen:
            raise ImportFileError(
                _("{file} is damaged: record {position} of “{list}” repeats the id {id}").format(
                    id=repr(record_id), **where
                )
            )
        seen.add(record_id)
        fields = {k: v for k, v in record.items() if k != "id"}
        try:
            item: Any = from_json(spec.cls, fields)
        except DecodeError:
            # The reason may quote what the person wrote; the id says which record it is.
            raise ImportFileError(
                _("{file} is damaged: record {position} of “{list}” (id {id}) is not in the "
                  "expected shape").format(id=repr(record_id), **where)
            ) from None
        found.append((record_id, item))
    return found


# --- adding the records -----------------------------------------------------------------------


def import_export(service: ProfileService, name: str, export: ExportFile, *,
                  create: Callable[[str], ProfileRepository] | None = None,
                  open_profile: Callable[[str], ProfileRepository] | None = None,
                  ) -> ImportResult:
    """Add the records of ``export`` to the profile called ``name``, made when there is none.

    ``create(name)`` and ``open_profile(id)`` replace the service's own (an encrypted
    profile is opened, or made, with its key).

    Raises ``ProfileNameError`` for a name that cannot be used, ``OSError`` when writing
    fails (then nothing was added, and a profile made for the import is removed again).
    """
    service.refresh()
    found = service.find(name)
    created = found is None
    if found is None:
        repo = create(name) if create is not None else service.create(name)[1]
    else:
        repo = open_profile(found.id) if open_profile is not None else service.open(found.id)
    try:
        result = add_to(repo, export, created=created)
        repo.ticket().result()  # raises the write's OSError: nothing was added
    except BaseException:
        repo.close()
        if created:
            service.delete(repo.path.stem)
        raise
    repo.close()
    return result


def add_to(repo: ProfileRepository, export: ExportFile, *, created: bool = False,
           ) -> ImportResult:
    """Add the records of ``export`` to an open profile in one batch; the caller waits for
    ``repo.ticket()`` (the write lands on the writer thread) and keeps the repository."""
    result = ImportResult(profile_name=repo.name, created=created)
    # History brought in at once goes to a file of its own (its oldest month's, as the
    # demo's does), which the saves of this month then never rewrite.
    with repo.batch(month=oldest_month(export)):
        _add_all(repo, export, result)
        if export.checkin_settings is not None and not has_settings(repo):
            write_settings(repo, export.checkin_settings)
    return result


def oldest_month(export: ExportFile) -> date | None:
    days = [spec.when(item).date() for spec in LISTS for _id, item in export.lists[spec.name]]
    return min(days) if days else None


def preview(profile: ProfileSnapshot, export: ExportFile) -> ImportResult:
    """What :func:`add_to` would add to the profile ``profile`` was taken of, without
    writing (it runs on a worker thread, so the app's repository is not touched)."""
    result = ImportResult(profile_name=profile.name, created=False)
    _add_all(profile, export, result)
    return result


def _add_all(repo: ProfileRepository | ProfileSnapshot | Recorder, export: ExportFile,
             result: ImportResult) -> None:
    # Where each imported id ended up, per list: focus periods name their assessment.
    placed: dict[str, dict[str, str]] = {}
    writing = not isinstance(repo, ProfileSnapshot)
    for spec in LISTS:
        collection: Collection[Any] = repo.collection(spec.table, spec.cls)
        there = {_canonical(s.item): str(s.id) for s in collection.all()}
        where = placed.setdefault(spec.name, {})
        added = 0
        for record_id, record in export.lists[spec.name]:
            item = record
            if isinstance(item, FocusPeriod):
                item = _follow_link(item, placed.get("assessments", {}))
            key = _canonical(item)
            if collection.was_deleted(record_id):
                # The same id is the same record (ids are random): it was deleted here, and
                # an import does not undo a delete.
                result.deleted_here += 1
                continue
            if key in there:
                where[record_id] = there[key]
                result.already_there += 1
                continue
            # A preview keeps the file's id; what it links to is counted all the same.
            placed_as = _put(collection, record_id, item) if writing else record_id
            if isinstance(repo, Recorder):
                repo.items.append((spec.cls, spec.table, placed_as, item))
            where[record_id] = there[key] = placed_as
            added += 1
        result.added[spec.name] = added


def add_elsewhere(snapshot: ProfileSnapshot, export: ExportFile, clock: Clock,
                  place: tuple[Path, datetime | None, FileCipher | None],
                  ) -> tuple[Addition | None, ImportResult]:
    """What :func:`add_to` does, off the UI thread: the records the profile ``snapshot``
    was taken of lacks are written, here and now, to a new file of this computer's at
    ``place`` (``repo.history_place``); the UI thread then takes it in (:func:`take_in`).

    No file (None) when there is nothing to add. Raises ``OSError`` when the file cannot
    be written (then nothing was written)."""
    recorder = Recorder(snapshot, clock, *place)
    result = ImportResult(profile_name=snapshot.name, created=False)
    _add_all(recorder, export, result)
    settings_there = isinstance(snapshot.meta.get(SETTINGS_KEY), dict)
    if export.checkin_settings is not None and not settings_there:
        recorder.write_version(PROFILE_TABLE, SETTINGS_KEY,
                               {"value": to_json(export.checkin_settings)},
                               snapshot.winner(PROFILE_TABLE, SETTINGS_KEY))
    return recorder.written(), result


@dataclass(frozen=True)
class Addition:
    """A file :func:`add_elsewhere` wrote, and what its records decode to."""

    shard: ShardFile
    decoded: list[tuple[Version, type, Any]]


def take_in(repo: ProfileRepository, addition: Addition) -> None:
    """Merge what :func:`add_elsewhere` wrote (fast: no write, no decoding)."""
    since = repo.revision(CHECKINS)
    repo.adopt(addition.shard)
    # The records came decoded from the file: the screens need not decode them again.
    for version, cls, item in addition.decoded:
        repo.decoded.keep(version, cls, item)
    # Home's check-in index takes in what came instead of reading every time again.
    added = list(addition.shard.versions.get("checkins", {}).values())
    known = {v.id: item for v, _cls, item in addition.decoded if isinstance(item, CheckIn)}
    repo.carry(CHECKIN_INDEX, since, lambda index: index.took_in(repo, added, known))


def write_history(shard: ShardFile) -> None:
    """``shards.write_file`` in short steps (see ``gentle_json``): the same bytes."""
    payload = encode_payload(shard.path, gentle_json.encode_tables(shard.tables), shard.cipher)
    shard.signature = commit_bytes(shard.path, payload)
    shard.sealed = shard.cipher is not None


class Recorder:
    """A snapshot that writes, on a worker thread: each new version goes into one new file
    of this computer's at a place ``repo.history_place`` gave (see :func:`add_elsewhere`)."""

    def __init__(self, snapshot: ProfileSnapshot, clock: Clock, path: Path,
                 after: datetime | None, cipher: FileCipher | None) -> None:
        self.snapshot = snapshot
        self.decoded = snapshot.decoded
        self.device = path.parent.name
        self.shard = new_file(path, path.parent.parent.name, self.device)
        self.shard.cipher = cipher
        self.items: list[tuple[type, str, str, Any]] = []  # class, kind, id, record
        now = clock()
        self.stamp = now if after is None or now > after else (after + TICK).astimezone(
            now.tzinfo)

    def winner(self, kind: str, rid: str) -> Version | None:
        own = self.shard.versions.get(kind, {}).get(rid)
        return own if own is not None else self.snapshot.winner(kind, rid)

    def visible(self, kind: str) -> list[Version]:
        return self.snapshot.visible(kind)

    def skip(self, table: str, key: str, doc: Any) -> None:
        """Records that do not decode are left out, as the snapshot does."""

    def batch(self) -> AbstractContextManager[None]:
        return nullcontext()

    def write_version(self, kind: str, rid: str | None, fields: dict[str, Any] | None,
                      base: Version | None = None) -> str:
        stamp = self.stamp
        if base is not None and stamp <= base.at:
            stamp = (base.at + TICK).astimezone(stamp.tzinfo)
        self.stamp = stamp + TICK
        rid = rid or new_record_id(stamp)
        self.shard.put(Version(kind, rid, stamp.astimezone(UTC), self.device,
                               make_doc(rid, stamp, fields)))
        return rid

    def collection(self, table: str, cls: type[T]) -> Collection[T]:
        return Collection(self, table, cls)

    def written(self) -> Addition | None:
        """Write the file (OSError: nothing was written); None when nothing was recorded."""
        shard = self.shard
        if not any(shard.versions.values()):
            return None
        if shard.path.exists():  # made meanwhile: it is not ours to replace
            raise FileExistsError(errno.EEXIST, _("the file for this import exists already"),
                                  str(shard.path))
        write_history(shard)
        versions = shard.versions
        return Addition(shard, [(versions[kind][rid], cls, item)
                                for cls, kind, rid, item in self.items])


def _follow_link(period: FocusPeriod, assessments: dict[str, str]) -> FocusPeriod:
    if period.source_assessment is None:
        return period
    # An assessment left out of the export (by --since) is not linked to a record it is not.
    target = assessments.get(str(period.source_assessment))
    return replace(period, source_assessment=target)


def _put(collection: Collection[Any], record_id: str, item: Any) -> str:
    """Store ``item`` under its exported id when that is free and usable, else a new one
    (the id is taken by a record with other content, or is not one of ours)."""
    try:
        if collection.put(record_id, item):
            return record_id
    except ValueError:
        pass  # not a short safe id (a hand-made file): the record gets an id of ours
    return collection.add(item)


def _canonical(item: Any) -> str:
    return json.dumps(to_json(item), sort_keys=True, ensure_ascii=False)


def import_as_new_profile(data_dir: Path, clock: Clock, device_id: str, name: str,
                          export: ExportFile, *, cipher: FileCipher | None = None,
                          key_writer: Callable[[Path, str], None] | None = None,
                          ) -> ImportResult:
    """Make the profile ``name`` from ``export``, through a profile list of its own, so it
    can run on a worker thread while the app goes on with its own (the new profile is
    nobody else's yet). With ``cipher`` (and ``key_writer``, see ``ProfileService.create``)
    it is encrypted from its first file. Raises ``ProfileNameError`` when the name is taken
    or unusable."""
    service = ProfileService(data_dir, clock, device_id)
    service.refresh()
    if service.find(name) is not None:
        raise ProfileNameError(_("there is already a profile called “{name}”").format(name=name))
    if cipher is None:
        return import_export(service, name, export)
    return import_export(service, name, export, create=lambda chosen: service.create(
        chosen, cipher=cipher, key_writer=key_writer)[1])
