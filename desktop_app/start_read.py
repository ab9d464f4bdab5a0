"""The start's slow reads, on a worker thread: the storage modules, the profiles folder, the
templates, and the first profile's files read, decrypted and merged (``start_steps`` hands
the result to the UI thread, which only switches to it, as an unlock does).

Qt-free: it runs on a ``background`` worker and touches no widget. On the UI thread each of
these steps stalled the window for 35-90 ms at 20 years (Home already on screen).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.services.privacy import UnlockedKey
    from desktop_app.services.session import Session
    from desktop_app.storage.repository import ProfileRepository

log = logging.getLogger(__name__)


@dataclass
class FirstRead:
    """Which profile the start opens, read; or why none was."""

    repo: ProfileRepository | None = None
    key: UnlockedKey | None = None
    locked: str | None = None  # a protected profile left for the person to unlock
    create: str | None = None  # ``--profile NAME`` names no profile: made on the UI thread
    notices: list[str] = field(default_factory=list)  # for the window
    said: list[str] = field(default_factory=list)  # for the terminal that started it

    def let_go(self) -> None:
        """Nobody will show it: close the profile read, forget its key."""
        if self.repo is not None:
            self.repo.close(5.0)
            self.repo = None
        if self.key is not None:
            self.key.wipe()
            self.key = None


class ReadJob:
    """One start's read: whoever takes its result first (the UI thread's next step, or a
    shutdown that will not wait for it) owns what was read; the other gets nothing."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self._lock = threading.Lock()
        self._result: FirstRead | None = None
        self._taken = False
        self._abandoned = False

    def run(self, read: Callable[[], FirstRead]) -> FirstRead | None:
        try:
            result = read()
        finally:
            self.done.set()
        with self._lock:
            if self._abandoned and not self._taken:
                self._taken = True
                result.let_go()  # the start was closed while this read
                return None
            self._result = result
        return result

    def take(self) -> FirstRead | None:
        with self._lock:
            if self._taken:
                return None
            self._taken = True
            return self._result

    def abandon(self, wait_s: float) -> None:
        """At shutdown: wait (at most ``wait_s``) for the read, then let go of it."""
        self.done.wait(wait_s)
        with self._lock:
            self._abandoned = True
        got = self.take()
        if got is not None:
            got.let_go()


def read_first(session: Session, *, profile: str | None, last: object,
               passphrase: str | None, demo: bool) -> FirstRead:
    """On the worker: everything the UI thread needs to open the first profile at once."""
    import desktop_app.services.home_inputs  # noqa: F401  (journal, assessments, focus)

    found = session.profiles.refresh()
    session.templates  # noqa: B018  (parsed here rather than on the UI thread)
    result = FirstRead()
    if demo:
        return result  # the demo is made or opened on the UI thread (``open_demo_profile``)
    from desktop_app.services.set_aside_notice import take_notices
    from desktop_app.storage.schema import ProfileFileError

    try:
        if profile:
            named = session.profiles.find(profile)
            if named is None:
                result.create = profile
            else:
                _read_one(session, named.id, passphrase, result)
        else:
            candidates = ([p for p in found if p.id == last]
                          + [p for p in found if p.id != last])
            for info in candidates:
                try:
                    _read_one(session, info.id, passphrase, result)
                    break
                except ProfileFileError as error:
                    result.notices.append(str(error))
    except ProfileFileError as error:
        result.notices.append(str(error))
    except OSError as error:
        result.notices.append(_("Groundwork could not save the profile: {error}").format(
            error=error.strerror or error))
    finally:
        # Files found unreadable while scanning, and while reading the profile too.
        result.notices[:0] = take_notices(session.profiles)
    return result


def _read_one(session: Session, profile_id: str, passphrase: str | None,
              result: FirstRead) -> None:
    """Read a profile; a protected one with ``passphrase`` (--passphrase-file), else it is
    left locked for the person to unlock."""
    from desktop_app.services.privacy import PrivacyError

    privacy = session.privacy
    key = None
    if privacy.is_protected(profile_id):
        result.locked = profile_id
        if passphrase is None:
            return
        try:
            key = privacy.unlock(profile_id, passphrase)
        except PrivacyError as error:
            # Said where the option was typed; the profile stays locked for the person.
            result.said.append(str(error))
            return
    try:
        repo = session.read_profile(profile_id, key)
    except BaseException:
        if key is not None:
            key.wipe()
        raise
    result.repo, result.key = repo, key
    from desktop_app.ui.unlock import warm_home

    warm_home(session, repo)  # Home's memos, kept on ``repo``, which no other thread holds yet


def warm_lists(session: Session, repo: ProfileRepository) -> None:
    """On the worker, after Home painted: decode every list through the memos the UI thread
    reads next (``records.reading_steps``), so those reads find them ready. Only a warm-up:
    a save meanwhile makes a memo stale (it is built again) or a read fail (logged)."""
    from desktop_app.services.records import list_reads

    for read in list_reads(session, repo):
        try:
            read()
        except Exception:
            log.debug("warming a list up failed", exc_info=True)
