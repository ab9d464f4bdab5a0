"""What every screen is given: the session and a way to ask the window to go somewhere."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import QWidget

from desktop_app.services.session import Session


class Navigator(Protocol):
    """Cross-screen actions; the main window implements them."""

    def show_screen(self, key: str) -> None: ...

    def start_template(self, template_id: str) -> None: ...

    def open_result(self, result_id: str) -> None: ...

    def choose_focus(self, areas: Sequence[str], parent: QWidget | None = None) -> None: ...

    def receive_partner_view(self) -> None: ...


@dataclass
class ScreenContext:
    session: Session
    navigator: Navigator
