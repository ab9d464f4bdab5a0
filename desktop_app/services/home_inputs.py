"""What Home shows, read from the open profile (``home_snapshot.HomeInputs``)."""

from __future__ import annotations

from desktop_app.home_snapshot import CheckInRhythm, Draft, FocusLine, HomeInputs, MilestoneNote
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.journal import JournalService
from desktop_app.services.session import Session


def home_inputs(session: Session, journal: JournalService | None = None) -> HomeInputs:
    """Home's inputs for the open profile (one must be open)."""
    repo = session.require_repo()
    profile = session.profile
    journal = journal or JournalService(session)
    drafts = tuple(Draft(template.id, template.title, saved_at.isoformat())
                   for template, saved_at in AssessmentService(session).unfinished())
    settings = journal.settings()  # its zone dates the drafts too
    rhythm = CheckInRhythm(str(settings.cadence), settings.weekday, settings.reminder_time,
                           settings.timezone)
    inputs = HomeInputs(
        profile_id=repo.profile_id,
        name=profile.name if profile else "",
        has_history=session.profiles.summary(repo).has_history,
        drafts=drafts,
        rhythm=rhythm,
    )
    if not inputs.has_history:
        return inputs
    day = journal.last_checkin_day()
    current = journal.focus.current()
    focus = None if current is None else tuple(
        FocusLine(area.area, journal.focus.title_of(area.area), area.intention,
                  tuple(p.what for p in area.practices))
        for area in current.item.areas)
    milestones = tuple(
        MilestoneNote(m.key, m.title, m.message,
                      journal.focus.title_of(m.key.removeprefix("gap-closed:"))
                      if m.key.startswith("gap-closed:") else "")
        for m in journal.milestones.pending())
    win = journal.latest_win()
    latest = journal.latest_assessment()
    return HomeInputs(
        profile_id=inputs.profile_id,
        name=inputs.name,
        has_history=True,
        drafts=drafts,
        rhythm=rhythm,
        last_checkin_day=day.isoformat() if day else None,
        focus=focus,
        milestones=milestones,
        win=(win.text, win.at.isoformat()) if win else None,
        assessment=(latest[0], latest[1].isoformat()) if latest else None,
    )
