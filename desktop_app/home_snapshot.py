"""What Home shows, as plain data, and this computer's copy of it for a fast start.

Home renders only from :class:`HomeInputs` (``services.home_inputs`` builds it from the open
profile), so Home from the copy and Home from the profile show the same texts by
construction. The copy holds data, not Home's sentences (they are translated when shown),
and nothing that depends on the time of day: dates stay dates until Home is drawn. Titles
the services give already translated (templates, areas, a milestone's words) are why the
language is part of the key.

The copy is one file per data folder in this computer's state folder, mode 0600, written
atomically. It is used only while every profile and template file has the size, mtime and
inode it had when the copy was written, for the same app version and language. It is never
written for a protected profile, and removed when the profile is deleted, renamed or
protected, and with "Delete all my data" (which removes the state folder). A damaged or
foreign file is ignored. Standard library only: it is read before anything heavy is imported.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

FORMAT = "groundwork-home-1"


class Draft(NamedTuple):
    template_id: str
    title: str
    saved_at: str  # ISO time


class FocusLine(NamedTuple):
    area: str
    title: str
    intention: str
    practices: tuple[str, ...]


class MilestoneNote(NamedTuple):
    key: str
    title: str
    message: str
    area_title: str  # the focus area's title for a "gap-closed:" key, else ""


class CheckInRhythm(NamedTuple):
    """The stored check-in settings (``domain.journal.CheckInSettings``' fields)."""

    cadence: str
    weekday: int
    reminder_time: str
    timezone: str


class HomeInputs(NamedTuple):
    """Everything Home shows, independent of the time it is shown at."""

    profile_id: str
    name: str
    has_history: bool
    drafts: tuple[Draft, ...] = ()  # newest first
    rhythm: CheckInRhythm | None = None
    last_checkin_day: str | None = None  # ISO date
    focus: tuple[FocusLine, ...] | None = None  # None: no focus chosen
    milestones: tuple[MilestoneNote, ...] = ()
    win: tuple[str, str] | None = None  # text, ISO time
    assessment: tuple[str, str] | None = None  # title, ISO time


def to_plain(inputs: HomeInputs) -> dict[str, Any]:
    plain: dict[str, Any] = _plain(inputs)
    return plain


def _plain(value: Any) -> Any:
    """Records as JSON objects, tuples as arrays."""
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not text")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _moment(value: Any) -> str:
    """An ISO time with its offset (Home compares it with aware times)."""
    if datetime.fromisoformat(_text(value)).tzinfo is None:
        raise ValueError("a time without its offset")
    return str(value)


def _pair(value: Any) -> tuple[str, str] | None:
    if value is None:
        return None
    first, second = value
    return _text(first), _moment(second)


_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _rhythm(raw: Any) -> CheckInRhythm | None:
    """The settings, checked as ``CheckInSettings`` checks them (so drawing never fails)."""
    if raw is None:
        return None
    weekday = raw["weekday"]
    if not isinstance(weekday, int) or isinstance(weekday, bool) or not 0 <= weekday <= 6:
        raise ValueError("weekday")
    cadence, reminder, zone = (_text(raw[k]) for k in ("cadence", "reminder_time", "timezone"))
    if cadence not in ("daily", "weekly") or not _HHMM.match(reminder):
        raise ValueError("rhythm")
    from zoneinfo import ZoneInfo  # not before the first paint: Home needs it only

    ZoneInfo(zone)  # ZoneInfoNotFoundError is a KeyError; a bad name a ValueError
    return CheckInRhythm(cadence, weekday, reminder, zone)


def from_plain(raw: Any) -> HomeInputs:
    """The record back from JSON; ValueError (or TypeError) for anything else."""
    if not isinstance(raw, dict):
        raise ValueError("not a record")
    focus = raw["focus"]
    if not isinstance(raw["has_history"], bool):
        raise ValueError("has_history")
    if raw["has_history"] and raw["rhythm"] is None:
        raise ValueError("a history without check-in settings")
    day = _optional_text(raw["last_checkin_day"])
    if day is not None:
        date.fromisoformat(day)
    return HomeInputs(
        profile_id=_text(raw["profile_id"]),
        name=_text(raw["name"]),
        has_history=raw["has_history"],
        drafts=tuple(Draft(_text(d["template_id"]), _text(d["title"]), _moment(d["saved_at"]))
                     for d in raw["drafts"]),
        rhythm=_rhythm(raw["rhythm"]),
        last_checkin_day=day,
        focus=None if focus is None else tuple(
            FocusLine(_text(f["area"]), _text(f["title"]), _text(f["intention"]),
                      tuple(_text(p) for p in f["practices"])) for f in focus),
        milestones=tuple(MilestoneNote(_text(m["key"]), _text(m["title"]), _text(m["message"]),
                                       _text(m["area_title"])) for m in raw["milestones"]),
        win=_pair(raw["win"]),
        assessment=_pair(raw["assessment"]),
    )


# --- the copy on this computer --------------------------------------------------------------


def snapshot_file(state_dir: Path, data_dir_key: str) -> Path:
    return state_dir / f"home-{data_dir_key}.json"


def _signatures(folder: Path) -> list[list[Any]]:
    """(relative path, size, mtime_ns, inode) of every file under ``folder``, sorted."""
    found: list[list[Any]] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue  # a missing folder has no files; the key says so
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                    continue
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found.append([os.path.relpath(entry.path, folder), stat.st_size,
                          stat.st_mtime_ns, stat.st_ino])
    return sorted(found)


def snapshot_key(data_dir: Path, resources: Path, profile_id: str) -> list[Any]:
    """What must be unchanged for the copy to hold: the app, its language, and every file
    of the profile and of the templates (shipped and the person's own)."""
    from desktop_app import __version__
    from desktop_app.i18n import language

    folders = [data_dir / "profiles" / profile_id, resources / "assessments",
               data_dir / "templates"]
    return [__version__, language(), *([str(f), _signatures(f)] for f in folders)]


def load(path: Path, profile_id: str, key: list[Any]) -> HomeInputs | None:
    """The copy for ``profile_id`` if it is whole, ours and still true; else None."""
    found = load_with_texts(path, profile_id, key)
    return None if found is None else found[0]


def load_with_texts(path: Path, profile_id: str, key: list[Any]
                    ) -> tuple[HomeInputs, dict[str, str]] | None:
    """As ``load``, with the dates and times Home wrote (``ui/screens/home_time``)."""
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_uid != os.getuid():
                return None  # someone else's file is never trusted
            raw = json.loads(handle.read(4_000_000))
        if (not isinstance(raw, dict) or raw.get("format") != FORMAT
                or raw.get("key") != key):
            return None
        inputs = from_plain(raw.get("inputs"))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    if inputs.profile_id != profile_id:
        return None
    texts = raw.get("texts")
    if not isinstance(texts, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in texts.items()):
        texts = {}  # only slower: Home writes them itself
    return inputs, texts


def store(path: Path, inputs: HomeInputs, key: list[Any],
          texts: dict[str, str] | None = None) -> None:
    """Write the copy atomically, readable by this user alone; failures leave no copy.

    ``texts``: the dates and times as Home wrote them, keyed by what they were made from.
    """
    text = json.dumps({"format": FORMAT, "key": key, "inputs": to_plain(inputs),
                       "texts": texts or {}}, ensure_ascii=False)
    import tempfile  # not at import: it loads ``random``, and this module loads before Home

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".home-", suffix=".tmp", dir=path.parent)
    except OSError:
        remove(path)
        return
    try:
        # mkstemp makes it 0600. No fsync: this runs on the UI thread, and a copy a crash
        # left empty or torn is only a copy that is not used (``load`` checks it whole).
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        remove(path)


def remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
