"""A damaged month file inside a profile: said at start, by the profile's name, in words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop_app.services.journal import JournalService, WinDraft
from tests.conftest import when_modal


def test_a_damaged_month_is_reported_by_profile_name_and_kept(
    qtbot, start_app, data_dir: Path
) -> None:
    first = start_app("--profile", "Sam")
    JournalService(first.session).log_win(WinDraft("Walked to work"))
    first.session.flush()
    [month] = (data_dir / "profiles").glob("p-*/d-*/2026-03.json")
    first.window.close()
    first.shutdown()
    damaged = b'{"wins": {"a1": {"text": "Walked'
    month.write_bytes(damaged)
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_modal(read)
    again = start_app()
    qtbot.waitUntil(lambda: bool(seen))
    text = seen[0]
    assert "Part of the profile “Sam” could not be read" in text
    assert "the records of the month 2026-03" in text
    assert "damaged or cut short" in text
    assert "line 1" not in text and "Unterminated" not in text  # no parser jargon
    assert "Profile ▸ Backups…" in text
    assert again.session.profile is not None and again.session.profile.name == "Sam"
    [copy] = (data_dir / "profiles" / "set-aside").iterdir()
    assert copy.read_bytes() == damaged and str(copy) in text
    assert month.read_bytes() == damaged  # copied, never moved or overwritten
