"""The worker for slow calls: the result or the exception comes back on the UI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread

from desktop_app.ui.background import run_in_background, wait_for_background


def test_a_result_and_an_exception_come_back_on_the_ui_thread(qtbot) -> None:
    owner = QObject()
    got: list[object] = []
    threads: list[object] = []

    def work() -> int:
        threads.append(threading.current_thread())
        return 42

    def on_result(value: object) -> None:
        got.append((value, QThread.currentThread() is owner.thread()))

    run_in_background(owner, work, on_result, got.append)
    qtbot.waitUntil(lambda: len(got) == 1)
    assert got == [(42, True)] and threads[0] is not threading.main_thread()

    def fail() -> None:
        raise ValueError("no")

    run_in_background(owner, fail, got.append, lambda error: got.append(repr(error)))
    qtbot.waitUntil(lambda: len(got) == 2)
    assert got[1] == "ValueError('no')"


def test_nothing_is_delivered_to_an_owner_that_is_gone(qtbot) -> None:
    owner = QObject()
    gate = threading.Event()
    got: list[object] = []
    run_in_background(owner, lambda: gate.wait(5), got.append, got.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    gate.set()
    assert wait_for_background()
    done = QObject()
    run_in_background(done, lambda: 1, got.append, got.append)  # queued after the first one
    qtbot.waitUntil(lambda: got == [1])


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
