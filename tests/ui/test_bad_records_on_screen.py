"""A hand-edited profile with bad records still opens: Home builds, the Journal lists the rest,
and the person is told once which records were left out."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop_app.services.journal import WinDraft
from tests.conftest import when_modal
from tests.ui.test_journal_support import journal_of

MARKER = "PRIVATE-WORDS-91c2"


def test_bad_records_are_skipped_and_named_once(qtbot, start_app, clock) -> None:
    first = start_app("--profile", "Sam")
    journal = journal_of(first)
    template = journal.checkin_template()
    assert template is not None
    journal.complete_checkin(template, {"distress": 3})
    clock.advance(hours=1)
    journal.complete_checkin(template, {"distress": 2}, win=WinDraft("Walked away"))
    # This computer's file of this month (FakeClock: March 2026), as a person would edit it.
    path: Path = first.session.require_repo().own / "2026-03.json"
    first.window.close()
    first.shutdown()

    data = json.loads(path.read_text("utf-8"))
    checkin = {
        "template_id": "check-in", "template_version": 1,
        "answers": {"distress": 4, "note": MARKER}, "practices_done": [],
    }
    data["checkins"]["99"] = {"at": "2026-03-10T20:00:00", **checkin}  # no UTC offset
    data["checkins"]["abc"] = {"at": "2026-03-11T20:00:00+01:00", **checkin}
    data["wins"]["7"] = {"at": "2026-03-12T18:00:00+01:00", "text": 1234, "focus_area": None}
    path.write_text(json.dumps(data, indent=1), "utf-8")
    bad = {table: {k: data[table][k] for k in keys} for table, keys in
           {"checkins": ("99", "abc"), "wins": ("7",)}.items()}

    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(read)
    startup = start_app()
    qtbot.waitUntil(lambda: bool(seen))
    [notice] = seen
    for named in ("a check-in from 2026-03-10", "a check-in from 2026-03-11",
                  "a win from 2026-03-12"):
        assert named in notice
    assert MARKER not in notice and "1234" not in notice

    home = startup.window.screens["home"]
    qtbot.waitUntil(lambda: home.ready)
    assert home.win_label.text() == "“Walked away”"

    startup.window.show_screen("journal")
    screen = startup.window.screens["journal"]
    screen.show_tab("checkins")
    tab = screen.checkins
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert tab.stack.currentWidget() is tab.table
    screen.show_tab("wins")
    qtbot.waitUntil(lambda: screen.wins.list.count() == 1)

    # Saving again keeps the skipped documents, and the notice is not repeated.
    journal_of(startup).log_win(WinDraft("Slept well"))
    startup.window.show_screen("progress")
    qtbot.waitUntil(lambda: startup.window.screens["progress"].charts_ready, timeout=20_000)
    assert seen == [notice]
    stored = json.loads(path.read_text("utf-8"))
    for table, docs in bad.items():
        for key, doc in docs.items():
            assert stored[table][key] == doc
