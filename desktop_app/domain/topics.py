"""Things I want to bring up: notes the person gathers during the week for their next session.

Each is a dated line of text, marked done once it has been talked about. Plain frozen
dataclasses, stored in the ``topics`` table like every other kind of record.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from desktop_app.domain.journal import ensure_aware, instant

MAX_TOPIC_LENGTH = 2000
"""A note longer than this is a letter, not a thing to bring up; the dialog says so."""


@dataclasses.dataclass(frozen=True)
class Topic:
    """One thing to bring up: written ``at``, talked about at ``done_at`` (None: not yet)."""

    at: datetime
    text: str
    done_at: datetime | None = None

    def __post_init__(self) -> None:
        ensure_aware(self.at, "topic time")
        if not self.text.strip():
            raise ValueError("a thing to bring up must not be empty")
        if self.done_at is not None:
            ensure_aware(self.done_at, "done time")

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


def mark_done(topic: Topic, at: datetime) -> Topic:
    """The topic, talked about at ``at`` (never before it was written)."""
    when = at if instant(at) >= instant(topic.at) else topic.at
    return dataclasses.replace(topic, done_at=when)


def reopen(topic: Topic) -> Topic:
    """The topic, back on the list of things still to bring up."""
    return dataclasses.replace(topic, done_at=None)
