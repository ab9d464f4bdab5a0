"""The date-range filter shared by every chart (no matplotlib)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop_app.domain.progress import DateRange, months_back
from desktop_app.i18n import N_, _, pgettext

CUSTOM = "custom"
PRESETS: tuple[tuple[str, int | str | None], ...] = (
    (N_("The last 3 months"), 3),
    (N_("The last 6 months"), 6),
    (N_("The last year"), 12),
    (N_("The last 2 years"), 24),
    (N_("All time"), None),
    (N_("Dates I choose"), CUSTOM),
)
DEFAULT_PRESET = 2


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateRangeFilter(QWidget):
    """A preset period, or two dates; ``changed`` fires with every new choice."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(_("P&eriod:"))
        self.preset = QComboBox()
        self.preset.setObjectName("rangePreset")
        self.preset.setAccessibleName(_("Period to show"))
        for text, value in PRESETS:
            self.preset.addItem(_(text), value)
        self.preset.setCurrentIndex(DEFAULT_PRESET)
        label.setBuddy(self.preset)
        row.addWidget(label)
        row.addWidget(self.preset)
        self.from_label = QLabel(pgettext("date range", "&From"))
        self.start = QDateEdit()
        self.start.setObjectName("rangeStart")
        self.start.setAccessibleName(_("First day to show"))
        # Translators: between the two dates of a period: "From [1 Mar 2026] to [1 Jun 2026]".
        self.to_label = QLabel(pgettext("date range", "t&o"))
        self.end = QDateEdit()
        self.end.setObjectName("rangeEnd")
        self.end.setAccessibleName(_("Last day to show"))
        for text_label, edit in ((self.from_label, self.start), (self.to_label, self.end)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            text_label.setBuddy(edit)
            row.addWidget(text_label)
            row.addWidget(edit)
            edit.dateChanged.connect(self._dates_edited)
        row.addStretch(1)
        self.preset.currentIndexChanged.connect(self._preset_picked)
        self._show_dates()

    def set_today(self, today: date, first_day: date | None) -> None:
        """Where "the last …" ends, and the earliest day the date boxes start at."""
        self.today = today
        for edit in (self.start, self.end):
            edit.blockSignals(True)
            edit.setMaximumDate(_qdate(today))
        self.start.setDate(_qdate(first_day or today))
        self.end.setDate(_qdate(today))
        for edit in (self.start, self.end):
            edit.blockSignals(False)

    def date_range(self) -> DateRange:
        value = self.preset.currentData()
        if value == CUSTOM:
            start, end = _pydate(self.start.date()), _pydate(self.end.date())
            return DateRange(min(start, end), max(start, end))
        if isinstance(value, int):
            return months_back(self.today, value)
        return DateRange(None, self.today)

    def choose(self, index: int) -> None:
        """Pick a preset by position (``PRESETS``)."""
        self.preset.setCurrentIndex(index)

    def _preset_picked(self, _index: int) -> None:
        self._show_dates()
        self.changed.emit()

    def _dates_edited(self) -> None:
        if self.preset.currentData() == CUSTOM:
            self.changed.emit()

    def _show_dates(self) -> None:
        custom = self.preset.currentData() == CUSTOM
        for widget in (self.from_label, self.start, self.to_label, self.end):
            widget.setVisible(custom)
