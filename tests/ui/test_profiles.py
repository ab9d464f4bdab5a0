"""Profile flows driven through the real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton

from desktop_app import __version__
from desktop_app.ui.profile_dialogs import NameDialog
from tests.conftest import when_modal
from tests.disk import profile_folders, stored_names

profile_files = profile_folders


def create_first(qtbot, window, name: str) -> None:
    edit = window.welcome.findChild(QLineEdit, "profileName")
    qtbot.keyClicks(edit, name)
    button = window.welcome.findChild(QPushButton, "createProfile")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_first_start_greets_and_creates_a_profile(qtbot, start_app, data_dir: Path) -> None:
    startup = start_app()
    window = startup.window
    assert window.pages.currentWidget() is window.welcome
    create_first(qtbot, window, "  Sam  ")
    assert stored_names(data_dir) == ["Sam"]
    assert window.pages.currentWidget() is window.workspace
    assert window.screens["home"].greeting.text() == "Hello, Sam"
    assert "Sam" in window.windowTitle()
    # The display name never becomes a file name.
    assert all("Sam" not in p.name for p in profile_files(data_dir))


def test_enter_key_creates_the_profile(qtbot, start_app, data_dir: Path) -> None:
    window = start_app().window
    edit = window.welcome.findChild(QLineEdit, "profileName")
    qtbot.keyClicks(edit, "Alex")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert stored_names(data_dir) == ["Alex"]


def test_bad_names_get_inline_errors_and_nothing_is_written(
    qtbot, start_app, data_dir: Path
) -> None:
    window = start_app().window
    welcome = window.welcome
    cases = {
        "   ": "type a name",
        "x" * 61: "60 characters",
        "../../etc/passwd": "without slashes",
        "a\\b": "without slashes",
    }
    for name, words in cases.items():
        welcome.name_edit.setText(name)
        qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
        assert welcome.error.isVisible()
        assert words in welcome.error.text()
        assert profile_files(data_dir) == []
    # Typing again clears the message.
    qtbot.keyClicks(welcome.name_edit, "S")
    assert not welcome.error.isVisible()


def test_duplicate_names_are_refused_ignoring_case(qtbot, start_app, data_dir: Path) -> None:
    startup = start_app("--profile", "Sam")
    dialog = NameDialog("New profile", "", startup.session.create_profile)
    qtbot.addWidget(dialog)
    dialog.edit.setText("sam")
    dialog.buttons.accepted.emit()
    assert "already a profile called “Sam”" in dialog.error.text()  # as it is, not as typed
    assert stored_names(data_dir) == ["Sam"]


def test_new_profile_from_the_menu_and_switching(qtbot, start_app, data_dir: Path) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window

    def name_it(dialog) -> None:
        dialog.edit.setText("Work me")
        dialog.buttons.accepted.emit()

    when_modal(name_it)
    window.action_new.trigger()
    assert stored_names(data_dir) == ["Sam", "Work me"]
    assert startup.session.profile.name == "Work me"
    switch = {a.text(): a for a in window.switch_menu.actions()}
    assert set(switch) == {"Sam", "Work me"}
    switch["Sam"].trigger()
    assert startup.session.profile.name == "Sam"
    assert window.screens["home"].greeting.text() == "Hello, Sam"


def test_rename_keeps_the_file_and_changes_the_name(qtbot, start_app, data_dir: Path) -> None:
    startup = start_app("--profile", "Sam")
    before = profile_files(data_dir)

    def rename(dialog) -> None:
        dialog.edit.setText("")
        dialog.buttons.accepted.emit()
        assert "type a name" in dialog.error.text()  # stays open with the reason
        dialog.edit.setText("Samira")
        dialog.buttons.accepted.emit()

    when_modal(rename)
    startup.window.action_rename.trigger()
    assert profile_files(data_dir) == before
    assert stored_names(data_dir) == ["Samira"]
    assert "Samira" in startup.window.windowTitle()


def test_delete_says_what_is_lost_and_can_be_cancelled(qtbot, start_app, data_dir: Path) -> None:
    startup = start_app("--profile", "Sam")
    seen: list[str] = []

    def keep(box: QMessageBox) -> None:
        seen.append(box.informativeText())
        # Wide enough for a window manager to show the whole title, not "Delete pr…oundwork".
        title = f"{box.windowTitle()} — Groundwork"
        assert box.width() >= box.fontMetrics().horizontalAdvance(title) + 160
        next(b for b in box.buttons() if b.text() == "Keep it").click()

    when_modal(keep)
    startup.window.action_delete.trigger()
    assert "holds nothing yet" in seen[0]
    assert stored_names(data_dir) == ["Sam"]

    def delete(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "Delete profile").click()

    when_modal(delete)
    startup.window.action_delete.trigger()
    assert profile_files(data_dir) == []
    assert startup.window.pages.currentWidget() is startup.window.welcome


def test_last_profile_and_geometry_are_restored(qtbot, start_app, data_dir: Path) -> None:
    first = start_app("--profile", "Sam")
    first.window.switch_profile(first.session.profiles.refresh()[0].id)
    ids = {p.name: p.id for p in first.session.profiles.profiles}
    first.session.create_profile("Alex")
    first.window.resize(770, 530)
    first.window.close()
    first.shutdown()

    second = start_app()
    assert second.session.profile is not None
    assert second.session.profile.name == "Alex"
    assert second.session.profile.id != ids["Sam"]
    assert (second.window.width(), second.window.height()) == (770, 530)


def test_about_and_template_guide(qtbot, start_app, data_dir: Path) -> None:
    startup = start_app("--profile", "Sam")
    seen: dict[str, str] = {}

    def read_about(dialog) -> None:
        seen["about"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    when_modal(read_about)
    startup.window.show_about()
    assert __version__ in seen["about"]
    assert str(data_dir) in seen["about"]
    assert "not a diagnostic or crisis tool" in seen["about"]

    def read_guide(dialog) -> None:
        seen["guide"] = dialog.browser.toPlainText()
        dialog.reject()

    when_modal(read_guide)
    startup.window.open_template_guide()
    assert "meaningful_change" in seen["guide"]
