"""Undo a deletion for a short while: the exact record comes back, under the same id.

A delete writes a tombstone (docs/storage.md). Undo writes the record's last live fields
back as a new version, so its ``_updated_at`` is newer than the tombstone's and it wins the
merge on every computer. Undo only puts back what the deletion itself changed: if the record
changed again since (another edit, or a newer version from another computer), it says so
and writes nothing, so nothing newer is ever overwritten.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from desktop_app.i18n import _
from desktop_app.services.errors import InputError
from desktop_app.services.session import Session
from desktop_app.storage.merge import Version

UNDO_SECONDS = 10
"""How long the undo bar offers to put a deleted record back."""


class UndoError(InputError):
    """The record cannot be put back (it changed since it was deleted)."""


@dataclasses.dataclass(frozen=True)
class Change:
    """One record as it was before a change (``before``) and the version the change wrote."""

    table: str
    record_id: str
    before: Version
    after: Version | None
    message: str


def _same(one: Version | None, other: Version | None) -> bool:
    if one is None or other is None:
        return one is other
    return (one.at, one.device) == (other.at, other.device)


class UndoService:
    """Remembers the record a change is about to replace, and puts it back on request."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self, table: str, record_id: str, message: str, change: Callable[[], object]
    ) -> Change | None:
        """Run ``change`` (a delete) on one record; what is needed to undo it, if anything.

        None when the record was not there to begin with or ``change`` left it as it was.
        Errors of ``change`` (a refused write) pass through untouched.
        """
        repo = self.session.require_repo()
        before = repo.winner(table, record_id)
        change()
        after = repo.winner(table, record_id)
        if before is None or before.deleted or _same(before, after):
            return None
        return Change(table, record_id, before, after, message)

    def can_undo(self, change: Change) -> bool:
        """True while the record is still as the change left it."""
        repo = self.session.repo
        return repo is not None and _same(repo.winner(change.table, change.record_id),
                                          change.after)

    def undo(self, change: Change) -> None:
        """Write the record back as it was, with a newer ``_updated_at``."""
        repo = self.session.require_repo()
        current = repo.winner(change.table, change.record_id)
        if not _same(current, change.after):
            raise UndoError(
                _("It changed again since it was deleted, so it was not put back; "
                  "nothing was overwritten.")
            )
        repo.write_version(change.table, change.record_id, change.before.fields(), current)
        self.session.notify()
