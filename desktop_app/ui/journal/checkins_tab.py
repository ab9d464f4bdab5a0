"""Journal → Check-ins: when the next one is due, and every check-in so far, to edit or delete.

The table model decodes a check-in only when its row is drawn, so a five-year journal opens
as fast as a new one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.checkin_table import Column, cell_text, checkin_columns
from desktop_app.domain.journal import CheckIn
from desktop_app.domain.templates import Template
from desktop_app.i18n import N_, _, ngettext
from desktop_app.locale_format import format_clock
from desktop_app.services.backfill import missed_checkin_days
from desktop_app.services.journal import JournalService
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.dates import day_text, moment_text, short_date
from desktop_app.ui.journal.backfill import ChangeDayDialog, CheckInDayDialog
from desktop_app.ui.journal.checkin_flow import edit_checkin, start_checkin
from desktop_app.ui.journal.common import confirm, open_dialog
from desktop_app.ui.journal.settings_dialog import CheckInSettingsDialog
from desktop_app.ui.journal.text import rhythm_text, waiting_text
from desktop_app.ui.journal.undo import delete_with_undo
from desktop_app.ui.widgets import paragraph

DATE = Column("question", "", N_("Date"))
Index = QModelIndex | QPersistentModelIndex


class CheckInModel(QAbstractTableModel):
    """Rows are check-in ids, latest first; cells are read on demand.

    The columns come from the check-in templates (the one new check-ins use first); each
    row is read with the template its check-in was answered with.
    """

    def __init__(self, journal: JournalService) -> None:
        super().__init__()
        self.journal = journal
        self.ids: list[str] = []
        self.columns: list[Column] = []

    def reload(self) -> None:
        self.beginResetModel()
        self.ids = self.journal.checkin_ids() if self.journal.session.repo else []
        self.columns = [DATE, *checkin_columns(self._templates())]
        self.endResetModel()

    def _templates(self) -> list[Template]:
        first = self.journal.checkin_template()
        others = [
            t for t in self.journal.session.templates.templates
            if t.kind == "check-in" and t is not first
        ]
        return [first, *others] if first is not None else others

    def column_titles(self) -> list[str]:
        return [_title(column) for column in self.columns]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _title(self.columns[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].help or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
        ):
            return None
        checkin = self.journal.checkin(self.ids[index.row()])
        if checkin is None:
            return None
        return self._cell(checkin, index.column(), role == Qt.ItemDataRole.ToolTipRole)

    def _cell(self, checkin: CheckIn, column: int, tooltip: bool) -> str | None:
        if self.columns[column] is DATE:
            # The day it is for (a backfilled one was written later), at the time it holds.
            local = self.journal.local(checkin.at)
            day = checkin.day(local.tzinfo or self.journal.settings().zone())
            return f"{short_date(day)}, {format_clock(local)}"
        template = self.journal.session.templates.get(checkin.template_id)
        text = cell_text(self.columns[column], checkin, template)
        if tooltip:
            return text or None
        first = text.splitlines()[0] if text else ""
        return first if len(first) <= 80 else first[:79] + "…"


def _title(column: Column) -> str:
    """A column's heading: the date column's is ours, the others come from templates."""
    return _(column.title) if column is DATE else column.title


class CheckInsTab(QWidget):
    """The next check-in, the list, and edit/delete."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("checkInsTab")
        self.journal = JournalService(ctx.session)
        layout = QVBoxLayout(self)
        self.due_label = paragraph("")
        self.due_label.setObjectName("checkInDue")
        layout.addWidget(self.due_label)
        top = QHBoxLayout()
        self.checkin_button = QPushButton(_("Check in now"))
        self.checkin_button.setObjectName("checkInNow")
        self.checkin_button.clicked.connect(self.start)
        top.addWidget(self.checkin_button)
        self.earlier_button = QPushButton(_("Check in for an &earlier day…"))
        self.earlier_button.setObjectName("checkInEarlier")
        self.earlier_button.clicked.connect(lambda: self.pick_day())
        top.addWidget(self.earlier_button)
        self.rhythm_button = QPushButton(_("Rhythm and reminder…"))
        self.rhythm_button.setObjectName("checkInSettings")
        self.rhythm_button.clicked.connect(self.edit_settings)
        top.addWidget(self.rhythm_button)
        top.addStretch(1)
        layout.addLayout(top)
        # The latest missed day, one click away: filling it in closes a "missed twice".
        missed_row = QHBoxLayout()
        self.missed_label = paragraph("")
        self.missed_label.setObjectName("missedCheckIn")
        self.missed_button = QPushButton()
        self.missed_button.setObjectName("checkInForMissed")
        self.missed_button.clicked.connect(self.fill_missed)
        missed_row.addWidget(self.missed_label, 1)
        missed_row.addWidget(self.missed_button)
        layout.addLayout(missed_row)
        self.missed_day: date | None = None

        self.empty = QLabel(_(
            "No check-ins yet. A check-in takes a minute: did you do your practices, how "
            "intentional were your thoughts, words and body today, and how much distress "
            "are you carrying."
        ))
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.model = CheckInModel(self.journal)
        self.table = QTableView()
        self.table.setObjectName("checkInTable")
        self.table.setAccessibleName(_("Check-ins, the latest first"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        # Widths from the font, not from the contents: sizing to contents would read
        # (and decode) every check-in of a long journal before the first paint.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.height() + 10)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.activated.connect(lambda _i: self.edit())
        self.stack.addWidget(self.table)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.setObjectName("editCheckIn")
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setObjectName("deleteCheckIn")
        self.delete_button.clicked.connect(self.delete)
        self.day_button = QPushButton(_("Change &day…"))
        self.day_button.setObjectName("changeCheckInDay")
        self.day_button.setAccessibleDescription(_("Move this check-in to the day it was for"))
        self.day_button.clicked.connect(self.change_day)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.day_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

    def reload(self) -> None:
        if self.ctx.session.repo is None:
            return
        due = self.journal.due()
        today = self.journal.today()
        when = moment_text(self.journal.local(due.next_due), today)
        text = _("You check in {rhythm}.").format(rhythm=rhythm_text(due.settings)) + " "
        if due.overdue:
            text += waiting_text(due.waiting_days)
        else:
            text += _("The next check-in is due {when}.").format(when=when)
        self.due_label.setText(text)
        self._show_missed(today)
        selected = self.selected_id()
        self.model.reload()
        metrics = self.table.fontMetrics()
        for column, title in enumerate(self.model.column_titles()[:-1]):
            sample = "28 Sep 2026, 20:00" if column == 0 else title
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        has_rows = bool(self.model.ids)
        self.stack.setCurrentWidget(self.table if has_rows else self.empty)
        self.edit_button.setVisible(has_rows)
        self.day_button.setVisible(has_rows)
        self.delete_button.setVisible(has_rows)
        if selected in self.model.ids:
            self.table.selectRow(self.model.ids.index(selected))
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.model.ids):
            return None
        return self.model.ids[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.day_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def start(self) -> None:
        template = self.journal.checkin_template()
        self.ctx.navigator.start_template(template.id if template else "check-in")

    def _show_missed(self, today: date) -> None:
        missed = missed_checkin_days(self.journal)
        self.missed_day = missed[0] if missed else None
        if self.missed_day is not None:
            when = day_text(self.missed_day, today)
            others = len(missed) - 1
            text = _("There is no check-in for {day}.").format(day=when)
            if others:
                text += " " + ngettext(
                    "({n} more day in the last two weeks.)",
                    "({n} more days in the last two weeks.)", others,
                ).format(n=others)
            self.missed_label.setText(text)
            self.missed_button.setText(_("Check in for {day}…").format(day=when))
        self.missed_label.setVisible(self.missed_day is not None)
        self.missed_button.setVisible(self.missed_day is not None)

    def fill_missed(self) -> None:
        if self.missed_day is not None:
            self.check_in_for(self.missed_day)

    def pick_day(self) -> CheckInDayDialog:
        """Ask which earlier day, then open the check-in for it."""
        dialog = CheckInDayDialog(self.journal, parent=self)
        dialog.accepted.connect(lambda: self.check_in_for(dialog.chosen()))
        open_dialog(dialog)
        return dialog

    def check_in_for(self, day: date) -> None:
        """Open the check-in wizard for ``day`` (today or earlier)."""
        template = self.journal.checkin_template()
        if template is None:
            self.ctx.navigator.start_template("check-in")  # says it is not available
            return
        start_checkin(self.window(), self.ctx, template, day)

    def change_day(self) -> None:
        doc_id = self.selected_id()
        if doc_id is not None:
            open_dialog(ChangeDayDialog(self.journal, doc_id, self))

    def edit_settings(self) -> None:
        open_dialog(CheckInSettingsDialog(self.journal, self))

    def edit(self) -> None:
        doc_id = self.selected_id()
        if doc_id is not None:
            edit_checkin(self, self.ctx, doc_id)

    def delete(self) -> None:
        doc_id = self.selected_id()
        checkin = self.journal.checkin(doc_id) if doc_id is not None else None
        if doc_id is None or checkin is None:
            return
        day = short_date(checkin.day(self.journal.settings().zone()))
        if confirm(
            self, _("Delete this check-in?"),
            _("The check-in of {date} will be removed, with its answers and note. You can "
              "undo it for a few seconds.").format(date=day),
        ):
            delete_with_undo(  # issue 12: undo bar
                self, self.journal.session, "checkins", doc_id, _("Deleted a check-in."),
                _("The check-in was not deleted"), lambda: self.journal.delete_checkin(doc_id),
            )
