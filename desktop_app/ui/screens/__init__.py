"""One module per screen; ``create`` builds one by key, importing it only when needed."""

from __future__ import annotations

from importlib import import_module

from PySide6.QtWidgets import QWidget

from desktop_app.ui.context import ScreenContext

_CLASSES = {
    "home": ("desktop_app.ui.screens.home", "HomeScreen"),
    "assessments": ("desktop_app.ui.screens.assessments", "AssessmentsScreen"),
    "progress": ("desktop_app.ui.screens.progress", "ProgressScreen"),
    "journal": ("desktop_app.ui.screens.journal", "JournalScreen"),
}


def create(key: str, ctx: ScreenContext) -> QWidget:
    module_name, class_name = _CLASSES[key]
    cls = getattr(import_module(module_name), class_name)
    widget: QWidget = cls(ctx)
    return widget
