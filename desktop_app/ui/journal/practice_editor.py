"""Editing practices: what I will do, and how often."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.journal import Cadence, CadenceKind, Practice
from desktop_app.i18n import N_, _
from desktop_app.services.focus import PracticeDraft

_KINDS = (
    (CadenceKind.DAILY, N_("Every day")),
    (CadenceKind.TIMES_PER_WEEK, N_("Some days a week")),
    (CadenceKind.WEEKLY, N_("Once a week")),
)


class PracticeRow(QWidget):
    """One practice: a line of text, a rhythm, and a way to remove it."""

    remove_requested = Signal(object)

    def __init__(
        self, area_title: str, number: int, practice: Practice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = practice.key if practice else None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.what = QLineEdit(practice.what if practice else "")
        self.what.setObjectName("practiceWhat")
        self.what.setPlaceholderText(
            _("What I will do, e.g. “Three slow breaths before I reply”"))
        self.what.setAccessibleName(_("{area}: practice {number}, what I will do").format(
            area=area_title, number=number))
        self.what.setMaxLength(300)
        row.addWidget(self.what, 1)
        self.kind = QComboBox()
        self.kind.setObjectName("practiceCadence")
        self.kind.setAccessibleName(_("{area}: practice {number}, how often").format(
            area=area_title, number=number))
        for kind, label in _KINDS:
            self.kind.addItem(_(label), kind.value)
        row.addWidget(self.kind)
        self.times = QSpinBox()
        self.times.setObjectName("practiceTimes")
        self.times.setRange(2, 6)
        self.times.setValue(3)
        # Translators: after a number from 2 to 6, e.g. "3 days a week".
        self.times.setSuffix(_(" days a week"))
        self.times.setAccessibleName(_("{area}: practice {number}, days a week").format(
            area=area_title, number=number))
        row.addWidget(self.times)
        self.remove = QPushButton(_("Remove"))
        self.remove.setObjectName("removePractice")
        self.remove.setAccessibleName(_("Remove practice {number} of {area}").format(
            number=number, area=area_title))
        self.remove.setAutoDefault(False)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        row.addWidget(self.remove)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if practice is not None:
            self.set_cadence(practice.cadence)
        self._kind_changed()

    def set_cadence(self, cadence: Cadence) -> None:
        if cadence.kind is CadenceKind.TIMES_PER_WEEK and cadence.times == 7:
            cadence = Cadence.daily()
        elif cadence.kind is CadenceKind.TIMES_PER_WEEK and cadence.times == 1:
            cadence = Cadence.weekly()
        self.kind.setCurrentIndex(self.kind.findData(cadence.kind.value))
        if cadence.kind is CadenceKind.TIMES_PER_WEEK:
            self.times.setValue(cadence.times)

    def cadence(self) -> Cadence:
        kind = CadenceKind(self.kind.currentData())
        if kind is CadenceKind.TIMES_PER_WEEK:
            return Cadence.per_week(self.times.value())
        return Cadence(kind)

    def _kind_changed(self) -> None:
        self.times.setVisible(self.kind.currentData() == CadenceKind.TIMES_PER_WEEK.value)

    def draft(self) -> PracticeDraft:
        return PracticeDraft(self.what.text(), self.cadence(), self.key)


class PracticeList(QWidget):
    """The practices of one focus area, with a button to add another."""

    def __init__(
        self, area_title: str, practices: Sequence[Practice] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.area_title = area_title
        self.rows: list[PracticeRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(_("Practices: concrete things you will do, and how often"))
        layout.addWidget(label)
        self._rows_layout = QVBoxLayout()
        layout.addLayout(self._rows_layout)
        self.add_button = QPushButton(_("Add a practice"))
        self.add_button.setObjectName("addPractice")
        self.add_button.setAccessibleName(_("Add a practice for {area}").format(area=area_title))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row().what.setFocus())
        button_row = QHBoxLayout()
        button_row.addWidget(self.add_button)
        button_row.addStretch(1)
        layout.addLayout(button_row)
        for practice in practices:
            self.add_row(practice)
        if not practices:
            self.add_row()

    def add_row(self, practice: Practice | None = None) -> PracticeRow:
        row = PracticeRow(self.area_title, len(self.rows) + 1, practice)
        row.remove_requested.connect(self._remove)
        # In the layout first: Qt ignores (with a warning) a Tab order across two windows.
        self._rows_layout.addWidget(row)
        # Rows are made after the add button: put each in the Tab chain before it.
        chain: list[QWidget] = [row.what, row.kind, row.times, row.remove, self.add_button]
        if self.rows:
            chain.insert(0, self.rows[-1].remove)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.rows.append(row)
        return row

    def _remove(self, row: PracticeRow) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.deleteLater()
        if self.rows:
            self.rows[-1].what.setFocus()
        else:
            self.add_button.setFocus()

    def drafts(self) -> list[PracticeDraft]:
        """The practices written so far; blank new rows are left out."""
        return [
            row.draft() for row in self.rows if row.what.text().strip() or row.key is not None
        ]
