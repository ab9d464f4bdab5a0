"""Partners side by side, through the app (issue 16): two people, each with their own data
folder, computer folders and passphrase, answer "Us" in the wizard, make share files from the
Profile menu (with and without a shared passphrase), receive each other's, and see both views
in Progress ▸ Together exactly as the other answered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QWidget, QWizard

from desktop_app.domain.answers import GapAnswer
from desktop_app.local_state import LocalFolders
from desktop_app.ui.share_dialogs import ReceiveDialog, ShareDialog
from tests.conftest import point_xdg_at, when_modal
from tests.ui.test_start_end_to_end import next_page, open_wizard, pick

SHARED = "the two of us, on the sofa"


pytestmark = pytest.mark.usefixtures("light_kdf")  # Argon2id at tiny costs: tests/conftest.py


def person(start_app: Any, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    root = tmp_path / name
    data = root / "data"
    data.mkdir(parents=True)
    secret = root / "passphrase.txt"
    secret.write_text(f"{name}'s own passphrase\n")
    point_xdg_at(root / "computer", monkeypatch)
    folders = LocalFolders.of_this_computer()
    return start_app("--profile", name, "--passphrase-file", str(secret), "--start", "us",
                     data=data, folders=folders)


def answer_us(qtbot: Any, numbers: list[tuple[int, int]]) -> None:
    wizard = open_wizard(qtbot)
    assert wizard.template.id == "us"
    next_page(qtbot, wizard)
    gaps = iter(numbers)
    for page in wizard.template.pages:
        for question in page.questions:
            if question.type == "gap":
                now, ideal = next(gaps)
                pick(qtbot, wizard, f"{question.id}.current", f"point{now}")
                pick(qtbot, wizard, f"{question.id}.ideal", f"point{ideal}")
        next_page(qtbot, wizard)
    with qtbot.waitSignal(wizard.finished):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton),
                         Qt.MouseButton.LeftButton)


def share(qtbot: Any, startup: Any, path: Path, passphrase: str | None,
          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(path), "")))
    done: list[bool] = []

    def fill(dialog: ShareDialog) -> None:
        assert dialog.chosen()  # the newest result is ticked
        if passphrase is None:
            dialog.protect.setChecked(False)
            assert dialog.plain_warning.isVisible()
            assert "anyone who has the file can read" in dialog.plain_warning.text()
        else:
            dialog.first.setText(passphrase)
            dialog.second.setText(passphrase)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        when_modal(lambda box: (done.append(True), box.accept()), QMessageBox)

    when_modal(fill, ShareDialog)
    startup.window.action_share.trigger()
    qtbot.waitUntil(lambda: bool(done))
    assert path.exists()


def squeezed(dialog: QWidget) -> list[str]:
    """Wrapped texts given fewer lines than they need."""
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()
            and label.wordWrap() and label.height() < label.heightForWidth(label.width())]


def receive(qtbot: Any, startup: Any, path: Path, passphrase: str | None,
            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(path), "")))
    kept: list[bool] = []
    cramped: list[str] = []

    def fill(dialog: ReceiveDialog) -> None:
        if passphrase is not None:
            dialog.passphrase.setText("not what we said")
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: "does not open" in dialog.error.text())
            cramped.extend(squeezed(dialog))  # the dialog grows to show the message
            dialog.passphrase.setText(passphrase)
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.preview.isVisible())
        assert "Keep it in this profile" in dialog.preview.text()
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        kept.append(True)

    when_modal(fill, ReceiveDialog)
    startup.window.action_receive.trigger()
    qtbot.waitUntil(lambda: bool(kept))
    assert cramped == []


def together_tab(qtbot: Any, startup: Any) -> Any:
    screen = startup.window.screens["progress"]
    qtbot.waitUntil(lambda: screen.panel is not None and screen.charts_ready)
    panel = screen.panel
    assert panel.currentWidget() is panel.together
    return panel.together


def own_answers(startup: Any) -> dict[str, Any]:
    from desktop_app.services.assessments import AssessmentService

    [result] = AssessmentService(startup.session).results("us")
    return dict(result.item.answers)


SAM = [(3, 9), (6, 8), (5, 8), (2, 8), (7, 8), (5, 9), (4, 7), (6, 7)]
ALEX = [(6, 8), (6, 9), (4, 9), (3, 9), (3, 9), (5, 8), (6, 7), (5, 8)]


@pytest.mark.parametrize("passphrase", [SHARED, None])
def test_two_partners_exchange_views_and_see_them_side_by_side(
    qtbot: Any, start_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    passphrase: str | None,
) -> None:
    sam = person(start_app, tmp_path, "Sam", monkeypatch)
    answer_us(qtbot, SAM)
    alex = person(start_app, tmp_path, "Alex", monkeypatch)
    answer_us(qtbot, ALEX)
    sam_file, alex_file = tmp_path / "sam.groundwork-share", tmp_path / "alex.groundwork-share"
    if passphrase is None:
        # A protected profile asks before its answers leave the encryption in plain text.
        when_modal(lambda box: box.buttons()[0].click(), QMessageBox)
    share(qtbot, sam, sam_file, passphrase, monkeypatch)
    if passphrase is None:
        when_modal(lambda box: box.buttons()[0].click(), QMessageBox)
    share(qtbot, alex, alex_file, passphrase, monkeypatch)
    sams_own, alexs_own = own_answers(sam), own_answers(alex)

    for me, theirs_file, numbers, name in ((sam, alex_file, ALEX, "Alex"),
                                           (alex, sam_file, SAM, "Sam")):
        receive(qtbot, me, theirs_file, passphrase, monkeypatch)
        chart = together_tab(qtbot, me)
        rows = chart.table_text()
        headers = chart.table.rows_model.headers
        assert headers == ("Area", "My now", "My ideal", f"{name}'s now", f"{name}'s ideal")
        assert [(int(r[3]), int(r[4])) for r in rows] == numbers  # exactly as they answered
        mine = SAM if me is sam else ALEX
        assert [(int(r[1]), int(r[2])) for r in rows] == mine
        assert f"beside {name}'s" in chart.caption.text()
        talk = "\n".join(chart.talk.texts())
        assert "Where you see things alike" in talk and "Where your views differ most" in talk
        assert "nothing is ever sent back" in talk
    # Each one's own result is as it was.
    assert own_answers(sam) == sams_own and own_answers(alex) == alexs_own
    assert sams_own["talk"] == GapAnswer(*SAM[0])


def test_the_tab_explains_itself_before_anything_is_shared(
    qtbot: Any, start_app: Any,
) -> None:
    startup = start_app("--profile", "Sam")
    startup.window.show_screen("progress")
    screen = startup.window.screens["progress"]
    qtbot.waitUntil(lambda: screen.panel is not None)
    panel = screen.panel
    panel.setCurrentWidget(panel.together)
    qtbot.waitUntil(lambda: panel.together.is_empty and panel.together.empty.isVisible())
    assert "receive the file here" in panel.together.empty.message.text()
    assert panel.together.empty.button.text() == "Receive a partner's view…"
    assert not panel.together.talk.isVisible()


def test_sharing_with_nothing_to_share_says_what_to_take(
    qtbot: Any, start_app: Any,
) -> None:
    startup = start_app("--profile", "Sam")
    seen: list[str] = []
    when_modal(lambda box: (seen.append(box.text()), box.accept()), QMessageBox)
    startup.window.action_share.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert "Us: where we are" in seen[0]


def test_a_file_that_is_not_a_share_is_refused_plainly(
    qtbot: Any, start_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    startup = start_app("--profile", "Sam")
    bad = tmp_path / "holiday.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a share")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(bad), "")))
    seen: list[str] = []
    when_modal(lambda box: (seen.append(box.text()), box.accept()), QMessageBox)
    startup.window.action_receive.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert "not a Groundwork share file" in seen[0]
    from desktop_app.services.sharing import SharingService

    assert SharingService(startup.session).views() == []


def test_a_shared_focus_becomes_ones_own_focus_area(
    qtbot: Any, start_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    sam = person(start_app, tmp_path, "Sam", monkeypatch)
    answer_us(qtbot, SAM)
    alex = person(start_app, tmp_path, "Alex", monkeypatch)
    answer_us(qtbot, ALEX)
    path = tmp_path / "sam.groundwork-share"
    share(qtbot, sam, path, SHARED, monkeypatch)
    receive(qtbot, alex, path, SHARED, monkeypatch)
    chart = together_tab(qtbot, alex)
    buttons = chart.talk.focus_buttons
    assert list(buttons) == ["handling conflict"]  # both see it among their largest gaps
    asked: list[list[str]] = []
    monkeypatch.setattr(alex.window, "choose_focus",
                        lambda areas, parent=None: asked.append(list(areas)))
    qtbot.mouseClick(buttons["handling conflict"], Qt.MouseButton.LeftButton)
    assert asked == [["handling conflict"]]
    remove = chart.remove_button
    assert isinstance(remove, QPushButton) and remove.isVisible()
