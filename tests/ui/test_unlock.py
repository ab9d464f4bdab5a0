"""Unlocking a protected profile: off the UI thread, calm about a wrong passphrase, with a
countdown while the back-off lasts; at start, after a lock, and from Profile ▸ Switch."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer

from desktop_app.ui import unlock as unlock_module
from desktop_app.ui.unlock import UnlockDialog, UnlockScreen
from tests.ui.privacy_helpers import PASSPHRASE, kdf, protect_now, when_dialog

__all__ = ["kdf"]
_original_let_go = unlock_module._let_go


def unlock_screen(window) -> UnlockScreen:
    screen = window.pages.currentWidget()
    assert isinstance(screen, UnlockScreen)
    return screen


def type_and_unlock(qtbot, panel, secret: str) -> None:
    panel.field.clear()
    qtbot.keyClicks(panel.field, secret)
    qtbot.mouseClick(panel.unlock_button, Qt.MouseButton.LeftButton)


def test_unlocking_runs_off_the_ui_thread_while_the_window_keeps_ticking(
    qtbot, start_app, kdf
) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    session = startup.session
    sam, _ = protect_now(startup)
    window.privacy.action_lock.trigger()
    assert session.profile is None and session.repo is None and session.key is None
    assert session.locked_profile_id == sam
    panel = unlock_screen(window).panel
    assert "“Sam” is locked" in panel.title.text()
    assert window.windowTitle() == "Groundwork"
    assert window.stack.built() == []  # no screen of the profile is kept behind the lock
    assert panel.field.echoMode() == panel.field.EchoMode.Password

    kdf.hold()  # the key derivation takes as long as the test wants
    before = kdf.calls
    type_and_unlock(qtbot, panel, PASSPHRASE)
    qtbot.waitUntil(lambda: kdf.calls == before + 1)
    assert panel.busy_box.isVisible() and panel.busy_label.text() == "Unlocking…"
    assert not panel.unlock_button.isEnabled() and not panel.field.isEnabled()
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: len(ticks) >= 10)  # the event loop runs while it derives
    assert session.profile is None and panel.busy
    kdf.release()
    qtbot.waitUntil(lambda: session.profile is not None)
    timer.stop()
    assert session.profile.name == "Sam" and session.key is not None
    assert window.pages.currentWidget() is window.workspace
    assert window.windowTitle() == "Sam — Groundwork"


def test_a_wrong_passphrase_is_refused_calmly_and_the_wait_counts_down(
    qtbot, start_app, kdf, clock
) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    protect_now(startup)
    window.privacy.lock()
    panel = unlock_screen(window).panel

    type_and_unlock(qtbot, panel, "wrong one")
    qtbot.waitUntil(lambda: panel.error.isVisible())
    said = panel.error.text()
    assert "does not open “Sam”" in said and "Nothing has changed" in said
    assert panel.field.text() == "" and panel.unlock_button.isEnabled()  # first miss: no wait

    type_and_unlock(qtbot, panel, "wrong again")
    qtbot.waitUntil(lambda: panel.wait_label.isVisible())
    assert panel.wait_label.text() == "You can try again in 1 second."
    clock.advance(seconds=1)
    qtbot.waitUntil(lambda: panel.unlock_button.isEnabled())

    type_and_unlock(qtbot, panel, "wrong a third time")
    qtbot.waitUntil(lambda: panel.wait_label.isVisible())
    assert panel.wait_label.text() == "You can try again in 2 seconds."  # it doubles
    assert not panel.unlock_button.isEnabled()
    calls = kdf.calls
    panel.field.setText(PASSPHRASE)
    panel.field.returnPressed.emit()  # Enter during the wait tries nothing, and says why
    assert kdf.calls == calls and "Not yet" in panel.error.text()
    assert panel.field.text() == PASSPHRASE
    clock.advance(seconds=1.2)
    qtbot.waitUntil(lambda: panel.wait_label.text() == "You can try again in 1 second.")
    clock.advance(seconds=1)
    qtbot.waitUntil(lambda: panel.unlock_button.isEnabled())
    assert not panel.wait_label.isVisible()
    assert startup.session.profile is None

    type_and_unlock(qtbot, panel, PASSPHRASE)
    qtbot.waitUntil(lambda: startup.session.profile is not None)


def test_the_back_off_is_still_there_after_a_restart(qtbot, start_app, kdf, clock) -> None:
    first = start_app("--profile", "Sam")
    protect_now(first)
    first.window.privacy.lock()
    panel = unlock_screen(first.window).panel
    for wrong in ("wrong one", "wrong two"):
        type_and_unlock(qtbot, panel, wrong)
        qtbot.waitUntil(lambda: not panel.busy and panel.error.isVisible())
    assert panel.wait_label.text() == "You can try again in 1 second."
    first.window.close()
    first.shutdown()

    again = start_app()
    panel = unlock_screen(again.window).panel
    assert panel.wait_label.isVisible() and not panel.unlock_button.isEnabled()
    clock.advance(seconds=1)
    qtbot.waitUntil(lambda: panel.unlock_button.isEnabled())
    type_and_unlock(qtbot, panel, PASSPHRASE)
    qtbot.waitUntil(lambda: again.session.profile is not None)


def test_the_recovery_key_opens_the_profile_too(qtbot, start_app, kdf) -> None:
    startup = start_app("--profile", "Sam")
    _, recovery = protect_now(startup)
    startup.window.privacy.lock()
    panel = unlock_screen(startup.window).panel
    qtbot.mouseClick(panel.switch_mode, Qt.MouseButton.LeftButton)
    assert panel.prompt.text() == "&Recovery key:"
    assert panel.field.accessibleName() == "Recovery key"
    type_and_unlock(qtbot, panel, recovery.lower().replace("-", " "))
    qtbot.waitUntil(lambda: startup.session.profile is not None)


def test_a_protected_last_profile_waits_for_its_passphrase_at_start(
    qtbot, start_app, kdf
) -> None:
    first = start_app("--profile", "Sam")
    protect_now(first)
    first.window.close()
    first.shutdown()

    again = start_app()
    assert again.session.profile is None
    panel = unlock_screen(again.window).panel
    assert "“Sam” is locked" in panel.title.text()
    type_and_unlock(qtbot, panel, PASSPHRASE)
    qtbot.waitUntil(lambda: again.session.profile is not None)
    assert again.session.profile.name == "Sam"


def test_the_unlock_screen_can_open_another_profile_instead(qtbot, start_app, kdf) -> None:
    startup = start_app("--profile", "Sam")
    session = startup.session
    sam, _ = protect_now(startup)
    session.create_profile("Alex")
    session.open_profile(sam, key=session.privacy.unlock(sam, PASSPHRASE))
    startup.window.privacy.lock()
    screen = unlock_screen(startup.window)
    assert [screen.chooser.itemText(i) for i in range(screen.chooser.count())] == ["Alex", "Sam"]
    screen.chooser.setCurrentIndex(0)
    screen.chooser.activated.emit(0)
    assert screen.panel.unlock_button.text() == "Open" and not screen.panel.field.isVisible()
    qtbot.mouseClick(screen.panel.unlock_button, Qt.MouseButton.LeftButton)
    assert session.profile is not None and session.profile.name == "Alex"
    assert session.locked_profile_id is None


def test_switching_to_a_protected_profile_asks_and_cancel_keeps_the_current_one(
    qtbot, start_app, kdf
) -> None:
    startup = start_app("--profile", "Sam")
    session = startup.session
    sam, _ = protect_now(startup)
    session.create_profile("Alex")
    window = startup.window

    when_dialog(UnlockDialog, lambda dialog: dialog.cancel.click())
    window.switch_profile(sam)
    assert session.profile.name == "Alex"

    def unlock(dialog: UnlockDialog) -> None:
        dialog.panel.field.setText(PASSPHRASE)
        dialog.panel.unlock_button.click()

    when_dialog(UnlockDialog, unlock)
    window.switch_profile(sam)  # returns once the dialog closed, after the unlock
    assert session.profile.name == "Sam"


def test_the_files_are_read_on_the_worker_and_home_is_ready_when_it_shows(
    qtbot, start_app, kdf, monkeypatch
) -> None:
    """After the key, the profile is read, decrypted and merged on the worker too (and Home's
    data warmed there), so the UI thread only switches to it and builds the screens."""
    startup = start_app("--profile", "Sam")
    window = startup.window
    session = startup.session
    sam, _ = protect_now(startup)
    window.privacy.action_lock.trigger()
    read_on: list[bool] = []
    read = type(session).read_profile

    def watched(self, profile_id, key=None):
        read_on.append(threading.current_thread() is threading.main_thread())
        return read(self, profile_id, key)

    monkeypatch.setattr(type(session), "read_profile", watched)
    type_and_unlock(qtbot, unlock_screen(window).panel, PASSPHRASE)
    qtbot.waitUntil(lambda: session.profile is not None)
    assert read_on == [False]
    assert session.profile.id == sam and session.key is not None
    assert window.pages.currentWidget() is window.workspace


def test_a_dialog_closed_while_the_profile_is_read_lets_go_of_it(
    qtbot, start_app, kdf, monkeypatch
) -> None:
    """The dialog goes (closed, cancelled) while its profile is being read: what was read
    for it is closed and its key wiped, and the profile that was open stays open."""
    startup = start_app("--profile", "Sam")
    session = startup.session
    sam, _ = protect_now(startup)
    session.create_profile("Alex")
    let_go: list[unlock_module.Unlocked] = []
    monkeypatch.setattr(unlock_module, "_let_go",
                        lambda unlocked: (let_go.append(unlocked), _original_let_go(unlocked)))
    dialog = UnlockDialog(session, sam, startup.window)
    dialog.show()
    kdf.hold()
    before = kdf.calls
    type_and_unlock(qtbot, dialog.panel, PASSPHRASE)
    qtbot.waitUntil(lambda: kdf.calls == before + 1)
    dialog.close()  # Alt+F4, or the window going: the panel is deleted
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog.panel))
    kdf.release()
    qtbot.waitUntil(lambda: bool(let_go))
    [unlocked] = let_go
    assert unlocked.repo is not None and unlocked.repo.profile_id == sam
    with pytest.raises(ValueError, match="wiped"):
        unlocked.key.cipher.key  # noqa: B018
    assert session.profile.name == "Alex"
