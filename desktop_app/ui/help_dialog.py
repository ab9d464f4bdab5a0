"""Help ▸ How Groundwork works (F1): the method, the screens, the keys, where data lives.

The text ships as Markdown in resources/help; two placeholders are filled in from the running
app, so the shortcuts and the data folder shown are always the real ones. It works offline and
can be searched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMenuBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app import i18n
from desktop_app.domain.template_translation import candidates
from desktop_app.i18n import _, ngettext
from desktop_app.ui.screen_fit import fit_to_screen

HELP_FILE = Path("help") / "how-groundwork-works.md"


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str]]:
    """(menu path, keys) for every menu command that has a shortcut, in menu order."""
    rows: list[tuple[str, str]] = []

    def walk(menu: QMenu, path: list[str]) -> None:
        for action in menu.actions():
            name = action.text().replace("&", "").rstrip("…").strip()
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, [*path, name])
            elif action.isVisible() and not action.shortcut().isEmpty():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                rows.append((" ▸ ".join([*path, name]), keys))

    for top in bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, [top.text().replace("&", "")])
    return rows


def help_file(resources: Path, language: str | None = None) -> Path:
    """The help in `language` (by default the app's): how-groundwork-works.de.md for "de" and
    "de_AT", the English file when there is no translation."""
    english = resources / HELP_FILE
    for code in candidates(language or i18n.language()):
        translated = english.with_name(f"{english.stem}.{code}{english.suffix}")
        if translated.is_file():
            return translated
    return english


def help_markdown(resources: Path, data_dir: Path, bar: QMenuBar | None) -> str:
    """The help text with this app's shortcuts and data folder filled in."""
    path = help_file(resources)
    try:
        text = path.read_text("utf-8")
    except OSError:
        return _("# Help is missing\n\nThe help text is missing from this installation.")
    rows = shortcut_rows(bar) if bar is not None else []
    command_head, keys_head = _("Command"), _("Keys")
    table = f"| {command_head} | {keys_head} |\n|---|---|\n" + "\n".join(
        f"| {command} | {keys} |" for command, keys in rows
    )
    folder = _("Your profiles are kept in this folder on this computer:\n\n`{folder}`\n\n"
               "Help ▸ About Groundwork shows it too, with a button to copy it.").format(
        folder=data_dir)
    return text.replace("KEYBOARD_SHORTCUTS", table).replace("DATA_FOLDER", folder)


class HelpDialog(QDialog):
    """The help, with its contents on the left and a search field on top."""

    def __init__(self, markdown: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("helpDialog")
        self.setWindowTitle(_("How Groundwork works"))
        layout = QVBoxLayout(self)

        search_row = QHBoxLayout()
        label = QLabel(_("&Search:"))
        self.search = QLineEdit()
        self.search.setObjectName("helpSearch")
        self.search.setAccessibleName(_("Search the help"))
        self.search.setPlaceholderText(_("A word, e.g. backup, slip, passphrase"))
        self.search.setClearButtonEnabled(True)
        label.setBuddy(self.search)
        self.search.returnPressed.connect(lambda: self.find_next(backward=False))
        self.search.textChanged.connect(lambda _text: self.find_next(backward=False, fresh=True))
        previous = QPushButton(_("&Previous"))
        previous.setAccessibleName(_("Previous match"))
        previous.clicked.connect(lambda: self.find_next(backward=True))
        following = QPushButton(_("&Next"))
        following.setAccessibleName(_("Next match"))
        following.clicked.connect(lambda: self.find_next(backward=False))
        search_row.addWidget(label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(previous)
        search_row.addWidget(following)
        layout.addLayout(search_row)
        self.status = QLabel()
        self.status.setObjectName("helpSearchStatus")
        self.status.setAccessibleName(_("Search result"))
        layout.addWidget(self.status)

        body = QHBoxLayout()
        self.contents = QListWidget()
        self.contents.setObjectName("helpContents")
        self.contents.setAccessibleName(_("Contents"))
        self.contents.setMaximumWidth(220)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setAccessibleName(_("Help text"))
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(markdown)
        body.addWidget(self.contents)
        body.addWidget(self.browser, 1)
        layout.addLayout(body, 1)
        self._fill_contents()
        self.contents.currentItemChanged.connect(self._go_to_heading)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Enter in the search field finds the next place: no button may take it as well.
        for button in (previous, following, *buttons.buttons()):
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.search.setFocus()
        fit_to_screen(self, QSize(860, 680))

    def _fill_contents(self) -> None:
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level in (2, 3):
                item = QListWidgetItem(("    " if level == 3 else "") + block.text())
                item.setData(Qt.ItemDataRole.UserRole, block.position())
                self.contents.addItem(item)
            block = block.next()

    def _go_to_heading(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(int(item.data(Qt.ItemDataRole.UserRole)))
        self.browser.setTextCursor(cursor)
        block = self.browser.document().findBlock(cursor.position())
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))

    def headings(self) -> list[str]:
        return [self.contents.item(i).text().strip() for i in range(self.contents.count())]

    def find_next(self, backward: bool, fresh: bool = False) -> bool:
        """Select the next (or previous) match of the search text; says when there is none."""
        text = self.search.text().strip()
        if not text:
            self.status.clear()
            return False
        if fresh:  # a changed word is looked for from the top
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # wrap around once
            self.browser.moveCursor(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            found = self.browser.find(text, flags)
        total = self._count(text)
        self.status.setText(
            ngettext("“{text}” is mentioned in {n} place.", "“{text}” is mentioned in {n} places.",
                     total).format(text=text, n=total)
            if found else _("Nothing in the help mentions “{text}”. Try another word.")
            .format(text=text)
        )
        self.status.setAccessibleDescription(self.status.text())
        return found

    def _count(self, text: str) -> int:
        document = self.browser.document()
        count, cursor = 0, QTextCursor(document)
        while True:
            cursor = document.find(text, cursor)
            if cursor.isNull():
                return count
            count += 1


def open_help(resources: Path, data_dir: Path, bar: QMenuBar | None,
              parent: QWidget | None) -> HelpDialog:
    dialog = HelpDialog(help_markdown(resources, data_dir, bar), parent)
    dialog.show()
    return dialog
