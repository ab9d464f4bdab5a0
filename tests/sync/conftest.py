"""Every sync test is bounded as a whole, on top of the deadline of each wait inside it."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from types import FrameType

import pytest

TEST_LIMIT = 120  # seconds; the slowest test here takes about 15 s on a quiet machine


@pytest.fixture(autouse=True)
def bounded_in_time(request: pytest.FixtureRequest) -> Iterator[None]:
    def give_up(_signum: int, _frame: FrameType | None) -> None:
        # Raised in the test's own thread: subprocess.run kills its child, and the Syncthing
        # harness ends both instances in its ``finally``.
        raise TimeoutError(f"{request.node.name} ran longer than {TEST_LIMIT} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(TEST_LIMIT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
