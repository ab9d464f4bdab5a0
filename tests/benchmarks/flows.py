"""What a person does, driven with QTest in a fresh process: ``python -m tests.benchmarks.flows``.

* ``win DIR RUNS``: logs RUNS wins from Home (click "Log a win…", type, click Save) and
  times each from the click until Home paints the new win.
* ``autosave DIR``: opens the life-areas wizard and answers questions one by one, slowly
  enough that the draft autosave fires after each; the longest UI-thread stall meanwhile.
* ``refresh DIR STAGED``: another computer's files (STAGED, a device folder) arrive in the
  profile folder as a sync engine delivers them; the longest UI-thread stall until Home shows
  that computer's win.

Each prints one line of JSON and exits. A stall is the longest gap between two ticks of a
5 ms timer, minus the 5 ms.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

TICK_MS = 5
SETTLE_MS = 600  # after Home is filled: the reminder and the first notices settle


def _start(data_dir: str, then: Callable[[Any], None]) -> QApplication:
    """Start Groundwork on ``data_dir``; call ``then(startup)`` once Home shows the profile."""
    from desktop_app.app import prepare
    from desktop_app.cli import parse_options

    qt_app = QApplication([sys.argv[0]])
    startup = prepare(parse_options(["--data-dir", data_dir]))
    assert not isinstance(startup, int)

    def home_filled() -> bool:
        built = startup.window.stack.built()
        return startup.ready and any(getattr(s, "has_history", False) for s in built)

    _when(home_filled, lambda: QTimer.singleShot(SETTLE_MS, lambda: then(startup)))
    return qt_app


def _when(condition: Callable[[], bool], then: Callable[[], None], every_ms: int = 5) -> None:
    if condition():
        then()
    else:
        QTimer.singleShot(every_ms, lambda: _when(condition, then, every_ms))


def _finish(report: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip teardown: nothing after the measurement matters


class Ticks:
    """A precise 5 ms timer on the UI thread; its late ticks are the stalls."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def start(self) -> None:
        self.times = [time.perf_counter()]
        self.timer.start()

    def longest_stall_ms(self) -> float:
        self.timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(self.times)]
        return round(max(0.0, (max(gaps) - TICK_MS / 1000) * 1000), 1) if gaps else -1.0


class PaintWatch(QObject):
    """Calls back at the first paint of a widget once ``ready()`` holds."""

    def __init__(self, ready: Callable[[], bool], then: Callable[[], None]) -> None:
        super().__init__()
        self.ready = ready
        self.then = then
        self.done = False

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint and self.ready():
            self.done = True
            self.then()
        return False


def _visible(kind: type) -> QWidget | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[0] if found else None


def win(data_dir: str, runs: int) -> None:
    from desktop_app.ui.journal.acknowledge import Acknowledgement
    from desktop_app.ui.journal.win_dialog import WinDialog

    took: list[float] = []
    used: list[float] = []  # the UI thread's CPU time over the same span
    holder: dict[str, Any] = {}

    def one(index: int) -> None:
        if index == runs:
            _finish({"win_ms": took, "win_cpu_ms": used})
        home = holder["startup"].window.screens["home"]
        text = f"Walked to work and noticed the trees, time {index + 1}"
        started, cpu = time.perf_counter(), time.thread_time()

        def shown() -> None:
            took.append((time.perf_counter() - started) * 1000)
            used.append((time.thread_time() - cpu) * 1000)
            home.win_label.removeEventFilter(watch)
            # A win alone is thanked in place (issue 12); one with a milestone in a dialog.
            inline = holder["startup"].window.notices.acknowledgement
            _when(lambda: _visible(Acknowledgement) is not None or inline.isVisible(),
                  lambda: next_one(index))

        watch = PaintWatch(lambda: home.win_label.text() == f"“{text}”", shown)
        holder["watch"] = watch
        home.win_label.installEventFilter(watch)
        # As a person scrolls to the card before clicking its button: below the fold of a
        # 720 px window (under "Worth noticing") the label was never painted, and the flow
        # waited for that paint until the child's time ran out.
        home.ensureWidgetVisible(home.win_label)
        home.ensureWidgetVisible(home.win_button)
        QTest.mouseClick(home.win_button, Qt.MouseButton.LeftButton)
        _when(lambda: _visible(WinDialog) is not None, lambda: type_in(text))

    def type_in(text: str) -> None:
        dialog = _visible(WinDialog)
        assert isinstance(dialog, WinDialog)
        QTest.keyClicks(dialog.form.text, text)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        QTimer.singleShot(0, lambda: QTest.mouseClick(save, Qt.MouseButton.LeftButton))

    def next_one(index: int) -> None:
        thanks = _visible(Acknowledgement)
        if thanks is not None:
            thanks.close()
        holder["startup"].window.notices.acknowledgement.dismiss()
        QTimer.singleShot(200, lambda: one(index + 1))

    def begin(startup: Any) -> None:
        holder["startup"] = startup
        one(0)

    _start(data_dir, begin).exec()


def autosave(data_dir: str) -> None:
    from desktop_app.ui.wizard import TemplateWizard
    from desktop_app.ui.wizard.draft_autosave import DELAY_MS, DraftAutosave

    ticks = Ticks()
    saves: list[float] = []

    def begin(startup: Any) -> None:
        startup.window.start_template("life-areas")
        _when(lambda: _visible(TemplateWizard) is not None,
              lambda: QTimer.singleShot(SETTLE_MS, answer_all))

    def answer_all() -> None:
        wizard = _visible(TemplateWizard)
        assert isinstance(wizard, TemplateWizard)
        saver = wizard.findChild(DraftAutosave)
        assert saver is not None
        saver.saved.connect(lambda: saves.append(time.perf_counter()))
        names = [f"{q.id}.current" if q.type == "gap" else q.id
                 for q in wizard.template.questions if q.type in ("gap", "scale")][:8]
        ticks.start()
        for step, name in enumerate(names):
            QTimer.singleShot(step * (DELAY_MS + 250), lambda n=name, s=step: set_one(wizard, n, s))
        QTimer.singleShot(len(names) * (DELAY_MS + 250) + 300, done)

    def set_one(wizard: Any, name: str, step: int) -> None:
        widget = wizard.question_widget(name)
        assert widget is not None, name
        widget.metaObject().userProperty().write(widget, 3 + step % 5)

    def done() -> None:
        _finish({"longest_stall_ms": ticks.longest_stall_ms(), "autosaves": len(saves)})

    _start(data_dir, begin).exec()


def refresh(data_dir: str, staged: str) -> None:
    from tests.benchmarks.data import LAPTOP_WIN

    ticks = Ticks()
    report: dict[str, Any] = {}

    def begin(startup: Any) -> None:
        live = startup.window.live_refresh
        assert live is not None
        home = startup.window.screens["home"]
        profile = Path(startup.session.require_repo().path)
        live.looked.connect(lambda changed: report.setdefault("looked_changed", changed))
        ticks.start()
        # The sync engine is another process: its copying never runs on this UI thread.
        threading.Thread(target=deliver, args=(Path(staged), profile), daemon=True).start()
        _when(lambda: home.win_label.text() == f"“{LAPTOP_WIN}”",
              lambda: QTimer.singleShot(300, done))
        QTimer.singleShot(20_000, done)

    def done() -> None:
        report["longest_stall_ms"] = ticks.longest_stall_ms()
        _finish(report)

    _start(data_dir, begin).exec()


def deliver(staged: Path, profile: Path) -> None:
    """As Syncthing does: a folder, then each file written under a temp name and renamed."""
    time.sleep(0.2)
    target = profile / staged.name
    target.mkdir(exist_ok=True)
    for source in sorted(staged.iterdir()):
        temp = target / f".syncthing.{source.name}.tmp"
        shutil.copyfile(source, temp)
        os.replace(temp, target / source.name)


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "win":
        win(sys.argv[2], int(sys.argv[3]))
    elif what == "autosave":
        autosave(sys.argv[2])
    elif what == "refresh":
        refresh(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(f"unknown benchmark flow {what!r}")
