"""One helper calms the garbage collector around long worker jobs (import, report, charts)."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator

import pytest

from desktop_app.ui.worker_calm import SWITCH_INTERVAL_S, gentle


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    yield
    gc.unfreeze()  # what the tests froze goes back to the collector


def test_no_collection_and_short_turns_inside_then_what_stays_is_frozen() -> None:
    interval = sys.getswitchinterval()
    frozen = gc.get_freeze_count()
    kept = [object() for _ in range(100)]
    with gentle():
        assert not gc.isenabled()
        assert sys.getswitchinterval() == min(interval, SWITCH_INTERVAL_S)
    assert gc.isenabled()
    assert sys.getswitchinterval() == interval
    assert gc.get_freeze_count() >= frozen + len(kept)


def test_overlapping_jobs_on_two_threads_restore_the_settings_once_both_end() -> None:
    interval = sys.getswitchinterval()
    inside, leave = threading.Event(), threading.Event()

    def job() -> None:
        with gentle():
            inside.set()
            leave.wait(10)

    other = threading.Thread(target=job)
    with gentle():
        other.start()
        assert inside.wait(10)
    # This one ended first: the other still runs, so nothing is restored yet.
    assert not gc.isenabled()
    assert sys.getswitchinterval() == min(interval, SWITCH_INTERVAL_S)
    leave.set()
    other.join(10)
    assert gc.isenabled()
    assert sys.getswitchinterval() == interval


def test_a_failing_job_still_restores_the_settings() -> None:
    interval = sys.getswitchinterval()
    with pytest.raises(ValueError), gentle():
        raise ValueError("the job failed")
    assert gc.isenabled()
    assert sys.getswitchinterval() == interval


def test_quick_turns_stay_after_a_job_that_began_before_them() -> None:
    # The chart render thread asks for short turns for good; a worker's job under way then
    # must not give the long ones back when it ends.
    from desktop_app.ui import worker_calm

    before = sys.getswitchinterval()
    saved = worker_calm._saved
    try:
        sys.setswitchinterval(0.005)
        worker_calm._saved = (True, 0.005)
        with gentle():
            worker_calm.quick_turns()
        assert sys.getswitchinterval() == SWITCH_INTERVAL_S
        with gentle():
            pass
        assert sys.getswitchinterval() == SWITCH_INTERVAL_S
    finally:
        worker_calm._saved = saved
        sys.setswitchinterval(before)


def test_the_render_thread_asks_for_quick_turns(qtbot) -> None:
    from desktop_app.ui.charts.render_thread import RenderThread

    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        thread = RenderThread()
        done = threading.Event()

        class Job:
            def done(self) -> None:
                done.set()

        job = Job()
        thread.submit(lambda: None, job.done)
        assert sys.getswitchinterval() == SWITCH_INTERVAL_S
        qtbot.waitUntil(done.is_set, timeout=5000)
    finally:
        sys.setswitchinterval(before)
