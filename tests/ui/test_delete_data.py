"""Profile ▸ Delete lists the profile's backups and set-aside copies and removes them too;
Settings ▸ Delete all my data removes everything Groundwork wrote here, after a typed word."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.paths import default_config_dir, default_log_dir, default_state_dir
from desktop_app.ui.delete_all import DeleteAllDialog
from tests.ui.privacy_helpers import when_dialog


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}", "utf-8")
    return path


def test_deleting_a_profile_lists_and_removes_its_copies(qtbot, start_app, data_dir) -> None:
    startup = start_app("--profile", "Sam")
    session = startup.session
    repo = session.require_repo()
    repo.set_meta(v1_file="profile-1a2b3c4d")  # as a profile migrated from the first format
    sam = repo.profile_id
    profiles = data_dir / "profiles"
    aside = touch(profiles / "set-aside" / f"{sam}.d-0000000000000001.2026-03.1-2.json")
    backup = touch(profiles / "backups" / "profile-1a2b3c4d.v1.json")
    other = touch(profiles / "set-aside" / "p-aaaaaaaaaaaaaaaa.d-0000000000000001.x.json")
    shown: list[str] = []

    def confirm(box: QMessageBox) -> None:
        shown.append(box.informativeText())
        [delete] = [b for b in box.buttons() if b.text() == "Delete profile"]
        delete.click()

    when_dialog(QMessageBox, confirm)
    startup.window.action_delete.trigger()
    assert f"set-aside/{aside.name}" in shown[0] and f"backups/{backup.name}" in shown[0]
    assert "It also removes 2 copies of its files" in shown[0]
    assert not aside.exists() and not backup.exists() and other.exists()
    assert not (profiles / sam).exists()


def test_delete_all_my_data_needs_the_word_then_leaves_nothing(
    qtbot, start_app, data_dir, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache = touch(tmp_path / "cache" / "Groundwork" / "thumbs.bin")
    startup = start_app("--profile", "Sam")
    window = startup.window
    touch(data_dir / "templates" / "mine.toml")
    log = touch(default_log_dir() / "groundwork.log")
    foreign = touch(data_dir / "not-groundwork.txt")
    assert default_config_dir().exists() and default_state_dir().exists()
    listed: list[str] = []
    remains: list[str] = []

    def confirm(dialog: DeleteAllDialog) -> None:
        listed.append(dialog.findChild(object, "placesToDelete").toPlainText())
        assert not dialog.delete.isEnabled()
        dialog.typed.setText("delete")
        assert not dialog.delete.isEnabled()
        dialog.typed.setText("DELETE")
        when_dialog(QMessageBox, lambda box: (remains.append(box.text() + box.informativeText()),
                                              box.accept()))
        dialog.delete.click()

    when_dialog(DeleteAllDialog, confirm)
    window.privacy.action_delete_all.trigger()
    assert str(data_dir / "profiles") in listed[0] and str(default_log_dir()) in listed[0]
    assert "Nothing of it remains" in remains[0] and str(foreign) in remains[0]
    for gone in (data_dir / "profiles", data_dir / "templates", default_config_dir(),
                 default_state_dir(), log, cache):
        assert not gone.exists(), gone
    assert foreign.exists()
    assert not window.isVisible()
    assert not default_state_dir().exists()  # closing wrote no window state back


def test_keeping_my_data_changes_nothing(qtbot, start_app, data_dir) -> None:
    startup = start_app("--profile", "Sam")
    when_dialog(DeleteAllDialog, lambda dialog: dialog.reject())
    startup.window.privacy.action_delete_all.trigger()
    assert (data_dir / "profiles").exists() and startup.session.profile is not None
