"""Collecting what a person sees, and telling catalog text from the rest (the pseudo-locale test).

A text is fine when, after taking out every pseudo-translated message (``[Ŝåṽé ···]``), what
is left holds no word but the person's own data, a template's text, a date's month or day
name, or the app's name.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from desktop_app.locale_format import month_name, weekday_name

# Innermost first: a message filled with another message nests.
PSEUDO = re.compile(r"\[[^\[\]]*·{3,}\]")
WORD = re.compile(r"[^\W\d_]+")
# Names that are never translated, and the words of dates (English in the pseudo-locale).
ALWAYS = {"Groundwork", "Syncthing", "Nextcloud", "Dropbox", "Loop", "Daylio", "PDF", "CSV",
          "JSON", "PNG", "SVG", "Qt", "PySide6", "Python"}
DATE_WORDS = (
    {month_name(m, w, "en") for m in range(1, 13) for w in ("wide", "abbreviated")}
    | {weekday_name(d, w, "en") for d in range(7) for w in ("wide", "abbreviated", "short")}
)
# Qt's own standard texts: Qt translates them (qtbase), not the app's catalog.
QT_OWN = {"< &Back", "&Next >", "&Finish", "&Cancel", "Cancel", "&Commit", "&Help", "Help",
          "OK", "&OK", "&Yes", "&No", "Close", "&Close"}


def strings_in(value: Any) -> Iterator[str]:
    """Every string in a nested structure (a template, an export)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def template_texts(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.glob("*.toml"):
        found |= set(strings_in(tomllib.loads(path.read_text(encoding="utf-8"))))
    return found


class Offenders:
    """Texts on screen that did not come from the catalog, each with where it was seen."""

    def __init__(self, allowed: Iterable[str]) -> None:
        texts = {" ".join(a.split()) for a in allowed if len(a.strip()) > 1}
        # A description is shown by its first sentence: each sentence counts as a data text.
        texts |= {part.strip() + "." for t in texts for part in t.split(". ")
                  if len(part.strip()) > 1 and not part.strip().endswith(".")}
        # An area key is shown with a capital ("work" → "Work"), a title in lower case in a
        # sentence: both forms of a data text count as that text.
        texts |= {t[:1].upper() + t[1:] for t in texts} | {t[:1].lower() + t[1:] for t in texts}
        self.allowed = sorted(texts, key=len, reverse=True)
        # Only whole data texts are allowed, never their single words: "Check in now" must
        # not pass because "Check", "in" and "now" occur somewhere in a template.
        self.words = ALWAYS | DATE_WORDS
        self.found: dict[str, str] = {}
        self.seen = 0

    def check(self, text: str, where: str) -> None:
        text = text.replace("&&", "").replace("&", "") if "&" in text else text
        if not text.strip():
            return
        self.seen += 1
        rest = " ".join(text.split())  # a chart's label wrapped on two lines is one text
        while True:
            shorter = PSEUDO.sub(" ", rest)
            if shorter == rest:
                break
            rest = shorter
        if all(word in self.words for word in WORD.findall(rest)):
            return
        for allowed in self.allowed:  # whole data texts, then any word of them counts
            if allowed in rest:
                rest = rest.replace(allowed, " ")
        if any(word not in self.words for word in WORD.findall(rest)):
            self.found.setdefault(text, where)

    def report(self) -> str:
        lines = [f"  {where}: {text!r}" for text, where in sorted(self.found.items(),
                                                                 key=lambda i: i[1])]
        return (f"{len(self.found)} visible texts of {self.seen} did not come from the catalog:\n"
                + "\n".join(lines))


def plain(text: str) -> str:
    if "<" in text and ">" in text:
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text


def _standard_button(widget: QAbstractButton) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, QDialogButtonBox) and parent.standardButton(widget) != \
                QDialogButtonBox.StandardButton.NoButton:
            return widget.text() in QT_OWN or True
        if isinstance(parent, QMessageBox) and parent.standardButton(widget) != \
                QMessageBox.StandardButton.NoButton:
            return True
        parent = parent.parent()
    return widget.text() in QT_OWN


def widget_texts(root: QWidget, only_visible: bool = True) -> Iterator[tuple[str, str]]:
    """(text, where) for everything ``root`` shows: labels, buttons, titles, tooltips…"""
    name = root.objectName() or type(root).__name__
    if root.windowTitle():
        yield root.windowTitle(), f"{name} (window title)"
    for widget in [root, *root.findChildren(QWidget)]:
        if only_visible and not widget.isVisibleTo(root) and widget is not root:
            continue
        if any(isinstance(p, QFileDialog) for p in _ancestors(widget)):
            continue  # Qt's own dialog, translated by Qt
        where = f"{name}/{widget.objectName() or type(widget).__name__}"
        if widget.toolTip():
            yield plain(widget.toolTip()), where + " (tooltip)"
        if isinstance(widget, QLabel):
            yield plain(widget.text()), where
        elif isinstance(widget, QAbstractButton) and not _standard_button(widget):
            yield widget.text(), where
        elif isinstance(widget, QGroupBox):
            yield widget.title(), where
        elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            yield widget.placeholderText(), where + " (placeholder)"
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield widget.tabText(index), where + " (tab)"
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield widget.itemText(index), where + " (choice)"
        elif isinstance(widget, QListWidget):
            for index in range(widget.count()):
                yield widget.item(index).text(), where + " (item)"
        heading = (widget.horizontalHeader() if isinstance(widget, QTableView)
                   else widget.header() if isinstance(widget, QTreeView) else None)
        if heading is not None and heading.model() is not None and not heading.isHidden():
            for column in range(heading.count()):
                header = heading.model().headerData(column, Qt.Orientation.Horizontal)
                if isinstance(header, str):
                    yield header, where + " (header)"


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def menu_texts(menus: Iterable[QMenu], where: str = "menu") -> Iterator[tuple[str, str]]:
    for menu in menus:
        yield menu.title(), where
        for action in menu.actions():
            if action.menu() is not None:
                yield from menu_texts([action.menu()], f"{where}/{menu.title()}")
            elif not action.isSeparator() and action.isVisible():
                yield action.text(), f"{where}/{menu.title()}"
                if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
                    yield action.toolTip(), f"{where}/{menu.title()} (tooltip)"


def figure_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """Every Text artist of every chart under ``root`` (titles, ticks, legends, labels)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.text import Text

    for canvas in root.findChildren(FigureCanvasQTAgg):
        where = f"chart {canvas.objectName() or type(canvas).__name__}"
        for artist in canvas.figure.findobj(Text):
            if artist.get_visible() and artist.get_text():
                yield artist.get_text(), where


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.parts.append(data.strip())


def html_texts(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.parts
