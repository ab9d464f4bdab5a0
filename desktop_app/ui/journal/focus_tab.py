"""Journal → Focus: what I am working on now, and the focus I had before."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.journal import FocusPeriod
from desktop_app.i18n import N_, _
from desktop_app.services.journal import JournalService
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.dates import day_text, short_date
from desktop_app.ui.journal.common import confirm, open_dialog, written
from desktop_app.ui.journal.focus_dialog import FocusDialog
from desktop_app.ui.journal.text import cadence_text
from desktop_app.ui.widgets import heading, paragraph

EMPTY = N_(
    "You have not chosen a focus yet. Pick up to three areas, ideally from your latest "
    "assessment, and write an intention and one or two concrete practices for each."
)


def practice_line(what: str, cadence: str, paused: bool) -> str:
    if paused:
        return _("•  {practice} — {how_often}  (paused)").format(practice=what, how_often=cadence)
    return f"•  {what} — {cadence}"


class FocusTab(QScrollArea):
    """The current focus in full, change or edit it, and the history."""

    def __init__(
        self, ctx: ScreenContext, journal: JournalService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.journal = journal
        self.setObjectName("focusTab")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading(_("What I am working on"), level=2))
        self.current_box = QVBoxLayout()
        layout.addLayout(self.current_box)
        self._current_widgets: list[QWidget] = []
        buttons = QHBoxLayout()
        self.change_button = QPushButton(_("Change focus…"))
        self.change_button.setObjectName("changeFocus")
        self.change_button.clicked.connect(self.change)
        self.edit_button = QPushButton(_("Edit the wording…"))
        self.edit_button.setObjectName("editFocus")
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(_("Delete this focus…"))
        self.delete_button.setObjectName("deleteFocus")
        self.delete_button.clicked.connect(self.delete_current)
        for button in (self.change_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addSpacing(16)
        layout.addWidget(heading(_("Earlier focus"), level=2))
        self.history_empty = paragraph(_(
            "When you change focus, the one before is kept here, with its intentions and "
            "practices."
        ))
        layout.addWidget(self.history_empty)
        self.history = QTreeWidget()
        self.history.setObjectName("focusHistory")
        self.history.setAccessibleName(_("Earlier focus periods"))
        self.history.setHeaderHidden(True)
        self.history.setMinimumHeight(180)
        self.history.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.history)
        row = QHBoxLayout()
        self.delete_history_button = QPushButton(_("Delete from history…"))
        self.delete_history_button.setObjectName("deleteFocusHistory")
        self.delete_history_button.clicked.connect(self.delete_history)
        row.addWidget(self.delete_history_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.setWidget(body)

    def reload(self) -> None:
        if self.journal.session.repo is None:
            return
        for widget in self._current_widgets:
            self.current_box.removeWidget(widget)
            widget.deleteLater()
        self._current_widgets = []
        current = self.journal.focus.current()
        today = self.journal.today()
        if current is None:
            self._add(paragraph(_(EMPTY)))
        else:
            since = day_text(self.journal.local(current.item.started_at).date(), today)
            self._add(paragraph(_("Since {day}.").format(day=since)))
            for area in current.item.areas:
                self._add(heading(self.journal.focus.title_of(area.area), level=3))
                intention = paragraph(_("My intention: {intention}").format(
                    intention=area.intention))
                intention.setObjectName(f"intention-{area.area}")
                self._add(intention)
                for practice in area.practices:
                    line = practice_line(
                        practice.what, cadence_text(practice.cadence), practice.is_paused(today)
                    )
                    self._add(paragraph(line))
        self.change_button.setText(_("Change focus…") if current else _("Choose your focus…"))
        self.edit_button.setVisible(current is not None)
        self.delete_button.setVisible(current is not None)
        self._fill_history()

    def _add(self, widget: QWidget) -> None:
        self._current_widgets.append(widget)
        self.current_box.addWidget(widget)

    def _period_title(self, period: FocusPeriod) -> str:
        start = short_date(self.journal.local(period.started_at).date())
        end = short_date(self.journal.local(period.ended_at).date()) if period.ended_at else ""
        names = ", ".join(self.journal.focus.title_of(a.area) for a in period.areas)
        return f"{start} – {end}:  {names}"

    def _fill_history(self) -> None:
        self.history.clear()
        history = self.journal.focus.history()
        for stored in history:
            top = QTreeWidgetItem([self._period_title(stored.item)])
            top.setData(0, Qt.ItemDataRole.UserRole, stored.id)
            for area in stored.item.areas:
                child = QTreeWidgetItem(
                    [f"{self.journal.focus.title_of(area.area)}: {area.intention}"]
                )
                for practice in area.practices:
                    child.addChild(QTreeWidgetItem(
                        [f"{practice.what} — {cadence_text(practice.cadence)}"]
                    ))
                top.addChild(child)
            self.history.addTopLevelItem(top)
        self.history.setVisible(bool(history))
        self.history_empty.setVisible(not history)
        self._update_buttons()

    def _selected_history(self) -> str | None:
        item = self.history.currentItem()
        if item is None or not item.isSelected():
            return None
        top: QTreeWidgetItem = item
        while (above := top.parent()) is not None:
            top = above
        return str(top.data(0, Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        self.delete_history_button.setEnabled(self._selected_history() is not None)
        self.delete_history_button.setVisible(self.history.topLevelItemCount() > 0)

    def change(self) -> None:
        open_dialog(FocusDialog(self.ctx, parent=self))

    def edit(self) -> None:
        open_dialog(FocusDialog(self.ctx, edit=True, parent=self))

    def delete_current(self) -> None:
        current = self.journal.focus.current()
        if current is not None and confirm(
            self, _("Delete your current focus?"),
            _("Your current focus areas, intentions and practices will be removed for good. "
              "Check-ins, slips and wins stay. To start a new focus and keep this one as "
              "history, use “Change focus” instead."),
        ):
            written(
                self, _("Your focus was not deleted"),
                lambda: self.journal.focus.delete_period(current.id), self.journal.session,
            )

    def delete_history(self) -> None:
        doc_id = self._selected_history()
        if doc_id is not None and confirm(
            self, _("Delete this earlier focus?"),
            _("This earlier focus, with its intentions and practices, will be removed for "
              "good. Check-ins, slips and wins stay."),
        ):
            written(
                self, _("The earlier focus was not deleted"),
                lambda: self.journal.focus.delete_period(doc_id), self.journal.session,
            )
