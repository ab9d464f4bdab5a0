"""Loop Habit Tracker's CSV export, read into habits and the days each was done.

The format, as Loop's own exporter writes it (``HabitsCSVExporter`` in uhabits-core): a zip
holding ``Habits.csv`` (Position, Name, Question, Description, NumRepetitions, Interval,
Color), ``Checkmarks.csv`` (a Date column, newest first, then one column per habit named by
the habit, each row ending in a comma) and, per habit, a folder ``NNN Name`` with its own
``Checkmarks.csv`` (Date, Value, Notes; older versions without a header). Dates are
``yyyy-MM-dd``. A value is ``YES_MANUAL``/``2`` (done), ``YES_AUTO``/``1`` (not due),
``NO``/``0``, ``SKIP``/``3``, ``UNKNOWN``/``-1``; a measurable habit writes its amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from desktop_app.domain.journal import Cadence
from desktop_app.i18n import _, ngettext
from desktop_app.services.peer_files import (
    PeerFileError,
    Table,
    read_bytes,
    read_table,
    text_of,
    zip_members,
)

WHAT = "Loop Habit Tracker"
MAX_HABITS = 500
MAX_COMMAS = 8
FIRST_YEAR = 1900  # older dates are damage, not history (and would not fit a time zone)
_DONE = {"YES_MANUAL", "2"}
_NOT_DONE = {"YES_AUTO", "NO", "SKIP", "UNKNOWN", "-1", "0", "1", "3", ""}


@dataclass
class LoopHabit:
    """One habit: its name, how often it was meant to happen, and the days it was done."""

    name: str
    cadence: Cadence = field(default_factory=Cadence.daily)
    done: set[date] = field(default_factory=set)


def _parse_day(text: str) -> date | None:
    try:
        day = date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None
    return day if day.year >= FIRST_YEAR else None


def _is_done(value: str) -> bool:
    text = value.strip().upper()
    if text in _DONE:
        return True
    if text in _NOT_DONE:
        return False
    try:
        return float(text) > 0  # a measurable habit: any amount counts as done
    except ValueError:
        return False


def cadence_of(repetitions: str, interval: str) -> Cadence:
    """NumRepetitions in Interval days, as the nearest Groundwork cadence."""
    try:
        reps, days = int(repetitions.strip()), int(interval.strip())
    except ValueError:
        return Cadence.daily()
    if reps <= 0 or days <= 0:
        return Cadence.daily()
    per_week = max(1, min(7, round(reps * 7 / days)))
    if per_week == 7:
        return Cadence.daily()
    return Cadence.weekly() if per_week == 1 else Cadence.per_week(per_week)


def read_loop_files(paths: Sequence[Path]) -> tuple[list[LoopHabit], str]:
    """The habits of a Loop export (a zip, or its CSV files); the name to show for it."""
    if not paths:
        raise PeerFileError(_("No file was chosen."))
    name = paths[0].name if len(paths) == 1 else ngettext(
        "{n} file", "{n} files", len(paths)
    ).format(n=len(paths))
    tables: dict[str, Table] = {}
    for path in paths:
        raw = read_bytes(path, WHAT)
        if raw[:4] == b"PK\x03\x04":
            for member, data in zip_members(raw, path.name, WHAT).items():
                tables[member] = read_table(text_of(data, member), member)
        else:
            tables[str(path)] = read_table(text_of(raw, path.name), path.name)
    if len(paths) == 1 and not _is_habits(next(iter(tables.values()), None)):
        beside = paths[0].with_name("Habits.csv")
        if beside != paths[0] and beside.is_file():
            tables[str(beside)] = read_table(text_of(read_bytes(beside, WHAT), beside.name),
                                             beside.name)
    habits = _habits_table(tables)
    found = _from_wide(tables, habits) or _from_folders(tables, habits)
    if found is None:
        raise PeerFileError(
            _("{file} is not a {app} export: it has no Checkmarks.csv with a Date column. "
              "Choose the zip file Loop made (Settings ▸ Export as CSV), or its "
              "Checkmarks.csv.").format(file=name, app=WHAT)
        )
    if len(found) > MAX_HABITS:
        raise PeerFileError(
            _("{file} lists more habits than Groundwork can take in at once.").format(file=name)
        )
    return found, name


def _is_habits(table: Table | None) -> bool:
    return table is not None and "name" in table.header and (
        "interval" in table.header or "numrepetitions" in table.header
    )


def _depth(member: str) -> int:
    return len(PurePosixPath(member).parts)


def _habits_table(tables: dict[str, Table]) -> list[LoopHabit]:
    candidates = sorted((k for k, t in tables.items() if _is_habits(t)), key=_depth)
    if not candidates:
        return []
    table = tables[candidates[0]]
    name_at = table.column("name")
    reps_at, days_at = table.column("numrepetitions"), table.column("interval")
    habits = []
    for row in table.rows:
        habit_name = row[name_at].strip() if name_at is not None else ""
        if not habit_name:
            continue
        reps = row[reps_at] if reps_at is not None else "1"
        days = row[days_at] if days_at is not None else "1"
        habits.append(LoopHabit(habit_name, cadence_of(reps, days)))
    return habits


def _columns(header: list[str], known: list[str]) -> list[str]:
    """Habit names of the wide file's header. Loop writes the names unquoted, so a name
    with a comma spans several cells: they are joined back when Habits.csv knows it."""
    cells = list(header[1:])
    while cells and not cells[-1].strip():
        cells.pop()  # every row ends with a comma
    names: list[str] = []
    i = 0
    while i < len(cells):
        # A name with up to a few commas; a header of thousands of cells stays linear.
        for j in range(min(len(cells), i + MAX_COMMAS + 1) if known else i, i + 1, -1):
            joined = ",".join(cells[i:j]).strip()
            if joined in known and j - i > 1:
                names.append(joined)
                i = j
                break
        else:
            names.append(cells[i].strip() or _("Habit {n}").format(n=len(names) + 1))
            i += 1
    return names


def _from_wide(tables: dict[str, Table], habits: list[LoopHabit]) -> list[LoopHabit] | None:
    wide = [
        k for k, t in tables.items()
        if t.header[:1] == ["date"] and "value" not in t.header
        and PurePosixPath(k).name.lower() != "scores.csv"
    ]
    if not wide:
        return None
    # The shallowest, and a file called Checkmarks.csv before any other.
    wide.sort(key=lambda k: (_depth(k), PurePosixPath(k).name.lower() != "checkmarks.csv"))
    table = tables[wide[0]]
    by_name = {h.name: h for h in habits}
    names = _columns(table.raw_header, list(by_name))
    if not names:
        return None
    width = len(names)
    result = [by_name.get(n) or LoopHabit(n) for n in names]
    for row in table.rows:
        day = _parse_day(row[0])
        if day is None:
            continue
        values = row[1:]
        if len([v for v in values if v.strip()]) > width:
            # More values than habits: a name with a comma that Habits.csv did not explain.
            raise PeerFileError(
                _("{file} is damaged: its rows have more values than it names habits.").format(
                    file=table.name
                )
            )
        for habit, value in zip(result, values, strict=False):
            if _is_done(value):
                habit.done.add(day)
    return result


def _from_folders(tables: dict[str, Table], habits: list[LoopHabit]) -> list[LoopHabit] | None:
    found: list[LoopHabit] = []
    for key in sorted(tables):
        path = PurePosixPath(key)
        table = tables[key]
        headed = table.header[:2] == ["date", "value"]
        if path.name.lower() != "checkmarks.csv" or not (
            headed or _parse_day(table.raw_header[0] if table.raw_header else "")
        ):
            continue
        folder = path.parent.name
        number, _sep, label = folder.partition(" ")
        habit = None
        if number.isdigit() and 0 < int(number) <= len(habits):
            habit = habits[int(number) - 1]
        habit = habit or LoopHabit(label or folder)
        rows = table.rows if headed else [table.raw_header, *table.rows]
        for row in rows:
            day = _parse_day(row[0]) if row else None
            if day is not None and len(row) > 1 and _is_done(row[1]):
                habit.done.add(day)
        found.append(habit)
    return found or None
