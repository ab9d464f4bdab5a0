"""Search (Ctrl+F): a field, the matches with their kind, date and words, and a way to open
each where it lives (the journal tab with it selected, or the result itself)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _, ngettext
from desktop_app.services.journal import JournalService
from desktop_app.services.search import (
    CHECKIN,
    INTENTION,
    KIND_WORDS,
    RESULT,
    SLIP,
    WIN,
    Hit,
    SearchService,
)
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.dates import day_text
from desktop_app.ui.undo_bar import announce

DEBOUNCE_MS = 150
HIT_ROLE = Qt.ItemDataRole.UserRole


class _Field(QLineEdit):
    """The search field: Down moves into the matches, Enter opens the first."""

    def __init__(self, results: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = results

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.results.count():
            self.results.setFocus(Qt.FocusReason.TabFocusReason)
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)
            return
        super().keyPressEvent(event)


class SearchDialog(QDialog):
    """Not modal, and kept when closed: Ctrl+F shows the last search again."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile_id: str | None = None
        self.setObjectName("searchDialog")
        self.setWindowTitle(_("Search"))
        layout = QVBoxLayout(self)
        label = QLabel(_("&Find words in your check-ins, wins, slips, intentions and answers"))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(_("Matches, the latest first"))
        self.results.setWordWrap(True)
        self.results.setSpacing(2)
        self.results.setAlternatingRowColors(True)
        self.field = _Field(self.results)
        self.field.setObjectName("searchField")
        self.field.setAccessibleName(_("Search"))
        self.field.setPlaceholderText(_("e.g. budget meeting"))
        self.field.setClearButtonEnabled(True)
        label.setBuddy(self.field)
        layout.addWidget(self.field)
        self.status = QLabel("")
        self.status.setObjectName("searchStatus")
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        self.field.textChanged.connect(lambda _t: self.timer.start())
        self.field.returnPressed.connect(self._open_first)
        self.results.itemActivated.connect(self.open_item)
        self.resize(560, 480)

    def hideEvent(self, event: QHideEvent) -> None:
        # Nothing the person wrote stays in a hidden window (a lock or a switch may follow).
        self.timer.stop()
        self.results.clear()
        self.status.setText("")
        super().hideEvent(event)

    def run(self) -> None:
        """Search for what the field holds now and list the matches."""
        self.timer.stop()
        self.results.clear()
        profile = self.ctx.session.profile
        if profile is None or (self.profile_id is not None and profile.id != self.profile_id):
            self.field.clear()  # another profile's words are not searched for in this one
        self.profile_id = profile.id if profile is not None else None
        query = self.field.text()
        if self.ctx.session.repo is None or not query.strip():
            self.status.setText("")
            return
        hits = SearchService(self.ctx.session).search(query)
        today = JournalService(self.ctx.session).today()
        zone = JournalService(self.ctx.session).settings().zone()
        for hit in hits:
            day = day_text(hit.at.astimezone(zone).date(), today)
            # services.search marks these with N_; translated where shown.
            kind = _(KIND_WORDS[hit.kind])
            item = QListWidgetItem(f"{kind} · {day[:1].upper() + day[1:]} · {hit.where}\n"
                                   f"{hit.snippet}")
            item.setData(HIT_ROLE, hit)
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{kind}, {day}, {hit.where}: {hit.snippet}")
            self.results.addItem(item)
        found = (
            _("Nothing found.") if not hits
            else ngettext("{n} match.", "{n} matches.", len(hits)).format(n=len(hits))
        )
        self.status.setText(found)
        announce(self.status, found)

    def _open_first(self) -> None:
        if self.timer.isActive():
            self.run()
        if self.results.count():
            self.open_item(self.results.item(0))

    def open_item(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT_ROLE)
        if isinstance(hit, Hit):
            # Out of the way, so the record shows; Ctrl+F brings the same search back.
            self.hide()
            window = self.parentWidget()
            if window is not None:
                window.activateWindow()
            open_hit(self.ctx, hit)


def open_hit(ctx: ScreenContext, hit: Hit) -> None:
    """Show the record where it lives: its journal tab with it selected, or the result."""
    if hit.kind == RESULT:
        ctx.navigator.open_result(hit.record_id)
        return
    ctx.navigator.show_screen("journal")
    screens = getattr(ctx.navigator, "screens", None)
    if screens is None:
        return
    journal = screens["journal"]
    tab = {CHECKIN: "checkins", WIN: "wins", SLIP: "slips", INTENTION: "focus"}[hit.kind]
    journal.show_tab(tab)
    widget = getattr(journal, tab)
    if hit.kind == WIN:
        for row in range(widget.list.count()):
            if widget.list.item(row).data(HIT_ROLE) == hit.record_id:
                widget.list.setCurrentRow(row)
                widget.list.setFocus()
    elif hit.kind == CHECKIN and hit.record_id in widget.model.ids:
        widget.table.selectRow(widget.model.ids.index(hit.record_id))
        widget.table.setFocus()
    elif hit.kind == SLIP and hit.record_id in widget.ids:
        widget.table.selectRow(widget.ids.index(hit.record_id))
        widget.table.setFocus()


def open_search(parent: QWidget, ctx: ScreenContext) -> SearchDialog:
    """Show the search window (one per main window), with its field ready to type in."""
    dialog = parent.findChild(SearchDialog)
    if not isinstance(dialog, SearchDialog):
        dialog = SearchDialog(ctx, parent)
    dialog.run()  # afresh: the profile may have changed while it was closed
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.field.setFocus()
    dialog.field.selectAll()
    return dialog
