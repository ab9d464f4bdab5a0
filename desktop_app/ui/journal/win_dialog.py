"""Logging a win: something that went well, in the person's own words."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.journal import Win
from desktop_app.i18n import N_, _
from desktop_app.services.journal import JournalInputError, JournalService, WinDraft
from desktop_app.ui.journal.acknowledge import acknowledge
from desktop_app.ui.journal.backfill import day_edit, from_qdate
from desktop_app.ui.journal.common import AreaPicker
from desktop_app.ui.journal.field_errors import lead_to
from desktop_app.ui.journal.save_dialog import SaveDialog
from desktop_app.ui.widgets import heading, paragraph

WIN_INTRO = N_(
    "Big or small: a calm answer, a walk taken, a boundary kept. Writing it down makes it "
    "easier to see the change you are making."
)


class WinForm(QWidget):
    """The text of a win, the focus area it belongs to (if any), and, on its own (not inside
    a check-in, which dates it), the day it happened: today unless changed, never later."""

    def __init__(
        self, journal: JournalService, win: Win | None = None, parent: QWidget | None = None,
        *, dated: bool = False,
    ) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.text = QPlainTextEdit(win.text if win else "")
        self.text.setObjectName("winText")
        self.text.setAccessibleName(_("What went well"))
        self.text.setPlaceholderText(_("e.g. I listened to the end before answering"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 14)
        form.addRow(_("What went &well"), self.text)
        self.area = AreaPicker(journal, _("Focus area of the win"), win.focus_area if win else None)
        self.area.setObjectName("winArea")
        if win is not None:
            self.area.set_key(win.focus_area)
        form.addRow(_("Focus a&rea"), self.area)
        self.day: QDateEdit | None = None
        if dated:
            today = journal.today()
            self.day = day_edit(
                _("Day of the win"), journal.local(win.at).date() if win else today, today
            )
            self.day.setObjectName("winDay")
            form.addRow(_("&Day"), self.day)

    def draft(self) -> WinDraft:
        day = from_qdate(self.day.date()) if self.day is not None else None
        return WinDraft(self.text.toPlainText(), self.area.key(), day=day)

    def problem(self) -> str | None:
        if not self.text.toPlainText().strip():
            return _("Write a few words about what went well.")
        return None


class WinDialog(SaveDialog):
    """Log a win at any time, or edit one."""

    def __init__(
        self, journal: JournalService, doc_id: str | None = None, win: Win | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("winDialog")
        self.journal = journal
        self.doc_id = doc_id
        self.setWindowTitle(_("Edit a win") if win else _("Log a win"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), level=2))
        layout.addWidget(paragraph(_(WIN_INTRO)))
        self.form = WinForm(journal, win, dated=True)
        layout.addWidget(self.form)
        self.add_save_buttons(layout, self.journal.session)
        self.setMinimumWidth(520)

    def store(self) -> object:
        if (problem := self.form.problem()) is not None:
            lead_to(self.error, self.form.text, self.form.problem)
            raise JournalInputError(problem)
        if self.doc_id is None:
            return self.journal.log_win(self.form.draft())
        self.journal.update_win(self.doc_id, self.form.draft())
        return None

    def stored(self, result: object) -> None:
        if self.doc_id is None:
            assert isinstance(result, list)
            acknowledge(self.parentWidget(), win=True, milestones=result)
