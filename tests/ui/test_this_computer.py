"""Settings ▸ This computer: its name (default: the host name) and id, renamed inline."""

from __future__ import annotations

import errno
import json
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit

from desktop_app.app import EXIT_USAGE
from desktop_app.local_state import LocalFolders
from desktop_app.storage import device as device_module
from desktop_app.storage.atomic import StorageWriteError
from tests.conftest import when_modal


def device_file() -> Path:
    return LocalFolders.of_this_computer().config / "device.json"


def open_dialog(qtbot, window) -> QDialog:
    window.action_this_computer.trigger()
    dialog = window.findChildren(QDialog, "deviceDialog")[-1]  # a closed one may linger
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def parts(dialog: QDialog) -> tuple[QLineEdit, QLabel, QLabel]:
    return (
        dialog.findChild(QLineEdit, "deviceName"),
        dialog.findChild(QLabel, "deviceId"),
        dialog.error,
    )


def test_shows_the_host_name_and_the_id_kept_in_the_config_folder(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    stored = json.loads(device_file().read_text("utf-8"))
    assert startup.session.device.id == stored["id"]
    dialog = open_dialog(qtbot, startup.window)
    name, shown_id, error = parts(dialog)
    assert name.text() == socket.gethostname().split(".")[0]
    assert shown_id.text() == stored["id"]
    assert not error.isVisible()
    assert name.accessibleName() == "This computer's name"
    assert shown_id.accessibleName() == "This computer's id"
    assert dialog.focusWidget() is name
    # The data folder never holds this computer's identity.
    assert "device.json" not in {p.name for p in startup.session.data_dir.rglob("*")}


def test_rename_with_the_keyboard_is_kept(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    first_id = startup.session.device.id
    dialog = open_dialog(qtbot, startup.window)
    name, _id, _error = parts(dialog)
    name.selectAll()
    qtbot.keyClicks(name, "  Study   laptop ")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert json.loads(device_file().read_text("utf-8")) == {"id": first_id, "name": "Study laptop"}
    assert startup.session.device.name == "Study laptop"
    again = open_dialog(qtbot, startup.window)
    assert parts(again)[0].text() == "Study laptop"
    qtbot.keyClick(parts(again)[0], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not again.isVisible())


@pytest.mark.parametrize(
    ("typed", "words"),
    [("   ", "give this computer a name"), ("x" * 61, "under 60 characters")],
)
def test_a_bad_name_is_explained_inline_and_nothing_is_written(
    qtbot, start_app, typed: str, words: str
) -> None:
    startup = start_app("--profile", "Sam")
    before = device_file().read_bytes()
    dialog = open_dialog(qtbot, startup.window)
    name, _id, error = parts(dialog)
    name.selectAll()
    qtbot.keyClicks(name, typed)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert error.isVisible() and words in error.text()
    assert name.text() == typed and name.accessibleDescription() == error.text()
    assert device_file().read_bytes() == before
    qtbot.keyClicks(name, "a")  # typing again clears the message
    assert not error.isVisible()
    dialog.reject()


def test_a_failed_write_keeps_the_dialog_and_the_text(
    qtbot, start_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    startup = start_app("--profile", "Sam")
    before = device_file().read_bytes()
    old_name = startup.session.device.name

    def full_disk(path: Path, _payload: bytes) -> None:
        raise StorageWriteError(errno.ENOSPC, f"Could not save {path.name}: No space left")

    monkeypatch.setattr(device_module, "atomic_write_bytes", full_disk)
    dialog = open_dialog(qtbot, startup.window)
    name, _id, error = parts(dialog)
    name.selectAll()
    qtbot.keyClicks(name, "Kitchen PC")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and name.text() == "Kitchen PC"
    assert "No space left" in error.text() and "still here" in error.text()
    assert startup.session.device.name == old_name
    assert device_file().read_bytes() == before
    dialog.reject()


def test_no_config_folder_is_a_clear_refusal(start_app, tmp_path: Path, data_dir: Path, capfd):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    local = LocalFolders(blocker / "config", tmp_path / "state", tmp_path / "runtime")
    when_modal(lambda box: box.accept())  # type: ignore[attr-defined]
    assert start_app("--profile", "Sam", folders=local) == EXIT_USAGE
    err = capfd.readouterr().err
    assert f"could not keep this computer's name and id in {blocker / 'config'}" in err
    assert list(data_dir.iterdir()) == []
