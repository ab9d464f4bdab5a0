"""Logging a win: something that went well, in the person's own words."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.journal import Win
from desktop_app.services.journal import JournalInputError, JournalService, WinDraft
from desktop_app.ui.journal.acknowledge import acknowledge
from desktop_app.ui.journal.common import AreaPicker
from desktop_app.ui.widgets import ErrorLabel, heading, paragraph

WIN_INTRO = (
    "Big or small: a calm answer, a walk taken, a boundary kept. Writing it down makes it "
    "easier to see the change you are making."
)


class WinForm(QWidget):
    """The text of a win and the focus area it belongs to (if any)."""

    def __init__(
        self, journal: JournalService, win: Win | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.text = QPlainTextEdit(win.text if win else "")
        self.text.setObjectName("winText")
        self.text.setAccessibleName("What went well")
        self.text.setPlaceholderText("e.g. I listened to the end before answering")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 14)
        form.addRow("What went &well", self.text)
        self.area = AreaPicker(journal, "Focus area of the win", win.focus_area if win else None)
        self.area.setObjectName("winArea")
        if win is not None:
            self.area.set_key(win.focus_area)
        form.addRow("Focus a&rea", self.area)

    def draft(self) -> WinDraft:
        return WinDraft(self.text.toPlainText(), self.area.key())

    def problem(self) -> str | None:
        if not self.text.toPlainText().strip():
            return "Write a few words about what went well."
        return None


class WinDialog(QDialog):
    """Log a win at any time, or edit one."""

    def __init__(
        self, journal: JournalService, doc_id: int | None = None, win: Win | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("winDialog")
        self.journal = journal
        self.doc_id = doc_id
        self.setWindowTitle("Edit a win" if win else "Log a win")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), level=2))
        layout.addWidget(paragraph(WIN_INTRO))
        self.form = WinForm(journal, win)
        layout.addWidget(self.form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def save(self) -> None:
        try:
            if self.doc_id is None:
                reached = self.journal.log_win(self.form.draft())
            else:
                self.journal.update_win(self.doc_id, self.form.draft())
        except JournalInputError as error:
            self.error.show_error(str(error))
            return
        except OSError as error:
            self.error.show_error(f"Groundwork could not save this: {error}")
            return
        self.accept()
        if self.doc_id is None:
            acknowledge(self.parentWidget(), win=True, milestones=reached)
