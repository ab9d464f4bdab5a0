"""How long a return from a slip took, and the one wording every screen uses for it.

A slip logged without a time of day (only its date is known) is measured in whole days:
"the same day", "the next day", "after 3 days" — never "after 1 minute" because the slip
was stamped with the moment it was written down. The typical time is told honestly: with
a few returns each one is listed; with more, a middle one (a real return, not an average
of two) with the range around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from desktop_app.domain.journal import Slip, instant
from desktop_app.i18n import _, ngettext

FEW_RETURNS = 4
"""Up to this many returns are listed one by one; more get a middle value and a range."""

TYPICAL_WINDOW = 10
"""The typical time looks at this many of the latest returns."""

MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0


class ReturnTime(NamedTuple):
    """A return's length: exact ``seconds``, or whole local ``days`` when the slip's time
    of day was not given (then ``seconds`` is those days in seconds)."""

    seconds: float
    days: int | None = None

    @property
    def exact(self) -> bool:
        return self.days is None

    @property
    def sort_seconds(self) -> float:
        """For ordering and drawing: a return known to the day sits mid-way through it."""
        return self.seconds if self.days is None else (self.days + 0.5) * DAY


def return_time(slip: Slip) -> ReturnTime | None:
    """How long the return from ``slip`` took; None while it is still open."""
    back = slip.back_on_track_at
    if back is None:
        return None
    if slip.time_known:
        return ReturnTime(max(0.0, instant(back) - instant(slip.at)))
    # Each time carries the offset it was written with: its date is the local date.
    days = max(0, (back.date() - slip.at.date()).days)
    return ReturnTime(days * DAY, days)


def _measure(took: ReturnTime) -> tuple[str, int]:
    """The unit ("minute", "hour", "day"; "same" or "next" for a day-only return) and count."""
    if took.days is not None:
        if took.days == 0:
            return "same", 0
        if took.days == 1:
            return "next", 1
        return "day", took.days
    minutes = max(1, round(took.seconds / MINUTE))
    if minutes < 60:
        return "minute", minutes
    hours = round(minutes / 60)
    if hours < 36:
        return "hour", hours
    return "day", round(hours / 24)


def duration_words(took: ReturnTime) -> str:
    """"1 minute", "5 hours", "3 days"; "the same day", "the next day" when known to the day."""
    unit, n = _measure(took)
    if unit == "same":
        return _("the same day")
    if unit == "next":
        return _("the next day")
    if unit == "minute":
        return ngettext("{n} minute", "{n} minutes", n).format(n=n)
    if unit == "hour":
        return ngettext("{n} hour", "{n} hours", n).format(n=n)
    return ngettext("{n} day", "{n} days", n).format(n=n)


def back_words(took: ReturnTime | None) -> str:
    """A slip's return for its row: "after 6 hours", "the same day", "not yet"."""
    if took is None:
        return _("not yet")
    unit, n = _measure(took)
    if unit == "minute":
        return ngettext("after {n} minute", "after {n} minutes", n).format(n=n)
    if unit == "hour":
        return ngettext("after {n} hour", "after {n} hours", n).format(n=n)
    if unit == "day":
        return ngettext("after {n} day", "after {n} days", n).format(n=n)
    return duration_words(took)


def _about(took: ReturnTime) -> str:
    unit, n = _measure(took)
    if unit == "minute":
        return ngettext("about {n} minute", "about {n} minutes", n).format(n=n)
    if unit == "hour":
        return ngettext("about {n} hour", "about {n} hours", n).format(n=n)
    if unit == "day":
        return ngettext("about {n} day", "about {n} days", n).format(n=n)
    return duration_words(took)


def _listed(words: Sequence[str]) -> str:
    if len(words) == 1:
        return words[0]
    # Translators: the end of a list, "1 minute, 2 hours and 3 days"; {items} holds the rest.
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


def typical_words(returns: Sequence[ReturnTime]) -> str | None:
    """The typical time back over ``returns`` (oldest first; the last TYPICAL_WINDOW count).

    Few: "1 minute and 2 days". More: "about 6 hours; from 1 hour to 3 days over your last
    7 returns". None without returns.
    """
    recent = list(returns[-TYPICAL_WINDOW:])
    if not recent:
        return None
    if len(recent) <= FEW_RETURNS:
        return _listed([duration_words(r) for r in recent])
    ordered = sorted(recent, key=lambda r: r.sort_seconds)
    middle = ordered[(len(ordered) - 1) // 2]  # the lower middle: always a real return
    low, high = duration_words(ordered[0]), duration_words(ordered[-1])
    n = len(recent)
    if low == high:
        return ngettext(
            "{about}, each of your last {n} return", "{about}, each of your last {n} returns", n
        ).format(about=_about(middle), n=n)
    return ngettext(
        "{about}; from {low} to {high} over your last {n} return",
        "{about}; from {low} to {high} over your last {n} returns",
        n,
    ).format(about=_about(middle), low=low, high=high, n=n)


def typical_sentence(returns: Sequence[ReturnTime]) -> str | None:
    """The headline sentence the slips tab and the chart's description share."""
    words = typical_words(returns)
    if words is None:
        return None
    if len(returns[-TYPICAL_WINDOW:]) <= FEW_RETURNS:
        return _("Time back on track so far: {words}.").format(words=words)
    return _("Typical time back on track: {words}.").format(words=words)


def middle_seconds(returns: Sequence[ReturnTime]) -> float | None:
    """The lower-middle return's length (for comparing two stretches); None when empty."""
    if not returns:
        return None
    ordered = sorted(r.sort_seconds for r in returns)
    return ordered[(len(ordered) - 1) // 2]


def comparison_words(recent: Sequence[ReturnTime], earlier: Sequence[ReturnTime]) -> str:
    """A sentence comparing the latest returns with the ones before, or "" when either
    stretch is too short for a middle value to mean anything."""
    if len(recent) <= FEW_RETURNS or len(earlier) <= FEW_RETURNS:
        return ""
    now, before = middle_seconds(recent), middle_seconds(earlier)
    assert now is not None and before is not None
    ordered = sorted(earlier, key=lambda r: r.sort_seconds)
    typical = ordered[(len(ordered) - 1) // 2]
    # "came the same day" and "took about 6 hours": whole sentences for each, for word order.
    on_a_day = _measure(typical)[0] in ("same", "next")
    then = _about(typical)
    if before > now * 1.1:
        if on_a_day:
            return _("That is sooner than before, when a return typically came {when}.").format(
                when=then
            )
        return _("That is sooner than before, when a return typically took {duration}.").format(
            duration=then
        )
    if before < now * 0.9:
        if on_a_day:
            return _(
                "Before that, a return typically came {when}; some stretches are harder, and "
                "coming back still counts."
            ).format(when=then)
        return _(
            "Before that, a return typically took {duration}; some stretches are harder, and "
            "coming back still counts."
        ).format(duration=then)
    return ""
