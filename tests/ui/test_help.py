"""F1 opens Help ▸ How Groundwork works: the method, screens, keys, data folder; searchable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.ui.help_dialog import HelpDialog


def open_help(qtbot, window) -> HelpDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)

    def shown() -> HelpDialog | None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, HelpDialog) and w.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: shown() is not None)
    dialog = shown()
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_f1_opens_help_for_the_person_not_the_template_guide(
    qtbot, start_app, data_dir: Path
) -> None:
    window = start_app("--profile", "Sam").window
    dialog = open_help(qtbot, window)
    text = dialog.browser.toPlainText()
    assert dialog.windowTitle() == "How Groundwork works"
    for part in ("The method", "Home", "Assessments", "Progress", "Journal", "Keyboard",
                 "Where your data lives", "What Groundwork is not"):
        assert part in dialog.headings(), part
    assert "not a crisis service" in text
    assert str(data_dir) in text  # the real folder, not a placeholder
    # The shortcuts are read from the live menus, so they are always the real ones.
    assert "Go ▸ Progress" in text and "Ctrl+3" in text
    assert "Help ▸ How Groundwork works" in text and "F1" in text
    assert "KEYBOARD_SHORTCUTS" not in text and "DATA_FOLDER" not in text
    assert "meaningful_change" not in text  # the template guide stays apart


def test_help_is_searchable_with_the_keyboard(qtbot, start_app) -> None:
    window = start_app("--profile", "Sam").window
    dialog = open_help(qtbot, window)
    assert dialog.search.hasFocus() or dialog.focusWidget() is dialog.search
    qtbot.keyClicks(dialog.search, "backup")
    assert dialog.browser.textCursor().selectedText().lower() == "backup"
    first = dialog.browser.textCursor().position()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.browser.textCursor().position() > first  # on to the next place
    assert "is mentioned in" in dialog.status.text()
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "zebra crossing")
    assert dialog.status.text() == (
        "Nothing in the help mentions “zebra crossing”. Try another word.")


def test_the_contents_move_the_text_to_a_heading(qtbot, start_app) -> None:
    window = start_app("--profile", "Sam").window
    dialog = open_help(qtbot, window)
    names = dialog.headings()
    dialog.contents.setCurrentRow(names.index("What Groundwork is not"))
    cursor = dialog.browser.textCursor()
    assert cursor.block().text() == "What Groundwork is not"
    assert dialog.browser.verticalScrollBar().value() > 0


def test_help_is_shown_in_the_apps_language_with_english_as_fallback(
    qtbot, start_app, data_dir: Path, request
) -> None:
    import gettext

    from desktop_app import i18n
    from desktop_app.ui.help_dialog import help_file

    resources = Path(__file__).resolve().parents[2] / "resources"
    assert help_file(resources, "de").name == "how-groundwork-works.de.md"
    assert help_file(resources, "de_CH").name == "how-groundwork-works.de.md"
    assert help_file(resources, "fr").name == "how-groundwork-works.md"
    assert help_file(resources, "en").name == "how-groundwork-works.md"

    window = start_app("--profile", "Sam").window
    before = (i18n.active(), i18n.language())
    i18n.install(gettext.NullTranslations(), "de")
    request.addfinalizer(lambda: i18n.install(*before))
    dialog = open_help(qtbot, window)
    text = dialog.browser.toPlainText()
    for part in ("Die Methode", "Die Bildschirme", "Tastatur", "Wo deine Daten liegen",
                 "Was Groundwork nicht ist"):
        assert part in dialog.headings(), part
    assert "kein Krisendienst" in text and "not a crisis service" not in text
    assert str(data_dir) in text  # the placeholders are filled in the translation too
    assert "KEYBOARD_SHORTCUTS" not in text and "DATA_FOLDER" not in text
