"""Protect, change and remove a passphrase; the recovery key shown once; a new protected
profile; a plain export of a protected profile warns first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.ui.new_profile_dialog import NewProfileDialog
from desktop_app.ui.passphrase_dialogs import (
    ChangePassphraseDialog,
    ProtectDialog,
    RemovePassphraseDialog,
    strength_hint,
)
from desktop_app.ui.recovery_key import RecoveryKeyDialog
from tests.ui.fake_privacy import RECOVERY
from tests.ui.privacy_helpers import PASSPHRASE, fakes, protect_now, when_dialog

__all__ = ["fakes"]


def keep_the_key(qtbot, tmp_path: Path, seen: list[str]):
    def check(dialog: RecoveryKeyDialog) -> None:
        seen.append(dialog.key_label.text())
        assert not dialog.done_button.isEnabled()
        dialog.reject()  # Escape before keeping it: the key stays on screen, with a word
        assert dialog.isVisible() and "cannot be shown again" in dialog.note.text()
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "key.pdf"))
        dialog.print_to(printer)
        assert (tmp_path / "key.pdf").stat().st_size > 0
        dialog.kept.setChecked(True)
        dialog.done_button.click()

    return check


def test_protect_says_there_is_no_back_door_then_shows_the_key_once(
    qtbot, start_app, fakes, tmp_path: Path
) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    [fake] = fakes
    privacy = window.privacy
    assert privacy.action_protect.isEnabled() and not privacy.action_lock.isEnabled()
    seen_key: list[str] = []
    busy: list[bool] = []
    QGuiApplication.clipboard().setText("before")

    def protect(dialog: ProtectDialog) -> None:
        warning = dialog.pages.currentWidget().findChild(object, "noBackDoor")
        assert "There is no back door" in warning.text()
        assert "recovery key" in warning.text()
        dialog.ok.click()  # Continue
        assert dialog.ok.text() == "Protect"
        dialog.fields.first.setText("short")
        assert "easier to guess" in dialog.fields.hint.text()
        dialog.fields.second.setText("shorter")
        dialog.ok.click()
        assert "not the same" in dialog.error.text()
        dialog.fields.first.setText(PASSPHRASE)
        dialog.fields.second.setText(PASSPHRASE)
        assert dialog.fields.hint.text() == "That looks like a strong passphrase."
        fake.gate.clear()
        dialog.ok.click()
        busy.append(dialog.busy_box.isVisible() and dialog.busy_label.text() == "Protecting…")
        when_dialog(RecoveryKeyDialog, keep_the_key(qtbot, tmp_path, seen_key))
        fake.gate.set()

    when_dialog(ProtectDialog, protect)
    privacy.action_protect.trigger()
    assert busy == [True]
    assert seen_key == [RECOVERY]
    assert fake.passphrases == {startup.session.profile.id: PASSPHRASE}
    assert QGuiApplication.clipboard().text() == "before"
    assert not privacy.action_protect.isEnabled()
    assert privacy.action_change.isEnabled() and privacy.action_lock.isEnabled()


def test_change_and_remove_ask_for_the_current_passphrase(qtbot, start_app, fakes) -> None:
    startup = start_app("--profile", "Sam")
    [fake] = fakes
    profile_id = protect_now(startup, fake)
    privacy = startup.window.privacy

    def change(dialog: ChangePassphraseDialog) -> None:
        dialog.current.setText("not it")
        dialog.fields.first.setText("a new long passphrase here")
        dialog.fields.second.setText("a new long passphrase here")
        dialog.ok.click()
        qtbot.waitUntil(lambda: dialog.error.isVisible())
        assert "not the current passphrase" in dialog.error.text()
        assert dialog.isVisible()
        dialog.current.setText(PASSPHRASE)
        dialog.ok.click()

    when_dialog(ChangePassphraseDialog, change)
    privacy.action_change.trigger()
    assert fake.passphrases[profile_id] == "a new long passphrase here"

    def remove(dialog: RemovePassphraseDialog) -> None:
        dialog.ok.click()
        assert "type the current passphrase" in dialog.error.text()
        dialog.current.setText("a new long passphrase here")
        dialog.ok.click()

    when_dialog(RemovePassphraseDialog, remove)
    privacy.action_remove.trigger()
    assert fake.passphrases == {}
    assert privacy.action_protect.isEnabled() and not privacy.action_lock.isEnabled()


def test_a_new_profile_can_be_protected_from_the_start(
    qtbot, start_app, fakes, tmp_path: Path
) -> None:
    startup = start_app("--profile", "Sam")
    [fake] = fakes
    seen_key: list[str] = []

    def create(dialog: NewProfileDialog) -> None:
        dialog.edit.setText("Alex")
        assert not dialog.fields.isVisible()
        dialog.protect.setChecked(True)
        assert dialog.fields.isVisible() and "no back door" in dialog.warning.text()
        dialog.fields.first.setText(PASSPHRASE)
        dialog.fields.second.setText(PASSPHRASE)
        when_dialog(RecoveryKeyDialog, keep_the_key(qtbot, tmp_path, seen_key))
        dialog.buttons.accepted.emit()

    when_dialog(NewProfileDialog, create)
    startup.window.action_new.trigger()
    qtbot.waitUntil(lambda: seen_key == [RECOVERY])
    assert startup.session.profile.name == "Alex"
    assert fake.passphrases == {startup.session.profile.id: PASSPHRASE}


def test_strength_hints_are_gentle() -> None:
    assert strength_hint("") == ""
    assert "easier to guess" in strength_hint("abc")
    assert strength_hint("four words in row") == "That looks like a strong passphrase."


def test_a_plain_export_of_a_protected_profile_warns_and_names_the_file(
    qtbot, start_app, fakes, tmp_path: Path, monkeypatch
) -> None:
    startup = start_app("--profile", "Sam")
    protect_now(startup, fakes[0])
    target = tmp_path / "Sam copy.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said: list[str] = []

    def answer(choice: str):
        def press(box: QMessageBox) -> None:
            said.append(box.informativeText())
            [button] = [b for b in box.buttons() if b.text() == choice]
            button.click()

        return press

    when_dialog(QMessageBox, answer("Cancel"))
    startup.window.action_export.trigger()
    assert str(target) in said[0] and "Anyone who can open that file" in said[0]
    assert not target.exists()
    when_dialog(QMessageBox, answer("Save the plain copy"))
    startup.window.action_export.trigger()
    assert target.exists()
