"""Settings ▸ Language…: the choice is kept per computer and applies from the next start."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPushButton

from desktop_app import i18n
from desktop_app.i18n.catalogs import SETTING_FILE
from desktop_app.ui.language import RESTART_PROPERTY, LanguageDialog
from tests.conftest import when_modal


def choose(qtbot, window, name: str) -> QMessageBox:
    """Settings ▸ Language…, pick ``name``, OK; returns the message that follows."""
    def pick(dialog: LanguageDialog) -> None:
        rows = [dialog.choices.item(r).text() for r in range(dialog.choices.count())]
        assert rows[0] == "As the system"
        assert {"Deutsch", "English"} <= set(rows)
        dialog.choices.setCurrentRow(rows.index(name))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_modal(pick, LanguageDialog)
    window.action_language.trigger()
    qtbot.waitUntil(lambda: _message(window) is not None)
    return _message(window)


def _message(window) -> QMessageBox | None:
    box = window.findChild(QMessageBox, "languageRestart")
    return box if box is not None and box.isVisible() else None


def saved(window) -> dict[str, str]:
    return json.loads((Path(window.config_dir) / SETTING_FILE).read_text(encoding="utf-8"))


def test_choosing_german_keeps_it_and_offers_a_restart(qtbot, start_app) -> None:
    startup = start_app("--profile", "Ann")
    window = startup.window
    assert window.action_language.isVisible()
    box = choose(qtbot, window, "Deutsch")
    assert saved(window) == {"language": "de"}
    assert box.text() == "Groundwork will speak Deutsch from its next start. Restart it now?"
    qtbot.mouseClick(box.findChild(QPushButton, "restartLater"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert window.isVisible()
    assert i18n.language() == "en"  # this run stays English; the next start is German
    assert not QCoreApplication.instance().property(RESTART_PROPERTY)


def test_restart_now_closes_the_window_and_starts_again(qtbot, start_app) -> None:
    window = start_app("--profile", "Ann").window
    box = choose(qtbot, window, "Deutsch")
    qtbot.mouseClick(box.findChild(QPushButton, "restartNow"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    app = QCoreApplication.instance()
    assert app.property(RESTART_PROPERTY)  # app.main starts it again once the lock is free
    app.setProperty(RESTART_PROPERTY, False)


def test_with_a_form_open_the_new_language_waits_for_the_next_start(qtbot, start_app) -> None:
    window = start_app("--profile", "Ann").window
    form = QDialog(window)  # a form in progress (a check-in, a wizard) is a dialog
    form.setWindowTitle("Check-in")
    form.show()
    box = choose(qtbot, window, "Deutsch")
    assert box.findChild(QPushButton, "restartNow") is None
    assert "Finish what you have open first" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert window.isVisible() and form.isVisible()
    assert saved(window) == {"language": "de"}
    form.close()


def test_choosing_the_language_already_spoken_asks_nothing(qtbot, start_app) -> None:
    window = start_app("--profile", "Ann").window

    def pick(dialog: LanguageDialog) -> None:
        dialog.choices.setCurrentRow(0)  # As the system: English in the tests
        dialog.accept()

    when_modal(pick, LanguageDialog)
    window.action_language.trigger()
    assert saved(window) == {"language": ""}
    assert _message(window) is None


def test_groundwork_starts_in_the_chosen_language_with_qts_buttons(
    qtbot, start_app, computer: Path
) -> None:
    config = computer / "config_home" / "Groundwork"
    config.mkdir(parents=True, exist_ok=True)
    (config / SETTING_FILE).write_text('{"language": "de"}', encoding="utf-8")
    window = start_app("--profile", "Ann").window
    assert window.config_dir == config
    assert i18n.language() == "de"
    assert window.action_language.text() == "&Sprache…"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    text = buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    assert text == "Abbrechen"
