"""This device's writes on their way to disk, as a repository sees them (on its own thread).

The repository encodes a file when a batch lands and hands the bytes to the profile's
:class:`~desktop_app.storage.writer.Writer`. What the writer learns (each file's new size,
mtime and inode) is applied here on the caller's thread, in submit order, so the
repository's shards are only ever touched by one thread.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from desktop_app.storage.shards import ShardFile, commit_bytes, encode_file
from desktop_app.storage.writer import Writer, done_ticket


class WritesOnTheirWay:
    """What a repository offers about its writes: wait for them, and recover from a
    failed one. Its ``_reload`` reads the disk again (after the writes on their way)."""

    _writes: PendingWrites

    def _reload(self) -> None:
        raise NotImplementedError

    def ticket(self) -> Future[Any]:
        """Completes when every write made so far is on disk; fails with the first error."""
        return self._writes.ticket()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait (at most ``timeout``) for the writes made so far; True when all landed."""
        return self._writes.flush(timeout)

    def recover(self) -> BaseException | None:
        """After a failed write: read the disk again (memory held versions that did not
        land) and accept writes again; the error, or None when nothing had failed."""
        failed = self._writes.failed
        if failed is not None:
            self._reload()
        return failed


class PendingWrites:
    """The writer of one open profile, and the jobs it has not yet reported on."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._writer: Writer | None = None  # no thread until the first write
        self._inflight: deque[tuple[ShardFile, Future[Any]]] = deque()
        self._last: Future[Any] = done_ticket()

    @property
    def failed(self) -> BaseException | None:
        return self._writer.failed if self._writer is not None else None

    def submit(self, shard: ShardFile) -> Future[Any]:
        """Queue the file as it is now (encoded here); its ticket."""
        if self._writer is None:
            self._writer = Writer(f"groundwork-writer {self._name}")
        ticket = self._writer.submit(shard.path, encode_file(shard), commit_bytes)
        shard.sealed = shard.cipher is not None  # as it will be on disk (a failure rereads)
        self._inflight.append((shard, ticket))
        self._last = ticket
        return ticket

    def ticket(self) -> Future[Any]:
        """Completes when every write submitted so far has landed; fails if one of them
        failed (a failure fails every later job too, so the last ticket tells)."""
        return self._last

    def settle(self) -> None:
        """Apply what the finished jobs left on disk, oldest first (caller's thread)."""
        while self._inflight and self._inflight[0][1].done():
            shard, ticket = self._inflight.popleft()
            if ticket.exception() is None:
                shard.signature = ticket.result()

    def pending(self, path: Path | None = None) -> bool:
        """Whether a write (to ``path``, or any) has not finished yet."""
        self.settle()
        return any(path is None or shard.path == path for shard, _t in self._inflight)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait for every write submitted so far; True when all of them landed."""
        landed = self._writer is None or self._writer.flush(timeout)
        self.settle()
        return landed and self.failed is None

    def forget(self) -> None:
        """After the disk was read again: no job is left, and writes are accepted again."""
        self._inflight.clear()
        if self._writer is not None:
            self._writer.clear()

    def close(self, timeout: float | None = None) -> bool:
        """Let queued writes land and stop the thread; False if that took longer."""
        ended = self._writer is None or self._writer.close(timeout)
        self.settle()
        if ended:
            self._writer = None  # a write after closing starts a new thread
        return ended
