"""One module per screen; ``create`` builds one by key, importing it only when needed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QWidget

from desktop_app.ui.context import ScreenContext


class Screen(Protocol):
    """What the main window asks of every screen."""

    def refresh(self) -> None:
        """Data changed: redraw from the services (now if on show, else when next shown)."""

    def entered(self) -> None:
        """The person navigated to this screen."""


# Each builder returns the screen twice, as the widget the stack shows and as the Screen the
# window talks to, so mypy checks that every screen class is both.
Built = tuple[QWidget, Screen]


def _home(ctx: ScreenContext) -> Built:
    from desktop_app.ui.screens.home import HomeScreen

    screen = HomeScreen(ctx)
    return screen, screen


def _assessments(ctx: ScreenContext) -> Built:
    from desktop_app.ui.screens.assessments import AssessmentsScreen

    screen = AssessmentsScreen(ctx)
    return screen, screen


def _progress(ctx: ScreenContext) -> Built:
    from desktop_app.ui.screens.progress import ProgressScreen

    screen = ProgressScreen(ctx)
    return screen, screen


def _journal(ctx: ScreenContext) -> Built:
    from desktop_app.ui.screens.journal import JournalScreen

    screen = JournalScreen(ctx)
    return screen, screen


_BUILDERS: dict[str, Callable[[ScreenContext], Built]] = {
    "home": _home,
    "assessments": _assessments,
    "progress": _progress,
    "journal": _journal,
}


def create(key: str, ctx: ScreenContext) -> Built:
    return _BUILDERS[key](ctx)
