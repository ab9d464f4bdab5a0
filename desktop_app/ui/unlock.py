"""Unlocking a protected profile: a panel used by the locked main window and by a dialog.

The key derivation runs on a worker thread (``background``); the panel shows "Unlocking…"
meanwhile, and after a wrong passphrase counts down the wait before the next try.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _, ngettext
from desktop_app.services.privacy import (
    PrivacyError,
    TooSoonError,
    UnlockedKey,
    WrongPassphraseError,
)
from desktop_app.services.session import Session
from desktop_app.storage.schema import ProfileFileError
from desktop_app.ui.background import run_in_background
from desktop_app.ui.widgets import ErrorLabel, heading, paragraph

if TYPE_CHECKING:
    from desktop_app.storage.repository import ProfileRepository

log = logging.getLogger(__name__)
TICK_MS = 250


@dataclass
class Unlocked:
    """What the unlock worker made: the key, and the profile read with it (or why not)."""

    key: UnlockedKey
    repo: ProfileRepository | None = None
    error: Exception | None = None


def unlock_and_read(session: Session, profile_id: str, secret: str) -> Unlocked:
    """On a worker thread: derive the key, then read, decrypt and merge the profile's files
    (``session.read_profile``), so the UI thread only switches to it and builds screens."""
    key = session.privacy.unlock(profile_id, secret)
    try:
        repo = session.read_profile(profile_id, key)
    except (ProfileFileError, PrivacyError, OSError) as error:
        return Unlocked(key, error=error)
    warm_home(session, repo)
    return Unlocked(key, repo)


def warm_home(session: Session, repo: ProfileRepository) -> None:
    """Still on the worker: what Home reads first, so its build on the UI thread finds it
    ready (the templates; the repository's memos, kept on ``repo``, which no other thread
    holds yet; Home's modules). Only a warm-up: a failure here is the build's to meet."""
    import copy

    from desktop_app.services.assessments import AssessmentService
    from desktop_app.services.journal import JournalService

    shadow = copy.copy(session)  # the same folder and services, with ``repo`` open
    shadow.repo = repo
    shadow._listeners = []
    try:
        import desktop_app.ui.screens.home  # noqa: F401  (classes only: no widget is made)

        session.templates  # noqa: B018  (read once, shared)
        if not session.profiles.summary(repo).has_history:
            return
        journal = JournalService(shadow)
        AssessmentService(shadow).unfinished()
        journal.due()
        journal.next_reminder()
        current = journal.focus.current()
        for area in current.item.areas if current else ():
            journal.focus.title_of(area.area)
        journal.milestones.pending()
        journal.latest_win()
        journal.latest_assessment()
    except Exception:
        log.debug("warming Home up failed", exc_info=True)


def _let_go(unlocked: Unlocked) -> None:
    """The panel went away while the profile was being read: close it, drop the key."""
    if unlocked.repo is not None:
        unlocked.repo.close(5.0)
    unlocked.key.wipe()


def _open_failed(error: Exception) -> str:
    if isinstance(error, ProfileFileError | PrivacyError):
        return str(error)
    return _("Groundwork could not open this profile: {reason}").format(reason=error)


def wait_text(seconds: float) -> str:
    whole = max(1, math.ceil(seconds))
    return ngettext("You can try again in {n} second.", "You can try again in {n} seconds.",
                    whole).format(n=whole)


class UnlockPanel(QWidget):
    """Passphrase (or recovery key) for one profile; emits ``opened`` once it is open."""

    opened = Signal(str)

    def __init__(self, session: Session, profile_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockPanel")
        self.session = session
        self.profile_id = profile_id
        self.recovery = False
        self.busy = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = heading("", 2)
        layout.addWidget(self.title)
        self.explain = paragraph("")
        layout.addWidget(self.explain)
        self.prompt = QLabel()
        self.field = QLineEdit()
        self.field.setObjectName("passphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.prompt.setBuddy(self.field)
        layout.addWidget(self.prompt)
        layout.addWidget(self.field)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.wait_label = QLabel()
        self.wait_label.setObjectName("retryWait")
        self.wait_label.hide()
        layout.addWidget(self.wait_label)
        busy_row = QHBoxLayout()
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("unlockBusy")
        self.busy_bar.setRange(0, 0)  # no known length: the bar moves to show work goes on
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        self.busy_label = QLabel(_("Unlocking…"))
        self.busy_label.setObjectName("unlockingLabel")
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.busy_bar)
        busy_row.addStretch(1)
        self.busy_box = QWidget()
        self.busy_box.setLayout(busy_row)
        self.busy_box.hide()
        layout.addWidget(self.busy_box)
        row = QHBoxLayout()
        self.switch_mode = QPushButton(_("Use recovery key instead"))
        self.switch_mode.setObjectName("useRecoveryKey")
        self.switch_mode.setFlat(True)
        row.addWidget(self.switch_mode)
        row.addStretch(1)
        self.unlock_button = QPushButton(_("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.field.returnPressed.connect(self.try_unlock)
        self.field.textEdited.connect(lambda _t: self.error.clear_error())
        self.switch_mode.clicked.connect(lambda: self.set_recovery(not self.recovery))
        self.setFocusProxy(self.field)
        self.set_profile(profile_id)

    def _name(self) -> str:
        info = self.session.profiles.by_id(self.profile_id)
        return info.name if info is not None else _("this profile")

    def set_profile(self, profile_id: str) -> None:
        self.profile_id = profile_id
        self.error.clear_error()
        self.field.clear()
        protected = self.session.privacy.is_protected(profile_id)
        self.title.setText((_("“{name}” is locked") if protected else _("“{name}”"))
                           .format(name=self._name()))
        self.explain.setText(
            _("Type its passphrase to open it. Everything in it stays encrypted until you do.")
            if protected else _("This profile has no passphrase.")
        )
        for widget in (self.prompt, self.field, self.switch_mode):
            widget.setVisible(protected)
        self.unlock_button.setText(_("Unlock") if protected else _("Open"))
        self.set_recovery(False)
        self._tick()

    def set_recovery(self, recovery: bool) -> None:
        self.recovery = recovery
        self.field.clear()
        self.prompt.setText(_("&Recovery key:") if recovery else _("&Passphrase:"))
        self.field.setAccessibleName(_("Recovery key") if recovery else _("Passphrase"))
        self.field.setPlaceholderText("XXXX-XXXX-…" if recovery else "")
        self.switch_mode.setText(_("Use my passphrase instead") if recovery
                                 else _("Use recovery key instead"))

    def try_unlock(self) -> None:
        if self.busy:
            return
        if not self.unlock_button.isEnabled():  # Enter during the back-off: say why not yet
            self.error.show_error(_("Not yet: after several wrong tries Groundwork waits a "
                                    "little before the next one. Press Enter again when the "
                                    "wait is over."))
            return
        privacy = self.session.privacy
        profile_id = self.profile_id
        if not privacy.is_protected(profile_id):
            self._open(None)
            return
        secret = self.field.text()
        if not secret.strip():
            self.error.show_error(_("Please type your recovery key.") if self.recovery
                                  else _("Please type your passphrase."))
            return
        self._set_busy(True)
        session = self.session
        run_in_background(self, lambda: unlock_and_read(session, profile_id, secret),
                          self._derived, self._failed, on_orphan=_let_go)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_box.setVisible(busy)
        if busy:
            self.error.clear_error()
        for widget in (self.field, self.unlock_button, self.switch_mode):
            widget.setEnabled(not busy)
        if not busy:
            self._tick()

    def _derived(self, unlocked: Unlocked) -> None:
        self._set_busy(False)
        self.field.clear()
        if unlocked.error is not None:
            self.error.show_error(_open_failed(unlocked.error))
            return
        self._open(unlocked.key, unlocked.repo)

    def _open(self, key: UnlockedKey | None, read: ProfileRepository | None = None) -> None:
        try:
            self.session.open_profile(self.profile_id, key, read=read)
        except (ProfileFileError, PrivacyError, OSError) as error:
            self.error.show_error(_open_failed(error))
            return
        self.opened.emit(self.profile_id)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.field.clear()
        if isinstance(error, WrongPassphraseError):
            text = (
                _("That recovery key does not open “{name}”. Nothing has changed; "
                  "please check it (and Caps Lock) and try again.") if self.recovery
                else _("That passphrase does not open “{name}”. Nothing has changed; "
                       "please check it (and Caps Lock) and try again.")
            ).format(name=self._name())
            if error.wait_seconds > 0:
                text = _("{message} After several wrong tries, each next try waits a little "
                         "longer.").format(message=text)
            self.error.show_error(text)
        elif isinstance(error, TooSoonError):
            self.error.show_error(_("Please wait a moment before the next try."))
        elif isinstance(error, PrivacyError):
            self.error.show_error(str(error))
        else:
            raise error
        self._tick()
        self.field.setFocus()

    def _tick(self) -> None:
        """Show the wait before the next try; the button waits with it."""
        privacy = self.session.privacy
        wait = 0.0
        if privacy.is_protected(self.profile_id):
            wait = privacy.retry_wait(self.profile_id)
        waiting = wait > 0
        self.wait_label.setVisible(waiting)
        if waiting:
            self.wait_label.setText(wait_text(wait))
            self.timer.start()
        else:
            self.timer.stop()
        if not self.busy:
            self.unlock_button.setEnabled(not waiting)


class UnlockScreen(QWidget):
    """The main window's page while the app is locked, or a protected profile waits to open."""

    def __init__(self, session: Session, profile_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockScreen")
        self.session = session
        card = QFrame(self)
        card.setMinimumWidth(460)
        card.setMaximumWidth(560)
        layout = QVBoxLayout(card)
        layout.setSpacing(12)
        self.chooser_label = QLabel(_("Profile:"))
        self.chooser = QComboBox()
        self.chooser.setObjectName("profileChooser")
        self.chooser.setAccessibleName(_("Profile"))
        self.chooser_label.setBuddy(self.chooser)
        chooser_row = QHBoxLayout()
        chooser_row.addWidget(self.chooser_label)
        chooser_row.addWidget(self.chooser, 1)
        layout.addLayout(chooser_row)
        self.panel = UnlockPanel(session, profile_id)
        layout.addWidget(self.panel)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFocusProxy(self.panel)
        self.chooser.activated.connect(self._chosen)
        self.show_profile(profile_id)

    def show_profile(self, profile_id: str) -> None:
        """Ask for ``profile_id``; the chooser offers every other profile instead."""
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for info in self.session.profiles.profiles:
            self.chooser.addItem(info.name, info.id)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(profile_id)))
        self.chooser.blockSignals(False)
        several = self.chooser.count() > 1
        self.chooser.setVisible(several)
        self.chooser_label.setVisible(several)
        self.panel.set_profile(profile_id)

    def _chosen(self, index: int) -> None:
        self.panel.set_profile(str(self.chooser.itemData(index)))
        self.panel.setFocus()


class UnlockDialog(QDialog):
    """Profile ▸ Switch to a protected profile: the current one stays open if cancelled."""

    def __init__(self, session: Session, profile_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(_("Open a protected profile"))
        layout = QVBoxLayout(self)
        self.panel = UnlockPanel(session, profile_id)
        layout.addWidget(self.panel)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = QPushButton(_("Cancel"))
        self.cancel.setObjectName("cancelUnlock")
        row.addWidget(self.cancel)
        layout.addLayout(row)
        self.cancel.clicked.connect(self.reject)
        self.panel.opened.connect(lambda _pid: self.accept())
        self.resize(440, self.sizeHint().height())
