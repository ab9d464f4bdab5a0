"""Two partners' views side by side: per area, where each sees now and ideal; where the two
see things alike and where they differ most; the gaps both see as largest; prompts to talk.

Never a single score for the relationship and never a winner: every figure here is one
person's view next to the other's, and a difference is a thing to be curious about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from desktop_app.domain.answers import Answer
from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.scoring import area_gaps
from desktop_app.domain.sharing import PartnerView
from desktop_app.domain.templates import Template, TemplateSet, area_titles
from desktop_app.i18n import N_, _

ALIKE = 1  # at most this far apart: "you see it alike"
DIFFER = 3  # at least this far apart to be named among the largest differences
SHOWN = 3


@dataclass(frozen=True)
class AreaPair:
    """One area: each partner's now and ideal (None when one of them left it out)."""

    area: str
    title: str
    mine_now: int | None
    mine_ideal: int | None
    theirs_now: int | None
    theirs_ideal: int | None

    def apart(self, part: str) -> int | None:
        """How far apart the two are on "now" or "ideal"; None if one did not answer."""
        mine, theirs = ((self.mine_now, self.theirs_now) if part == "now"
                        else (self.mine_ideal, self.theirs_ideal))
        return None if mine is None or theirs is None else abs(mine - theirs)


@dataclass(frozen=True)
class Together:
    """Both views of one shareable assessment, the newest of each."""

    partner: str
    mine_at: datetime
    theirs_at: datetime
    areas: tuple[AreaPair, ...]

    def alike(self, part: str) -> list[AreaPair]:
        """Areas where the two see ``part`` ("now" or "ideal") within a point, closest first."""
        close = [a for a in self.areas if (d := a.apart(part)) is not None and d <= ALIKE]
        return sorted(close, key=lambda a: a.apart(part) or 0)[:SHOWN]

    def differ(self, part: str) -> list[AreaPair]:
        """Areas where the two see ``part`` furthest apart (at least 3 points), furthest first."""
        far = [a for a in self.areas if (d := a.apart(part)) is not None and d >= DIFFER]
        return sorted(far, key=lambda a: -(a.apart(part) or 0))[:SHOWN]

    def shared_focus(self) -> list[AreaPair]:
        """Areas among the largest gaps of BOTH partners (each one's top three), the larger
        combined gap first: a focus the two might choose together."""
        mine = _top_gaps([(a.area, a.mine_now, a.mine_ideal) for a in self.areas])
        theirs = _top_gaps([(a.area, a.theirs_now, a.theirs_ideal) for a in self.areas])
        both = [a for a in self.areas if a.area in mine and a.area in theirs]
        return sorted(both, key=lambda a: -(mine[a.area] + theirs[a.area]))

    def largest_gap(self, whose: str) -> AreaPair | None:
        """The one area with the largest gap for "mine" or "theirs"."""
        rows = [(a.area, a.mine_now, a.mine_ideal) if whose == "mine"
                else (a.area, a.theirs_now, a.theirs_ideal) for a in self.areas]
        top = _top_gaps(rows, 1)
        return next((a for a in self.areas if a.area in top), None)


def _top_gaps(rows: list[tuple[str, int | None, int | None]], n: int = SHOWN) -> dict[str, int]:
    gaps = [(area, ideal - now) for area, now, ideal in rows
            if now is not None and ideal is not None and ideal > now]
    ranked = sorted(gaps, key=lambda g: -g[1])[:n]  # stable: template order breaks ties
    return dict(ranked)


def side_by_side(template: Template, mine: Mapping[str, Answer | None], mine_at: datetime,
                 theirs: Mapping[str, Answer | None], theirs_at: datetime,
                 partner: str) -> Together:
    """Pair the two answer sets area by area, in the template's order."""
    titles = area_titles([template])
    my_gaps = {g.area: g for g in area_gaps(template, dict(mine))}
    their_gaps = {g.area: g for g in area_gaps(template, dict(theirs))}
    pairs = []
    for area in template.areas:
        m, t = my_gaps.get(area), their_gaps.get(area)
        pairs.append(AreaPair(
            area, titles.get(area, area),
            None if m is None else m.current, None if m is None else m.ideal,
            None if t is None else t.current, None if t is None else t.ideal,
        ))
    return Together(partner, mine_at, theirs_at, tuple(pairs))


def together_as_of(results: Sequence[tuple[str, AssessmentResult]],
                   views: Sequence[PartnerView], templates: TemplateSet, end: date,
                   zone: tzinfo) -> list[Together]:
    """For each partner and shareable template: my newest result and theirs finished by the
    local day ``end``, side by side (the report's part); partners in name order."""
    def by_end(when: datetime) -> bool:
        return when.astimezone(zone).date() <= end

    found: list[Together] = []
    theirs: dict[tuple[str, str], tuple[datetime, Mapping[str, Answer | None]]] = {}
    for view in views:
        for result in view.results:
            key = (view.name, view.template_id)
            if by_end(result.completed_at) and (
                    key not in theirs or theirs[key][0] < result.completed_at):
                theirs[key] = (result.completed_at, result.answers)
    for (name, template_id), (their_at, their_answers) in sorted(theirs.items()):
        template = templates.get(template_id)
        mine = [r for _i, r in results
                if r.template_id == template_id and by_end(r.completed_at)]
        if template is None or not mine:
            continue
        newest = max(mine, key=lambda r: r.completed_at)
        found.append(side_by_side(template, newest.answers, newest.completed_at,
                                  their_answers, their_at, name))
    return found


def _names(areas: list[AreaPair]) -> str:
    return ", ".join(a.title for a in areas)


def alike_text(together: Together) -> str:
    now, ideal = together.alike("now"), together.alike("ideal")
    lines = []
    if now:
        lines.append(_("Where things are now: {areas}.").format(areas=_names(now)))
    if ideal:
        lines.append(_("What you would like: {areas}.").format(areas=_names(ideal)))
    return "\n".join(lines) or _("Your views are not within a point of each other in any "
                                 "area: plenty to be curious about.")


def differ_text(together: Together) -> str:
    name = together.partner
    lines = []
    for part, areas in (("now", together.differ("now")), ("ideal", together.differ("ideal"))):
        for area in areas:
            mine = area.mine_now if part == "now" else area.mine_ideal
            theirs = area.theirs_now if part == "now" else area.theirs_ideal
            if part == "now":
                line = _("{area}, now: you {mine}, {name} {theirs}.")
            else:
                line = _("{area}, ideal: you {mine}, {name} {theirs}.")
            lines.append(line.format(area=area.title, mine=mine, name=name, theirs=theirs))
    return "\n".join(lines) or _("No area is three points or more apart: you see things "
                                 "much the same way.")


Point = tuple[datetime, int, int]  # when, now, ideal


@dataclass(frozen=True)
class Moved:
    """How one area moved for each partner over the results both have shared over time."""

    area: str
    title: str
    mine: tuple[Point, ...]
    theirs: tuple[Point, ...]

    @property
    def both_moved(self) -> bool:
        """Whether each has at least two results here: only then is there a movement."""
        return len(self.mine) >= 2 and len(self.theirs) >= 2


def movement(template: Template,
             mine: list[tuple[datetime, Mapping[str, Answer | None]]],
             theirs: list[tuple[datetime, Mapping[str, Answer | None]]]) -> list[Moved]:
    """Per area, each partner's (when, now, ideal) in time order."""
    titles = area_titles([template])

    def points(results: list[tuple[datetime, Mapping[str, Answer | None]]]
               ) -> dict[str, list[Point]]:
        found: dict[str, list[Point]] = {}
        for when, answers in sorted(results, key=lambda r: r[0]):
            for gap in area_gaps(template, dict(answers)):
                found.setdefault(gap.area, []).append((when, gap.current, gap.ideal))
        return found

    my_points, their_points = points(mine), points(theirs)
    return [Moved(area, titles.get(area, area), tuple(my_points.get(area, ())),
                  tuple(their_points.get(area, ())))
            for area in template.areas]


# Conversation prompts per area of the shipped "Us" assessment, in the spirit of the method:
# intentional (chosen, not blurted), curious (a question, not a verdict), aware (of oneself),
# and spoken from "I". Translated where shown.
PROMPTS: dict[str, tuple[str, ...]] = {
    "how we talk": (
        N_("I feel most heard by you when …"),
        N_("What is one conversation you would like us to have more often?"),
        N_("I notice I stop listening when … What helps you keep talking to me?"),
    ),
    "trust": (
        N_("Something you did lately that helped me trust you was …"),
        N_("What would help you feel safer being fully yourself with me?"),
        N_("I want to be someone you can count on. Where would that matter most to you?"),
    ),
    "closeness and affection": (
        N_("I feel close to you when …"),
        N_("What small sign of affection would you like more of?"),
        N_("Are there times you would like more space, and how could I tell?"),
    ),
    "handling conflict": (
        N_("When we disagree, what I most want you to know is …"),
        N_("What helps you calm down when a disagreement gets heated?"),
        N_("How could either of us call a pause, and how do we come back to it?"),
    ),
    "fun and friendship": (
        N_("One of my favourite times with you lately was …"),
        N_("What would you like us to try together, just for fun?"),
        N_("What did we use to enjoy that you miss?"),
    ),
    "shared meaning and plans": (
        N_("Something I hope we build together this year is …"),
        N_("Which of our rituals (meals, walks, holidays) matters most to you?"),
        N_("What do you dream about that you have not told me yet?"),
    ),
    "home, money and chores": (
        N_("I would feel the load is shared more fairly if …"),
        N_("Which task at home do you like least, and which do you not mind?"),
        N_("How do you feel when we talk about money, and what would make it easier?"),
    ),
    "family and friends": (
        N_("I feel you are on my side with family or friends when …"),
        N_("Who would you like us to see more of, or less of?"),
        N_("How much time of your own do you need, and how can I help you have it?"),
    ),
}

# For an area of another shareable template: the same spirit, in general words.
GENERAL_PROMPTS: tuple[str, ...] = (
    N_("When I think about this part of our life, I feel …"),
    N_("What would a good week look like here, for you?"),
    N_("What is one small thing I could do that would help?"),
)


def prompts_for(area: str) -> tuple[str, ...]:
    """Two or three conversation prompts for ``area`` (untranslated: pass each through _())."""
    return PROMPTS.get(area, GENERAL_PROMPTS)
