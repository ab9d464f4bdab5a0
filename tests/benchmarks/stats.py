"""Small statistics for timings (seconds in, milliseconds out), and a row of the table."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


def median_ms(samples: Sequence[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(0.95 * (len(ordered) - 1))))
    return ordered[index] * 1000


def max_ms(samples: Sequence[float]) -> float:
    return max(samples) * 1000


@dataclass
class Row:
    """One line of the table: a measured figure against its budget."""

    what: str
    measured: str
    budget: str
    ok: bool
    detail: dict[str, Any]
