"""Things I want to bring up: add during the week, mark done once talked about, delete."""

from __future__ import annotations

from datetime import datetime, timezone

from desktop_app.domain.journal import instant
from desktop_app.domain.topics import MAX_TOPIC_LENGTH, Topic, mark_done, reopen
from desktop_app.i18n import _, ngettext
from desktop_app.services.errors import InputError
from desktop_app.services.session import Session
from desktop_app.storage.repository import Collection, Stored

TABLE = "topics"


class TopicInputError(InputError):
    """A thing to bring up that cannot be saved."""


def _fixed(moment: datetime) -> datetime:
    offset = moment.utcoffset()
    assert offset is not None
    return moment.astimezone(timezone(offset))


def still_open_first(topics: list[Stored[Topic]]) -> list[Stored[Topic]]:
    """Open ones first (oldest first, in the order they will be brought up), then done ones,
    the most recently discussed first."""
    waiting = sorted((s for s in topics if not s.item.is_done), key=lambda s: (
        instant(s.item.at), s.id))
    done = sorted((s for s in topics if s.item.done_at is not None),
                  key=lambda s: -instant(s.item.done_at))  # type: ignore[arg-type]
    return waiting + done


class TopicService:
    """The open profile's list of things to bring up."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _topics(self) -> Collection[Topic]:
        return self.session.require_repo().collection(TABLE, Topic)

    def all(self) -> list[Stored[Topic]]:
        """Every topic: those still to bring up first, then those already talked about."""
        return still_open_first(self._topics().all())

    def add(self, text: str) -> str:
        cleaned = text.strip()
        if not cleaned:
            raise TopicInputError(_("Write a few words about what you want to bring up."))
        if len(cleaned) > MAX_TOPIC_LENGTH:
            raise TopicInputError(
                ngettext(
                    "Keep it to a few lines (at most {n} character): the details "
                    "can wait for the conversation.",
                    "Keep it to a few lines (at most {n} characters): the details "
                    "can wait for the conversation.",
                    MAX_TOPIC_LENGTH,
                ).format(n=MAX_TOPIC_LENGTH)
            )
        doc_id = self._topics().add(Topic(_fixed(self.session.clock()), cleaned))
        self.session.notify()
        return doc_id

    def set_done(self, doc_id: str, done: bool) -> None:
        """Mark it talked about (now), or put it back on the list."""
        topics = self._topics()
        old = topics.get(doc_id)
        if old is None:
            raise TopicInputError(_("This note no longer exists."))
        new = mark_done(old, _fixed(self.session.clock())) if done else reopen(old)
        topics.update(doc_id, new)
        self.session.notify()

    def delete(self, doc_id: str) -> None:
        self._topics().remove(doc_id)
        self.session.notify()
