"""One background thread that lands a profile's writes on disk, in the order they were made.

The caller (the UI thread) changes memory and encodes the file's bytes itself, then hands
them over as one job; the thread only commits bytes (temp file, fsync, rename, fsync of the
folder), so a save never waits for the disk on the UI thread. Each job's ``Ticket`` (a
``concurrent.futures.Future``) completes when its file is on disk, or fails with the error.

A failed job fails every job queued after it too (they carry the version that failed, or
versions built on it), and every job submitted later, until the owner has read the disk
again and calls :meth:`Writer.clear`. Nothing here knows about Qt.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from time import monotonic
from typing import Any

log = logging.getLogger(__name__)

IDLE_S = 10.0  # a thread with nothing to write for this long ends (a profile left open)

Ticket = Future  # completes with what the commit step returned, or fails with its error
Commit = Callable[[Path, bytes], Any]


@dataclass(frozen=True)
class _Job:
    path: Path
    payload: bytes
    commit: Commit
    ticket: Future[Any]


class WriterClosedError(RuntimeError):
    """A write handed to a writer that was closed."""


def done_ticket(result: Any = None) -> Future[Any]:
    """A ticket that has completed already (nothing was waiting to be written)."""
    ticket: Future[Any] = Future()
    ticket.set_result(result)
    return ticket


class Writer:
    """A FIFO of write jobs and the one thread that commits them (started on first use)."""

    def __init__(self, name: str = "groundwork-writer") -> None:
        self.name = name
        self._cond = threading.Condition()
        self._jobs: deque[_Job] = deque()
        self._busy = False
        self._closed = False
        self._failed: BaseException | None = None
        self._thread: threading.Thread | None = None

    @property
    def failed(self) -> BaseException | None:
        """The error of the write that failed, until :meth:`clear`."""
        with self._cond:
            return self._failed

    def submit(self, path: Path, payload: bytes, commit: Commit) -> Future[Any]:
        """Queue ``commit(path, payload)`` after every job submitted before it."""
        ticket: Future[Any] = Future()
        ticket.set_running_or_notify_cancel()  # a queued write cannot be taken back
        with self._cond:
            if self._closed:
                raise WriterClosedError(f"{self.name} is closed")
            failed = self._failed
            if failed is None:
                self._jobs.append(_Job(path, payload, commit, ticket))
                self._start()
                self._cond.notify_all()
        if failed is not None:
            ticket.set_exception(failed)
        return ticket

    def clear(self) -> None:
        """Accept writes again, once the owner has made memory equal to the disk."""
        with self._cond:
            self._failed = None

    def pending(self) -> bool:
        with self._cond:
            return bool(self._jobs) or self._busy

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every job submitted so far is done; True when all of them landed."""
        deadline = None if timeout is None else monotonic() + timeout
        with self._cond:
            while self._jobs or self._busy:
                left = None if deadline is None else deadline - monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
            return self._failed is None

    def close(self, timeout: float | None = None) -> bool:
        """Let the queued jobs land, then stop the thread; False if it had not ended by then.

        The thread is a daemon: one blocked in the disk cannot keep the process alive.
        """
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._jobs and not self._closed:
                    if not self._cond.wait(IDLE_S) and not self._jobs:
                        self._thread = None  # idle: the next submit starts another
                        return
                if not self._jobs:
                    return
                job = self._jobs.popleft()
                self._busy = True
            try:
                result = job.commit(job.path, job.payload)
            except BaseException as error:
                self._fail(job, error)
                continue
            # The ticket completes before the writer counts as idle, so a flush that
            # returns has seen every done-callback run.
            job.ticket.set_result(result)
            with self._cond:
                self._busy = False
                self._cond.notify_all()

    def _fail(self, job: _Job, error: BaseException) -> None:
        log.warning("a write failed (%s); %s later write(s) dropped with it",
                    type(error).__name__, len(self._jobs))
        with self._cond:
            self._failed = error
            dropped = list(self._jobs)
            self._jobs.clear()
        for failed in (job, *dropped):
            failed.ticket.set_exception(error)
        with self._cond:
            self._busy = False
            self._cond.notify_all()
