"""Profile ▸ Share a result with a partner… and Receive a partner's view… (issue 16).

Only the menu entries: the dialogs and the services behind them are imported when first
used, so the first window does not wait for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop_app.i18n import _
from desktop_app.services.session import Session


def add_sharing_actions(window: Any, session: Session, action: Callable[..., QAction],
                        menu: QMenu) -> tuple[QAction, QAction]:
    """The two entries (share, receive), added to ``menu``."""

    def share() -> None:
        from desktop_app.ui.share_dialogs import share_result

        if session.repo is not None:
            share_result(session, window)

    def receive() -> None:
        from desktop_app.ui.share_dialogs import receive_view

        if session.repo is None:
            return
        if receive_view(session, window) is not None:
            window.show_screen("progress")
            window.screens["progress"].open_tab("together")

    menu.addSeparator()
    return (action(menu, _("S&hare a result with a partner…"), share),
            action(menu, _("Recei&ve a partner's view…"), receive))
