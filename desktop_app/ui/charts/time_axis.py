"""The over-time charts' time axis: matplotlib date numbers, worked out fast."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import numpy as np
from matplotlib import dates as mdates

ZERO = timedelta(0)
# Days from 1970-01-01 to matplotlib's date epoch (0 with the default epoch).
EPOCH_SHIFT = float(mdates.date2num(datetime(1970, 1, 1)))  # type: ignore[no-untyped-call]


def x_values(moments: Sequence[datetime]) -> np.ndarray:
    """Matplotlib date numbers of the wall-clock times as they were recorded.

    Computed directly (seconds plus the recorded UTC offset, in days from matplotlib's
    epoch): ``date2num`` on thousands of datetimes is the slowest part of a redraw.
    """
    local = np.fromiter(
        (m.timestamp() + (m.utcoffset() or ZERO).total_seconds() for m in moments),
        dtype=float, count=len(moments),
    )
    return local / 86400.0 + EPOCH_SHIFT


def day_number(moment: datetime) -> float:
    """The matplotlib date number of one naive moment."""
    return float(mdates.date2num(moment))  # type: ignore[no-untyped-call]
