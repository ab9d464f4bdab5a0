"""Profile ▸ Backups…: the list with what each backup holds, Restore… with its confirmation,
and set-aside copies opened read-only, brought back and deleted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPlainTextEdit, QTableWidget

from desktop_app.storage.backups import take_daily
from desktop_app.ui.backups_dialog import BackupsDialog
from tests.services.test_backup_service import set_aside_copies
from tests.ui.privacy_helpers import when_dialog


def win(session, text: str) -> None:  # type: ignore[no-untyped-def]
    session.require_repo().write_version("wins", None, {"text": text})
    session.flush()


def open_dialog(qtbot, startup) -> BackupsDialog:  # type: ignore[no-untyped-def]
    startup.window.action_backups.trigger()
    dialog = startup.window.findChild(BackupsDialog, "backupsDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.status.text().startswith("Reading"))
    return dialog


def cells(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def answer(seen: list[str], button_text: str, *then: str) -> None:
    """Click ``button_text`` on the next message box, then the ``then`` buttons on the
    boxes that follow (each wait is set before the click that leads to its box)."""
    def click(box: QMessageBox) -> None:
        seen.append(box.text())
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
        if then:
            answer(seen, *then)
        button.click()

    when_dialog(QMessageBox, click)


def test_backups_list_what_they_hold_and_restore_after_a_warning(
        qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    # The start's notices are said once Home has painted: before this test's odd records.
    qtbot.waitUntil(lambda: startup.notices_said)
    session = startup.session
    win(session, "first")
    win(session, "second")
    clock.advance(days=1)
    take_daily(session.require_repo().path, session.device.id, clock())  # as a close would
    clock.advance(hours=1)
    win(session, "after the backup")
    dialog = open_dialog(qtbot, startup)
    rows = cells(dialog.table)
    name = session.device.name  # this computer, by its name
    # (None when the profile was made: it was empty then.)
    assert [r[:5] for r in rows] == [["15 Mar 2026", name, "0", "0", "2"]]
    # Cancel changes nothing.
    seen: list[str] = []
    answer(seen, "Cancel")
    qtbot.mouseClick(dialog.restore_button, qtbot_left())
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert len(session.require_repo().visible("wins")) == 3
    assert "15 Mar 2026" in seen[0] and "other computers" in seen[0]
    # Restore, then the result is said.
    answer(seen, "Restore", "OK")
    qtbot.mouseClick(dialog.restore_button, qtbot_left())
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert "back as they were on 15 Mar 2026" in seen[2]
    assert sorted(v.doc["text"] for v in session.require_repo().visible("wins")) == [
        "first", "second"]
    # The copy made before the restore is listed, holding the three wins.
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
    notes = {r[5]: r[4] for r in cells(dialog.table)}
    assert notes["before a restore"] == "3"
    dialog.reject()


def qtbot_left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_set_aside_copies_open_read_only_come_back_and_are_deleted(
        qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    # The start's notices are said once Home has painted: before this test's odd records.
    qtbot.waitUntil(lambda: startup.notices_said)
    session = startup.session
    readable, broken = set_aside_copies(session)
    dialog = open_dialog(qtbot, startup)
    qtbot.waitUntil(lambda: dialog.aside_table.rowCount() == 2)
    rows = {r[0].split("/")[1]: r for r in cells(dialog.aside_table)}
    assert rows["2026-01.json"][1] == "1" and "reads now" in rows["2026-01.json"][2]
    assert rows["2026-02.json"][1] == "cannot be read"
    # The unreadable one can only be deleted.
    broken_row = next(n for n, c in enumerate(dialog.copies) if c.path == broken)
    dialog.aside_table.selectRow(broken_row)
    assert not dialog.view_button.isEnabled() and not dialog.bring_button.isEnabled()
    assert dialog.delete_button.isEnabled()
    dialog.aside_table.selectRow(1 - broken_row)
    qtbot.mouseClick(dialog.view_button, qtbot_left())
    view = dialog.findChild(QDialog, "setAsideView")
    text = view.findChild(QPlainTextEdit, "setAsideText")
    assert text.isReadOnly() and "found again" in text.toPlainText()
    view.reject()
    seen: list[str] = []
    answer(seen, "Bring back", "OK")
    qtbot.mouseClick(dialog.bring_button, qtbot_left())
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[1] == "1 record added."
    assert [v.doc["text"] for v in session.require_repo().visible("wins")] == ["found again"]
    qtbot.waitUntil(lambda: dialog.delete_button.isEnabled())
    broken_row = next(n for n, c in enumerate(dialog.copies) if c.path == broken)
    dialog.aside_table.selectRow(broken_row)
    answer(seen, "Delete")
    qtbot.mouseClick(dialog.delete_button, qtbot_left())
    qtbot.waitUntil(lambda: dialog.aside_table.rowCount() == 1)
    assert not broken.exists() and readable.exists()
    dialog.reject()
    assert QApplication.activeModalWidget() is None
    assert Path(readable).is_file()
