"""The one question asked before Groundwork writes a readable copy of a profile.

Every menu action that writes what the person wrote in plain text outside the data folder
(the report's PDF; the JSON and CSV exports) calls :func:`may_write_plain_copy` first. It
says yes for now: the privacy work (encrypted profiles) fills it in with a warning that the
copy will not be encrypted, and the person's choice to go on or not.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.services.session import Session


def may_write_plain_copy(parent: QWidget, session: Session, what: str) -> bool:
    """True when ``what`` ("the report", "a JSON copy"…) may be written in plain text.

    HOOK for encrypted profiles: when ``session``'s profile is encrypted, warn that ``what``
    will be readable by anyone who gets the file, and return the person's answer.
    """
    del parent, session, what
    return True
