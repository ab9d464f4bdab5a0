"""Keeping the UI thread's turns while a worker thread does long pure-Python work.

One place for the trade-off it makes: what is alive when such work ends is frozen
(``gc.freeze``), so no later full collection walks it while holding the interpreter, and so
the UI thread, for 100–300 ms at 20 years; the price is that cycles among those objects are
never collected (memory held until the process ends).
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The UI thread needs the interpreter for every Python slot and event filter it runs; with
# the default 5 ms turns, a few of them while a worker computes wait tens of milliseconds.
SWITCH_INTERVAL_S = 0.0005

_lock = threading.Lock()
_inside = 0
_saved: tuple[bool, float] = (True, 0.005)


def quick_turns() -> None:
    """Short interpreter turns from now on, not only inside ``gentle``: the chart render
    thread runs matplotlib's Python while the window works, and with 5 ms turns every slot
    and event filter of the UI thread waited for it (Progress opening: UI stalls of 60-90 ms,
    25-45 with short turns; a thread alone is never interrupted, so it costs nothing then)."""
    global _saved
    with _lock:
        _saved = (_saved[0], min(_saved[1], SWITCH_INTERVAL_S))  # what ``gentle`` restores
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))


def freeze_survivors() -> None:
    """Move everything alive now out of the garbage collector's reach (see above)."""
    gc.freeze()


@contextmanager
def gentle() -> Iterator[None]:
    """Around a worker's slow pure-Python work: no automatic collection meanwhile (the
    short-lived objects it makes would trigger full ones), shorter interpreter turns, and
    what the work keeps frozen at the end. Nested or overlapping uses (an import while a
    report is built) act as one: the last to end restores the settings."""
    global _inside, _saved
    with _lock:
        if _inside == 0:
            _saved = (gc.isenabled(), sys.getswitchinterval())
            gc.disable()
            sys.setswitchinterval(min(_saved[1], SWITCH_INTERVAL_S))
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                collecting, interval = _saved
                sys.setswitchinterval(interval)
                if collecting:
                    freeze_survivors()
                    gc.enable()
