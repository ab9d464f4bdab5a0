"""Run one slow, Qt-free call (key derivation) on a worker thread; hear back on the UI thread.

The worker touches no Qt object: it runs the function, then emits a queued signal of a relay
that lives on the UI thread. The relay stays referenced until it has delivered, and delivers
nothing to an owner that was deleted meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_POOL: QThreadPool | None = None
_RUNNING: set[_Relay] = set()


def _pool() -> QThreadPool:
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(2)
    return _POOL


class _Relay(QObject):
    done = Signal(object, object)  # result, exception

    def __init__(
        self,
        owner: QObject,
        on_result: Callable[[Any], object],
        on_error: Callable[[BaseException], object],
        on_orphan: Callable[[Any], object] | None = None,
    ) -> None:
        super().__init__()
        self.owner = owner
        self.on_result = on_result
        self.on_error = on_error
        self.on_orphan = on_orphan
        # Automatic, which is queued here: the emit happens on a worker thread, the delivery
        # on this (UI) one. (Naming the type loads Qt's namespace: ~25 ms, at start too.)
        self.done.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, result: object, error: object) -> None:
        _RUNNING.discard(self)
        self.deleteLater()
        if not shiboken6.isValid(self.owner):
            if self.on_orphan is not None and not isinstance(error, BaseException):
                self.on_orphan(result)  # e.g. close a profile read for a dialog now gone
            return
        if isinstance(error, BaseException):
            self.on_error(error)
        else:
            self.on_result(result)


class _Job(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.function = function
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.function()
        except BaseException as error:  # every failure goes back to the UI
            self.relay.done.emit(None, error)
        else:
            self.relay.done.emit(result, None)


def run_in_background(
    owner: QObject,
    function: Callable[[], Any],
    on_result: Callable[[Any], object],
    on_error: Callable[[BaseException], object],
    on_orphan: Callable[[Any], object] | None = None,
) -> None:
    """Call ``function()`` off the UI thread; then ``on_result(value)`` or ``on_error(exc)``
    on the UI thread, unless ``owner`` is gone by then: then ``on_orphan(value)``, if
    given, lets go of what the call made."""
    relay = _Relay(owner, on_result, on_error, on_orphan)
    _RUNNING.add(relay)
    _pool().start(_Job(function, relay))


def wait_for_background(msecs: int = 5000) -> bool:
    """Wait for running calls (at quit, and for tests); True when none is left."""
    return _POOL is None or _POOL.waitForDone(msecs)
