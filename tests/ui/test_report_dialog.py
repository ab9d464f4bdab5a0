"""Journal ▸ Bring up (things to bring up) and ▸ Report for my next session…, driven by hand."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.ui.report.dialog import PREVIEW_WIDTH, ReportDialog
from desktop_app.ui.report.preview import ReportPreview
from tests.conftest import when_modal
from tests.services.test_report import needs_pdftotext, pdf_text
from tests.ui.privacy_helpers import PASSPHRASE, kdf, pressing, protect_now, when_dialog
from tests.ui.test_journal_editing import delete_on_confirm, journal_screen
from tests.ui.test_journal_support import click, journal_of, stored

__all__ = ["kdf"]

ROOT = Path(__file__).resolve().parents[2]


def topics_on_disk(startup: Any) -> list[tuple[str, bool]]:
    return sorted((t["text"], t["done_at"] is not None)
                  for t in stored(startup)["topics"].values())


def test_add_tick_and_delete_things_to_bring_up(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    tab = journal_screen(startup, "topics")

    click(qtbot, tab.add_button)  # nothing written yet: said, and nothing stored
    assert tab.message.isVisible() and "Write a few words" in tab.message.text()
    assert topics_on_disk(startup) == []

    qtbot.keyClicks(tab.text, "Ask about sleep")
    click(qtbot, tab.add_button)
    qtbot.keyClicks(tab.text, "The talk with my sister")
    qtbot.keyClick(tab.text, Qt.Key.Key_Return)
    assert topics_on_disk(startup) == [("Ask about sleep", False),
                                       ("The talk with my sister", False)]
    assert tab.text.text() == "" and not tab.message.isVisible()
    assert [tab.list.item(i).text().split("\n")[0] for i in range(tab.list.count())] == [
        "Ask about sleep", "The talk with my sister"]
    assert tab.list.item(0).text().endswith("Written today")

    tab.list.setCurrentRow(0)
    click(qtbot, tab.done_button)
    assert topics_on_disk(startup) == [("Ask about sleep", True),
                                       ("The talk with my sister", False)]
    # Talked about: it moves below the ones still to bring up, ticked.
    done = tab.list.item(1)
    assert done.text().startswith("Ask about sleep") and "talked about today" in done.text()
    assert done.checkState() == Qt.CheckState.Checked
    done.setCheckState(Qt.CheckState.Unchecked)  # the tick box, as a click or Space sets it
    assert topics_on_disk(startup) == [("Ask about sleep", False),
                                       ("The talk with my sister", False)]

    tab.list.setCurrentRow(1)
    when_modal(delete_on_confirm)
    click(qtbot, tab.delete_button)
    assert len(topics_on_disk(startup)) == 1 and tab.list.count() == 1


def open_report(qtbot, startup) -> ReportDialog:
    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    click(qtbot, screen.report_button)
    dialog = startup.window.findChild(ReportDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


@needs_pdftotext
def test_save_a_report_for_chosen_days_with_the_parts_ticked(
    qtbot, start_app, tmp_path: Path
) -> None:
    from desktop_app.services.journal import SlipDraft, WinDraft
    from tests.services.test_report import at

    startup = start_app("--profile", "Sam")
    journal = journal_of(startup)
    journal.log_win(WinDraft("Kept my boundary at work", at=at(3)))
    journal.log_win(WinDraft("Win from after the period", at=at(12)))
    journal.log_slip(SlipDraft("Snapped at a colleague", at=at(4)))
    dialog = open_report(qtbot, startup)
    assert "none yet" in dialog.since_last.text()

    dialog.start.setDate(QDate(2026, 3, 1))
    dialog.end.setDate(QDate(2026, 3, 10))
    assert dialog.chosen.isChecked()  # picking a day picks "these days"
    qtbot.keyClick(dialog.parts["slips"], Qt.Key.Key_Space)  # unticked: not in the report
    assert not dialog.parts["slips"].isChecked()
    dialog.paper.setCurrentText("Letter")
    target = tmp_path / "report.pdf"
    dialog.ask_target = lambda period: target  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.child.done, timeout=60_000):  # written by a child process
        click(qtbot, dialog.save_button)
        assert dialog.progress.isVisible() and not dialog.save_button.isEnabled()
    assert "Saved the report" in dialog.status.text()
    assert dialog.save_button.isEnabled() and not dialog.progress.isVisible()

    text = pdf_text(target)
    assert "Kept my boundary at work" in text and "1 Mar 2026 to 10 Mar 2026" in text
    assert "after the period" not in text
    assert "Snapped at a colleague" not in text and "Slips and returns" not in text
    last = stored(startup)["meta"]["1"]["last_report"]
    assert last["until"] == "2026-03-10" and last["made_at"].startswith("2026-03-14")

    dialog.close()
    qtbot.waitUntil(lambda: not startup.window.findChildren(ReportDialog))  # freed once closed
    again = open_report(qtbot, startup)
    assert "14 Mar 2026" in again.since_last.text()


@needs_pdftotext
def test_a_protected_profile_saves_its_report_after_a_warning(
    qtbot, start_app, tmp_path: Path, kdf, data_dir: Path
) -> None:
    """The child process gets the data key through a pipe: not in its arguments, not on disk."""
    from desktop_app.services.journal import WinDraft
    from desktop_app.storage.crypto import MAGIC
    from tests.services.test_report import at

    startup = start_app("--profile", "Sam")
    protect_now(startup)
    journal_of(startup).log_win(WinDraft("Said no to the extra shift", at=at(3)))
    assert startup.session.flush(5)
    shard = next((data_dir / "profiles").rglob("2026-03.json"))
    assert shard.read_bytes().startswith(MAGIC)
    dialog = open_report(qtbot, startup)
    dialog.start.setDate(QDate(2026, 3, 1))
    dialog.end.setDate(QDate(2026, 3, 10))
    target = tmp_path / "report.pdf"
    dialog.ask_target = lambda period: target  # type: ignore[method-assign]
    warned: list[str] = []

    def answer(choice: str):
        def press(box: QMessageBox) -> None:
            warned.append(box.informativeText())
            [button] = [b for b in box.buttons() if b.text() == choice]
            button.click()
        return press

    when_dialog(QMessageBox, answer("Cancel"))
    click(qtbot, dialog.save_button)
    assert str(target) in warned[0] and not target.exists() and not dialog.busy

    started = arguments_of(dialog.child)
    when_dialog(QMessageBox, answer("Save the plain report"))
    with qtbot.waitSignal(dialog.child.done, timeout=60_000):
        click(qtbot, dialog.save_button)
    assert "Saved the report" in dialog.status.text()
    assert "Said no to the extra shift" in pdf_text(target)
    [arguments] = started
    assert "--key-stdin" in arguments and PASSPHRASE not in " ".join(arguments)
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and PASSPHRASE.encode()
                in p.read_bytes()]


def test_a_bad_period_or_no_part_is_said_and_nothing_is_made(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    dialog = open_report(qtbot, startup)
    dialog.ask_target = lambda period: None  # type: ignore[method-assign]
    dialog.start.setDate(QDate(2026, 3, 10))
    dialog.end.setDate(QDate(2026, 3, 1))
    click(qtbot, dialog.save_button)
    assert "first day comes after the last day" in dialog.status.text()
    dialog.end.setDate(QDate(2026, 3, 12))
    for check in dialog.parts.values():
        check.setChecked(False)
    click(qtbot, dialog.preview_button)
    assert "Tick at least one part" in dialog.status.text()
    assert not dialog.busy and "last_report" not in stored(startup)["meta"]["1"]


def test_a_pdf_that_cannot_be_written_is_said_and_not_remembered(
    qtbot, start_app, tmp_path: Path
) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    dialog = open_report(qtbot, startup)
    dialog.ask_target = lambda period: tmp_path / "no such folder" / "r.pdf"  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.child.failed, timeout=60_000):
        click(qtbot, dialog.save_button)
    assert dialog.status.text().startswith("The report could not be saved: ")
    assert "does not exist" in dialog.status.text()
    assert dialog.save_button.isEnabled() and "last_report" not in stored(startup)["meta"]["1"]


def printing_to(dialog: ReportDialog, target: Path, asked: list[str]) -> None:
    """The print dialog answered: "print to file" ``target`` (as a person can choose)."""
    def ask(printer: QPrinter) -> bool:
        asked.append(printer.docName())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    dialog.ask_printer = ask  # type: ignore[method-assign]


def noting_threads(monkeypatch, module: Any, name: str) -> list[str]:
    """Wrap ``module.name`` to note the thread each call runs on."""
    threads: list[str] = []
    original = getattr(module, name)

    def noting(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, noting)
    return threads


@needs_pdftotext
def test_preview_pages_are_drawn_by_a_child_process_and_print_marks_the_report_made(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    from desktop_app.services.journal import WinDraft
    from desktop_app.ui.report import render

    startup = start_app("--profile", "Sam")
    journal_of(startup).log_win(WinDraft("Walked home the long way"))
    drawn = noting_threads(monkeypatch, render, "page_images")
    painted = noting_threads(monkeypatch, render, "paint_on")
    dialog = open_report(qtbot, startup)
    with qtbot.waitSignal(dialog.preview_child.done, timeout=60_000):
        click(qtbot, dialog.preview_button)
        assert dialog.preview_child.process is not None
        assert dialog.preview_child.process.processId() != os.getpid()
    preview = dialog.findChild(ReportPreview)
    assert preview is not None
    qtbot.waitUntil(preview.isVisible)
    count = preview.count()
    assert count >= 1 and preview.status.text() == f"{count} page{'s' if count > 1 else ''}"
    assert not drawn  # not in this process: its Qt calls held the window's interpreter
    assert not dialog.busy
    qtbot.waitUntil(lambda: 0 in preview.pages.decoded())  # decoded once on screen
    assert preview.pages.image(0).width() == PREVIEW_WIDTH
    assert preview.pages.width() > PREVIEW_WIDTH
    # A preview is not a report made: "since my last report" does not move.
    assert "last_report" not in stored(startup)["meta"]["1"]

    target = tmp_path / "printed.pdf"
    asked: list[str] = []
    printing_to(dialog, target, asked)
    assert preview.print_button.isEnabled()
    with qtbot.waitSignal(dialog.worker.done, timeout=60_000):  # built for printing
        click(qtbot, preview.print_button)
    qtbot.waitUntil(lambda: "sent to the printer" in dialog.status.text(), timeout=60_000)
    assert asked == ["Since my last session"]
    assert painted and threading.main_thread().name not in painted
    assert "Walked home the long way" in pdf_text(target)
    assert stored(startup)["meta"]["1"]["last_report"]["until"] == "2026-03-14"
    preview.close()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not preview)


@needs_pdftotext
def test_a_preview_shows_what_was_saved_a_moment_ago_in_the_reports_own_title(
    qtbot, start_app, tmp_path: Path
) -> None:
    from desktop_app.services.journal import WinDraft

    startup = start_app("--profile", "Sam")
    journal_of(startup).log_win(WinDraft("Fixed the bike with my daughter"))
    dialog = open_report(qtbot, startup)
    started = arguments_of(dialog.preview_child)
    with qtbot.waitSignal(dialog.preview_child.done, timeout=60_000):
        click(qtbot, dialog.preview_button)
    preview = dialog.findChild(ReportPreview)
    assert preview is not None and preview.count() >= 1
    # The child drew pictures; the same request as a PDF shows what they hold in words.
    [arguments] = started
    width = arguments.index("--preview-width")
    as_pdf = arguments[:width] + arguments[width + 2:]
    out = tmp_path / "same.pdf"
    as_pdf[as_pdf.index("--out") + 1] = str(out)
    done = subprocess.run([sys.executable, *as_pdf], capture_output=True, text=True,
                          timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert "Since my last session" in text and "Fixed the bike with my daughter" in text


@pytest.mark.usefixtures("kdf")
def test_a_protected_profiles_preview_gets_its_key_through_a_pipe_and_writes_nothing(
    qtbot, start_app, tmp_path: Path
) -> None:
    from desktop_app.services.journal import WinDraft

    startup = start_app("--profile", "Sam")
    protect_now(startup)
    journal_of(startup).log_win(WinDraft("Asked for help at the right moment"))
    dialog = open_report(qtbot, startup)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    started = arguments_of(dialog.preview_child)
    with qtbot.waitSignal(dialog.preview_child.done, timeout=60_000):
        click(qtbot, dialog.preview_button)
    preview = dialog.findChild(ReportPreview)
    assert preview is not None and preview.count() >= 1
    [arguments] = started
    assert "--key-stdin" in arguments and PASSPHRASE not in " ".join(arguments)
    written = [p for p in tmp_path.rglob("*") if p.is_file()
               and before.get(p) != p.stat().st_mtime_ns]
    assert not [p for p in written if b"Asked for help" in p.read_bytes()
                or PASSPHRASE.encode() in p.read_bytes()]
    preview.close()


def arguments_of(child: Any) -> list[list[str]]:
    """The command line of each child ``child`` starts (its ``process`` once started)."""
    started: list[list[str]] = []
    original = child.start

    def start(*args: Any) -> None:
        original(*args)
        started.append(child.process.arguments())

    child.start = start
    return started


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_closing_the_preview_while_its_pages_come_stops_the_child(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    dialog = open_report(qtbot, startup)
    click(qtbot, dialog.preview_button)
    assert dialog.busy
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60_000)
    process = dialog.preview_child.process
    pid = process.processId() if process is not None else 0
    dialog.preview.close()
    qtbot.waitUntil(lambda: not dialog.busy)
    if pid:  # still drawing when closed (a short report may be done by then)
        qtbot.waitUntil(lambda: not _running(pid))
        assert dialog.status.text() == ""
    assert dialog.preview_button.isEnabled() and dialog.preview is None


@pytest.mark.usefixtures("kdf")
def test_printing_a_protected_profiles_report_warns_first(
    qtbot, start_app, tmp_path: Path
) -> None:
    startup = start_app("--profile", "Sam")
    protect_now(startup)
    dialog = open_report(qtbot, startup)
    target = tmp_path / "printed.pdf"
    asked: list[str] = []
    printing_to(dialog, target, asked)
    warned: list[str] = []
    when_dialog(QMessageBox, pressing("Cancel", warned))
    with qtbot.waitSignal(dialog.worker.done, timeout=60_000):
        click(qtbot, dialog.print_button)  # built first, then the print dialog, the warning
    qtbot.waitUntil(lambda: bool(warned))
    assert str(target) in warned[0] and "Anyone who can open that file" in warned[0]
    assert not target.exists() and not dialog.busy
    assert "last_report" not in startup.session.require_repo().meta

    when_dialog(QMessageBox, pressing("Save the plain report", warned))
    with qtbot.waitSignal(dialog.worker.done, timeout=60_000):
        dialog._print(dialog.last_built)
    assert target.exists() and "sent to the printer" in dialog.status.text()
    assert "last_report" in startup.session.require_repo().meta


def test_a_print_that_fails_is_said_and_not_remembered(
    qtbot, start_app, tmp_path: Path, monkeypatch
) -> None:
    from desktop_app.ui.report import render

    def broken(*_args: Any) -> int:
        raise OSError(28, "No space left on device")

    startup = start_app("--profile", "Sam")
    journal_of(startup)
    dialog = open_report(qtbot, startup)
    printing_to(dialog, tmp_path / "printed.pdf", [])
    monkeypatch.setattr(render, "paint_on", broken)
    with qtbot.waitSignal(dialog.worker.failed, timeout=60_000):
        click(qtbot, dialog.print_button)
    # The worker's end reaches the dialog in its own event, after the failure.
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled() and not dialog.busy)
    assert dialog.status.text() == "The report could not be printed (OSError)."
    assert "last_report" not in stored(startup)["meta"]["1"]
