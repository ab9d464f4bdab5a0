"""What Groundwork says about files it set aside: by the profile's name, in plain words."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

from desktop_app.i18n import _
from desktop_app.services.profiles import ProfileService
from desktop_app.storage.debris import SetAside
from desktop_app.storage.layout import is_profile_id
from desktop_app.storage.schema import DAMAGED

MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.json$")
# "the file is damaged or cut short (line 1: Unterminated string starting at: line 1 column
# 26 (char 25))": the parser's own words mean nothing to a person.
PARSER_DETAIL = re.compile(r"(?<=damaged or cut short)\s*\(")
# A format-1 file holds its profile's name in its "meta" table, near the start: a file cut
# short or damaged further on still names its profile.
V1_NAME = re.compile(rb'"profile_name"\s*:\s*("(?:[^"\\\n]|\\.){1,400}")')
NAME_SEARCH_BYTES = 1 << 20


def _parser_detail(reason: str) -> re.Match[str] | None:
    # Storage says it in the person's language: look for the catalog's words, then English.
    lead = _(DAMAGED).partition("{detail}")[0].rstrip(" (")
    found = re.search(f"(?<={re.escape(lead)})\\s*\\(", reason) if lead else None
    return found or PARSER_DETAIL.search(reason)


def plain_reason(reason: str) -> str:
    """``reason`` without the JSON parser's detail in brackets (which may nest)."""
    found = _parser_detail(reason)
    if found is None:
        return reason
    depth, end = 0, len(reason)
    for index in range(reason.index("(", found.start()), len(reason)):
        depth += {"(": 1, ")": -1}.get(reason[index], 0)
        if depth == 0:
            end = index + 1
            break
    return reason[: found.start()] + reason[end:]


def _profile_folder(path: Path) -> Path | None:
    for folder in (path.parent, *path.parents):
        if is_profile_id(folder.name):
            return folder
    return None


def _what(path: Path) -> str:
    month = MONTH_FILE.match(path.name)
    if month:  # month names wait for the locale's (the languages issue)
        return _("the records of the month {month}").format(month=f"{month[1]}-{month[2]}")
    if path.name == "profile.json":
        return _("its name and settings")
    return _("the file {name}").format(name=path.name)


def readable_name(path: Path) -> str | None:
    """The profile name still readable in a damaged format-1 file, if any."""
    raw = b""
    with contextlib.suppress(OSError), path.open("rb") as file:
        raw = file.read(NAME_SEARCH_BYTES)
    found = V1_NAME.search(raw)
    if found is None:
        return None
    try:
        name = json.loads(found[1])
    except ValueError:
        return None
    if not isinstance(name, str) or not name.split():
        return None
    return " ".join(name.split())


def describe(odd: SetAside, profiles: ProfileService) -> str:
    """One paragraph about ``odd`` that names the profile rather than its folder's id."""
    reason = plain_reason(odd.reason)
    folder = _profile_folder(odd.original)
    info = profiles.by_id(folder.name) if folder is not None else None
    if odd.copied_to is None:
        return _("“{name}” in the profiles folder could not be opened: {reason}. "
                 "Groundwork left it where it is, untouched: {path}").format(
            name=odd.original.name, reason=reason, path=odd.original
        )
    if info is None:
        # A format-1 profile is one file named by an id (profile-0000.json): say its name
        # if the file still shows it, else "a profile", never the id.
        name = readable_name(odd.copied_to) or readable_name(odd.original)
        if name is None:
            return _("A profile could not be read ({reason}). Its file, {file}, was copied, "
                     "unchanged, to {copy}, and is left alone.").format(
                         reason=reason, file=odd.original.name, copy=odd.copied_to)
        return _("The profile “{name}” could not be read ({reason}). Its file, {file}, was "
                 "copied, unchanged, to {copy}, and is left alone.").format(
                     name=name, reason=reason, file=odd.original.name, copy=odd.copied_to)
    return _("Part of the profile “{name}” could not be read: {what} "
             "({reason}). Everything else is open as usual. Groundwork kept a copy of the "
             "file, unchanged, in {path}; Profile ▸ Backups… lists it and can bring "
             "back what is readable, or restore a backup from before.").format(
        name=info.name, what=_what(odd.original), reason=reason, path=odd.copied_to
    )


def take_notices(profiles: ProfileService) -> list[str]:
    """A paragraph per file set aside since the last call; each is said once."""
    found, profiles.set_aside[:] = list(profiles.set_aside), []
    return [describe(odd, profiles) for odd in found]
