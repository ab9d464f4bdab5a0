"""A stack of screens built on first use, so start-up pays only for the one shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop_app.ui.screens import Built, Screen


class LazyScreenStack(QStackedWidget):
    """``stack[key]`` returns that screen's widget, building it the first time it is asked for.

    Its size hints are the shown screen's: a stacked widget's are the largest of all its
    pages', so once Progress had been built (taller than a small window) Home and every
    other screen showed the window's scroll bar, with nothing to scroll to."""

    def __init__(self, keys: Sequence[str], factory: Callable[[str], Built]) -> None:
        super().__init__()
        self._keys = list(keys)
        self._factory = factory
        self._made: dict[str, Built] = {}
        for _key in self._keys:
            self.addWidget(QWidget())
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        shown = self.currentWidget()
        return shown.sizeHint() if shown is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        shown = self.currentWidget()
        if shown is None:
            return super().minimumSizeHint()
        # A minimum the screen set itself wins over its hint, as in any layout.
        hint, least = shown.minimumSizeHint(), shown.minimumSize()
        return QSize(least.width() or hint.width(), least.height() or hint.height())

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
