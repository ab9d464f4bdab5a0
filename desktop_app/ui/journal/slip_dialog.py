"""Logging a slip: the old pattern, what triggered it, what helped me back; marking the return."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.journal import Slip
from desktop_app.i18n import N_, _
from desktop_app.services.journal import JournalInputError, JournalService, SlipDraft
from desktop_app.ui.journal.acknowledge import acknowledge
from desktop_app.ui.journal.common import AreaPicker, from_qt, moment_edit
from desktop_app.ui.journal.field_errors import lead_to
from desktop_app.ui.journal.save_dialog import SaveDialog
from desktop_app.ui.journal.slip_when import SlipWhen
from desktop_app.ui.widgets import ErrorLabel, heading, paragraph

SLIP_INTRO = N_(
    "A slip back into an old pattern is part of the work, not a failure. Writing down what "
    "triggered it and what helped you back makes the next return easier."
)


def _line(name: str, accessible: str, placeholder: str = "", text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(500)
    return edit


class SlipForm(QWidget):
    """The fields of a slip; ``with_times`` adds when it happened and when the return came."""

    def __init__(
        self, journal: JournalService, slip: Slip | None = None, *, with_times: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.with_times = with_times
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.area = AreaPicker(
            journal, _("Focus area of the slip"), slip.focus_area if slip else None)
        self.area.setObjectName("slipArea")
        self.area.set_key(slip.focus_area if slip else self.area.key())
        form.addRow(_("Focus &area"), self.area)
        self.old_pattern = _line(
            "oldPattern", _("The old pattern"), _("e.g. snapped at my partner when I was tired"),
            slip.old_pattern if slip else "",
        )
        form.addRow(_("The old &pattern"), self.old_pattern)
        self.trigger = _line(
            "trigger", _("What triggered it"), _("e.g. a long day, an email, no sleep"),
            slip.trigger if slip else "",
        )
        form.addRow(_("What &triggered it"), self.trigger)
        self.helped = _line(
            "whatHelped", _("What helped me back"),
            _("e.g. a walk, naming the feeling, an apology"),
            slip.what_helped if slip else "",
        )
        form.addRow(_("What &helped me back"), self.helped)
        self.note = _line("slipNote", _("Anything else about the slip"), _("optional"),
                          slip.note if slip else "")
        form.addRow(_("Anything &else"), self.note)
        now = journal.local(journal.now())
        when = journal.local(slip.at) if slip else now
        # A new slip in the check-in asks for the day only; the dialog starts from now.
        known = slip.time_known if slip else with_times
        self.when = SlipWhen(
            now.date(), now.time(), day=when.date(), at=when.time() if known else None
        )
        self.back = QCheckBox(_("I am back on track"))
        self.back.setObjectName("backOnTrack")
        self.back_when = moment_edit(
            _("When I was back on track"),
            journal.local(slip.back_on_track_at) if slip and slip.back_on_track_at else now,
            now,
        )
        self.back_when.setObjectName("backWhen")
        self.back.setChecked(bool(slip and slip.back_on_track_at))
        self.back.toggled.connect(self.back_when.setEnabled)
        self.back_when.setEnabled(self.back.isChecked())
        form.addRow(_("&When it happened"), self.when)
        if with_times:
            form.addRow(self.back)
            form.addRow(_("Back on track &since"), self.back_when)
        else:
            # Kept as a hidden child: without a parent it would be a window of its own,
            # freed only when Python's garbage collector happened to run.
            self.back_when.setParent(self)
            self.back_when.hide()
            form.addRow(self.back)

    def draft(self) -> SlipDraft:
        at = self.journal.moment(self.when.wall_time())
        back = None
        if self.back.isChecked():
            back = (
                self.journal.moment(from_qt(self.back_when.dateTime()))
                if self.with_times else self.journal.now()
            )
        return SlipDraft(
            old_pattern=self.old_pattern.text(),
            focus_area=self.area.key(),
            trigger=self.trigger.text(),
            what_helped=self.helped.text(),
            at=at,
            back_on_track_at=back,
            note=self.note.text(),
            time_known=self.when.time_known(),
        )

    def _pattern_problem(self) -> str | None:
        if not self.old_pattern.text().strip():
            return _("Describe the old pattern in a few words.")
        return None

    def problem(self) -> str | None:
        return self._pattern_problem() or self.when.problem()

    def lead_to_problem(self, error: ErrorLabel) -> bool:
        """Show the first problem on ``error`` and take the person to its field; False
        when there is none."""
        if self._pattern_problem():
            lead_to(error, self.old_pattern, self._pattern_problem)
        elif self.when.problem():
            lead_to(error, self.when.time, self.when.problem, self.when.knows_time,
                    self.when.day)
        else:
            return False
        return True


class SlipDialog(SaveDialog):
    """Log a slip at any time, or edit one."""

    def __init__(
        self, journal: JournalService, doc_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("slipDialog")
        self.journal = journal
        self.doc_id = doc_id
        slip = journal.slip(doc_id) if doc_id is not None else None
        self.setWindowTitle(_("Edit a slip") if slip else _("Log a slip"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), level=2))
        layout.addWidget(paragraph(_(SLIP_INTRO)))
        self.form = SlipForm(journal, slip)
        layout.addWidget(self.form)
        self.add_save_buttons(layout, self.journal.session)
        self.setMinimumWidth(560)

    def store(self) -> object:
        if self.form.lead_to_problem(self.error):
            raise JournalInputError(self.error.text())
        if self.doc_id is None:
            _doc_id, reached = self.journal.log_slip(self.form.draft())
            return reached
        self.journal.update_slip(self.doc_id, self.form.draft())
        return []

    def stored(self, result: object) -> None:
        assert isinstance(result, list)
        acknowledge(self.parentWidget(), milestones=result)


class BackOnTrackDialog(SaveDialog):
    """Mark the return from a slip now, with what helped."""

    def __init__(self, journal: JournalService, doc_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("backOnTrackDialog")
        self.journal = journal
        self.doc_id = doc_id
        slip = journal.slip(doc_id)
        self.setWindowTitle(_("Back on track"))
        layout = QVBoxLayout(self)
        pattern = slip.old_pattern if slip else _("the slip")
        layout.addWidget(paragraph(_(
            "Good to have you back from “{pattern}”. This marks the return as of now (to "
            "set another time, use Edit). What helped you back? It is worth remembering "
            "for next time."
        ).format(pattern=pattern)))
        self.helped = _line(
            "whatHelped", _("What helped me back"), _("optional"),
            slip.what_helped if slip else "",
        )
        form = QFormLayout()
        form.addRow(_("What &helped me back"), self.helped)
        layout.addLayout(form)
        self.add_save_buttons(layout, self.journal.session)
        self.setMinimumWidth(460)

    def store(self) -> object:
        return self.journal.back_on_track(self.doc_id, self.helped.text())

    def stored(self, result: object) -> None:
        assert isinstance(result, list)
        acknowledge(self.parentWidget(), milestones=result)
