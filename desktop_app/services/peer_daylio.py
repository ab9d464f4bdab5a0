"""Daylio's CSV export, read into entries: a day, a time, a mood word, activities, a note.

The format (Daylio ▸ More ▸ Export entries ▸ CSV), as documented by the daylio-csv-parser
project (docs/csv-format.md, sample.csv): a header ``full_date,date,weekday,time,mood,
activities,note_title,note``, newest entry first; ``full_date`` is ``yyyy-mm-dd``, ``time``
``10:00 pm`` or ``22:00``, ``activities`` joined by `` | ``; notes are quoted and may hold
commas and line breaks. Older exports have ``year,date,weekday,time,mood,activities,note``
with ``date`` as ``18 May``. Columns are found by name, in any order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from desktop_app.i18n import _
from desktop_app.services.peer_files import PeerFileError, read_bytes, read_table, text_of

WHAT = "Daylio"
_MONTHS = {
    name: number for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    ) for name in names
}
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap]\.?\s*m\.?)?\s*$", re.IGNORECASE)
_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\s+([^\W\d_]+)\.?\s*$")
_MONTH_DAY = re.compile(r"^\s*([^\W\d_]+)\.?\s+(\d{1,2})\s*$")
NOON = time(12, 0)
FIRST_YEAR = 1900  # older dates are damage, not history (and would not fit a time zone)


@dataclass(frozen=True)
class DaylioEntry:
    """One Daylio entry as the file gives it."""

    day: date
    time: time
    mood: str
    activities: tuple[str, ...]
    title: str
    note: str


def parse_time(text: str) -> time | None:
    """``10:00 pm``, ``9:05 AM``, ``22:00`` or ``22:00:00``; None when it is none of these."""
    match = _TIME.match(text)
    if match is None:
        return None
    hour, minute, half = int(match[1]), int(match[2]), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _old_style_day(year: str, text: str) -> date | None:
    match = _DAY_MONTH.match(text) or _MONTH_DAY.match(text)
    if match is None or not year.strip().isdigit():
        return None
    first, second = match[1], match[2]
    day_text, month_text = (first, second) if first.isdigit() else (second, first)
    month = _MONTHS.get(month_text.lower())
    try:
        return date(int(year.strip()), month, int(day_text)) if month else None
    except ValueError:
        return None


def read_daylio_file(path: Path) -> tuple[list[DaylioEntry], int]:
    """The entries of a Daylio CSV export, and how many rows could not be used."""
    table = read_table(text_of(read_bytes(path, WHAT), path.name), path.name)
    mood_at = table.column("mood")
    full_at = table.column("full_date")
    year_at, date_at = table.column("year"), table.column("date")
    if mood_at is None or (full_at is None and (year_at is None or date_at is None)):
        raise PeerFileError(
            _("{file} is not a {app} export: it has no “mood” and “full_date” columns. "
              "In Daylio, choose More ▸ Export entries ▸ CSV and pick that file.").format(
                file=path.name, app=WHAT
            )
        )
    time_at, activities_at = table.column("time"), table.column("activities")
    title_at, note_at = table.column("note_title"), table.column("note")
    entries: list[DaylioEntry] = []
    left_out = 0
    for row in table.rows:
        day: date | None = None
        if full_at is not None:
            try:
                day = date.fromisoformat(row[full_at].strip())
            except ValueError:
                day = None
        if day is None and year_at is not None and date_at is not None:
            day = _old_style_day(row[year_at], row[date_at])
        if day is None or day.year < FIRST_YEAR:
            left_out += 1
            continue
        at = parse_time(row[time_at]) if time_at is not None else None
        activities = row[activities_at].split("|") if activities_at is not None else []
        entries.append(DaylioEntry(
            day,
            at or NOON,
            " ".join(row[mood_at].split()),
            tuple(a.strip() for a in activities if a.strip()),
            row[title_at].strip() if title_at is not None else "",
            row[note_at].strip().replace("\r\n", "\n") if note_at is not None else "",
        ))
    return entries, left_out
