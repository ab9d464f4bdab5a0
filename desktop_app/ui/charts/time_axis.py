"""The over-time charts' time axis: matplotlib date numbers, worked out fast."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import numpy as np
from matplotlib import dates as mdates

from desktop_app.ui.charts.locale_axis import LocaleDateFormatter

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


class SharedMoments:
    """``x_values`` for one fill of a chart, worked out once for moments already met: the
    series of one set of results (now and ideal, every area, every scale of a check-in)
    share the very same datetime objects, and converting each again was most of a fill."""

    def __init__(self) -> None:
        self._met: list[tuple[Sequence[datetime], np.ndarray]] = []

    def __call__(self, moments: Sequence[datetime]) -> np.ndarray:
        for known, xs in self._met:
            if len(known) == len(moments) and all(
                    a is b for a, b in zip(known, moments, strict=True)):
                return xs
        xs = x_values(moments)
        self._met.append((moments, xs))
        return xs


def day_number(moment: datetime) -> float:
    """The matplotlib date number of one naive moment."""
    return float(mdates.date2num(moment))  # type: ignore[no-untyped-call]


class SteadyDateLocator(mdates.AutoDateLocator):
    """``AutoDateLocator`` that works its ticks out once per view.

    Axes sharing a time axis share its locator, and a draw asks it again for every tick
    box, label and title placed on each of them (over a hundred times for nine panels):
    the dates between two ends of a view are the same every time.
    """

    def __init__(self, minticks: int = 3, maxticks: int = 8) -> None:
        super().__init__(minticks=minticks, maxticks=maxticks)  # type: ignore[no-untyped-call]
        self._seen: tuple[tuple[float, ...], Sequence[float]] | None = None

    def __call__(self) -> Sequence[float]:
        view = tuple(float(v) for v in self.axis.get_view_interval()) if self.axis else ()
        if self._seen is None or self._seen[0] != view:
            self._seen = (view, super().__call__())  # type: ignore[no-untyped-call]
        return self._seen[1]


class SteadyDateFormatter(LocaleDateFormatter):
    """Concise date ticks in the active language (``locale_axis``), formatted once for the
    same ticks (see the locator)."""

    def __init__(self, locator: mdates.DateLocator) -> None:
        super().__init__(locator)
        self._seen: tuple[tuple[float, ...], list[str], str] | None = None

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        key = tuple(float(v) for v in values)
        if self._seen is None or self._seen[0] != key:
            labels = list(super().format_ticks(values))
            self._seen = (key, labels, self.offset)
        return list(self._seen[1])

    def get_offset(self) -> str:
        """The offset (a year, say) of the ticks formatted last."""
        return self._seen[2] if self._seen is not None else ""
