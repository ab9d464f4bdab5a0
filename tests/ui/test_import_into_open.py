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
