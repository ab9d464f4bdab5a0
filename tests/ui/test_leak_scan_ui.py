"""Leak scan through the screens: a marker typed with the keyboard into every free-text field
(check-in note, slip, win, focus intention and practice, assessment answers, things to bring
up), then Profile ▸ Protect, then the app closes. The marker is then in no file of the data
folder, this computer's folders, HOME, the temp folder or the machine's shared temp folders,
in any form (plain, UTF-16, base64, JSON-escaped); before Protect the same scan finds it."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWizard

from desktop_app.storage import backups as store
from desktop_app.ui.journal.acknowledge import Acknowledgement
from desktop_app.ui.journal.focus_dialog import FocusDialog
from desktop_app.ui.passphrase_dialogs import ProtectDialog
from desktop_app.ui.recovery_key import RecoveryKeyDialog
from desktop_app.ui.wizard.template_wizard import TemplateWizard
from desktop_app.ui.wizard_launcher import start_template
from tests.services.test_leak_scan import leaks
from tests.services.views import gap_answers
from tests.ui.privacy_helpers import PASSPHRASE, kdf, when_dialog
from tests.ui.test_checkin_flow import ANSWERS, open_wizard, practices_page
from tests.ui.test_journal_editing import journal_screen
from tests.ui.test_journal_focus import tick
from tests.ui.test_journal_support import add_gap_result, button, click, modal, opened, stored

__all__ = ["kdf"]

MARK = "QZV-typed-marker-5183"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and TMPDIR under one folder the scan reads whole (the cache folder stays where
    it is, so fonts are not cached again; the scan reads what changed in it)."""
    root = tmp_path / "home"
    (root / "tmp").mkdir(parents=True)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    monkeypatch.setenv("XDG_CACHE_HOME", cache)
    monkeypatch.setenv("HOME", str(root))
    monkeypatch.setenv("TMPDIR", str(root / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(root / "tmp"))
    return root


def typed(qtbot, widget, what: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, f"{MARK} {what}")


def choose_focus(qtbot, startup) -> None:
    journal = journal_screen(startup, "focus")

    def choose(dialog: FocusDialog) -> None:
        tick(qtbot, dialog, "work")
        work = dialog.sections["work"]
        typed(qtbot, work.intention, "intention")
        typed(qtbot, work.practices.rows[0].what, "practice")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))

    click(qtbot, button(journal, "changeFocus"))
    choose(opened(qtbot, FocusDialog))


def check_in(qtbot, startup) -> None:
    home = startup.window.screens["home"]
    startup.window.show_screen("home")
    click(qtbot, home.checkin_button)
    wizard = open_wizard(qtbot)
    wizard.set_answers(ANSWERS)
    typed(qtbot, wizard.question_widget("note"), "check-in note")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    page = practices_page(wizard)
    page.log_slip.setChecked(True)
    page.slip_form.area.set_key("work")
    for field, what in ((page.slip_form.old_pattern, "old pattern"),
                        (page.slip_form.trigger, "trigger"),
                        (page.slip_form.helped, "what helped"),
                        (page.slip_form.note, "slip note")):
        typed(qtbot, field, what)
    page.log_win.setChecked(True)
    typed(qtbot, page.win_form.text, "win")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is wizard.review_page
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: isinstance(modal(), Acknowledgement))
    modal().reject()


def add_topic(qtbot, startup) -> None:
    tab = journal_screen(startup, "topics")
    typed(qtbot, tab.text, "topic")
    qtbot.keyClick(tab.text, Qt.Key.Key_Return)


def assess(qtbot, startup) -> None:
    window = startup.window
    wizard = start_template(window, window.ctx, "life-areas")
    assert isinstance(wizard, TemplateWizard)
    wizard.set_answers(gap_answers(startup.session, {}))
    template = startup.session.templates.get("life-areas")
    texts = [q.id for q in template.questions if q.type == "text"]
    assert texts
    for question_id in texts:
        typed(qtbot, wizard.question_widget(question_id), f"answer {question_id}")
    while wizard.currentPage() is not wizard.review_page:
        wizard.next()
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def protect(qtbot, startup) -> None:
    def keep(dialog: RecoveryKeyDialog) -> None:
        dialog.kept.setChecked(True)
        dialog.done_button.click()

    def choose(dialog: ProtectDialog) -> None:
        dialog.ok.click()  # past the page that says there is no back door
        dialog.fields.first.setText(PASSPHRASE)
        dialog.fields.second.setText(PASSPHRASE)
        when_dialog(RecoveryKeyDialog, keep)
        dialog.ok.click()

    when_dialog(ProtectDialog, choose)
    startup.window.privacy.action_protect.trigger()


def test_text_typed_into_every_field_leaves_no_trace_once_protected(
    qtbot, start_app, kdf, home: Path, data_dir: Path, computer: Path, tmp_path: Path, clock
) -> None:
    started = time.time() - 1
    startup = start_app("--profile", "Sam")
    session = startup.session
    add_gap_result(startup, clock.now - timedelta(days=1), {"work": (3, 8)})
    choose_focus(qtbot, startup)
    check_in(qtbot, startup)
    add_topic(qtbot, startup)
    assess(qtbot, startup)
    assert session.flush(10)

    # What was typed is stored, field by field (so the scan below has something to miss).
    data = stored(startup)
    every = str(data)
    for what in ("intention", "practice", "check-in note", "old pattern", "trigger",
                 "what helped", "slip note", "win", "topic", "answer reflection"):
        assert f"{MARK} {what}" in every, what
    repo = session.require_repo()
    assert store.take_daily(repo.path, repo.device, clock())  # a backup, in plain text
    assert leaks(data_dir, mark=MARK)  # the control: in clear text before Protect

    protect(qtbot, startup)
    assert session.privacy.is_protected(repo.profile_id)
    startup.window.close()
    startup.shutdown()  # the profile closes (and takes no second backup the same day)

    roots = [data_dir, computer, home]
    assert leaks(*roots, mark=MARK) == []
    shared = [Path(p) for p in ("/tmp", "/var/tmp", "/dev/shm", os.environ["XDG_CACHE_HOME"])
              if Path(p).is_dir()]
    assert leaks(*shared, since=started, skip=tmp_path.parent.parent, mark=MARK) == []
