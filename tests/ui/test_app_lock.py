"""Profile ▸ Lock and the idle lock: content hidden, drafts kept, the passphrase brings it back."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop_app.services.journal import JournalService
from desktop_app.ui.app_lock import IDLE_SETTING
from desktop_app.ui.idle_dialog import IdleLockDialog
from desktop_app.ui.journal.common import open_dialog
from desktop_app.ui.journal.win_dialog import WinDialog
from desktop_app.ui.unlock import UnlockScreen
from desktop_app.ui.wizard.template_wizard import TemplateWizard
from desktop_app.ui.wizard_launcher import start_template
from tests.ui.privacy_helpers import PASSPHRASE, kdf, protect_now, when_dialog
from tests.ui.test_wizard_drafts import answer_mid_way
from tests.ui.test_wizard_widgets import ALL_TYPES

__all__ = ["kdf"]


def unlock(qtbot, startup, secret: str = PASSPHRASE) -> None:
    screen = startup.window.pages.currentWidget()
    assert isinstance(screen, UnlockScreen)
    screen.panel.field.setText(secret)
    screen.panel.unlock_button.click()
    qtbot.waitUntil(lambda: startup.session.profile is not None)


def test_lock_hides_a_check_in_and_brings_it_back_with_what_was_typed(
    qtbot, start_app, kdf
) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    protect_now(startup)
    wizard = start_template(window, window.ctx, "check-in")
    assert isinstance(wizard, TemplateWizard)
    note = wizard.question_widget("note")
    note.setPlainText("Long day, but I paused before answering.")
    qtbot.waitUntil(wizard.isVisible)

    key = startup.session.key
    window.privacy.action_lock.trigger()
    assert not wizard.isVisible() and shiboken6.isValid(wizard)
    assert startup.session.key is None and startup.session.repo is None
    with pytest.raises(ValueError, match="wiped"):
        _ = key.cipher.key  # the data key was zeroed
    assert isinstance(window.pages.currentWidget(), UnlockScreen)
    assert not window.privacy.action_lock.isEnabled()
    assert not window.action_export.isEnabled() and not window.action_rename.isEnabled()
    window.show_screen("journal")  # Ctrl+4 while locked shows nothing
    assert window.stack.built() == []

    unlock(qtbot, startup)
    assert wizard.isVisible()
    assert wizard.question_widget("note").toPlainText() == (
        "Long day, but I paused before answering."
    )
    wizard.reject()


def test_a_win_being_written_on_the_journal_survives_the_lock(qtbot, start_app, kdf) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    protect_now(startup)
    window.show_screen("journal")
    journal_screen = window.screens["journal"]
    dialog = open_dialog(WinDialog(JournalService(startup.session), parent=journal_screen))
    dialog.form.text.setPlainText("Asked for help at work.")
    qtbot.waitUntil(dialog.isVisible)
    window.privacy.lock()
    assert not dialog.isVisible()
    unlock(qtbot, startup)
    qtbot.waitUntil(lambda: not shiboken6.isValid(journal_screen))  # the old screen is gone
    assert shiboken6.isValid(dialog) and dialog.isVisible()
    assert dialog.form.text.toPlainText() == "Asked for help at work."
    dialog.reject()


def test_lock_stores_an_open_assessment_as_a_draft_and_closes_it(
    qtbot, start_app, kdf, data_dir
) -> None:
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "all-types.toml").write_text(ALL_TYPES, "utf-8")
    startup = start_app("--profile", "Sam")
    window = startup.window
    protect_now(startup)
    wizard = start_template(window, window.ctx, "all-types")
    assert isinstance(wizard, TemplateWizard)
    qtbot.waitUntil(wizard.isVisible)
    answer_mid_way(qtbot, wizard)
    window.privacy.lock()
    qtbot.waitUntil(lambda: not shiboken6.isValid(wizard) or not wizard.isVisible())
    unlock(qtbot, startup)
    assert startup.session.require_repo().table_counts().get("drafts") == 1


def test_unlocking_another_profile_lets_the_hidden_windows_go(qtbot, start_app, kdf) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    session = startup.session
    sam, _ = protect_now(startup)
    session.create_profile("Alex")
    session.open_profile(sam, key=session.privacy.unlock(sam, PASSPHRASE))
    wizard = start_template(window, window.ctx, "check-in")
    qtbot.waitUntil(wizard.isVisible)
    window.privacy.lock()
    screen = window.pages.currentWidget()
    screen.chooser.activated.emit(screen.chooser.findText("Alex"))
    screen.panel.unlock_button.click()
    assert session.profile.name == "Alex"
    qtbot.waitUntil(lambda: not shiboken6.isValid(wizard) or not wizard.isVisible())
    assert not shiboken6.isValid(wizard) or not wizard.isVisible()


def test_lock_is_only_offered_for_a_profile_with_a_passphrase(start_app, kdf) -> None:
    startup = start_app("--profile", "Sam")
    privacy = startup.window.privacy
    assert not privacy.action_lock.isEnabled()
    assert privacy.app_lock.lock() is False
    assert startup.session.profile is not None


def test_idle_lock_is_off_by_default_and_locks_after_the_chosen_minutes(
    qtbot, start_app, kdf
) -> None:
    startup = start_app("--profile", "Sam")
    window = startup.window
    protect_now(startup)
    lock = window.privacy.app_lock
    clock = [10_000.0]
    lock.now = lambda: clock[0]
    lock.last_input = clock[0]
    clock[0] += 24 * 3600
    lock.check_idle()
    assert startup.session.profile is not None  # off by default

    def choose(dialog: IdleLockDialog) -> None:
        assert not dialog.enabled.isChecked()
        dialog.enabled.setChecked(True)
        dialog.spin.setValue(5)
        dialog.accept()

    when_dialog(IdleLockDialog, choose)
    window.privacy.action_idle.trigger()
    assert int(startup.window.settings.value(IDLE_SETTING)) == 5
    assert lock.timer.isActive()

    clock[0] += 4 * 60
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)  # input in the window resets it
    clock[0] += 2 * 60
    lock.check_idle()
    assert startup.session.profile is not None
    clock[0] += 3 * 60 + 1
    lock.check_idle()
    assert startup.session.profile is None
    assert isinstance(window.pages.currentWidget(), UnlockScreen)
    unlock(qtbot, startup)


def test_idle_lock_leaves_a_profile_without_passphrase_open(start_app, kdf) -> None:
    startup = start_app("--profile", "Sam")
    lock = startup.window.privacy.app_lock
    lock.set_idle_minutes(1)
    lock.now = lambda: 10**9
    lock.check_idle()
    assert startup.session.profile is not None
