"""Bring in what another app kept: Loop Habit Tracker habits and Daylio entries.

Loop's CSV export (a zip, or its ``Habits.csv`` and ``Checkmarks.csv``): every habit becomes
a practice of one focus area, "Habits", in a focus period that spans the days in the file
and is already over (so it never replaces the focus the person is working on); every day
with a check-mark becomes a check-in that records those practices as done, which is how
Groundwork counts practice days. Daylio's CSV export: every entry becomes a check-in at its
date and time whose note holds the mood, the activities and the note. Daylio's mood words
are kept as words: they are not Groundwork's distress or grounded scales, and turning one
into the other would put numbers in the person's mouth.

Records get ids derived from the rows they come from, so importing the same file again
adds nothing, and a newer export of the same history adds only what is new. A record the
person deleted is not brought back. The file is read and checked whole before anything is
written; the records then land in one atomic write.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Literal

from desktop_app.domain.journal import AnswerValue, CheckIn, FocusArea, FocusPeriod, Practice
from desktop_app.i18n import N_, _, ngettext, npgettext
from desktop_app.locale_format import format_day
from desktop_app.services.import_file import Addition, Recorder
from desktop_app.services.journal import JournalService
from desktop_app.services.peer_daylio import DaylioEntry, read_daylio_file
from desktop_app.services.peer_files import PeerFileError
from desktop_app.services.peer_loop import LoopHabit, read_loop_files
from desktop_app.services.profile_snapshot import ProfileSnapshot
from desktop_app.services.session import Session
from desktop_app.storage.repository import Collection, ProfileRepository

__all__ = ["ImportOutcome", "PeerFileError", "PeerImport", "PeerImportService"]

Source = Literal["loop", "daylio"]
LOOP_AREA = "habits"
# Loop keeps days, not times: the check-in sits at noon, and its note says where it came from.
LOOP_NOTE = N_("From Loop Habit Tracker")
CHECKIN_TABLE = "checkins"
FOCUS_TABLE = "focus"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def _at(day: date, clock: time, zone: tzinfo) -> datetime:
    local = datetime.combine(day, clock, zone)
    offset = local.utcoffset() or timedelta(0)
    return local.astimezone(timezone(offset))


def _short(day: date) -> str:
    return format_day(day)


@dataclass(frozen=True)
class PeerImport:
    """What a file would add, read and checked, nothing written yet."""

    source: Source
    file_name: str
    checkins: list[tuple[str, CheckIn]]
    period: tuple[str, FocusPeriod] | None = None
    habits: int = 0
    done_days: int = 0
    left_out: int = 0
    first: date | None = None
    last: date | None = None

    def summary(self) -> str:
        """One or two sentences: what the file holds."""
        span = (
            {"first": _short(self.first), "last": _short(self.last)}
            if self.first and self.last else None
        )
        checkins = _count(len(self.checkins))
        if self.source == "loop":
            parts = {
                "habits": npgettext("peer import", "{n} habit", "{n} habits", self.habits)
                .format(n=_number(self.habits)),
                # Translators: follows "with" in the summary of a Loop file.
                "done_days": npgettext(
                    "peer import, after with", "{n} done day", "{n} done days", self.done_days
                ).format(n=_number(self.done_days)),
                "checkins": checkins,
            }
            if span:
                text = _("{habits} with {done_days} from {first} to {last}, as practices and "
                         "{checkins}.").format(**parts, **span)
            else:
                text = _("{habits} with {done_days}, as practices and {checkins}.").format(**parts)
        elif span:
            text = _("{checkins} from {first} to {last}, with mood and notes.").format(
                checkins=checkins, **span
            )
        else:
            text = _("{checkins}, with mood and notes.").format(checkins=checkins)
        if self.left_out:
            text += " " + ngettext(
                "{n} row could not be used and will be left out.",
                "{n} rows could not be used and will be left out.",
                self.left_out,
            ).format(n=_number(self.left_out))
        return text


def _number(count: int) -> str:
    return f"{count:,}"


def _count(count: int) -> str:
    return ngettext("{n} check-in", "{n} check-ins", count).format(n=_number(count))


@dataclass
class ImportOutcome:
    """What an import did (or, from :meth:`PeerImportService.preview`, would do)."""

    added: int = 0
    updated: int = 0
    already_there: int = 0
    deleted_here: int = 0
    period_added: bool = False
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.added and not self.updated and not self.period_added:
            text = _("Everything in this file is already in this profile; nothing will change.")
        else:
            parts = {
                "added": ngettext("{n} new check-in", "{n} new check-ins", self.added)
                .format(n=_number(self.added)),
                "updated": _count(self.updated),
                "already": _number(self.already_there),
            }
            if self.updated and self.already_there:
                text = _("{added}, {updated} with more practices done; {already} already here.")
            elif self.updated:
                text = _("{added}, {updated} with more practices done.")
            elif self.already_there:
                text = _("{added}; {already} already here.")
            else:
                text = _("{added}.")
            text = text.format(**parts)
        if self.deleted_here:
            text += " " + ngettext(
                "{n} record you deleted stay deleted.",
                "{n} records you deleted stay deleted.",
                self.deleted_here,
            ).format(n=_number(self.deleted_here))
        return text


class PeerImportService:
    """Reads another app's export for the open profile, and adds it."""

    def __init__(self, session: Session) -> None:
        # What reading needs of the profile is taken now (on the UI thread), so the files can
        # then be read and mapped on a worker.
        self.session = session
        journal = JournalService(session)
        template = journal.checkin_template()
        self._template = (template.id, template.version) if template else ("check-in", 1)
        self._zone = journal.settings().zone()

    def _checkin_template(self) -> tuple[str, int]:
        return self._template

    def _zone_and_now(self) -> tuple[tzinfo, datetime]:
        return self._zone, self.session.clock()

    # --- reading ---------------------------------------------------------------------
    def read_loop(self, paths: Sequence[Path]) -> PeerImport:
        """A Loop export: its zip, or its Habits.csv and Checkmarks.csv."""
        habits, name = read_loop_files(paths)
        zone, now = self._zone_and_now()
        today = now.astimezone(zone).date()
        template_id, version = self._checkin_template()
        by_day: dict[date, list[str]] = {}
        keys = _practice_keys(habits)
        left_out = 0
        for habit, key in zip(habits, keys, strict=True):
            for day in habit.done:
                if day > today:
                    left_out += 1
                    continue
                by_day.setdefault(day, []).append(key)
        if not by_day:
            raise PeerFileError(
                _("{file} has no days on which a habit was done.").format(file=name)
            )
        checkins = [
            (
                f"loop-{day:%Y%m%d}",
                CheckIn(_at(day, time(12, 0), zone), template_id, version,
                        {"practices": True, "note": _(LOOP_NOTE)}, tuple(done)),
            )
            for day, done in sorted(by_day.items())
        ]
        first, last = min(by_day), max(by_day)
        practices = tuple(
            Practice(key, habit.name, habit.cadence)
            for habit, key in zip(habits, keys, strict=True)
        )
        ended = min(_at(last, time(23, 59), zone), now, key=lambda d: d.timestamp())
        period = FocusPeriod(
            f"loop-{_digest(*sorted(keys))}",
            _at(first, time(0, 0), zone),
            ended,
            (FocusArea(f"loop-{LOOP_AREA}", LOOP_AREA,
                       _("The habits I tracked in Loop Habit Tracker"), practices),),
        )
        return PeerImport(
            "loop", name, checkins, (period.key, period), len(habits),
            sum(len(d) for d in by_day.values()), left_out, first, last,
        )

    def read_daylio(self, path: Path) -> PeerImport:
        """A Daylio CSV export."""
        entries, left_out = read_daylio_file(path)
        zone, now = self._zone_and_now()
        template_id, version = self._checkin_template()
        seen: dict[tuple[date, time], int] = {}
        checkins: list[tuple[str, CheckIn]] = []
        today = now.astimezone(zone).date()
        for entry in entries:
            if entry.day > today:
                left_out += 1
                continue
            at = _at(entry.day, entry.time, zone)
            if at > now + timedelta(minutes=1):
                left_out += 1
                continue
            # Two entries in one minute are two check-ins: the count keeps their ids apart.
            n = seen[(entry.day, entry.time)] = seen.get((entry.day, entry.time), 0) + 1
            record_id = f"daylio-{_digest(entry.day.isoformat(), entry.time.isoformat(), str(n))}"
            answers: dict[str, AnswerValue] = {"note": _daylio_note(entry)}
            checkins.append((record_id, CheckIn(at, template_id, version, answers)))
        if not checkins:
            raise PeerFileError(
                _("{file} has no entries Groundwork can use.").format(file=path.name)
            )
        days = [c.at.date() for _id, c in checkins]
        return PeerImport(
            "daylio", path.name, checkins, None, 0, 0, left_out, min(days), max(days)
        )

    # --- adding ----------------------------------------------------------------------
    def preview(self, plan: PeerImport, profile: ProfileSnapshot | None = None,
                ) -> ImportOutcome:
        """What :meth:`add` would do now (to the profile ``profile`` is a snapshot of, on a
        worker thread), without writing."""
        return self._apply(plan, write=False, repo=profile)

    def add_elsewhere(self, plan: PeerImport, recorder: Recorder,
                      ) -> tuple[Addition | None, ImportOutcome]:
        """:meth:`add`, on a worker thread: the records are written through ``recorder``
        (``import_file.Recorder``) as a file of their own, which the UI thread then takes
        in (``import_file.take_in``). OSError: nothing was written."""
        outcome = self._apply(plan, write=True, repo=recorder)
        return recorder.written(), outcome

    def add(self, plan: PeerImport) -> ImportOutcome:
        """Add the records in one atomic write (OSError: nothing was added)."""
        repo = self.session.require_repo()
        first = plan.first or self.session.clock().date()
        # History written in one go goes to a file of its own month, which later saves
        # never rewrite (as the demo profile's history does).
        with repo.batch(month=first):
            outcome = self._apply(plan, write=True)
        self.session.notify()
        return outcome

    def _apply(self, plan: PeerImport, write: bool,
               repo: ProfileRepository | ProfileSnapshot | Recorder | None = None,
               ) -> ImportOutcome:
        repo = repo if repo is not None else self.session.require_repo()
        outcome = ImportOutcome()
        if plan.period is not None:
            focus: Collection[FocusPeriod] = repo.collection(FOCUS_TABLE, FocusPeriod)
            period_id, period = plan.period
            if focus.was_deleted(period_id):
                outcome.deleted_here += 1
            else:
                old = focus.get(period_id)
                merged = period if old is None else _widen(old, period)
                if old is None:
                    outcome.period_added = True
                    if write:
                        focus.put(period_id, merged)
                elif merged != old and write:
                    focus.update(period_id, merged)
        checkins: Collection[CheckIn] = repo.collection(CHECKIN_TABLE, CheckIn)
        for record_id, checkin in plan.checkins:
            if checkins.was_deleted(record_id):
                outcome.deleted_here += 1
                continue
            old_checkin = checkins.get(record_id)
            if old_checkin is None:
                outcome.added += 1
                if write:
                    checkins.put(record_id, checkin)
                continue
            more = [k for k in checkin.practices_done if k not in old_checkin.practices_done]
            if not more:
                outcome.already_there += 1
                continue
            outcome.updated += 1
            if write:
                checkins.update(record_id, dataclasses.replace(
                    old_checkin, practices_done=(*old_checkin.practices_done, *more)
                ))
        return outcome


def _practice_keys(habits: Sequence[LoopHabit]) -> list[str]:
    """Stable keys from the habits' names (a repeated name also counts its repeat)."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for habit in habits:
        n = seen[habit.name] = seen.get(habit.name, 0) + 1
        keys.append(f"loop-{_digest(habit.name, str(n))}")
    return keys


def _widen(old: FocusPeriod, new: FocusPeriod) -> FocusPeriod:
    """The stored period grown to cover a newer export: earliest start, latest end,
    every practice of both (the stored ones first, as the person may have edited them)."""
    area = old.areas[0]
    known = {p.key for p in area.practices}
    practices = (*area.practices, *(p for p in new.practices() if p.key not in known))
    start = min(old.started_at, new.started_at, key=lambda d: d.timestamp())
    ends = [d for d in (old.ended_at, new.ended_at) if d is not None]
    end = max(ends, key=lambda d: d.timestamp()) if ends else None
    widened = dataclasses.replace(area, practices=practices)
    return dataclasses.replace(
        old, started_at=start, ended_at=end, areas=(widened, *old.areas[1:])
    )


def _daylio_note(entry: DaylioEntry) -> str:
    lines = [
        _("Mood in Daylio: {mood}").format(mood=entry.mood) if entry.mood else _("From Daylio")
    ]
    if entry.activities:
        lines.append(_("Activities: {list}").format(list=", ".join(entry.activities)))
    text = "\n".join(part for part in (entry.title, entry.note) if part)
    if text:
        lines += ["", text]
    return "\n".join(lines)

