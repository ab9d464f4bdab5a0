"""Before a plain-text copy of a protected profile is written, say so and where it goes.

Every way out of the app in plain text (the report's PDF, the profile's JSON copy) calls
:func:`may_write_plain_copy` once the file is chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.i18n import _
from desktop_app.services.session import Session
from desktop_app.ui.privacy_bridge import current_is_protected


def may_write_plain_copy(parent: QWidget, session: Session, what: str,
                         target: Path | str) -> bool:
    """True when ``what`` ("copy", "report") may be written to ``target`` in plain text:
    at once for a profile without passphrase, else after a warning the person accepts."""
    if not current_is_protected(session):
        return True
    box = QMessageBox(parent)
    box.setObjectName("plainExportWarning")
    box.setIcon(QMessageBox.Icon.Warning)
    title, text, details, button = _texts(what)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(details.format(target=target))
    save = box.addButton(button, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    confirmed = box.clickedButton() is save
    box.deleteLater()
    return confirmed


def _texts(what: str) -> tuple[str, str, str, str]:
    """Title, text, details (with ``{target}``) and button, whole sentences per kind of file."""
    if what == "report":
        return (
            _("This report is not protected"),
            _("The report will be plain text, without your passphrase."),
            _("It will be saved to:\n{target}\n\nAnyone who can open that file can read "
              "everything in this report. Keep it somewhere private, and delete it when you no "
              "longer need it."),
            _("Save the plain report"),
        )
    if what == "share":
        return (
            _("This share file is not protected"),
            _("The share file will be plain text, without a passphrase."),
            _("It will be saved to:\n{target}\n\nAnyone who can open that file can read your "
              "answers in it. Give it to your partner yourself, and delete it when it has "
              "arrived."),
            _("Save the plain share file"),
        )
    if what == "chart":
        return (
            _("This chart is not protected"),
            _("The chart will be plain text, without your passphrase."),
            _("It will be saved to:\n{target}\n\nAnyone who can open that file can read "
              "everything in this chart. Keep it somewhere private, and delete it when you no "
              "longer need it."),
            _("Save the plain chart"),
        )
    return (
        _("This export is not protected"),
        _("The export will be plain text, without your passphrase."),
        _("It will be saved to:\n{target}\n\nAnyone who can open that file can read "
          "everything in this export. Keep it somewhere private, and delete it when you no "
          "longer need it."),
        _("Save the plain export"),
    )
