"""Before a plain-text copy of a protected profile is written, say so and where it goes.

Every way out of the app in plain text (the report's PDF, the profile's JSON copy) calls
:func:`may_write_plain_copy` once the file is chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

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
    box.setWindowTitle(f"This {what} is not protected")
    box.setText(f"The {what} will be plain text, without your passphrase.")
    box.setInformativeText(
        f"It will be saved to:\n{target}\n\nAnyone who can open that file can read "
        f"everything in this {what}. Keep it somewhere private, and delete it when you no "
        "longer need it."
    )
    save = box.addButton(f"Save the plain {what}", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    confirmed = box.clickedButton() is save
    box.deleteLater()
    return confirmed
