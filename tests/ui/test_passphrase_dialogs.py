"""Protect, change and remove a passphrase; the recovery key shown once; a new protected
profile; a plain export of a protected profile warns first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.services.privacy import WrongPassphraseError
from desktop_app.storage import backups as store
from desktop_app.storage.crypto import MAGIC
from desktop_app.ui.new_profile_dialog import NewProfileDialog
from desktop_app.ui.passphrase_dialogs import (
    ChangePassphraseDialog,
    ProtectDialog,
    RemovePassphraseDialog,
    strength_hint,
)
from desktop_app.ui.recovery_key import RecoveryKeyDialog
from tests.services.test_report import pdf_text
from tests.ui.privacy_helpers import PASSPHRASE, kdf, pressing, protect_now, when_dialog

__all__ = ["kdf"]


def profile_files(data_dir: Path, profile_id: str) -> list[Path]:
    return [p for p in (data_dir / "profiles" / profile_id).rglob("*") if p.is_file()]


def all_sealed(data_dir: Path, profile_id: str) -> bool:
    """Every file of the profile but its key files is encrypted."""
    files = [p for p in profile_files(data_dir, profile_id) if p.name != "key.json"]
    return bool(files) and all(p.read_bytes().startswith(MAGIC) for p in files)


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
        if shutil.which("pdftotext"):
            printed = pdf_text(tmp_path / "key.pdf")
            assert all(line in printed for line in seen[-1].splitlines())
        dialog.kept.setChecked(True)
        dialog.done_button.click()

    return check


def test_protect_says_there_is_no_back_door_then_shows_the_key_once(
    qtbot, start_app, kdf, tmp_path: Path, data_dir: Path
) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    privacy = window.privacy
    service = startup.session.privacy
    assert privacy.action_protect.isEnabled() and not privacy.action_lock.isEnabled()
    seen_key: list[str] = []
    busy: list[bool] = []
    QGuiApplication.clipboard().setText("before")
    repo = startup.session.require_repo()
    assert store.take_daily(repo.path, repo.device, startup.session.clock())  # a plain one

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
        kdf.hold()
        dialog.ok.click()
        busy.append(dialog.busy_box.isVisible() and dialog.busy_label.text() == "Protecting…")
        when_dialog(RecoveryKeyDialog, keep_the_key(qtbot, tmp_path, seen_key))
        kdf.release()

    when_dialog(ProtectDialog, protect)
    privacy.action_protect.trigger()
    assert busy == [True]
    [recovery] = seen_key
    assert [len(line) for line in recovery.splitlines()] == [19, 19]  # 2 lines of 4 groups
    sam = startup.session.profile.id
    assert startup.session.flush(5)
    assert service.is_protected(sam) and startup.session.key is not None
    assert all_sealed(data_dir, sam)
    # The day's backup, taken in plain text before, is sealed too (off the UI thread,
    # while the dialog said so).
    [backup] = store.list_backups(data_dir / "profiles" / sam)
    copies = [c for c in store.backup_files(backup) if c.name != "key.json"]
    assert copies and all(c.read_bytes().startswith(MAGIC) for c in copies)
    assert store.verify(backup) == []
    assert service.unlock(sam, PASSPHRASE).profile_id == sam
    assert service.unlock(sam, recovery).profile_id == sam
    assert QGuiApplication.clipboard().text() == "before"
    assert not privacy.action_protect.isEnabled()
    assert privacy.action_change.isEnabled() and privacy.action_lock.isEnabled()


def test_change_and_remove_ask_for_the_current_passphrase(
    qtbot, start_app, kdf, data_dir: Path
) -> None:
    startup = start_app("--profile", "Sam")
    profile_id, recovery = protect_now(startup)
    privacy = startup.window.privacy
    service = startup.session.privacy

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
    assert service.unlock(profile_id, "a new long passphrase here").profile_id == profile_id
    with pytest.raises(WrongPassphraseError):
        service.unlock(profile_id, PASSPHRASE)
    assert service.unlock(profile_id, recovery).profile_id == profile_id  # it stays the same

    def remove(dialog: RemovePassphraseDialog) -> None:
        dialog.ok.click()
        assert "type the current passphrase" in dialog.error.text()
        dialog.current.setText("a new long passphrase here")
        dialog.ok.click()

    when_dialog(RemovePassphraseDialog, remove)
    privacy.action_remove.trigger()
    assert not service.is_protected(profile_id) and startup.session.key is None
    assert startup.session.flush(5)
    assert not any(p.read_bytes().startswith(MAGIC)
                   for p in profile_files(data_dir, profile_id) if p.name != "key.json")
    assert privacy.action_protect.isEnabled() and not privacy.action_lock.isEnabled()


def test_a_new_profile_can_be_protected_from_the_start(
    qtbot, start_app, kdf, tmp_path: Path, data_dir: Path
) -> None:
    startup = start_app("--profile", "Sam")
    seen_key: list[str] = []
    busy: list[bool] = []

    def create(dialog: NewProfileDialog) -> None:
        dialog.edit.setText("Alex")
        assert not dialog.fields.isVisible()
        dialog.protect.setChecked(True)
        assert dialog.fields.isVisible() and "no back door" in dialog.warning.text()
        dialog.fields.first.setText(PASSPHRASE)
        dialog.fields.second.setText(PASSPHRASE)
        when_dialog(RecoveryKeyDialog, keep_the_key(qtbot, tmp_path, seen_key))
        kdf.hold()
        dialog.buttons.accepted.emit()
        busy.append(dialog.busy_box.isVisible() and dialog.busy_label.text() == "Protecting…")
        assert startup.session.profile.name == "Sam"  # nothing made before the key is ready
        kdf.release()

    when_dialog(NewProfileDialog, create)
    startup.window.action_new.trigger()
    qtbot.waitUntil(lambda: len(seen_key) == 1)
    assert busy == [True]
    session = startup.session
    alex = session.profile.id
    assert session.profile.name == "Alex" and session.privacy.is_protected(alex)
    assert session.flush(5)
    assert all_sealed(data_dir, alex)  # encrypted from its very first file
    assert session.privacy.take_recovery_key() is None  # shown once, not kept
    assert session.privacy.unlock(alex, seen_key[0]).profile_id == alex
    assert session.privacy.unlock(alex, PASSPHRASE).profile_id == alex


def test_strength_hints_are_gentle() -> None:
    assert strength_hint("") == ""
    assert "easier to guess" in strength_hint("abc")
    assert strength_hint("four words in row") == "That looks like a strong passphrase."


def test_a_plain_export_of_a_protected_profile_warns_and_names_the_file(
    qtbot, start_app, kdf, tmp_path: Path, monkeypatch
) -> None:
    startup = start_app("--profile", "Sam")
    protect_now(startup)
    target = tmp_path / "Sam copy.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said: list[str] = []


    when_dialog(QMessageBox, pressing("Cancel", said))
    startup.window.action_export.trigger()  # Profile ▸ Export ▸ As JSON…
    assert str(target) in said[0] and "Anyone who can open that file" in said[0]
    assert not target.exists()
    when_dialog(QMessageBox, pressing("Save the plain export", said))
    startup.window.action_export.trigger()
    qtbot.waitUntil(lambda: not startup.window.transfer.busy and target.exists())


def test_the_recovery_key_window_never_holds_up_the_app_quitting(qtbot) -> None:
    dialog = RecoveryKeyDialog("Sam", "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6723")
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.key_label.text() == "ABCD-EFGH-JKLM-NPQR\nSTUV-WXYZ-2345-6723"
    dialog.reject()  # Escape: the person is asked to keep the key first
    assert dialog.isVisible()
    assert dialog.close()  # the app quitting closes every window: this one lets go
    assert not dialog.isVisible() and dialog.key_label.text() == ""
