"""``when_modal``: act on the next modal dialog; every wait still polling is cancelled when its
test ends (``conftest._isolate_qt``), so it can never take a later test's dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Cancel flags of ``when_modal`` waits still polling; the test that started them ends them.
_modal_waits: list[list[bool]] = []


def when_modal(callback: Callable[[Any], None], kind: type | None = None) -> None:
    """Run ``callback`` on the next modal dialog (of ``kind``, when given) as soon as it is
    shown (no sleeping)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    cancelled = [False]
    _modal_waits.append(cancelled)

    def poll() -> None:
        if cancelled[0]:
            return
        widget = QApplication.activeModalWidget()
        wanted = widget is not None and (kind is None or isinstance(widget, kind))
        if not wanted or not widget.isVisible():
            QTimer.singleShot(5, poll)
            return
        _modal_waits.remove(cancelled)
        callback(widget)

    QTimer.singleShot(0, poll)


def cancel_modal_waits() -> None:
    for cancelled in _modal_waits:
        cancelled[0] = True
    _modal_waits.clear()
