"""What a focus area can be besides a life area: one of the three responsibilities of the
method, or an area the person names themselves; and how any of them reads."""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app.i18n import N_, _, ngettext

RESPONSIBILITIES = {
    "thoughts": N_("What I think"),
    "words": N_("What I say"),
    "body": N_("How I use my body"),
}
"""The three responsibilities of the method, as focus areas (id -> title)."""

OWN_AREA_PREFIX = "own:"
"""A focus area of the person's own naming is stored as this prefix and the name."""

MAX_OWN_AREA_LENGTH = 60
"""An own area is a name, not a paragraph: the intention holds the words."""


def own_area(name: str) -> str:
    """The area id of an area the person named: the name itself, tidied, behind a prefix."""
    tidy = " ".join(name.split())
    if not tidy:
        raise ValueError(_("an own area needs a name"))
    if len(tidy) > MAX_OWN_AREA_LENGTH:
        raise ValueError(
            ngettext(
                "an area name has at most {n} character",
                "an area name has at most {n} characters",
                MAX_OWN_AREA_LENGTH,
            ).format(n=MAX_OWN_AREA_LENGTH)
        )
    return OWN_AREA_PREFIX + tidy


def is_own_area(area: str) -> bool:
    """True for an area the person named themselves."""
    return area.startswith(OWN_AREA_PREFIX)


def focus_area_title(area: str, titles: Mapping[str, str]) -> str:
    """How a focus area reads: its own name, a template's title, a responsibility's title."""
    if is_own_area(area):
        return area[len(OWN_AREA_PREFIX):]
    duty = RESPONSIBILITIES.get(area)
    return titles.get(area) or (_(duty) if duty else None) or area[:1].upper() + area[1:]
