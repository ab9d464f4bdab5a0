"""Profile ▸ Protect with a passphrase / Change passphrase / Remove passphrase.

Each dialog asks, runs the slow key derivation off the UI thread ("Protecting…"), then calls
the fast part of the privacy service on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import N_, _
from desktop_app.services.privacy import (
    PreparedKey,
    PrivacyError,
    TooSoonError,
    UnlockedKey,
    WrongPassphraseError,
)
from desktop_app.services.session import Session
from desktop_app.ui.background import run_in_background
from desktop_app.ui.unlock import wait_text
from desktop_app.ui.widgets import ErrorLabel, heading, paragraph

NO_BACK_DOOR = N_(
    "There is no back door. Groundwork cannot open a protected profile without its "
    "passphrase, and nobody else can either: not the people who make Groundwork, not a "
    "repair shop. If you forget the passphrase, the only other way in is the recovery key "
    "you will be shown next, once. Without both, what is in the profile cannot be recovered."
)


def strength_hint(passphrase: str) -> str:
    """A gentle word on length; never a rule."""
    words = len(passphrase.split())
    if not passphrase:
        return ""
    if len(passphrase) >= 16 or words >= 4:
        return _("That looks like a strong passphrase.")
    if len(passphrase) >= 10:
        return _("Good. A few more words would make it stronger still.")
    return _("Short passphrases are easier to guess. A few ordinary words in a row are easy "
             "to remember and hard to guess.")


def password_field(name: str, accessible: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def reason(error: PrivacyError | OSError) -> str:
    """Why a fast step failed, as a sentence (a PrivacyError is one already)."""
    if isinstance(error, OSError):
        return _("Groundwork could not write its files ({reason}).").format(
            reason=error.strerror or error)
    return str(error)


def wrong_passphrase_text(error: BaseException) -> str | None:
    if isinstance(error, WrongPassphraseError):
        if error.wait_seconds > 0:
            return _("That is not the current passphrase. Nothing has changed. {wait}").format(
                wait=wait_text(error.wait_seconds))
        return _("That is not the current passphrase. Nothing has changed.")
    if isinstance(error, TooSoonError):
        return _("Please wait a moment before the next try. {wait}").format(
            wait=wait_text(error.wait_seconds))
    if isinstance(error, PrivacyError):
        return str(error)
    return None


class SlowDialog(QDialog):
    """A dialog whose OK runs a slow call off the UI thread, showing ``busy_text`` meanwhile."""

    def __init__(self, title: str, ok_text: str, busy_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Not deleted on close: the caller reads the outcome, then calls deleteLater().
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.busy = False
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.body)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.busy_box = QWidget()
        row = QHBoxLayout(self.busy_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.busy_label = QLabel(busy_text)
        self.busy_label.setObjectName("busyLabel")
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setMaximumWidth(160)
        row.addWidget(self.busy_label)
        row.addWidget(bar)
        row.addStretch(1)
        self.busy_box.hide()
        layout.addWidget(self.busy_box)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("okButton")
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        raise NotImplementedError

    def reject(self) -> None:
        if not self.busy:  # the call is under way; its result must land somewhere
            super().reject()

    def run(self, function: Callable[[], Any], on_result: Callable[[Any], object],
            said: Callable[[BaseException], str | None] = wrong_passphrase_text) -> None:
        """``function`` off the UI thread, then ``on_result`` with its value; a failure that
        ``said`` puts in words is shown under the form, any other is raised."""
        self.set_busy(True)

        def done(value: Any) -> None:
            self.set_busy(False)
            on_result(value)

        def failed(error: BaseException) -> None:
            self.set_busy(False)
            text = said(error)
            if text is None:
                raise error
            self.error.show_error(text)

        run_in_background(self, function, done, failed)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_box.setVisible(busy)
        self.buttons.setEnabled(not busy)
        if busy:
            self.error.clear_error()


class NewPassphrase(QWidget):
    """A new passphrase typed twice, with a gentle hint on its strength."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.first = password_field("newPassphrase", _("New passphrase"))
        self.second = password_field("repeatPassphrase", _("New passphrase again"))
        form.addRow(_("&New passphrase:"), self.first)
        form.addRow(_("&Again:"), self.second)
        self.hint = QLabel()
        self.hint.setObjectName("strengthHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        form.addRow("", self.hint)
        self.first.textChanged.connect(lambda text: self.hint.setText(strength_hint(text)))

    def problem(self) -> str | None:
        if not self.first.text():
            return _("Please choose a passphrase.")
        if self.first.text() != self.second.text():
            return _("The two passphrases are not the same. Please type them again.")
        return None


class ProtectDialog(SlowDialog):
    """First what a passphrase means (no back door), then the passphrase twice."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Protect with a passphrase"), _("Continue"), _("Protecting…"), parent)
        self.setObjectName("protectDialog")
        self.session = session
        self.privacy = session.privacy
        self.recovery_key: str | None = None
        self.pages = QStackedWidget()
        about = QWidget()
        about_layout = QVBoxLayout(about)
        about_layout.addWidget(heading(_("Before you choose a passphrase"), 2))
        about_layout.addWidget(paragraph(_(
            "With a passphrase, everything in this profile is encrypted on this computer and "
            "in any folder it syncs to. Only its name stays readable, so you can pick it."
        )))
        warning = paragraph(_(NO_BACK_DOOR))
        warning.setObjectName("noBackDoor")
        warning.setStyleSheet("font-weight: bold;")
        about_layout.addWidget(warning)
        about_layout.addStretch(1)
        self.pages.addWidget(about)
        choose = QWidget()
        choose_layout = QVBoxLayout(choose)
        choose_layout.addWidget(heading(_("Choose a passphrase"), 2))
        choose_layout.addWidget(paragraph(_(
            "You will type it each time you open this profile. Type it twice, so a slip of "
            "the finger does not lock you out."
        )))
        self.fields = NewPassphrase()
        choose_layout.addWidget(self.fields)
        choose_layout.addStretch(1)
        self.pages.addWidget(choose)
        self.body.addWidget(self.pages)
        self.fields.second.returnPressed.connect(self.submit)
        self.resize(500, self.sizeHint().height())

    def submit(self) -> None:
        if self.pages.currentIndex() == 0:
            self.pages.setCurrentIndex(1)
            self.ok.setText(_("Protect"))
            self.fields.first.setFocus()
            return
        problem = self.fields.problem()
        if problem:
            self.error.show_error(problem)
            return
        passphrase = self.fields.first.text()
        privacy = self.privacy
        self.run(lambda: privacy.prepare_protect(passphrase), self._prepared)

    def _prepared(self, prepared: PreparedKey) -> None:
        try:
            self.recovery_key = self.privacy.protect(prepared, seal_leftovers=False)
        except (PrivacyError, OSError) as error:
            self.error.show_error(
                _("The profile was not protected. {reason}").format(reason=reason(error)))
            return
        self.session.notify()
        # Backups and set-aside copies made before are sealed too: many files at 20 years,
        # so off the UI thread; the dialog stays busy until they are done.
        self.busy_label.setText(_("Sealing your backups…"))
        self.run(self.privacy.take_pending_seal(), lambda _none: self.accept())


class ChangePassphraseDialog(SlowDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Change passphrase"), _("Change"), _("Changing…"), parent)
        self.setObjectName("changePassphraseDialog")
        self.session = session
        self.privacy = session.privacy
        self.current = password_field("currentPassphrase", _("Current passphrase"))
        form = QFormLayout()
        form.addRow(_("&Current passphrase:"), self.current)
        self.body.addLayout(form)
        self.fields = NewPassphrase()
        self.body.addWidget(self.fields)
        self.body.addWidget(paragraph(_("Your recovery key stays the same.")))

    def submit(self) -> None:
        if not self.current.text():
            self.error.show_error(_("Please type the current passphrase."))
            return
        problem = self.fields.problem()
        if problem:
            self.error.show_error(problem)
            return
        assert self.session.profile is not None
        profile_id, old = self.session.profile.id, self.current.text()
        new = self.fields.first.text()
        self.current.clear()
        privacy = self.privacy
        self.run(lambda: privacy.prepare_change(profile_id, old, new), self._prepared)

    def _prepared(self, prepared: PreparedKey) -> None:
        try:
            self.privacy.change_passphrase(prepared)
        except (PrivacyError, OSError) as error:
            self.error.show_error(
                _("The passphrase was not changed. {reason} The old one still works.")
                .format(reason=reason(error)))
            return
        self.accept()


class RemovePassphraseDialog(SlowDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Remove passphrase"), _("Remove passphrase"), _("Checking…"), parent)
        self.setObjectName("removePassphraseDialog")
        self.session = session
        self.privacy = session.privacy
        self.body.addWidget(paragraph(_(
            "Without a passphrase this profile is stored as plain text again: anyone who can "
            "read your files on this computer, or in a folder it syncs to, can read it."
        )))
        self.current = password_field("currentPassphrase", _("Current passphrase"))
        form = QFormLayout()
        form.addRow(_("&Current passphrase:"), self.current)
        self.body.addLayout(form)

    def submit(self) -> None:
        if not self.current.text():
            self.error.show_error(_("Please type the current passphrase."))
            return
        assert self.session.profile is not None
        profile_id, secret = self.session.profile.id, self.current.text()
        self.current.clear()
        privacy = self.privacy
        self.run(lambda: privacy.unlock(profile_id, secret), self._unlocked)

    def _unlocked(self, key: UnlockedKey) -> None:
        try:
            self.privacy.remove_passphrase(key)
        except (PrivacyError, OSError) as error:
            self.error.show_error(
                _("The passphrase was not removed. {reason}").format(reason=reason(error)))
            return
        self.session.notify()
        self.accept()
