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
        # Its own, not the repository's: it is filled on the worker thread.
        self.decoded = Decoded()

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
