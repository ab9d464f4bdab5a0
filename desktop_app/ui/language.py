"""Settings ▸ Language…, and Qt's own translations of its standard buttons and dialogs.

The language is chosen per computer (``language.json`` in its config folder) and applies
from the next start: every screen is built in one language. The dialog offers to restart at
once only when no other form is open, so nothing typed is lost; otherwise the new language
waits for the next start.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app import i18n
from desktop_app.i18n import _
from desktop_app.i18n.catalogs import (
    catalog_languages,
    chosen_language,
    resolve,
    save_choice,
)
from desktop_app.ui.widgets import heading, paragraph

RESTART_PROPERTY = "groundworkRestart"
SYSTEM = ""  # the list's code for "As the system"
CODE = Qt.ItemDataRole.UserRole


def own_name(code: str) -> str:
    """A language named in itself: "Deutsch", "English" (CLDR, via Babel)."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


class LanguageDialog(QDialog):
    """Lists "As the system" and every language with a catalog; OK keeps the choice."""

    def __init__(self, config_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config_dir = config_dir
        self.setObjectName("languageDialog")
        self.setWindowTitle(_("Language"))
        self.setMinimumWidth(380)  # the intro on two lines, not four
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Language"), level=2))
        layout.addWidget(paragraph(_(
            "The language Groundwork speaks on this computer. It applies from the next start."
        )))
        self.choices = QListWidget()
        self.choices.setObjectName("languageChoices")
        self.choices.setAccessibleName(_("Languages"))
        chosen = chosen_language(config_dir) or SYSTEM
        system = QListWidgetItem(_("As the system"))
        system.setData(CODE, SYSTEM)
        self.choices.addItem(system)
        for code in catalog_languages():
            item = QListWidgetItem(own_name(code))
            item.setData(CODE, code)
            self.choices.addItem(item)
        for row in range(self.choices.count()):
            if self.choices.item(row).data(CODE) == chosen:
                self.choices.setCurrentRow(row)
        layout.addWidget(self.choices)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def code(self) -> str:
        item = self.choices.currentItem()
        return str(item.data(CODE)) if item is not None else SYSTEM

    def accept(self) -> None:
        save_choice(self.config_dir, self.code() or None)
        super().accept()


def open_forms(window: QWidget) -> list[QWidget]:
    """Other dialogs and wizards on screen: forms that a restart now would close."""
    return [w for w in QApplication.topLevelWidgets()
            if w is not window and w.isVisible() and isinstance(w, QDialog)]


def choose_language(window: QWidget, config_dir: Path) -> QMessageBox | None:
    """Settings ▸ Language…: the dialog, then (if the language changes) when it applies.

    Returns the message shown after a change (tests answer it), or None.
    """
    dialog = LanguageDialog(config_dir, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    new = resolve(config_dir)
    if new == i18n.language():
        return None
    box = QMessageBox(window)
    box.setObjectName("languageRestart")
    box.setWindowTitle(_("Language"))
    box.setIcon(QMessageBox.Icon.Information)
    name = own_name(new)
    if open_forms(window):
        box.setText(_("Groundwork will speak {language} from its next start. Finish what you "
                      "have open first; nothing of it is lost.").format(language=name))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()
        return box
    box.setText(_("Groundwork will speak {language} from its next start. "
                  "Restart it now?").format(language=name))
    now = box.addButton(_("&Restart now"), QMessageBox.ButtonRole.AcceptRole)
    now.setObjectName("restartNow")
    later = box.addButton(_("&Later"), QMessageBox.ButtonRole.RejectRole)
    later.setObjectName("restartLater")
    box.setDefaultButton(later)

    def answered() -> None:
        if box.clickedButton() is now and window.close():
            app = QCoreApplication.instance()
            if app is not None:
                app.setProperty(RESTART_PROPERTY, True)

    box.finished.connect(answered)
    box.open()
    return box


def restart_command() -> list[str]:
    """How this process was started, to start it again (a bundle, or ``python -m``)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *sys.argv[1:]]
    return [sys.executable, "-m", "desktop_app", *sys.argv[1:]]


def restart_if_asked(app: QCoreApplication) -> None:
    """After the window closed and the data folder's lock is released: start again."""
    if app.property(RESTART_PROPERTY):
        app.setProperty(RESTART_PROPERTY, False)
        subprocess.Popen(restart_command(), start_new_session=True)
