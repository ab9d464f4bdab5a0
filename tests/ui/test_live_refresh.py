"""Files another computer's Groundwork writes (delivered by a sync engine) reach the screens.

The second writer is a second Session on the same data folder, as a sync engine would
deliver its files; with today's one-file storage it rewrites the profile file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer

from desktop_app.paths import resources_dir
from desktop_app.services.journal import JournalService, WinDraft
from desktop_app.services.session import Session
from desktop_app.storage.device import Device
from desktop_app.ui.journal.win_dialog import WinDialog
from tests.ui.test_journal_support import button, click, modal, opened


def other_computer(startup: Any, clock: Any) -> JournalService:
    """The same profile opened by a second writer (another device) on the same folder."""
    theirs = Session(
        startup.session.data_dir, resources_dir(), clock,
        device=Device("d-00000000000000ff", "Laptop"),
    )
    theirs.profiles.refresh()
    theirs.open_profile(startup.session.require_repo().path.stem)
    return JournalService(theirs)


def win_texts(startup: Any) -> list[str]:
    return [w.item.text for w in JournalService(startup.session).wins()]


def test_a_win_from_another_computer_reaches_home_and_the_journal(
    qtbot, start_app, clock
) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    home = window.screens["home"]
    qtbot.waitUntil(home.isVisible)
    laptop = other_computer(startup, clock)
    laptop.log_win(WinDraft("Walked home instead of driving"))
    qtbot.waitUntil(lambda: home.win_label.text() == "“Walked home instead of driving”")

    window.show_screen("journal")
    journal = window.screens["journal"]
    journal.show_tab("wins")
    clock.advance(minutes=5)
    laptop.log_win(WinDraft("Called my sister"))

    def listed() -> list[str]:
        wins = journal.wins.list
        return [wins.item(i).text().split("\n")[0] for i in range(wins.count())]

    qtbot.waitUntil(lambda: "Called my sister" in listed())
    assert sorted(listed()) == ["Called my sister", "Walked home instead of driving"]


def test_an_open_win_dialog_keeps_its_text_and_nothing_is_lost(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    home = window.screens["home"]
    qtbot.waitUntil(home.isVisible)
    live = window.live_refresh
    click(qtbot, button(home, "logWin"))
    dialog = opened(qtbot, WinDialog)
    qtbot.keyClicks(dialog.form.text, "Said no kindly")

    looks = live.looks
    other_computer(startup, clock).log_win(WinDraft("From the laptop"))
    qtbot.waitUntil(lambda: live.looks > looks and live.waiting_to_tell)
    # Taken in, but the screens wait until the dialog closes: nothing moves under the person.
    assert win_texts(startup) == ["From the laptop"]
    assert modal() is dialog and dialog.form.text.toPlainText() == "Said no kindly"
    assert not home.has_history

    clock.advance(minutes=1)
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    click(qtbot, save)
    qtbot.waitUntil(lambda: modal() is not dialog)
    if modal() is not None:  # the thank-you note after a win
        modal().close()
    assert sorted(win_texts(startup)) == ["From the laptop", "Said no kindly"]
    qtbot.waitUntil(lambda: home.win_label.text() == "“Said no kindly”")


def test_a_burst_of_file_events_gives_one_refresh(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    live = startup.window.live_refresh
    events: list[str] = []
    live.watcher.fileChanged.connect(events.append)
    live.watcher.directoryChanged.connect(events.append)
    laptop = other_computer(startup, clock)
    # The laptop's first save makes its folder; once that is taken in, the folder is watched.
    with qtbot.waitSignal(live.looked, timeout=20_000):
        laptop.log_win(WinDraft("Win 0"))
    events.clear()
    looks = live.looks
    written: list[int] = []

    def write_one() -> None:
        clock.advance(seconds=1)
        laptop.log_win(WinDraft(f"Win {len(written) + 1}"))
        written.append(1)
        if len(written) < 20:
            QTimer.singleShot(10, write_one)

    QTimer.singleShot(0, write_one)
    with qtbot.waitSignal(live.looked, timeout=20_000) as looked:
        qtbot.waitUntil(lambda: len(written) == 20, timeout=20_000)
    assert looked.args == [True]
    assert len(events) >= 20
    assert live.looks == looks + 1
    assert len(win_texts(startup)) == 21


def test_an_open_wizard_keeps_its_answers_while_home_refreshes(
    qtbot, start_app, data_dir, clock
) -> None:
    from tests.ui.test_wizard_drafts import answer_mid_way, click_point, drafts, open_wizard
    from tests.ui.test_wizard_widgets import ALL_TYPES

    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "all-types.toml").write_text(ALL_TYPES, "utf-8")
    startup = start_app("--profile", "Sam")
    home = startup.window.screens["home"]
    wizard = open_wizard(startup)
    answer_mid_way(qtbot, wizard)
    qtbot.waitUntil(lambda: bool(drafts(startup)) and drafts(startup)[0]["answers"]["pick"] == 2)

    other_computer(startup, clock).log_win(WinDraft("From the laptop"))
    qtbot.waitUntil(lambda: home.win_label.text() == "“From the laptop”")
    assert wizard.isVisible() and wizard.currentPage() is wizard.question_pages[1]
    assert wizard.answers()["pick"] == 2
    click_point(qtbot, wizard, "pick", "option1")  # the autosave goes on, on the merged data
    qtbot.waitUntil(lambda: drafts(startup)[0]["answers"]["pick"] == 1)
    assert win_texts(startup) == ["From the laptop"]
    wizard.reject()


def test_the_journal_keeps_the_selected_win_through_a_refresh(qtbot, start_app, clock) -> None:
    startup = start_app("--profile", "Sam")
    JournalService(startup.session).log_win(WinDraft("Mine"))
    window = startup.window
    window.show_screen("journal")
    journal = window.screens["journal"]
    journal.show_tab("wins")
    wins = journal.wins.list
    qtbot.waitUntil(lambda: wins.count() == 1)
    wins.setCurrentRow(0)
    mine = journal.wins.selected_id()
    clock.advance(minutes=1)
    other_computer(startup, clock).log_win(WinDraft("Theirs"))
    qtbot.waitUntil(lambda: wins.count() == 2)
    assert journal.wins.selected_id() == mine
    assert wins.currentItem().text().startswith("Mine")
