"""Milestones: moments worth acknowledging, said warmly and plainly.

They are recomputed from the journal each time (nothing is stored), they never expire and
nothing is lost when a day is missed. Wording avoids game vocabulary on purpose: no points,
streaks, levels or badges.

Rules:

* ``first-checkin``: the first check-in.
* ``first-month``: the first check-in made 30 or more days after the first one, once there
  are at least four days with a check-in. Counting days between (not a number of
  check-ins) treats weekly and daily rhythms alike; the four days keep two isolated
  check-ins a month apart from counting as a month of check-ins.
* ``checkins-100``: the hundredth check-in.
* ``first-return``: the first time the person marked being back on track after a slip.
* ``first-win``: the first win recorded.
* ``gap-closed:<area>``: an area whose gap is two or more smaller in the latest assessment
  than in the first one, reached on the day of the latest assessment.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date, tzinfo

from desktop_app.domain.journal import CheckIn, Slip, Win, instant
from desktop_app.domain.schedule import local_date
from desktop_app.i18n import _

FIRST_MONTH_DAYS = 30
FIRST_MONTH_MIN_CHECKIN_DAYS = 4
GAP_CLOSED_BY = 2
HUNDREDTH = 100

FORBIDDEN_WORDS = ("points", "streak", "level up", "badge", "unlock", "achievement")
"""Game vocabulary that milestone text must never use (checked by the tests)."""


@dataclasses.dataclass(frozen=True)
class Milestone:
    """A moment worth acknowledging. ``key`` is stable, so the UI can remember it was shown."""

    key: str
    title: str
    message: str
    reached_on: date


def _checkin_milestones(checkins: list[CheckIn], tz: tzinfo) -> list[Milestone]:
    if not checkins:
        return []
    found = [
        Milestone(
            "first-checkin",
            _("Your first check-in"),
            _("You stopped and looked at how things are going. That is where the practice starts."),
            local_date(checkins[0].at, tz),
        )
    ]
    first_day = local_date(checkins[0].at, tz)
    days_seen: set[date] = set()
    for checkin in checkins:
        day = local_date(checkin.at, tz)
        days_seen.add(day)
        long_enough = (day - first_day).days >= FIRST_MONTH_DAYS
        if long_enough and len(days_seen) >= FIRST_MONTH_MIN_CHECKIN_DAYS:
            found.append(
                Milestone(
                    "first-month",
                    _("A month of check-ins"),
                    _("You have kept checking in for a month. Coming back to it, again and "
                      "again, is what builds the muscle."),
                    day,
                )
            )
            break
    if len(checkins) >= HUNDREDTH:
        found.append(
            Milestone(
                "checkins-100",
                _("A hundred check-ins"),
                _("A hundred times you made room to notice your thoughts, words and body. "
                  "That care adds up."),
                local_date(checkins[HUNDREDTH - 1].at, tz),
            )
        )
    return found


def _first_return(slips: Iterable[Slip], tz: tzinfo) -> list[Milestone]:
    returns = [s.back_on_track_at for s in slips if s.back_on_track_at is not None]
    if not returns:
        return []
    first = min(returns, key=instant)
    return [
        Milestone(
            "first-return",
            _("Back on track"),
            _("You slipped and you came back. Getting back on track is not a detour from the "
              "work; it is the work."),
            local_date(first, tz),
        )
    ]


def _first_win(wins: Iterable[Win], tz: tzinfo) -> list[Milestone]:
    moments = [w.at for w in wins]
    if not moments:
        return []
    return [
        Milestone(
            "first-win",
            _("Your first win"),
            _("You wrote down something that went well. It is worth keeping: it is evidence of "
              "the change you are making."),
            local_date(min(moments, key=instant), tz),
        )
    ]


def _gap_milestones(
    first_gaps: Mapping[str, int],
    latest_gaps: Mapping[str, int],
    assessed_on: date | None,
    area_titles: Mapping[str, str],
) -> list[Milestone]:
    if assessed_on is None:
        return []
    found = []
    for area in sorted(first_gaps):
        if area not in latest_gaps:
            continue
        before, now = first_gaps[area], latest_gaps[area]
        if before - now >= GAP_CLOSED_BY:
            name = area_titles.get(area, area)
            found.append(
                Milestone(
                    f"gap-closed:{area}",
                    _("Closer in {name}").format(name=name),
                    _("The distance between where you are and where you want to be in {name} "
                      "has narrowed from {before} to {now} since your first assessment. "
                      "That change is yours.").format(name=name, before=before, now=now),
                    assessed_on,
                )
            )
    return found


def milestones(
    checkins: Iterable[CheckIn],
    slips: Iterable[Slip],
    wins: Iterable[Win],
    first_gaps: Mapping[str, int],
    latest_gaps: Mapping[str, int],
    tz: tzinfo,
    *,
    latest_assessed_on: date | None,
    area_titles: Mapping[str, str] | None = None,
) -> list[Milestone]:
    """Every milestone reached so far, oldest first.

    ``first_gaps`` and ``latest_gaps`` map an area id to its gap (ideal minus current) in the
    first and the latest assessment; ``latest_assessed_on`` is the local date of the latest
    one (None when there is no assessment: no gap milestones then). ``area_titles`` gives
    readable names for area ids.
    """
    ordered = sorted(checkins, key=lambda c: instant(c.at))
    found = [
        *_checkin_milestones(ordered, tz),
        *_first_return(slips, tz),
        *_first_win(wins, tz),
        *_gap_milestones(first_gaps, latest_gaps, latest_assessed_on, area_titles or {}),
    ]
    # Stable sort: same-day milestones keep the order of the rules above.
    return sorted(found, key=lambda m: m.reached_on)
