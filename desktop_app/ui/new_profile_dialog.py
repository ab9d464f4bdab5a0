"""Profile ▸ New profile, with an optional passphrase.

A protected profile is made as: key derivation off the UI thread first, then (fast, on the
UI thread) the profile is created and protected at once, before anything is written into
it, so the recovery key can be shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from desktop_app.domain.profiles import MAX_NAME_LENGTH, ProfileNameError
from desktop_app.services.privacy import PrivacyError, PrivacyService
from desktop_app.services.session import Session
from desktop_app.ui.passphrase_dialogs import NO_BACK_DOOR, NewPassphrase, SlowDialog
from desktop_app.ui.widgets import paragraph


class NewProfileDialog(SlowDialog):
    def __init__(self, session: Session, privacy: PrivacyService | None,
                 parent: QWidget | None = None) -> None:
        super().__init__("New profile", "Create", "Protecting…", parent)
        self.setObjectName("newProfileDialog")
        self.session = session
        self.privacy = privacy
        self.recovery_key: str | None = None
        self.body.addWidget(paragraph(
            "A profile keeps one person's assessments and journal apart from the others."
        ))
        self.edit = QLineEdit()
        self.edit.setObjectName("profileName")
        self.edit.setAccessibleName("Profile name")
        self.edit.setMaxLength(MAX_NAME_LENGTH * 4)
        self.body.addWidget(self.edit)
        self.protect = QCheckBox("Protect with a passphrase")
        self.protect.setObjectName("protectNewProfile")
        self.protect.setVisible(privacy is not None)
        self.body.addWidget(self.protect)
        self.warning = paragraph(NO_BACK_DOOR)
        self.fields = NewPassphrase()
        self.body.addWidget(self.warning)
        self.body.addWidget(self.fields)
        self.protect.toggled.connect(self._show_fields)
        self.edit.textEdited.connect(lambda _t: self.error.clear_error())
        self._show_fields(False)

    def _show_fields(self, on: bool) -> None:
        self.warning.setVisible(on)
        self.fields.setVisible(on)
        self.resize(max(self.width(), 520), self.sizeHint().height())

    def submit(self) -> None:
        try:
            name = self.session.profiles.check_name(self.edit.text())
        except ProfileNameError as error:
            self.error.show_error(str(error))
            self.edit.setFocus()
            return
        privacy = self.privacy
        if not self.protect.isChecked() or privacy is None:
            self._create(name, None)
            return
        problem = self.fields.problem()
        if problem:
            self.error.show_error(problem)
            return
        passphrase = self.fields.first.text()
        self.run(lambda: privacy.prepare_protect(passphrase), lambda p: self._create(name, p))

    def _create(self, name: str, prepared: Any) -> None:
        try:
            self.session.create_profile(name)
            if prepared is not None and self.privacy is not None:
                self.recovery_key = self.privacy.protect(prepared)
                self.session.notify()
        except ProfileNameError as error:
            self.error.show_error(str(error))
            return
        except (PrivacyError, OSError) as error:
            self.error.show_error(f"Groundwork could not make the profile: {error}")
            return
        self.accept()
