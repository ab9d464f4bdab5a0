"""Sharing a result with a partner, and keeping a partner's view received (issue 16).

Nothing is ever sent: a share is a file the person makes and hands over themselves. A
received view is stored in the open profile's ``partners`` table, apart from the person's own
results, so it is encrypted at rest exactly when the profile is.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.domain.results import AssessmentResult
from desktop_app.domain.sharing import PartnerView, Share, ShareRefused, receive, share_of
from desktop_app.domain.templates import Template, TemplateSet
from desktop_app.i18n import _
from desktop_app.services.errors import InputError
from desktop_app.services.session import Session
from desktop_app.storage import share_file
from desktop_app.storage.atomic import atomic_write_bytes
from desktop_app.storage.repository import Collection, ProfileRepository, Stored
from desktop_app.storage.share_file import ShareEnvelope, ShareFileError, WrongSharePassphrase

TABLE = "partners"
RESULTS = "assessments"

__all__ = ["Received", "ShareError", "SharingService", "WrongSharePassphrase"]


class ShareError(InputError):
    """A share that cannot be made or taken in; the message says why in plain words."""


@dataclass(frozen=True)
class Received:
    """What receiving did: the view's record id, and whether it was already there."""

    record_id: str
    view: PartnerView
    already_had: bool


def make_share(repo: ProfileRepository, templates: TemplateSet, result_ids: list[str],
               now: datetime) -> Share:
    """The share of ``result_ids`` of ``repo`` (read-only is enough), under its name."""
    results = repo.collection(RESULTS, AssessmentResult)
    chosen: list[tuple[str, AssessmentResult]] = []
    for record_id in result_ids:
        result = results.get(record_id)
        if result is None:
            raise ShareError(_("That result is no longer in this profile."))
        chosen.append((record_id, result))
    template = templates.get(chosen[0][1].template_id if chosen else "")
    if template is None:
        raise ShareError(_("The assessment of that result is not available, so it cannot "
                           "be shared."))
    try:
        return share_of(chosen, template, repo.name, secrets.token_hex(10), now)
    except ShareRefused as error:
        raise ShareError(str(error)) from None


class SharingService:
    """Make share files of the open profile's results; receive, list and remove views."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _views(self) -> Collection[PartnerView]:
        return self.session.require_repo().collection(TABLE, PartnerView)

    def shareable_templates(self) -> list[Template]:
        return [t for t in self.session.templates.templates if t.shareable]

    def prepare_share(self, result_ids: list[str]) -> Share:
        """The share of the chosen results, under the profile's name (fast: no key yet)."""
        return make_share(self.session.require_repo(), self.session.templates, result_ids,
                          self.session.clock())

    @staticmethod
    def encode(share: Share, passphrase: str | None) -> bytes:
        """The share file's bytes; slow with a passphrase (key derivation): off the UI thread."""
        return share_file.encode(share, passphrase)

    @staticmethod
    def write(path: Path, data: bytes) -> None:
        """Write a share file (atomically: a failed write leaves nothing half-written)."""
        try:
            atomic_write_bytes(path, data)
        except OSError as error:
            raise ShareError(_("The share file could not be written to {path}: {reason}")
                             .format(path=path, reason=error.strerror or error)) from None

    def write_share(self, path: Path, result_ids: list[str], passphrase: str | None) -> None:
        """Prepare, encode and write a share file in one call (for scripts and tests)."""
        self.write(path, self.encode(self.prepare_share(result_ids), passphrase))

    @staticmethod
    def read(path: Path) -> ShareEnvelope:
        """A share file's outer shape (whether it needs a passphrase); ShareError if not one."""
        try:
            with path.open("rb") as handle:
                raw = handle.read(share_file.MAX_SHARE_FILE + 1)
        except OSError as error:
            raise ShareError(_("The file {path} cannot be read: {reason}").format(
                path=path, reason=error.strerror or error)) from None
        try:
            return share_file.read_envelope(raw)
        except ShareFileError as error:
            raise ShareError(str(error)) from None

    @staticmethod
    def open(envelope: ShareEnvelope, passphrase: str | None) -> Share:
        """The share inside; slow when protected (off the UI thread). Raises
        :class:`WrongSharePassphrase` (ask again) or :class:`ShareError`."""
        try:
            return share_file.open_share(envelope, passphrase)
        except WrongSharePassphrase:
            raise
        except ShareFileError as error:
            raise ShareError(str(error)) from None

    def check(self, share: Share) -> PartnerView:
        """The partner view ``share`` would become here; :class:`ShareError` if refused."""
        repo = self.session.require_repo()
        own = {s.id for s in repo.collection(RESULTS, AssessmentResult).all()}
        try:
            return receive(share, self.session.templates.get(share.template_id), own,
                           self.session.clock())
        except ShareRefused as error:
            raise ShareError(str(error)) from None

    def keep(self, share: Share) -> Received:
        """Keep the partner's view of ``share``; the same share twice is kept once. On a
        :class:`ShareError` the profile is unchanged."""
        view = self.check(share)
        views = self._views()
        for stored in views.all():
            if stored.item.share_id == view.share_id:
                return Received(stored.id, stored.item, already_had=True)
        record_id = views.add(view)
        self.session.notify()
        return Received(record_id, view, already_had=False)

    def receive(self, envelope: ShareEnvelope, passphrase: str | None) -> Received:
        """Open and keep in one call (for scripts and tests)."""
        return self.keep(self.open(envelope, passphrase))

    def views(self) -> list[Stored[PartnerView]]:
        """Every partner view kept, the most recently received first."""
        return sorted(self._views().all(), key=lambda s: s.item.received_at, reverse=True)

    def remove(self, record_id: str) -> None:
        self._views().remove(record_id)
        self.session.notify()

