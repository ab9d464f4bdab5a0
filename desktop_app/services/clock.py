"""The current time, injected so services never read the clock behind a test's back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, as an aware datetime in the machine's local zone."""
    return datetime.now().astimezone()
