"""Copies set aside because they could not be read: why, what they hold, bring back, delete.

A copy in ``profiles/set-aside/`` is named ``<profile>.<device>.<name>.<mtime>-<size>.json``
(``storage/debris.py``), so the original path, which an encrypted copy is authenticated as,
is known. The reason is found by reading the copy again, now: it is always current.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.i18n import _
from desktop_app.storage.crypto import FileCipher, decode_raw
from desktop_app.storage.layout import KINDS
from desktop_app.storage.reading import read_profile_file
from desktop_app.storage.schema import ProfileFileError
from desktop_app.storage.shards import parse_file

if TYPE_CHECKING:
    from desktop_app.services.session import Session

_NAME = re.compile(r"^(?P<profile>p-[0-9a-f]{16})\.(?P<device>d-[0-9a-f]{16})\.(?P<stem>.+)"
                   r"\.(?:\d+|gone)-\d+\.json$")


@dataclass(frozen=True)
class SetAsideCopy:
    path: Path
    original: str  # where it came from: "<device>/<name>"
    reason: str  # why it cannot be read now, or why it was set aside when it can
    records: dict[str, dict[str, dict[str, Any]]]  # when readable: kind → id → fields

    @property
    def readable(self) -> bool:
        return bool(self.records)

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.records.values())


class SetAsideError(Exception):
    """A set-aside copy could not be brought back or deleted; the profile is unchanged."""


def _read(path: Path, original: Path, cipher: FileCipher | None
          ) -> tuple[str, dict[str, dict[str, dict[str, Any]]]]:
    try:
        shard = parse_file(original, decode_raw(original, read_profile_file(path), cipher),
                           original.parent.name)
    except ProfileFileError as error:
        return error.reason, {}
    except OSError as error:
        return _("it could not be read ({error})").format(error=error), {}
    records = {kind: {rid: v.fields() for rid, v in ids.items() if not v.deleted}
               for kind, ids in shard.versions.items() if kind in KINDS}
    records = {kind: ids for kind, ids in records.items() if ids}
    if not records:
        return _("it reads now but holds no records"), {}
    return _("it reads now: it was probably still arriving from another computer when it "
             "was set aside, or a conflict copy held records in an older form"), records


class SetAsideService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _folder(self) -> Path:
        return self.session.require_repo().path.parent / "set-aside"

    def copies(self) -> list[SetAsideCopy]:
        """The open profile's set-aside copies, newest first (reads and decrypts each: call
        it off the UI thread)."""
        repo = self.session.require_repo()
        found = []
        folder = self._folder()
        for path in sorted(folder.iterdir() if folder.is_dir() else [],
                           key=lambda p: p.name, reverse=True):
            match = _NAME.match(path.name)
            if not match or match["profile"] != repo.profile_id or not path.is_file():
                continue
            name = match["stem"] + ".json"
            original = repo.path / match["device"] / name
            reason, records = _read(path, original, repo.cipher)
            found.append(SetAsideCopy(path, f"{match['device']}/{name}", reason, records))
        return found

    @staticmethod
    def view(copy: SetAsideCopy) -> str:
        """A read-only view of what a readable copy holds, as indented JSON by kind."""
        return json.dumps(copy.records, indent=2, ensure_ascii=False, sort_keys=True)

    def restore(self, copy: SetAsideCopy) -> int:
        """Add the copy's records that the profile does not have at all (by id), as new
        versions by this computer; records it has are left as they are. How many."""
        if not copy.readable:
            raise SetAsideError(_("this copy cannot be read, so nothing can be brought back"))
        repo = self.session.require_repo()
        added = 0
        with repo.batch():
            for kind, ids in copy.records.items():
                for rid, fields in ids.items():
                    if repo.winner(kind, rid) is None:
                        repo.write_version(kind, rid, fields)
                        added += 1
        self.session.notify()
        return added

    def delete(self, copy: SetAsideCopy) -> None:
        try:
            copy.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise SetAsideError(
                _("it could not be deleted ({error})").format(error=error.strerror)
            ) from error
        with contextlib.suppress(OSError):
            copy.path.parent.rmdir()  # only when it was the last one
