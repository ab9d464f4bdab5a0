"""A stack of screens built on first use, so start-up pays only for the one shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QStackedWidget, QWidget


class LazyScreenStack(QStackedWidget):
    """``stack[key]`` returns that screen, building it the first time it is asked for."""

    def __init__(self, keys: Sequence[str], factory: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._keys = list(keys)
        self._factory = factory
        self._made: dict[str, QWidget] = {}
        for _key in self._keys:
            self.addWidget(QWidget())

    def __getitem__(self, key: str) -> QWidget:
        screen = self._made.get(key)
        if screen is None:
            index = self._keys.index(key)
            current = self.currentIndex()
            placeholder = self.widget(index)
            screen = self._factory(key)
            self.insertWidget(index, screen)
            if placeholder is not None:
                self.removeWidget(placeholder)
                placeholder.deleteLater()
            self.setCurrentIndex(current)
            self._made[key] = screen
        return screen

    def built(self) -> list[QWidget]:
        return list(self._made.values())

    def show_key(self, key: str) -> QWidget:
        screen = self[key]
        self.setCurrentWidget(screen)
        return screen

    def reset(self) -> None:
        """Drop every built screen (another profile was opened)."""
        for key, screen in list(self._made.items()):
            index = self.indexOf(screen)
            self.insertWidget(index, QWidget())
            self.removeWidget(screen)
            screen.deleteLater()
            del self._made[key]
