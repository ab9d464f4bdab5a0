"""Finish on a wizard waits for its write to land (see :mod:`desktop_app.ui.pending_save`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget, QWizard

from desktop_app.services.session import Session
from desktop_app.ui.pending_save import PendingSave
from desktop_app.ui.wizard.template_wizard import TemplateWizard


def wizard_buttons(wizard: QWizard) -> list[QWidget]:
    """The buttons that are off while a save is on its way."""
    names = (QWizard.WizardButton.FinishButton, QWizard.WizardButton.NextButton,
             QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton)
    return [wizard.button(name) for name in names]


class WizardSave(QObject):
    """Finish on a wizard: store, wait for the write to land, then finish for real.

    ``store()`` writes through the services (False when it refused, having said why);
    ``failed(error)`` tells the person, on the wizard, that the write did not land. The
    wizard stays open meanwhile, and Cancel waits for the verdict.
    """

    def __init__(self, wizard: TemplateWizard, session: Session, store: Callable[[], bool],
                 failed: Callable[[OSError], None],
                 close: Callable[[], bool] | None = None) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self._store = store
        self._failed = failed
        self._close = close
        self.landed = False
        self.pending = PendingSave(wizard, session, wizard_buttons(wizard), wizard.show_notice)
        wizard.set_finish_handler(self._finish)
        wizard.set_close_handler(self._closing)

    def _finish(self) -> bool:
        if self.landed:
            return True
        if self.pending.waiting or not self._store():
            return False
        self.landed = self.pending.wait(self._landed, self._failed)
        return self.landed

    def _landed(self) -> None:
        self.landed = True
        self.wizard.button(QWizard.WizardButton.FinishButton).click()

    def _closing(self) -> bool:
        if self.pending.waiting:
            return False  # the save decides: it closes the wizard, or keeps it to say why
        return self._close() if self._close is not None else True
