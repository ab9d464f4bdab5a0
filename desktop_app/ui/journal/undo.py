"""The one way a journal screen deletes a record: as ``written`` does, then the undo bar."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop_app.services.session import Session
from desktop_app.services.undo import Change, UndoService
from desktop_app.ui.journal.common import written
from desktop_app.ui.notice_area import notice_area


def delete_with_undo(
    parent: QWidget, session: Session, table: str, record_id: str, message: str,
    title: str, delete: Callable[[], object],
) -> bool:
    """Delete one record as ``written`` does, then offer "<message> Undo" for a while.

    False when the write was refused at once (then nothing changed).
    """
    changes: list[Change | None] = []
    area = notice_area(parent)

    def run() -> None:
        changes.append(UndoService(session).record(table, record_id, message, delete))

    def failed() -> None:
        if area is not None and shiboken6.isValid(area):
            area.undo_bar.dismiss()

    if not written(parent, title, run, session, failed):
        return False
    if changes and changes[0] is not None and area is not None:
        area.undo_bar.offer(changes[0])
    return True
