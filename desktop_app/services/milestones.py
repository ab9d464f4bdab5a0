"""Milestones worth acknowledging, and which of them the person has already been shown.

What has been shown is kept in the profile's meta document under ``milestones_seen``, so a
milestone is said once. Milestones reached long ago (an old or imported history) are not
announced at all, only remembered as seen: they would arrive out of the blue.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from desktop_app.domain.journal import CheckIn, Slip, Win
from desktop_app.domain.milestones import Milestone, milestones
from desktop_app.domain.schedule import local_date
from desktop_app.services import journal_settings as settings_store
from desktop_app.services.focus import FocusService
from desktop_app.services.journal_cache import checkin_index, latest_first
from desktop_app.services.journal_newest import gap_ends
from desktop_app.services.session import Session

SEEN_KEY = "milestones_seen"
RECENT_DAYS = 14
"""Milestones reached longer ago than this are not announced."""
CHECKIN_KEYS = frozenset({"first-checkin", "first-month", "checkins-100"})
RETURN_KEYS = frozenset({"first-return"})
WIN_KEYS = frozenset({"first-win"})


class MilestoneService:
    """Reached, pending and acknowledged milestones of the open profile."""

    def __init__(self, session: Session, focus: FocusService | None = None) -> None:
        self.session = session
        self.focus = focus or FocusService(session)

    def _seen(self) -> set[str]:
        raw = self.session.require_repo().meta.get(SEEN_KEY, [])
        return {str(k) for k in raw} if isinstance(raw, list) else set()

    def _since(self) -> date:
        now = self.session.clock()
        settings = settings_store.read_settings(self.session.require_repo(), now)
        return settings_store.local_today(settings, now) - timedelta(days=RECENT_DAYS)

    def _gap_inputs(self) -> tuple[dict[str, int], dict[str, int], date | None]:
        repo = self.session.require_repo()
        # Only the first and the latest readings: Home asks at every redraw.
        ends = gap_ends(repo, self.session.templates.templates)
        if ends is None:
            return {}, {}, None
        first, latest = ends
        zone = settings_store.read_settings(repo, self.session.clock()).zone()
        return first.gap_sizes(), latest.gap_sizes(), local_date(latest.completed_at, zone)

    def _checkins(self) -> list[CheckIn]:
        index = checkin_index(self.session.require_repo())
        found = (index.get(doc_id) for doc_id in index.newest_first())
        return [c for c in found if c is not None]

    def _slips(self) -> list[Slip]:
        return [s.item for s in latest_first(self.session.require_repo(), "lapses", Slip)]

    def _wins(self) -> list[Win]:
        return [s.item for s in latest_first(self.session.require_repo(), "wins", Win)]

    def _compute(
        self, *, checkins: bool, slips: bool, wins: bool, gaps: bool
    ) -> list[Milestone]:
        first, latest, day = self._gap_inputs() if gaps else ({}, {}, None)
        repo = self.session.require_repo()
        return milestones(
            self._checkins() if checkins else [],
            self._slips() if slips else [],
            self._wins() if wins else [],
            first,
            latest,
            settings_store.read_settings(repo, self.session.clock()).zone(),
            latest_assessed_on=day,
            area_titles=self.focus.area_titles(),
        )

    def reached(self) -> list[Milestone]:
        """Every milestone reached so far, oldest first."""
        return self._compute(checkins=True, slips=True, wins=True, gaps=True)

    def pending(self) -> list[Milestone]:
        """Recent gap milestones not acknowledged yet (cheap: no check-in is read).

        Check-in, slip and win milestones are announced by the flow that reaches them; a
        gap closes when an assessment is completed, so Home shows those.
        """
        since, seen = self._since(), self._seen()
        found = self._compute(checkins=False, slips=False, wins=False, gaps=True)
        return [m for m in found if m.key not in seen and m.reached_on >= since]

    def acknowledge(self, keys: Iterable[str]) -> None:
        """Remember that these milestones were shown, so they are said only once."""
        self._remember(keys)
        self.session.notify()

    def announce(
        self, *, checkins: bool = False, slips: bool = False, wins: bool = False
    ) -> list[Milestone]:
        """Milestones the event just reached, remembered as shown: the caller shows them.

        Only the kinds the event can reach are looked at, and only while one of them is
        still unseen, so a check-in in a long-used profile reads nothing extra.
        """
        seen = self._seen()
        checkins = checkins and not seen >= CHECKIN_KEYS
        slips = slips and not seen >= RETURN_KEYS
        wins = wins and not seen >= WIN_KEYS
        if not (checkins or slips or wins):
            return []
        found = self._compute(checkins=checkins, slips=slips, wins=wins, gaps=False)
        fresh = [m for m in found if m.key not in seen]
        if fresh:
            # Old ones are remembered too, unsaid, so they are never looked for again.
            self._remember(m.key for m in fresh)
        since = self._since()
        return [m for m in fresh if m.reached_on >= since]

    def _remember(self, keys: Iterable[str]) -> None:
        seen = self._seen() | set(keys)
        self.session.require_repo().set_meta(**{SEEN_KEY: sorted(seen)})
