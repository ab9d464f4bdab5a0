"""Saves a wizard's answers as a draft shortly after each edit or page change."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.domain.answers import Answer
from desktop_app.i18n import _
from desktop_app.services.session import Session
from desktop_app.ui.pending_save import on_landed
from desktop_app.ui.wizard.formatting import os_reason
from desktop_app.ui.wizard.template_wizard import TemplateWizard

# Long enough to gather a burst of typing into one write, short enough that a crash loses
# at most the last moment of work.
DELAY_MS = 400

SaveDraft = Callable[[Mapping[str, Answer | None], int], None]


class DraftAutosave(QObject):
    """Debounces edits and page changes into calls of ``save(answers, page)``.

    The draft's file lands on the profile's writer thread (fire and forget: the wizard
    never waits for the disk). A failed save (a full disk, say), at once or once the write
    failed, is shown on the wizard and retried on the next change; the answers stay in the
    wizard meanwhile.
    """

    failed = Signal(str)
    saved = Signal()

    def __init__(self, wizard: TemplateWizard, save: SaveDraft, session: Session,
                 delay_ms: int = DELAY_MS) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.session = session
        self._save = save
        self._page = max(wizard.currentId(), 0)
        self._pending = False
        self._failing = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)
        wizard.answers_changed.connect(self.schedule)
        wizard.currentIdChanged.connect(self._page_changed)

    @property
    def pending(self) -> bool:
        return self._pending

    def schedule(self) -> None:
        self._pending = True
        self.timer.start()

    def _page_changed(self, page_id: int) -> None:
        # Closing resets the wizard to page -1; the page to come back to is the last real one.
        if page_id >= 0 and page_id != self._page:
            self._page = page_id
            self.schedule()

    def flush(self) -> bool:
        """Save now if anything changed; False (and a notice on the wizard) if it failed."""
        self.timer.stop()
        if not self._pending:
            return True
        try:
            self._save(self.wizard.draft_answers(), self._page)
        except OSError as error:
            self._fail(error)
            return False
        self._pending = False
        on_landed(self.session.ticket(), self._landed)
        return True

    def _landed(self, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            if error is not None:
                self.session.recover()
            return
        if error is not None:
            self.session.recover()  # memory held the draft that did not land
            self._pending = True  # so the next change, or closing, tries again
            self._fail(error if isinstance(error, OSError) else OSError(str(error)))
            return
        if self._failing:
            self._failing = False
            self.wizard.show_notice("")
        self.saved.emit()

    def _fail(self, error: OSError) -> None:
        self._failing = True
        reason = os_reason(error)
        message = _(
            "Your answers could not be saved just now ({reason}). They are still here "
            "in this window, and Groundwork will try again when you change something."
        ).format(reason=reason)
        self.wizard.show_notice(message, error=True)
        self.failed.emit(message)

    def stop(self) -> None:
        """Forget unsaved changes (the answers were stored another way)."""
        self.timer.stop()
        self._pending = False
