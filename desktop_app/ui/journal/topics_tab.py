"""Journal → Bring up: the things I want to bring up at my next session.

Written during the week, ticked once talked about, deleted when no longer wanted. The
report for the next session lists the ones still to bring up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import N_, _
from desktop_app.services.errors import InputError
from desktop_app.services.journal import JournalService
from desktop_app.services.topics import TopicService
from desktop_app.ui.dates import day_text
from desktop_app.ui.journal.common import confirm, written
from desktop_app.ui.widgets import heading, paragraph

INTRO = N_(
    "A question, something that happened, a thought you do not want to lose before your next "
    "session. Tick it once you have talked about it."
)


class TopicsTab(QWidget):
    """A list of dated notes, each with a tick for "talked about"."""

    def __init__(self, journal: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.topics = TopicService(journal.session)
        self.setObjectName("topicsTab")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Things I want to bring up"), level=2))
        layout.addWidget(paragraph(_(INTRO)))
        row = QHBoxLayout()
        self.text = QLineEdit()
        self.text.setObjectName("topicText")
        self.text.setAccessibleName(_("Something to bring up at your next session"))
        self.text.setPlaceholderText(_("Something to bring up…"))
        self.text.returnPressed.connect(self.add)
        self.add_button = QPushButton(_("&Add"))
        self.add_button.setObjectName("addTopic")
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.text, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.message = paragraph("")
        self.message.setObjectName("topicMessage")
        self.message.hide()
        layout.addWidget(self.message)
        self.list = QListWidget()
        self.list.setObjectName("topicList")
        self.list.setAccessibleName(_("Things to bring up: still to talk about first"))
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.itemChanged.connect(self._ticked)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.done_button = QPushButton(_("&Talked about it"))
        self.done_button.setObjectName("topicDone")
        self.done_button.clicked.connect(self.toggle_done)
        self.delete_button = QPushButton(_("&Delete…"))
        self.delete_button.setObjectName("deleteTopic")
        self.delete_button.clicked.connect(self.delete)
        for button in (self.done_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._filling = False

    def reload(self) -> None:
        if self.journal.session.repo is None:
            return
        selected = self.selected_id()
        today = self.journal.today()
        self._filling = True
        self.list.clear()
        for stored in self.topics.all():
            topic = stored.item
            day = day_text(self.journal.local(topic.at).date(), today)
            when = _("Written {day}").format(day=day)
            if topic.done_at is not None:
                done = day_text(self.journal.local(topic.done_at).date(), today)
                when = _("Written {day}  ·  talked about {done}").format(day=day, done=done)
            item = QListWidgetItem(f"{topic.text}\n{when}")
            item.setData(Qt.ItemDataRole.UserRole, stored.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if topic.is_done else Qt.CheckState.Unchecked)
            self.list.addItem(item)
            if stored.id == selected:
                self.list.setCurrentItem(item)
        self._filling = False
        self._update_buttons()

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        item = self.list.currentItem()
        chosen = item is not None and item.isSelected()
        self.done_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        done = chosen and item is not None and item.checkState() == Qt.CheckState.Checked
        self.done_button.setText(_("&Still to bring up") if done else _("&Talked about it"))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def add(self) -> None:
        try:
            typed = self.text.text()
            # A write that fails on its way to disk gives the note back to the field.
            ok = written(self, _("The note was not saved"), lambda: self.topics.add(typed),
                         self.journal.session, failed=lambda: self.text.setText(typed))
        except InputError as error:
            self._say(str(error))
            return
        if ok:
            self._say("")
            self.text.clear()

    def _ticked(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        doc_id = str(item.data(Qt.ItemDataRole.UserRole))
        self._set_done(doc_id, item.checkState() == Qt.CheckState.Checked)

    def toggle_done(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        doc_id = str(item.data(Qt.ItemDataRole.UserRole))
        self._set_done(doc_id, item.checkState() != Qt.CheckState.Checked)

    def _set_done(self, doc_id: str, done: bool) -> None:
        try:
            written(self, _("The change was not saved"),
                    lambda: self.topics.set_done(doc_id, done), self.journal.session)
        except InputError as error:
            self._say(str(error))

    def delete(self) -> None:
        doc_id = self.selected_id()
        item = self.list.currentItem()
        if doc_id is None or item is None:
            return
        text = item.text().split("\n", 1)[0]
        if confirm(self, _("Delete this note?"),
                   _("“{note}” will be removed for good.").format(note=text)):
            written(self, _("The note was not deleted"), lambda: self.topics.delete(doc_id),
                    self.journal.session)
