"""Profile ▸ Import ▸ From a Groundwork export, added to the open profile: the records are
written off the UI thread as a new file of this computer's, which the window then takes in;
a busy state while it runs, one message after; a full disk changes nothing."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from desktop_app.services import import_file
from desktop_app.services.journal import JournalService, WinDraft
from desktop_app.ui.import_dialog import ImportDialog
from tests.conftest import when_modal
from tests.disk import folder_bytes, stored
from tests.ui.privacy_helpers import kdf, protect_now  # noqa: F401 (kdf: a fixture)
from tests.ui.test_export_import_menu import export_json, idle


def demo_export(qtbot, start_app, tmp_path: Path, monkeypatch) -> tuple[Any, Path]:
    """A 1-year demo exported, then a new empty profile "Sam" open."""
    startup = start_app("--demo", "--demo-years", "1")
    path = tmp_path / "demo.json"
    export_json(qtbot, startup, path, monkeypatch)
    startup.session.create_profile("Sam")
    return startup, path


def add_to_open(startup: Any, path: Path, monkeypatch) -> None:
    """Import ``path`` into the open profile (the dialog answered as a person would)."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))

    def choose(dialog: ImportDialog) -> None:
        dialog.into_open.setChecked(True)
        dialog.import_button.click()

    when_modal(choose)
    startup.window.transfer.action_import.trigger()


def busy_text(startup: Any) -> str:
    shown = startup.window.findChild(QProgressDialog, "transferProgress")
    return shown.labelText() if shown is not None and shown.isVisible() else ""


def test_records_are_written_off_the_ui_thread_and_shown_at_once(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    startup, path = demo_export(qtbot, start_app, tmp_path, monkeypatch)
    repo = startup.session.require_repo()
    writers: list[str] = []
    gate = threading.Event()
    write = import_file.write_history

    def held(shard: Any) -> None:
        writers.append(threading.current_thread().name)
        assert gate.wait(10)
        write(shard)

    monkeypatch.setattr(import_file, "write_history", held)
    add_to_open(startup, path, monkeypatch)
    qtbot.waitUntil(lambda: busy_text(startup) == "Adding to “Sam”…", timeout=20_000)
    assert not idle(startup) and repo.table_counts()["checkins"] == 0
    gate.set()
    qtbot.waitUntil(lambda: idle(startup), timeout=20_000)
    assert busy_text(startup) == ""
    assert writers and threading.main_thread().name not in writers
    assert "Added to “Sam”" in startup.window.statusBar().currentMessage()
    counts = repo.table_counts()
    assert counts["checkins"] > 100 and counts["wins"] > 0
    # What the window shows is what is on disk.
    on_disk = stored(repo)
    assert len(on_disk["checkins"]) == counts["checkins"]

    # The file of the import is one of its own: a later save never rewrites it.
    files = folder_bytes(repo)
    JournalService(startup.session).log_win(WinDraft("Asked for help."))
    later = folder_bytes(repo)
    imported = [name for name in files if name.endswith(".json")
                and name not in ("profile.json",) and files[name] == later.get(name)]
    assert imported
    assert len(stored(repo)["wins"]) == counts["wins"] + 1


def test_a_full_disk_changes_nothing_and_says_so(
    qtbot, start_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    startup, path = demo_export(qtbot, start_app, tmp_path, monkeypatch)
    repo = startup.session.require_repo()
    before, counts = folder_bytes(repo), dict(repo.table_counts())
    said: list[str] = []

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))

    def choose(dialog: ImportDialog) -> None:
        dialog.into_open.setChecked(True)
        dialog.import_button.click()
        when_modal(lambda box: (said.append(box.text()), box.accept()))

    when_modal(choose)
    startup.window.transfer.action_import.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert "could not be saved" in said[0] and "No space left on device" in said[0]
    assert "Nothing was added or changed" in said[0]
    monkeypatch.undo()
    assert idle(startup)
    assert repo.table_counts() == counts
    assert folder_bytes(repo) == before

    # Once there is room, the same import goes through.
    add_to_open(startup, path, monkeypatch)
    qtbot.waitUntil(lambda: idle(startup) and repo.table_counts()["checkins"] > 100,
                    timeout=20_000)


@pytest.mark.usefixtures("kdf")
def test_added_records_of_a_protected_profile_are_encrypted(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    startup, path = demo_export(qtbot, start_app, tmp_path, monkeypatch)
    protect_now(startup)
    repo = startup.session.require_repo()
    before = set(folder_bytes(repo))
    add_to_open(startup, path, monkeypatch)
    qtbot.waitUntil(lambda: idle(startup) and repo.table_counts()["checkins"] > 100,
                    timeout=20_000)
    made = {name: data for name, data in folder_bytes(repo).items() if name not in before}
    assert made and all(data.startswith(b"GWENC1") for data in made.values())
    assert b"checkins" not in b"".join(made.values())


def import_as_new(startup: Any, path: Path, monkeypatch, name: str, first: str,
                  again: str, said: dict[str, str]) -> None:
    """Import ``path`` into a new profile ``name`` protected by a passphrase typed twice."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))

    def choose(dialog: ImportDialog) -> None:
        dialog.name.setText(name)
        dialog.protect.click()
        said["shown"] = str(dialog.passphrase.isVisible())
        dialog.passphrase.first.setText(first)
        dialog.passphrase.second.setText(again)
        dialog.import_button.click()
        said["error"] = dialog.error.text() if dialog.error.isVisible() else ""
        if dialog.isVisible():
            dialog.reject()

    when_modal(choose)
    startup.window.transfer.action_import.trigger()


def test_an_import_into_a_new_profile_can_have_a_passphrase(
    qtbot, start_app, tmp_path: Path, monkeypatch, kdf: Any  # noqa: F811
) -> None:
    from desktop_app.ui.recovery_key import RecoveryKeyDialog
    from tests.ui.privacy_helpers import when_dialog

    startup, path = demo_export(qtbot, start_app, tmp_path, monkeypatch)
    said: dict[str, str] = {}
    import_as_new(startup, path, monkeypatch, "Kept", "quiet river", "quiet rivers", said)
    qtbot.waitUntil(lambda: "error" in said and idle(startup), timeout=20_000)
    assert said["shown"] == "True"
    assert "not the same" in said["error"]
    assert startup.session.profiles.find("Kept") is None

    said.clear()
    kdf.hold()  # the key derivation waits: the window goes on meanwhile
    shown: list[str] = []

    def keep(dialog: RecoveryKeyDialog) -> None:
        shown.append(dialog.key_label.text())
        dialog.kept.click()
        dialog.done_button.click()

    when_dialog(RecoveryKeyDialog, keep)
    import_as_new(startup, path, monkeypatch, "Kept", "quiet river", "quiet river", said)
    qtbot.waitUntil(lambda: busy_text(startup) == "Protecting…", timeout=20_000)
    assert startup.session.profile.name == "Sam"
    kdf.release()
    qtbot.waitUntil(lambda: idle(startup) and bool(shown), timeout=20_000)
    assert startup.session.profile.name == "Kept"
    assert startup.session.privacy.is_protected(startup.session.profile.id)
    assert startup.session.require_repo().count("checkins") > 100
    assert "Made the profile “Kept”" in startup.window.statusBar().currentMessage()
    files = folder_bytes(startup.session.require_repo())
    sealed = {n: b for n, b in files.items() if not n.endswith("key.json")}
    assert sealed and all(b.startswith(b"GWENC1") for b in sealed.values())


def test_homes_check_in_index_takes_in_the_import_and_equals_a_fresh_read(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    from desktop_app.services.journal_cache import CheckInIndex, checkin_index

    startup, path = demo_export(qtbot, start_app, tmp_path, monkeypatch)
    repo = startup.session.require_repo()
    index = checkin_index(repo)  # as Home reads it
    assert len(index) == 0
    for round_ in (1, 2):  # the second time the same records come again
        add_to_open(startup, path, monkeypatch)
        qtbot.waitUntil(lambda: idle(startup) and repo.table_counts()["checkins"] > 100,
                        timeout=20_000)
        assert checkin_index(repo) is index, round_  # carried over, not read again
        fresh = CheckInIndex(repo)
        assert index.times() == fresh.times()
        assert index.newest_first() == fresh.newest_first()
        newest = index.newest_first()[0]
        assert index.get(newest) == fresh.get(newest)
