"""A warm word when a win is logged or a milestone is reached: said once, then out of the way.

A win on its own is thanked in place, in the window's notice area (no dialog to close each
time); a milestone or an alert still gets its own quiet window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QVBoxLayout, QWidget

from desktop_app.domain.milestones import Milestone
from desktop_app.i18n import N_, _
from desktop_app.ui.method_text import NOT_A_CRISIS_TOOL
from desktop_app.ui.notice_area import notice_area
from desktop_app.ui.widgets import heading, paragraph

WIN_TITLE = N_("A win, written down")
WIN_MESSAGE = N_(
    "Thank you for noting it. Wins like this are the change you are making, in your own "
    "words; they are kept under Journal → Wins for the days you want to look back."
)


class Acknowledgement(QDialog):
    """A short, quiet message with one button; Enter or Escape closes it."""

    def __init__(
        self,
        title: str,
        message: str = "",
        milestones: Sequence[Milestone] = (),
        alerts: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("acknowledgement")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.texts: list[str] = []
        layout.addWidget(heading(title, level=2))
        if message:
            self._add(layout, message)
        for milestone in milestones:
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            layout.addWidget(line)
            layout.addWidget(heading(milestone.title, level=3))
            self._add(layout, milestone.message)
        for alert in alerts:
            self._add(layout, alert)
        if alerts:
            self._add(layout, _(NOT_A_CRISIS_TOOL))
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _add(self, layout: QVBoxLayout, text: str) -> None:
        self.texts.append(text)
        label = paragraph(text)
        label.setAccessibleName(text)
        layout.addWidget(label)


def acknowledge(
    parent: QWidget | None,
    *,
    win: bool = False,
    milestones: Sequence[Milestone] = (),
    alerts: Sequence[str] = (),
) -> Acknowledgement | None:
    """Show what is worth saying (nothing at all when there is nothing); never blocks.

    Returns the dialog when one was opened; a win alone is said in place instead.
    """
    if not (win or milestones or alerts):
        return None
    if win and not (milestones or alerts):
        area = notice_area(parent)
        if area is not None:
            area.acknowledgement.say(_("{title}. {message}").format(
                title=_(WIN_TITLE), message=_(WIN_MESSAGE)))
            return None
    if win:
        title, message = _(WIN_TITLE), _(WIN_MESSAGE)
    elif alerts:
        title, message = _("Please take care"), ""
    elif len(milestones) == 1:
        title, message = milestones[0].title, milestones[0].message
        milestones = ()
    else:
        title, message = _("Worth noticing"), ""
    dialog = Acknowledgement(title, message, milestones, alerts, parent)
    dialog.open()
    return dialog
