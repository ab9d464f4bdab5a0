"""Choosing focus through the dialog, with the keyboard; changing it keeps history."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.domain.journal import CadenceKind
from desktop_app.ui.journal.focus_dialog import FocusDialog
from tests.conftest import when_modal
from tests.ui.test_journal_support import (
    add_gap_result,
    button,
    click,
    journal_of,
    opened,
    simple_focus,
    stored,
)


def tick(qtbot, dialog: FocusDialog, area: str) -> None:
    """Select the area's row and press Space, as a keyboard user would."""
    row = next(
        i for i in range(dialog.area_list.count())
        if dialog.area_list.item(i).data(Qt.ItemDataRole.UserRole) == area
    )
    dialog.area_list.setFocus()
    dialog.area_list.setCurrentRow(row)
    qtbot.keyClick(dialog.area_list, Qt.Key.Key_Space)


def test_choosing_focus_from_the_latest_gaps(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    add_gap_result(
        startup, clock.now - timedelta(days=1),
        {"work": (3, 8), "relationships": (6, 7), "body": (2, 8), "mind": (4, 9)},
    )
    window = startup.window
    window.show_screen("journal")
    journal = window.screens["journal"]
    journal.show_tab("focus")
    seen: dict[str, object] = {}

    def choose(dialog: FocusDialog) -> None:
        items = [dialog.area_list.item(i).text() for i in range(dialog.area_list.count())]
        seen["items"] = items
        for area in ("body and health", "work", "relationships", "mind and emotions"):
            tick(qtbot, dialog, area)
        # The fourth is refused with a reason; three are ticked.
        seen["refusal"] = dialog.error.text()
        assert dialog.checked_areas() == ["body and health", "work", "relationships"]
        tick(qtbot, dialog, "relationships")  # untick one again
        body = dialog.sections["body and health"]
        qtbot.keyClicks(body.intention, "Treat my body as a friend")
        qtbot.keyClicks(body.practices.rows[0].what, "A twenty-minute walk")
        work = dialog.sections["work"]
        qtbot.keyClicks(work.intention, "Answer from calm, not from hurry")
        row = work.practices.rows[0]
        qtbot.keyClicks(row.what, "Three slow breaths before I reply")
        row.kind.setCurrentIndex(row.kind.findData(CadenceKind.TIMES_PER_WEEK.value))
        row.times.setValue(4)
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    click(qtbot, button(journal.focus, "changeFocus"))
    choose(opened(qtbot, FocusDialog))
    items = seen["items"]
    assert isinstance(items, list)
    assert items[0].startswith("Body and health") and items[0].endswith("(suggested)")
    assert "now 2, where I want to be 8" in items[0]
    assert "Up to 3 areas" in str(seen["refusal"])

    [period] = stored(startup)["focus"].values()
    assert period["ended_at"] is None
    assert [a["area"] for a in period["areas"]] == ["body and health", "work"]
    work = period["areas"][1]
    assert work["intention"] == "Answer from calm, not from hurry"
    assert work["gap_at_start"] == 5
    assert work["practices"][0]["cadence"] == {"kind": "times_per_week", "times": 4}
    assert period["source_assessment"] == next(iter(stored(startup)["assessments"]))
    # Home shows what the person is working on.
    window.show_screen("home")
    home = window.screens["home"]
    assert home.focus_labels[1].text() == "Work: Answer from calm, not from hurry"


def test_an_empty_intention_is_explained_and_nothing_saved(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal_of(startup)
    errors: list[str] = []

    def try_save(dialog: FocusDialog) -> None:
        tick(qtbot, dialog, "work")
        qtbot.keyClicks(dialog.sections["work"].practices.rows[0].what, "Breathe")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
        errors.append(dialog.error.text())
        dialog.reject()

    when_modal(try_save)
    FocusDialog(startup.window.ctx, parent=startup.window).exec()
    assert errors == ["Write an intention for Work, in your own words."]
    assert stored(startup)["focus"] == {}


def test_changing_focus_keeps_the_old_one_as_history(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    clock.advance(days=20)

    def change(dialog: FocusDialog) -> None:
        # The current focus is the starting point; reword it and add an area.
        work = dialog.sections["work"]
        work.intention.setPlainText("Answer from calm, even under pressure")
        tick(qtbot, dialog, "home and money")
        home = dialog.sections["home and money"]
        qtbot.keyClicks(home.intention, "Open the post the day it comes")
        qtbot.keyClicks(home.practices.rows[0].what, "Ten minutes of paperwork")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    startup.window.show_screen("journal")
    tab = startup.window.screens["journal"].focus
    startup.window.screens["journal"].show_tab("focus")
    click(qtbot, button(tab, "changeFocus"))
    change(opened(qtbot, FocusDialog))
    periods = sorted(stored(startup)["focus"].values(), key=lambda p: p["started_at"])
    assert [p["ended_at"] is None for p in periods] == [False, True]
    assert periods[0]["areas"][0]["intention"] == "Answer from calm"
    assert periods[1]["areas"][0]["intention"] == "Answer from calm, even under pressure"
    # The carried-over practice keeps its key, so its history stays connected.
    assert periods[1]["areas"][0]["practices"][0]["key"] == (
        periods[0]["areas"][0]["practices"][0]["key"]
    )
    assert tab.history.topLevelItemCount() == 1
    assert len(journal.focus.history()) == 1
