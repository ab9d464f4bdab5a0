"""Journal → Wins: what went well, kept to look back on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import N_, _
from desktop_app.services.journal import JournalService
from desktop_app.ui.dates import day_text
from desktop_app.ui.journal.common import confirm, open_dialog
from desktop_app.ui.journal.undo import delete_with_undo
from desktop_app.ui.journal.win_dialog import WinDialog
from desktop_app.ui.widgets import heading, paragraph

INTRO = N_(
    "In your own words, the latest first. On a hard day, this list is evidence of the change "
    "you are making."
)
EMPTY = N_(
    "No wins written down yet. They do not have to be big: a calm answer, a walk taken, a "
    "boundary kept. You can log one here at any time, or at the end of a check-in."
)


class WinsTab(QWidget):
    """A warm list of wins, the latest first, with log, edit and delete."""

    def __init__(self, journal: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setObjectName("winsTab")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Things that went well"), level=2))
        layout.addWidget(paragraph(_(INTRO)))
        self.empty = paragraph(_(EMPTY))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.list = QListWidget()
        self.list.setObjectName("winList")
        self.list.setAccessibleName(_("Wins, the latest first"))
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setAlternatingRowColors(True)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _i: self.edit())
        self.stack.addWidget(self.list)
        buttons = QHBoxLayout()
        self.log_button = QPushButton(_("Log a win…"))
        self.log_button.setObjectName("logWin")
        self.log_button.clicked.connect(self.log)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.setObjectName("editWin")
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setObjectName("deleteWin")
        self.delete_button.clicked.connect(self.delete)
        for button in (self.log_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        if self.journal.session.repo is None:
            return
        selected = self.selected_id()
        self.list.clear()
        names = self.journal.focus.titles_by_key()
        today = self.journal.today()
        wins = self.journal.wins()
        for stored in wins:
            win = stored.item
            day = day_text(self.journal.local(win.at).date(), today)
            about = f"  ·  {names[win.focus_area]}" if win.focus_area in names else ""
            item = QListWidgetItem(f"{win.text}\n{day[:1].upper() + day[1:]}{about}")
            item.setData(Qt.ItemDataRole.UserRole, stored.id)
            self.list.addItem(item)
            if stored.id == selected:
                self.list.setCurrentItem(item)
        self.stack.setCurrentWidget(self.list if wins else self.empty)
        self.edit_button.setVisible(bool(wins))
        self.delete_button.setVisible(bool(wins))
        self._update_buttons()

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def log(self) -> None:
        open_dialog(WinDialog(self.journal, parent=self))

    def edit(self) -> None:
        doc_id = self.selected_id()
        win = next((s.item for s in self.journal.wins() if s.id == doc_id), None)
        if doc_id is not None and win is not None:
            open_dialog(WinDialog(self.journal, doc_id, win, self))

    def delete(self) -> None:
        doc_id = self.selected_id()
        win = next((s.item for s in self.journal.wins() if s.id == doc_id), None)
        if doc_id is None or win is None:
            return
        if confirm(self, _("Delete this win?"),
                   _("“{win}” will be removed. You can undo it for a few seconds.").format(
                       win=win.text)):
            delete_with_undo(self, self.journal.session, "wins", doc_id, _("Deleted a win."),
                             _("The win was not deleted"),
                             lambda: self.journal.delete_win(doc_id))
