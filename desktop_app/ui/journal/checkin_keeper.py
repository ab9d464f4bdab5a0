"""Keeps an open check-in as a draft: autosaved as the person goes, and asked about on close.

Escape, Close and the window's X never throw a check-in away unasked: with anything entered,
the person chooses to keep it as a draft, discard it, or go back to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.answers import Answer
from desktop_app.domain.templates import Template
from desktop_app.i18n import N_, _
from desktop_app.services.checkin_drafts import CheckInDrafts, CheckInWork
from desktop_app.services.journal import SlipDraft
from desktop_app.services.journal_settings import read_support
from desktop_app.services.session import Session
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.journal.slip_dialog import SlipForm
from desktop_app.ui.pending_save import PendingSave
from desktop_app.ui.wizard.draft_autosave import DraftAutosave
from desktop_app.ui.wizard.formatting import os_reason
from desktop_app.ui.wizard.template_wizard import TemplateWizard
from desktop_app.ui.wizard.wizard_save import wizard_buttons

KEEP = N_("Keep it as a draft")
DISCARD = N_("Discard")
GO_BACK = N_("Go back")


def ask_before_closing(wizard: TemplateWizard) -> str:
    """KEEP, DISCARD or GO_BACK; Escape on the question goes back, the safe way."""
    box = QMessageBox(wizard)
    box.setObjectName("closeCheckIn")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Close this check-in?"))
    box.setText(_("You have started this check-in. Keep what you wrote for later?"))
    box.setInformativeText(_(
        "A draft comes back as you left it when you next press Check in now. "
        "Discard throws these answers away."
    ))
    keep = box.addButton(_(KEEP), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_(DISCARD), QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton(_(GO_BACK), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is keep:
        return KEEP
    if clicked is discard:
        return DISCARD
    return GO_BACK


class CheckInKeeper(QObject):
    """Owns the draft of one open check-in wizard."""

    def __init__(self, session: Session, template: Template, wizard: TemplateWizard,
                 work: Callable[[int], CheckInWork], started_at: datetime, *,
                 has_draft: bool) -> None:
        super().__init__(wizard)
        self.session = session
        self.repo = session.require_repo()  # the draft belongs to this profile only
        self.template = template
        self.wizard = wizard
        self._work = work
        self.started_at = started_at
        self.has_draft = has_draft
        self.drafts = CheckInDrafts(session)
        self.autosave = DraftAutosave(wizard, self._save, session)
        self._may_close = False
        self._close_wait = PendingSave(wizard, session, wizard_buttons(wizard),
                                       lambda _text: None)

    def current(self, page: int | None = None) -> CheckInWork:
        index = self.wizard.currentId() if page is None else page
        return self._work(max(index, 0))

    def _profile_open(self) -> bool:
        return self.session.repo is self.repo

    def _save(self, _answers: Mapping[str, Answer | None], page: int) -> None:
        if not self._profile_open():
            return  # switched or closed: the draft saved so far stays in that profile
        work = self.current(page)
        if not self.has_draft and not work.has_content():
            return  # opened and paged through: nothing worth resuming
        self.drafts.save(self.template, work, self.started_at)
        self.has_draft = True

    def finished(self) -> None:
        """The check-in was stored (its draft went with it): save no more drafts."""
        self.autosave.stop()
        self.has_draft = False

    def close(self) -> bool:
        """The close handler: ask when there is something to lose, then keep or discard."""
        if self._may_close:
            return True
        if self._close_wait.waiting:
            return False
        if not self._profile_open():
            return True
        if not self.current().has_content():
            if not self.has_draft:
                return True
            return self._discard()  # resumed, then emptied: nothing is left to keep
        choice = ask_before_closing(self.wizard)
        if choice == GO_BACK:
            return False
        if choice == DISCARD:
            return self._discard()
        self.autosave.schedule()  # the draft is saved now, whatever the timer was doing
        if not self.autosave.flush():
            return False  # the notice on the wizard says why; the answers stay
        return self._close_wait.wait(self._close_now, self._close_failed)

    def _discard(self) -> bool:
        self.autosave.stop()
        try:
            self.drafts.discard(self.template.id)
        except OSError as error:
            self.wizard.show_notice(
                _("The draft could not be discarded ({reason}). It is still kept.").format(
                    reason=os_reason(error)),
                error=True,
            )
            return False
        self.has_draft = False
        return self._close_wait.wait(self._close_now, self._close_failed)

    def _close_failed(self, error: OSError) -> None:
        self.wizard.show_notice(
            _("Groundwork could not write to your profile ({reason}). Everything "
              "is still here in this window.").format(reason=os_reason(error)),
            error=True,
        )

    def _close_now(self) -> None:
        self._may_close = True
        self.wizard.reject()


def fill_slip(form: SlipForm, slip: SlipDraft) -> None:
    """The slip being written when the draft was saved (its times start afresh)."""
    form.area.set_key(slip.focus_area)
    form.old_pattern.setText(slip.old_pattern)
    form.trigger.setText(slip.trigger)
    form.helped.setText(slip.what_helped)
    form.note.setText(slip.note)
    form.back.setChecked(slip.back_on_track_at is not None)


def support_lines(ctx: ScreenContext) -> list[str]:
    """The person's own contacts from Settings, shown with any pointer to help."""
    return read_support(ctx.session.require_repo()).lines()
