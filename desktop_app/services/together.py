"""Progress ▸ Together: the person's own newest result next to a partner's newest shared one."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.sharing import PartnerView
from desktop_app.domain.templates import Template
from desktop_app.domain.together import Moved, Together, movement, side_by_side
from desktop_app.services.session import Session
from desktop_app.services.sharing import RESULTS, SharingService
from desktop_app.storage.repository import Stored


@dataclass(frozen=True)
class Partner:
    """One partner's views of one template, newest first (a choice in the Together tab)."""

    key: tuple[str, str]  # (name, template id)
    name: str
    template: Template
    views: tuple[Stored[PartnerView], ...]


@dataclass(frozen=True)
class TogetherData:
    partner: Partner
    own_results: int  # the person's own results of the template (0: not taken yet)
    together: Together | None  # None until the person has a result of their own
    moved: list[Moved]


class TogetherService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.sharing = SharingService(session)

    def partners(self) -> list[Partner]:
        """Every partner whose view is kept, the most recently received first."""
        grouped: dict[tuple[str, str], list[Stored[PartnerView]]] = {}
        for stored in self.sharing.views():  # newest first
            grouped.setdefault((stored.item.name, stored.item.template_id), []).append(stored)
        found = []
        for (name, template_id), views in grouped.items():
            template = self.session.templates.get(template_id)
            if template is not None:
                found.append(Partner((name, template_id), name, template, tuple(views)))
        return found

    def data(self, partner: Partner) -> TogetherData:
        own = sorted(
            (s.item for s in self.session.require_repo().collection(
                RESULTS, AssessmentResult).all() if s.item.template_id == partner.template.id),
            key=lambda r: r.completed_at)
        theirs = sorted(((r.completed_at, r.answers) for v in partner.views
                         for r in v.item.results), key=lambda r: r[0])
        together = None
        if own and theirs:
            mine = own[-1]
            together = side_by_side(partner.template, mine.answers, mine.completed_at,
                                    theirs[-1][1], theirs[-1][0], partner.name)
        moved = movement(partner.template, [(r.completed_at, r.answers) for r in own],
                         list(theirs))
        return TogetherData(partner, len(own), together, moved)

    def remove(self, partner: Partner) -> None:
        """Remove every view of this partner (each can be received again later)."""
        for stored in partner.views:
            self.sharing.remove(stored.id)
