"""Journal → Slips and returns: time back on track (the headline), the slips, never miss twice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.journal import Slip
from desktop_app.domain.return_time import (
    back_words,
    comparison_words,
    return_time,
    typical_sentence,
)
from desktop_app.i18n import N_, _, ngettext
from desktop_app.locale_format import format_clock
from desktop_app.services.consistency import ConsistencyService, ReturnSummary
from desktop_app.services.journal import JournalService
from desktop_app.ui.dates import short_date
from desktop_app.ui.journal.common import confirm, open_dialog
from desktop_app.ui.journal.practices_view import PracticesView
from desktop_app.ui.journal.slip_dialog import BackOnTrackDialog, SlipDialog
from desktop_app.ui.journal.strips import ReturnTrend
from desktop_app.ui.journal.undo import delete_with_undo
from desktop_app.ui.widgets import heading, paragraph

COLUMNS = (
    N_("When"), N_("Back on track"), N_("Old pattern"), N_("Focus area"),
    N_("What triggered it"), N_("What helped"),
)


def returns_text(summary: ReturnSummary) -> str:
    """The headline in words: how long getting back takes lately, and compared with before."""
    text = typical_sentence(summary.recent)
    if text is None:
        if summary.still_open:
            return _(
                "When you are back on track after a slip, select it and press “Back on "
                "track”. The time it took becomes your measure here: how quickly you come "
                "back, not a streak that resets."
            )
        return _(
            "When you log a slip and later mark that you are back on track, the time it took "
            "shows here. Getting back is the work, and with practice it tends to take less time."
        )
    compared = comparison_words(summary.recent, summary.earlier)
    if compared:
        text += f" {compared}"
    if summary.still_open:
        text += " " + ngettext(
            "{n} slip is not marked back on track yet.",
            "{n} slips are not marked back on track yet.", summary.still_open,
        ).format(n=summary.still_open)
    return text


class SlipsTab(QScrollArea):
    """The return measure and trend, the slips with their returns, and the practices."""

    def __init__(self, journal: JournalService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setObjectName("slipsTab")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading(_("Time back on track"), level=2))
        self.summary = paragraph("")
        self.summary.setObjectName("returnSummary")
        layout.addWidget(self.summary)
        self.trend_holder = QVBoxLayout()
        layout.addLayout(self.trend_holder)
        self.trend: ReturnTrend | None = None
        self.trend_caption = paragraph(_(
            "Each bar is one return, oldest on the left: the taller, the longer it took "
            "(hover over a bar for its time). A hatched bar is a slip logged with its day "
            "only. The line is the typical time (the middle of the last five), so one hard "
            "stretch does not hide the rest."
        ))
        self.trend_caption.setStyleSheet("color: palette(placeholder-text);")
        self.trend_holder.addWidget(self.trend_caption)

        buttons = QHBoxLayout()
        self.log_button = self._button(buttons, _("Log a slip…"), "logSlip", self.log)
        self.back_button = self._button(buttons, _("Back on track…"), "backOnTrack", self.back)
        self.edit_button = self._button(buttons, _("Edit…"), "editSlip", self.edit)
        self.delete_button = self._button(buttons, _("Delete…"), "deleteSlip", self.delete)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("slipTable")
        self.table.setAccessibleName(_("Slips, the latest first"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(200)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        layout.addWidget(self.table)
        layout.addSpacing(12)
        self.practices = PracticesView(journal)
        layout.addWidget(self.practices)
        layout.addStretch(1)
        self.setWidget(body)
        self.ids: list[str] = []

    def _button(
        self, row: QHBoxLayout, text: str, name: str, slot: Callable[[], object]
    ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _c=False: slot())
        row.addWidget(button)
        return button

    def reload(self) -> None:
        if self.journal.session.repo is None:
            return
        summary = ConsistencyService(self.journal).returns()
        self.summary.setText(returns_text(summary))
        if self.trend is not None:
            self.trend_holder.removeWidget(self.trend)
            self.trend.deleteLater()
            self.trend = None
        if len(summary.trend) >= 2:
            self.trend = ReturnTrend(summary.trend)
            self.trend_holder.insertWidget(0, self.trend)
        self.trend_caption.setVisible(self.trend is not None)
        selected = self.selected_id()
        slips = self.journal.slips()
        names = self.journal.focus.titles_by_key()
        self.ids = [s.id for s in slips]
        self.table.setRowCount(len(slips))
        for row, stored in enumerate(slips):
            for column, text in enumerate(self._cells(stored.item, names)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in range(len(COLUMNS)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
        if selected in self.ids:
            self.table.selectRow(self.ids.index(selected))
        self.table.setVisible(bool(slips))
        for button in (self.back_button, self.edit_button, self.delete_button):
            button.setVisible(bool(slips))
        self._update_buttons()
        self.practices.reload()

    def _cells(self, slip: Slip, names: dict[str, str]) -> list[str]:
        local = self.journal.local(slip.at)
        when = short_date(local.date())
        return [
            f"{when}, {format_clock(local)}" if slip.time_known else when,
            back_words(return_time(slip)),
            slip.old_pattern,
            names.get(slip.focus_area, "") if slip.focus_area else "",
            slip.trigger,
            slip.what_helped,
        ]

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.ids):
            return None
        return self.ids[rows[0].row()]

    def _update_buttons(self) -> None:
        doc_id = self.selected_id()
        slip = self.journal.slip(doc_id) if doc_id is not None else None
        self.back_button.setEnabled(slip is not None and slip.is_open)
        self.edit_button.setEnabled(slip is not None)
        self.delete_button.setEnabled(slip is not None)

    def log(self) -> None:
        open_dialog(SlipDialog(self.journal, parent=self))

    def back(self) -> None:
        doc_id = self.selected_id()
        if doc_id is not None:
            open_dialog(BackOnTrackDialog(self.journal, doc_id, self))

    def edit(self) -> None:
        doc_id = self.selected_id()
        if doc_id is not None:
            open_dialog(SlipDialog(self.journal, doc_id, self))

    def delete(self) -> None:
        doc_id = self.selected_id()
        slip = self.journal.slip(doc_id) if doc_id is not None else None
        if doc_id is None or slip is None:
            return
        asked = confirm(
            self, _("Delete this slip?"),
            _("“{pattern}” will be removed, with what triggered it and what "
              "helped. Its return no longer counts in the time back on track. You can undo it "
              "for a few seconds.").format(pattern=slip.old_pattern),
        )
        if asked and delete_with_undo(  # issue 12: undo bar
            self, self.journal.session, "lapses", doc_id, _("Deleted a slip."),
            _("The slip was not deleted"), lambda: self.journal.delete_slip(doc_id),
        ):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
