"""The Demo profile: made-up history so every screen can be seen full."""

from __future__ import annotations

import dataclasses
from datetime import date
from zoneinfo import ZoneInfo

from desktop_app.domain.demo import DemoHistory, generate_demo
from desktop_app.domain.journal import CheckIn, FocusPeriod, Slip, Win
from desktop_app.domain.results import AssessmentResult
from desktop_app.i18n import _, ngettext
from desktop_app.services.journal_settings import system_zone_name
from desktop_app.services.session import Session
from desktop_app.storage.codec import to_json
from desktop_app.storage.repository import ProfileRepository

DEMO_NAME = "Demo"
DEMO_SEED = 2024
DEMO_YEARS = 2  # the default of --demo-years


def open_demo_profile(session: Session, years: int | None = None) -> str | None:
    """Open the Demo profile, creating it with ``years`` of history when there is none.

    Returns a sentence for the person when an existing Demo profile was made with other years.
    """
    found = session.profiles.find(DEMO_NAME)
    if found is not None:
        session.open_profile(found.id)
        made = session.require_repo().meta.get("demo_years")
        if years is None or made == years:
            return None
        if not made:
            return _(
                "The Demo profile exists already, so it was opened as it is: --demo-years {years} "
                "only applies when it is first made. Delete the Demo profile to make a new one."
            ).format(years=years)
        return ngettext(
            "The Demo profile exists with {made} year of history, so it was opened as it is: "
            "--demo-years {years} only applies when it is first made. Delete the Demo profile "
            "to make a new one.",
            "The Demo profile exists with {made} years of history, so it was opened as it is: "
            "--demo-years {years} only applies when it is first made. Delete the Demo profile "
            "to make a new one.",
            made,
        ).format(made=made, years=years)
    session.create_profile(DEMO_NAME)
    now = session.clock()
    zone = ZoneInfo(system_zone_name(now))
    years = DEMO_YEARS if years is None else years
    history = generate_demo(
        DEMO_SEED, now.astimezone(zone).date(), zone, years=years,
        templates=session.templates.templates,
    )
    repo = session.require_repo()
    with repo.batch(month=_first_day(history)):
        store_history(repo, history)
        repo.set_meta(demo_years=years)
    session.notify()
    return None


def _first_day(history: DemoHistory) -> date | None:
    days = [c.at.date() for c in history.checkins[:1]] + [
        r.completed_at.date() for r in history.assessments[:1]]
    return min(days) if days else None


def store_history(repo: ProfileRepository, history: DemoHistory) -> None:
    """Write a generated history in one atomic write of one file: the file of the month the
    history starts in, so later saves (this month's file) do not rewrite years of it."""
    with repo.batch(month=_first_day(history)):
        ids = repo.collection("assessments", AssessmentResult).add_many(history.assessments)
        periods = [
            dataclasses.replace(period, source_assessment=None if index is None else ids[index])
            for period, index in zip(history.focus, history.focus_sources, strict=True)
        ]
        repo.collection("focus", FocusPeriod).add_many(periods)
        repo.collection("checkins", CheckIn).add_many(history.checkins)
        repo.collection("lapses", Slip).add_many(history.slips)
        repo.collection("wins", Win).add_many(history.wins)
        repo.set_meta(checkin_settings=to_json(history.settings))

