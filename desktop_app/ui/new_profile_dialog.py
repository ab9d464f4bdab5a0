"""Profile ▸ New profile, with an optional passphrase.

A protected profile is made as: key derivation off the UI thread first ("Protecting…"),
then (fast, on the UI thread) the profile is created with that key, so its very first file
is encrypted; its recovery key is then shown once.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from desktop_app.domain.profiles import MAX_NAME_LENGTH, ProfileNameError
from desktop_app.i18n import _
from desktop_app.services.privacy import PreparedKey, PrivacyError
from desktop_app.services.session import Session
from desktop_app.ui.passphrase_dialogs import NO_BACK_DOOR, NewPassphrase, SlowDialog, reason
from desktop_app.ui.widgets import paragraph


class NewProfileDialog(SlowDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("New profile"), _("Create"), _("Protecting…"), parent)
        self.setObjectName("newProfileDialog")
        self.session = session
        self.recovery_key: str | None = None
        self.body.addWidget(paragraph(_(
            "A profile keeps one person's assessments and journal apart from the others."
        )))
        self.edit = QLineEdit()
        self.edit.setObjectName("profileName")
        self.edit.setAccessibleName(_("Profile name"))
        self.edit.setMaxLength(MAX_NAME_LENGTH * 4)
        name_row = QFormLayout()
        name_row.addRow(_("&Name:"), self.edit)
        self.body.addLayout(name_row)
        self.protect = QCheckBox(_("Protect with a passphrase"))
        self.protect.setObjectName("protectNewProfile")
        self.body.addWidget(self.protect)
        self.warning = paragraph(_(NO_BACK_DOOR))
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
        if not self.protect.isChecked():
            self._create(name, None)
            return
        problem = self.fields.problem()
        if problem:
            self.error.show_error(problem)
            return
        passphrase = self.fields.first.text()
        privacy = self.session.privacy
        self.run(lambda: privacy.prepare_protect(passphrase), lambda p: self._create(name, p))

    def _create(self, name: str, prepared: PreparedKey | None) -> None:
        try:
            self.session.create_profile(name, prepared=prepared)
        except ProfileNameError as error:
            self.error.show_error(str(error))
            return
        except (PrivacyError, OSError) as error:
            self.error.show_error(
                _("The profile was not made. {reason}").format(reason=reason(error))
            )
            return
        if prepared is not None:
            self.recovery_key = self.session.privacy.take_recovery_key()
        self.accept()
