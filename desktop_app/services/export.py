"""Export a profile as plain data: one JSON document, or one CSV file per list of records.

Read-only: the profile is read without the instance lock and nothing is written into the
data folder (no migration, no backup, no tidying of conflict copies, no setting aside, no
device folder), so an export can run while Groundwork is open. The format is described in
docs/export-format.md.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

from desktop_app.domain.journal import CheckIn, FocusPeriod, Slip, Win
from desktop_app.domain.results import AssessmentResult, Draft
from desktop_app.domain.topics import Topic
from desktop_app.i18n import _, ngettext, pgettext
from desktop_app.services.clock import Clock
from desktop_app.services.journal_settings import META_KEY
from desktop_app.storage.atomic import atomic_write_bytes, fsync_dir
from desktop_app.storage.codec import to_json
from desktop_app.storage.crypto import FileCipher
from desktop_app.storage.device import new_device_id
from desktop_app.storage.profile_store import ProfileInfo, ProfileStore
from desktop_app.storage.repository import Collection, ProfileRepository
from desktop_app.storage.schema import NewerSchemaError, ProfileFileError

FORMAT = "groundwork-export"
VERSION = 2  # 2: the "topics" list (things to bring up); version 1 files still import
T = TypeVar("T")


@dataclass(frozen=True)
class RecordList:
    """One list of the export: its name there, its table, its class, and the fields that
    date a record (``ends``: a period's end, None while it runs; else the record is a moment).
    """

    name: str
    table: str
    cls: type
    starts: str
    ends: str | None = None

    def when(self, item: Any) -> datetime:
        return cast(datetime, getattr(item, self.starts))

    def span(self, item: Any) -> tuple[date, date | None]:
        """The record's first and last day, each in the offset it was written with."""
        first = self.when(item).date()
        if self.ends is None:
            return first, first
        end = getattr(item, self.ends)
        return first, None if end is None else end.date()


LISTS: tuple[RecordList, ...] = (
    RecordList("assessments", "assessments", AssessmentResult, "completed_at"),
    RecordList("drafts", "drafts", Draft, "updated_at"),
    RecordList("checkins", "checkins", CheckIn, "at"),
    RecordList("slips", "lapses", Slip, "at"),
    RecordList("wins", "wins", Win, "at"),
    RecordList("focus", "focus", FocusPeriod, "started_at", "ended_at"),
    RecordList("topics", "topics", Topic, "at"),  # things to bring up (version 2)
)
# Derived from the focus periods (pauses are kept inside their practice), for spreadsheets;
# an import reads pauses from the focus periods and ignores this list.
PAUSES = "pauses"
PAUSE_COLUMNS = ("id", "focus", "focus_area", "practice", "what", "start", "end", "reason")


class ExportError(Exception):
    """The export cannot be made; ``str()`` is one sentence for a person."""


class UnknownProfileError(ExportError):
    """No readable profile has that name."""


class LockedProfileError(ExportError):
    """The profile is encrypted and no passphrase was given."""


@dataclass(frozen=True)
class Window:
    """Days to export, both ends included; None is open-ended."""

    since: date | None = None
    until: date | None = None

    def holds(self, first: date, last: date | None) -> bool:
        """Whether a record from ``first`` to ``last`` (None: still running) touches it."""
        if self.until is not None and first > self.until:
            return False
        return self.since is None or last is None or last >= self.since


@dataclass(frozen=True)
class Export:
    """The export document, and how many records could not be read and are left out."""

    document: dict[str, Any]
    unreadable: int


# --- reading the profile without writing anything -----------------------------------------


def open_read_only(data_dir: Path, name: str,
                   passphrase: Callable[[str], str | None] | None = None,
                   state_dir: Path | None = None,
                   key: FileCipher | None = None) -> ProfileRepository:
    """The profile called ``name`` (case-insensitive), merged from every computer's files
    into memory and never written (a format-1 profile is migrated in memory only).

    An encrypted profile is opened with ``passphrase(display name)`` (wrong tries count
    towards the back-off kept in ``state_dir``); ``repo.write_cipher`` is then set.
    Raises :class:`UnknownProfileError` when there is none, :class:`ExportError` when it
    cannot be read (a file from a newer Groundwork), :class:`LockedProfileError` when it is
    encrypted and no passphrase is given. ``key``: the data key itself, from the app that
    has the profile unlocked (its PDF child); no passphrase is then asked.
    """
    # No device of ours is needed to read: a random id, never written anywhere.
    store = ProfileStore(data_dir, new_device_id(), clock=lambda: datetime.now(UTC),
                         read_only=True)
    profiles, odd = store.scan(datetime.now(UTC))
    wanted = " ".join(name.split()).casefold()
    found = next((p for p in profiles if p.name.casefold() == wanted), None)
    if found is None:
        known = ", ".join(f"“{p.name}”" for p in profiles) or pgettext("no profiles", "none")
        if odd:
            raise UnknownProfileError(
                ngettext(
                    "there is no profile called “{name}” (profiles: {known}; {n} profile file "
                    "could not be read)",
                    "there is no profile called “{name}” (profiles: {known}; {n} profile files "
                    "could not be read)",
                    len(odd),
                ).format(name=name, known=known, n=len(odd))
            )
        raise UnknownProfileError(
            _("there is no profile called “{name}” (profiles: {known})").format(
                name=name, known=known
            )
        )
    cipher, seal = _key_for(data_dir, found, passphrase, state_dir, key)
    try:
        return store.open(found.id, datetime.now(UTC), cipher=cipher, seal=seal)
    except NewerSchemaError:
        raise ExportError(
            _("the profile “{name}” was saved by a newer Groundwork; please update it").format(
                name=found.name
            )
        ) from None
    except (OSError, ProfileFileError) as error:
        raise ExportError(
            _("the profile “{name}” cannot be read: {error}").format(name=found.name, error=error)
        ) from None


def _key_for(data_dir: Path, found: ProfileInfo, passphrase: Callable[[str], str | None] | None,
             state_dir: Path | None, key: FileCipher | None = None,
             ) -> tuple[FileCipher | None, bool | None]:
    from desktop_app.services.privacy import PrivacyError, UnlockedKey
    from desktop_app.services.session import Session
    from desktop_app.storage.device import Device

    session = Session(data_dir, Path(), lambda: datetime.now(UTC),
                      Device(new_device_id(), ""), state_dir=state_dir)
    privacy = session.privacy
    if not privacy.is_protected(found.id):
        return privacy.open_args(found.id, None)
    if key is not None:
        return privacy.open_args(found.id, UnlockedKey(found.id, key))
    secret = passphrase(found.name) if passphrase is not None else None
    if secret is None:
        raise LockedProfileError(
            _("the profile “{name}” is protected by a passphrase; "
              "give it with --passphrase-file FILE").format(name=found.name))
    try:
        unlocked = privacy.unlock(found.id, secret)
    except PrivacyError as error:
        raise ExportError(str(error)) from None
    return unlocked.cipher, True


# --- building the document --------------------------------------------------------------------


class Readable(Protocol):
    """What an export reads: a repository, or a :class:`ProfileSnapshot` on a worker."""

    @property
    def name(self) -> str: ...

    @property
    def meta(self) -> dict[str, Any]: ...

    def collection(self, table: str, cls: type[T]) -> Collection[T]: ...


def build_export(repo: Readable, clock: Clock, window: Window = Window(),
                 progress: Callable[[int, int], object] | None = None) -> Export:
    """The whole export of ``repo`` as JSON-safe data, records oldest first.

    ``progress(done, total)`` after each list (the app shows it while a worker builds)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": clock().isoformat(),
        "profile": _profile_part(repo),
    }
    unreadable = 0
    for done, spec in enumerate(LISTS, 1):
        collection: Collection[Any] = repo.collection(spec.table, spec.cls)
        stored = collection.all()
        unreadable += len(collection) - len(stored)
        rows = [
            (spec.when(s.item).timestamp(), s.id, {"id": s.id, **to_json(s.item)})
            for s in stored
            if window.holds(*spec.span(s.item))
        ]
        document[spec.name] = [row for _when, _order, row in sorted(rows, key=lambda r: r[:2])]
        if progress is not None:
            progress(done, len(LISTS))
    document[PAUSES] = list(_pauses(document["focus"], window))
    return Export(document, unreadable)


def _profile_part(repo: Readable) -> dict[str, Any]:
    part: dict[str, Any] = {"name": repo.name}
    settings = repo.meta.get(META_KEY)
    if isinstance(settings, dict):
        part["checkin_settings"] = settings
    return part


def _pauses(periods: list[dict[str, Any]], window: Window) -> Iterator[dict[str, Any]]:
    for period in periods:
        for area in period["areas"]:
            for practice in area["practices"]:
                for pause in practice["pauses"]:
                    end = pause.get("end")
                    start = date.fromisoformat(pause["start"])
                    if not window.holds(start, None if end is None else date.fromisoformat(end)):
                        continue
                    yield {
                        "id": f"{period['id']}/{practice['key']}/{pause['start']}",
                        "focus": period["id"],
                        "focus_area": area["key"],
                        "practice": practice["key"],
                        "what": practice["what"],
                        "start": pause["start"],
                        "end": end,
                        "reason": pause.get("reason", ""),
                    }


# --- writing it out -------------------------------------------------------------------------------


def export_json(document: dict[str, Any]) -> bytes:
    """The document as ``json.dumps(document, ensure_ascii=False, indent=1)`` writes it."""
    out = io.StringIO()
    # Piece by piece: one join of a whole history's pieces would hold the interpreter for
    # tens of milliseconds, and the app's UI thread with it (the app exports on a worker).
    for piece in json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(document):
        out.write(piece)
    out.write("\n")
    return out.getvalue().encode("utf-8")


def columns(name: str) -> tuple[str, ...]:
    """The header row of a list's CSV file: the id, then the record's fields in order."""
    if name == PAUSES:
        return PAUSE_COLUMNS
    spec = next(s for s in LISTS if s.name == name)
    return ("id", *(f.name for f in fields(spec.cls)))


def csv_files(document: dict[str, Any]) -> dict[str, bytes]:
    """``<list>.csv`` for every list: a header row, then one row per record.

    Text is written as it is; numbers as JSON writes them; true/false; an empty cell for
    null; nested values (answers, scores, areas) as JSON text in one cell.
    """
    files: dict[str, bytes] = {}
    for name in [*(s.name for s in LISTS), PAUSES]:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        header = columns(name)
        writer.writerow(header)
        for record in document[name]:
            writer.writerow([_cell(record.get(column)) for column in header])
        files[f"{name}.csv"] = out.getvalue().encode("utf-8")
    return files


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def outside_data_folder(target: Path, data_dir: Path) -> None:
    """Raise :class:`ExportError` when ``target`` is inside the data folder: a sync engine
    would carry the plain export to every computer."""
    target = target.absolute()
    if target.is_relative_to(data_dir) or target.resolve().is_relative_to(data_dir.resolve()):
        raise ExportError(
            _("{path} is inside Groundwork's data folder; choose a place outside it "
              "(a sync engine would copy the export to your other computers)").format(path=target)
        )


def write_json_file(target: Path, document: dict[str, Any]) -> None:
    """Write the export to ``target`` atomically: the old file or the new one, never half."""
    atomic_write_bytes(target, export_json(document))


def write_csv_folder(target: Path, document: dict[str, Any]) -> None:
    """Fill a new folder beside ``target`` and rename it into place.

    An existing ``target`` must be empty or hold only CSV files of an earlier export; it is
    swapped out whole and then removed, so a crash leaves the old export or the new one.
    """
    if target.exists() and not _replaceable(target):
        raise ExportError(
            _("the folder {path} already holds other files; choose an empty or new folder").format(
                path=target
            )
        )
    parent = target.parent
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    old: Path | None = None
    try:
        for name, payload in csv_files(document).items():
            with open(staging / name, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        fsync_dir(staging)
        if target.exists():
            old = parent / f".{target.name}.{secrets.token_hex(4)}.old"
            os.replace(target, old)
        os.replace(staging, target)
        fsync_dir(parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None and not target.exists():
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _replaceable(target: Path) -> bool:
    if not target.is_dir() or target.is_symlink():
        return False
    return all(entry.is_file() and entry.suffix == ".csv" for entry in target.iterdir())
