"""Every input in the journal's dialogs and pages has a name assistive tools can read."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.services.journal import SlipDraft
from desktop_app.ui.journal.checkin_flow import start_checkin
from desktop_app.ui.journal.focus_dialog import FocusDialog
from desktop_app.ui.journal.pause_dialog import PauseDialog
from desktop_app.ui.journal.settings_dialog import CheckInSettingsDialog
from desktop_app.ui.journal.slip_dialog import BackOnTrackDialog, SlipDialog
from desktop_app.ui.journal.win_dialog import WinDialog
from tests.ui.test_journal_support import simple_focus

INPUTS = (
    QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QAbstractItemView,
)


def unnamed_inputs(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisibleTo(root):
            continue
        # Parts of a combo box, spin box or table are named by their owner.
        if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox | QAbstractItemView):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName().strip() or text.replace("&", "").strip()):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_journal_input_has_an_accessible_name(qtbot, start_app) -> None:
    startup = start_app("--profile", "Sam")
    journal = simple_focus(startup)
    ctx, window = startup.window.ctx, startup.window
    doc_id, _ = journal.log_slip(SlipDraft("Old pattern"))
    current = journal.focus.current()
    assert current is not None
    practice = current.item.areas[0].practices[0]
    dialogs: list[QWidget] = [
        FocusDialog(ctx, parent=window),
        SlipDialog(journal, parent=window),
        BackOnTrackDialog(journal, doc_id, window),
        WinDialog(journal, parent=window),
        CheckInSettingsDialog(journal, window),
        PauseDialog(journal.focus, practice, journal.today(), window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed_inputs(dialog) == [], type(dialog).__name__
    focus = dialogs[0]
    assert isinstance(focus, FocusDialog)
    focus.sections["work"].practices.add_button.click()
    assert unnamed_inputs(focus) == []

    template = journal.checkin_template()
    assert template is not None
    wizard = start_checkin(window, ctx, template)
    page = wizard.extra_pages[0]
    page.log_slip.setChecked(True)  # type: ignore[attr-defined]
    page.log_win.setChecked(True)  # type: ignore[attr-defined]
    assert unnamed_inputs(page) == []
    wizard.reject()
    for key in ("checkins", "slips", "wins", "focus"):
        startup.window.show_screen("journal")
        screen = startup.window.screens["journal"]
        screen.show_tab(key)
        assert unnamed_inputs(getattr(screen, key)) == [], key
    startup.window.show_screen("home")
    assert unnamed_inputs(startup.window.screens["home"]) == []
