"""Rules for profile names (display names only: they never become file names)."""

from __future__ import annotations

import unicodedata

from desktop_app.i18n import _, ngettext

MAX_NAME_LENGTH = 60


class ProfileNameError(ValueError):
    """A name a person typed cannot be used; ``str()`` says why, plainly."""


def clean_profile_name(raw: str, existing: list[str] | tuple[str, ...] = ()) -> str:
    """Return the name to store, or raise :class:`ProfileNameError` with the reason."""
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if not name:
        raise ProfileNameError(_("Please type a name."))
    if len(name) > MAX_NAME_LENGTH:
        raise ProfileNameError(
            ngettext(
                "Please keep the name to {limit} characters (this one has {n}).",
                "Please keep the name to {limit} characters (this one has {n}).",
                len(name),
            ).format(limit=MAX_NAME_LENGTH, n=len(name))
        )
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ProfileNameError(
            _("The name has invisible control characters; please retype it.")
        )
    if "/" in name or "\\" in name or name in {".", ".."}:
        raise ProfileNameError(
            _("Please use a name without slashes, like “Sam” or “Work notes”.")
        )
    folded = name.casefold()
    for other in existing:
        if folded == other.casefold():  # named as it is, not as it was typed ("demo")
            raise ProfileNameError(
                _("There is already a profile called “{name}”.").format(name=other)
            )
    return name
