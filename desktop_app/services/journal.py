"""Journal use cases: the check-in rhythm, check-ins, slips and returns, wins, milestones.

Times are stored as aware datetimes; local days are read in the zone of the check-in
settings, so "today" means the same thing to the schedule, the practices and the screens.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timezone

from desktop_app.domain.answers import Answer, GapAnswer
from desktop_app.domain.journal import (
    AnswerValue,
    CheckIn,
    CheckInSettings,
    Slip,
    Win,
    instant,
    mark_back_on_track,
)
from desktop_app.domain.milestones import Milestone
from desktop_app.domain.schedule import (
    is_overdue,
    local_date,
    moment_for_day,
    next_due,
    next_reminder_at,
    overdue_days,
)
from desktop_app.domain.scoring import triggered_alerts
from desktop_app.domain.templates import Template
from desktop_app.i18n import _
from desktop_app.services import journal_settings as settings_store
from desktop_app.services.errors import InputError
from desktop_app.services.focus import FocusService
from desktop_app.services.journal_cache import (
    CHECKIN_INDEX,
    CHECKINS,
    checkin_index,
    latest_first,
)
from desktop_app.services.journal_newest import (
    LATEST_CHECKIN_AT,
    LATEST_WIN,
    checkin_added,
    latest_result,
    win_added,
)
from desktop_app.services.journal_newest import last_checkin_at as newest_checkin_at
from desktop_app.services.journal_newest import latest_checkin as newest_checkin
from desktop_app.services.journal_newest import latest_win as newest_win
from desktop_app.services.milestones import MilestoneService
from desktop_app.services.session import Session
from desktop_app.storage.repository import Collection, Stored

CHECKIN_TEMPLATE = "check-in"


class JournalInputError(InputError):
    """A check-in, slip, win or setting the person entered cannot be saved."""


@dataclasses.dataclass(frozen=True)
class DueStatus:
    """When the next check-in is due and whether it is waiting."""

    next_due: datetime
    overdue: bool
    waiting_days: int
    last_checkin_at: datetime | None
    settings: CheckInSettings


@dataclasses.dataclass(frozen=True)
class SlipDraft:
    """A slip as written in the dialog; ``at`` None means now. Without ``time_known`` only
    the local date of ``at`` counts."""

    old_pattern: str
    focus_area: str | None = None
    trigger: str = ""
    what_helped: str = ""
    at: datetime | None = None
    back_on_track_at: datetime | None = None
    note: str = ""
    time_known: bool = True


@dataclasses.dataclass(frozen=True)
class WinDraft:
    """A win as written in the dialog; ``at`` None means now, or ``day`` when that is set."""

    text: str
    focus_area: str | None = None
    at: datetime | None = None
    day: date | None = None


WIN_TIME_OF_DAY = time(12, 0)
"""A win dated to an earlier day is placed at its midday: the day is what the person gave."""


@dataclasses.dataclass(frozen=True)
class CheckInOutcome:
    """What a finished check-in stored, and what is worth saying about it."""

    checkin_id: str
    slip_id: str | None
    win_id: str | None
    milestones: list[Milestone]
    alerts: list[str]


def _fixed(moment: datetime) -> datetime:
    # A fixed offset keeps the stored ISO text exact and comparisons free of fold quirks.
    offset = moment.utcoffset()
    assert offset is not None
    return moment.astimezone(timezone(offset))


def _checkin_answers(answers: Mapping[str, Answer | None]) -> dict[str, AnswerValue]:
    # A check-in template has no gap questions; a stray one is left out rather than
    # stored in a shape no check-in reader expects.
    return {k: v for k, v in answers.items() if not isinstance(v, GapAnswer)}


class JournalService:
    """Check-ins, slips, wins and milestones of the open profile."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.focus = FocusService(session)
        self.milestones = MilestoneService(session, self.focus)

    def _slips(self) -> Collection[Slip]:
        return self.session.require_repo().collection("lapses", Slip)

    def _wins(self) -> Collection[Win]:
        return self.session.require_repo().collection("wins", Win)

    def _checkins(self) -> Collection[CheckIn]:
        return self.session.require_repo().collection("checkins", CheckIn)

    # --- settings and time -----------------------------------------------------------
    def settings(self) -> CheckInSettings:
        return settings_store.read_settings(self.session.require_repo(), self.session.clock())

    def has_settings(self) -> bool:
        return settings_store.has_settings(self.session.require_repo())

    def save_settings(self, settings: CheckInSettings) -> None:
        settings_store.write_settings(self.session.require_repo(), settings)
        self.session.notify()

    def now(self) -> datetime:
        return self.session.clock()

    def today(self) -> date:
        return settings_store.local_today(self.settings(), self.now())

    def local(self, moment: datetime) -> datetime:
        """``moment`` on the wall clock of the settings' zone."""
        return moment.astimezone(self.settings().zone())

    def moment(self, wall: datetime) -> datetime:
        """A wall-clock time in the settings' zone as an aware moment."""
        if wall.tzinfo is not None:
            return _fixed(wall)
        return _fixed(wall.replace(tzinfo=self.settings().zone()))

    def start_of_day(self, moment: datetime) -> datetime:
        """The first moment of ``moment``'s local day in the settings' zone."""
        day = self.local(moment).date()
        return _fixed(datetime.combine(day, time(0), tzinfo=self.settings().zone()))

    # --- check-ins -------------------------------------------------------------------
    def checkin_count(self) -> int:
        return len(checkin_index(self.session.require_repo()))

    def checkin_ids(self) -> list[str]:
        """Doc ids of every check-in, the latest first."""
        return checkin_index(self.session.require_repo()).newest_first()

    def checkin(self, doc_id: str) -> CheckIn | None:
        return checkin_index(self.session.require_repo()).get(doc_id)

    def last_checkin_at(self) -> datetime | None:
        return newest_checkin_at(self.session.require_repo())

    def last_checkin_day(self) -> date | None:
        """The day the latest check-in is for (a backfilled one counts for its own day)."""
        checkin = newest_checkin(self.session.require_repo())
        return checkin.day(self.settings().zone()) if checkin is not None else None

    def due(self) -> DueStatus:
        """The next check-in and whether it is waiting; cheap enough for every Home redraw."""
        settings, now, day = self.settings(), self.now(), self.last_checkin_day()
        return DueStatus(
            next_due(settings, day, now),
            is_overdue(settings, day, now),
            overdue_days(settings, day, now),
            self.last_checkin_at(),
            settings,
        )

    def next_reminder(self) -> datetime:
        """The next reminder moment after now; due days already checked in are skipped."""
        return next_reminder_at(self.settings(), self.now(), self.last_checkin_day())

    def checkin_moment(self, day: date | None, wall_clock: time | None = None) -> datetime:
        """Where a check-in for ``day`` (None: today) is placed; refuses days to come."""
        if day is None:
            return _fixed(self.now())
        try:
            return moment_for_day(self.settings(), day, self.now(), wall_clock)
        except ValueError:
            raise JournalInputError(
                _("A check-in can be for today or an earlier day, not for a day still to come.")
            ) from None

    def checkin_template(self) -> Template | None:
        """The template a check-in uses: the shipped one, else any check-in template."""
        templates = self.session.templates
        found = templates.get(CHECKIN_TEMPLATE)
        if found is not None and found.kind == "check-in":
            return found
        return next((t for t in templates.templates if t.kind == "check-in"), None)

    def checkins_between(self, start: date, end: date) -> list[Stored[CheckIn]]:
        """Check-ins on local days ``start``..``end``, oldest first, decoding only those."""
        index = checkin_index(self.session.require_repo())
        zone = self.settings().zone()
        times = index.times()
        found = []
        for doc_id in reversed(index.newest_first()):
            if start <= local_date(times[doc_id], zone) <= end:
                checkin = index.get(doc_id)
                if checkin is not None:
                    found.append(Stored(doc_id, checkin))
        return found

    def complete_checkin(
        self,
        template: Template,
        answers: Mapping[str, Answer | None],
        practices_done: Iterable[str] = (),
        slip: SlipDraft | None = None,
        win: WinDraft | None = None,
        for_day: date | None = None,
    ) -> CheckInOutcome:
        """Store a finished check-in, and the slip and win logged with it.

        ``for_day`` backfills an earlier day (None: today); the check-in counts for that
        day in consistency and the schedule, and a slip or win logged with it without a
        time of its own is placed on that day too.
        """
        at = self.checkin_moment(for_day)
        day = local_date(at, self.settings().zone()) if for_day is None else for_day
        if for_day is not None and for_day != self.today():
            slip = dataclasses.replace(slip, at=slip.at or at) if slip else None
            win = dataclasses.replace(win, at=win.at or at) if win else None
        slip_record = self._slip_from(slip, uuid.uuid4().hex) if slip else None
        win_record = self._win_from(win) if win else None
        checkin = CheckIn(
            at,
            template.id,
            template.version,
            _checkin_answers(answers),
            tuple(dict.fromkeys(practices_done)),
            day,
        )
        repo = self.session.require_repo()
        since = repo.revision(CHECKINS)
        # One atomic write: the check-in, the slip and win logged with it, and the
        # milestones they reach land together, or none of them does.
        with repo.batch():
            doc_id = self._checkins().add(checkin)
            slip_id = self._slips().add(slip_record) if slip_record else None
            win_id = self._wins().add(win_record) if win_record else None
            repo.carry(CHECKIN_INDEX, since, lambda index: index.added(doc_id, checkin))
            repo.carry(LATEST_CHECKIN_AT, since,
                       lambda held: checkin_added(held, doc_id, checkin))
            found = self.milestones.announce(
                checkins=True, slips=slip_record is not None, wins=win_record is not None
            )
        alerts = [a.message for a in triggered_alerts(template, answers)]
        self.session.notify()
        return CheckInOutcome(doc_id, slip_id, win_id, found, alerts)

    def update_checkin(
        self,
        doc_id: str,
        answers: Mapping[str, Answer | None],
        practices_done: Iterable[str],
    ) -> None:
        """Rewrite a check-in's answers and practices; its time stays."""
        old = self.checkin(doc_id)
        if old is None:
            raise JournalInputError(_("This check-in no longer exists."))
        new = dataclasses.replace(
            old,
            answers=_checkin_answers(answers),
            practices_done=tuple(dict.fromkeys(practices_done)),
        )
        self.rewrite_checkin(doc_id, new)

    def rewrite_checkin(self, doc_id: str, new: CheckIn) -> None:
        """Store a new version of a check-in (its answers, or its day: see backfill)."""
        repo = self.session.require_repo()
        since = repo.revision(CHECKINS)
        self._checkins().update(doc_id, new)
        repo.carry(CHECKIN_INDEX, since, lambda index: index.updated(doc_id, new))
        repo.carry(LATEST_CHECKIN_AT, since, lambda _held: None)  # its time stays
        self.session.notify()

    def delete_checkin(self, doc_id: str) -> None:
        repo = self.session.require_repo()
        since = repo.revision(CHECKINS)
        self._checkins().remove(doc_id)
        repo.carry(CHECKIN_INDEX, since, lambda index: index.removed(doc_id))
        self.session.notify()

    # --- slips and returns -----------------------------------------------------------
    def slips(self) -> list[Stored[Slip]]:
        """Every slip, the latest first."""
        return latest_first(self.session.require_repo(), "lapses", Slip)

    def slip(self, doc_id: str) -> Slip | None:
        return self._slips().get(doc_id)

    def _slip_from(self, draft: SlipDraft, key: str) -> Slip:
        if not draft.old_pattern.strip():
            raise JournalInputError(_("Describe the old pattern in a few words."))
        now = self.now()
        at = _fixed(draft.at or now)
        if not draft.time_known:
            at = self.start_of_day(at)
        if instant(at) > instant(now) + 60:
            raise JournalInputError(_("A slip can only be logged once it has happened."))
        back = _fixed(draft.back_on_track_at) if draft.back_on_track_at else None
        if back is not None and instant(back) < instant(at):
            raise JournalInputError(_("Getting back on track cannot come before the slip."))
        if back is not None and instant(back) > instant(now) + 60:
            raise JournalInputError(_("The return cannot be in the future."))
        return Slip(
            key,
            at,
            draft.focus_area or None,
            draft.old_pattern.strip(),
            draft.trigger.strip(),
            draft.what_helped.strip(),
            back,
            draft.note.strip(),
            draft.time_known,
        )

    def log_slip(self, draft: SlipDraft) -> tuple[str, list[Milestone]]:
        """Store a slip; returns its id and any milestone it completes (a first return)."""
        slip = self._slip_from(draft, uuid.uuid4().hex)
        with self.session.require_repo().batch():  # the slip and its milestone, together
            doc_id = self._slips().add(slip)
            found = self.milestones.announce(slips=True)
        self.session.notify()
        return doc_id, found

    def update_slip(self, doc_id: str, draft: SlipDraft) -> None:
        old = self.slip(doc_id)
        if old is None:
            raise JournalInputError(_("This slip no longer exists."))
        self._slips().update(doc_id, self._slip_from(draft, old.key))
        self.session.notify()

    def back_on_track(self, doc_id: str, what_helped: str | None = None) -> list[Milestone]:
        """Mark the return from a slip now; returns any milestone it completes."""
        old = self.slip(doc_id)
        if old is None:
            raise JournalInputError(_("This slip no longer exists."))
        helped = what_helped.strip() if what_helped is not None else None
        now = self.now()
        at = now if instant(now) >= instant(old.at) else old.at
        with self.session.require_repo().batch():  # the return and its milestone, together
            self._slips().update(doc_id, mark_back_on_track(old, _fixed(at), helped))
            found = self.milestones.announce(slips=True)
        self.session.notify()
        return found

    def delete_slip(self, doc_id: str) -> None:
        self._slips().remove(doc_id)
        self.session.notify()

    # --- wins ------------------------------------------------------------------------
    def wins(self) -> list[Stored[Win]]:
        """Every win, the latest first."""
        return latest_first(self.session.require_repo(), "wins", Win)

    def latest_assessment(self) -> tuple[str, datetime] | None:
        """The title and time of the latest completed assessment, if any."""
        latest = latest_result(self.session.require_repo())
        if latest is None:
            return None
        head = latest[1]
        template = self.session.templates.get(head.template_id)
        title = template.title if template else head.template_title or head.template_id
        return title, head.completed_at

    def latest_win(self) -> Win | None:
        found = newest_win(self.session.require_repo())
        return found.item if found else None

    def _win_from(self, draft: WinDraft) -> Win:
        if not draft.text.strip():
            raise JournalInputError(_("Write a few words about what went well."))
        try:
            at = _fixed(draft.at or moment_for_day(
                self.settings(), draft.day or self.today(), self.now(), WIN_TIME_OF_DAY))
        except ValueError:
            raise JournalInputError(
                _("A win can be dated today or an earlier day, not a day still to come.")
            ) from None
        if instant(at) > instant(self.now()) + 60:
            raise JournalInputError(_("A win can only be logged once it has happened."))
        return Win(at, draft.text.strip(), draft.focus_area or None)

    def log_win(self, draft: WinDraft) -> list[Milestone]:
        """Store a win; returns any milestone it completes."""
        win = self._win_from(draft)
        repo = self.session.require_repo()
        since = repo.revision(("wins",))
        with repo.batch():  # the win and its milestone, together
            doc_id = self._wins().add(win)
            repo.carry(LATEST_WIN, since, lambda held: win_added(held, doc_id, win))
            found = self.milestones.announce(wins=True)
        self.session.notify()
        return found

    def update_win(self, doc_id: str, draft: WinDraft) -> None:
        old = self._wins().get(doc_id)
        if old is None:
            raise JournalInputError(_("This win no longer exists."))
        # The time stays unless the person gave the win another day.
        same_day = draft.day is None or draft.day == self.local(old.at).date()
        kept = dataclasses.replace(draft, at=old.at) if same_day else draft
        self._wins().update(doc_id, self._win_from(kept))
        self.session.notify()

    def delete_win(self, doc_id: str) -> None:
        self._wins().remove(doc_id)
        self.session.notify()
