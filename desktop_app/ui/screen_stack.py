"""A stack of screens built on first use, so start-up pays only for the one shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop_app.ui.screens import Built, Screen


class LazyScreenStack(QStackedWidget):
    """``stack[key]`` returns that screen's widget, building it the first time it is asked for."""

    def __init__(self, keys: Sequence[str], factory: Callable[[str], Built]) -> None:
        super().__init__()
        self._keys = list(keys)
        self._factory = factory
        self._made: dict[str, Built] = {}
        for _key in self._keys:
            self.addWidget(QWidget())

    def _build(self, key: str) -> Built:
        built = self._made.get(key)
        if built is None:
            index = self._keys.index(key)
            current = self.currentIndex()
            placeholder = self.widget(index)
            built = self._factory(key)
            self.insertWidget(index, built[0])
            if placeholder is not None:
                self.removeWidget(placeholder)
                placeholder.deleteLater()
            self.setCurrentIndex(current)
            self._made[key] = built
        return built

    def __getitem__(self, key: str) -> QWidget:
        return self._build(key)[0]

    def built(self) -> list[Screen]:
        """The screens built so far."""
        return [screen for _widget, screen in self._made.values()]

    def show_key(self, key: str) -> Screen:
        widget, screen = self._build(key)
        self.setCurrentWidget(widget)
        return screen

    def reset(self) -> None:
        """Drop every built screen (another profile was opened)."""
        for key, (widget, _screen) in list(self._made.items()):
            index = self.indexOf(widget)
            self.insertWidget(index, QWidget())
            self.removeWidget(widget)
            widget.deleteLater()
            del self._made[key]
