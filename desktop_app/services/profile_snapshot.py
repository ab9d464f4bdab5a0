"""A profile's records as they are at one moment, to read on a worker thread.

Taken on the UI thread in a few milliseconds (a copy of each kind's winners; versions are
never changed in place), then decoded elsewhere: the app's export and the preview of an
import read it, so the window's repository is never touched from two threads. Never writes.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, TypeVar

from desktop_app.storage.collection import Collection, Decoded
from desktop_app.storage.layout import PROFILE_TABLE
from desktop_app.storage.merge import Version
from desktop_app.storage.repository import ProfileRepository, ReadOnlyError

T = TypeVar("T")


class ProfileSnapshot:
    """The part of a repository that reading needs: ``name``, ``meta``, ``collection``."""

    def __init__(self, repo: ProfileRepository, tables: tuple[str, ...]) -> None:
        self._winners = {kind: repo.winners(kind) for kind in (*tables, PROFILE_TABLE)}
        self._visible: dict[str, list[Version]] = {}
        self.meta: dict[str, Any] = {v.id: v.doc.get("value")
                                     for v in self.visible(PROFILE_TABLE)}
        self.name = str(self.meta.get("profile_name", ""))
        # Its own, not the repository's, and it keeps nothing: each list is read once, and
        # a history's decoded records all freed at once would hold the interpreter (and
        # the UI thread) for tens of milliseconds when the snapshot goes.
        self.decoded = _KeepNothing()

    def visible(self, kind: str) -> list[Version]:
        if kind not in self._visible:
            table = self._winners.get(kind, {})
            self._visible[kind] = [table[rid] for rid in sorted(table)
                                   if not table[rid].deleted]
        return self._visible[kind]

    def winner(self, kind: str, rid: str) -> Version | None:
        return self._winners.get(kind, {}).get(rid)

    def skip(self, table: str, key: str, doc: Any) -> None:
        """A record that does not decode is left out (the screens name it already)."""

    def batch(self) -> AbstractContextManager[None]:
        raise ReadOnlyError("a snapshot never writes")

    def write_version(self, kind: str, rid: str | None, fields: dict[str, Any] | None,
                      base: Version | None = None) -> str:
        raise ReadOnlyError("a snapshot never writes")

    def collection(self, table: str, cls: type[T]) -> Collection[T]:
        return Collection(self, table, cls)


class _KeepNothing(Decoded):
    def keep(self, version: Version, cls: type[T], item: T | None) -> None:
        """Nothing is kept (see :class:`ProfileSnapshot`)."""


def let_go(document: dict[str, Any]) -> None:
    """Free a big export document one record at a time, on the thread that made it: each
    step is short, so the UI thread keeps its turns (freeing it whole would not)."""
    for value in document.values():
        if isinstance(value, list):
            while value:
                value.pop()
