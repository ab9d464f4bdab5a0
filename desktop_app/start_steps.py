"""Start-up after the first paint: Home from its copy, the profile opened a step per
event-loop turn, then the notices (``app.prepare`` shows the window and hands over here)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.i18n import _
from desktop_app.started import Startup, say

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import QSettings

    from desktop_app.cli import Options
    from desktop_app.home_snapshot import HomeInputs
    from desktop_app.services.session import Session
    from desktop_app.storage.profile_store import ProfileInfo


def finish_start(startup: Startup, options: Options, settings: QSettings,
                  state_dir: Path) -> None:
    """Home from this computer's copy when it still holds, then the profile (below)."""
    # Made after the first paint: the copy's modules are not needed to show the window.
    from desktop_app.home_copy import HomeCopy
    from desktop_app.home_snapshot import snapshot_file
    from desktop_app.paths import data_dir_key

    startup.home_copy = HomeCopy(
        snapshot_file(state_dir, data_dir_key(startup.session.data_dir)), startup.session)
    remembered = _remembered_home(startup, options, settings)
    if remembered is None:
        _open_and_show(startup, options, settings)
        return
    from desktop_app.ui.after_paint import after_next_paint

    texts = startup.home_copy.texts if startup.home_copy is not None else None
    home = startup.window.show_home_preview(remembered, texts)
    after_next_paint(home, lambda: _open_and_show(startup, options, settings))


def _remembered_home(startup: Startup, options: Options, settings: QSettings
                     ) -> HomeInputs | None:
    """The copy of Home for the profile that is about to open, if it still holds."""
    last = settings.value("last_profile")
    if (startup.home_copy is None or options.demo or options.profile
            or not isinstance(last, str) or not last):
        return None
    return startup.home_copy.for_start(last)


def _open_and_show(startup: Startup, options: Options, settings: QSettings) -> None:
    """Open the first profile, show it, then any notices and the ``--start`` wizard.

    One step per event-loop turn: in one block, the scan, the templates, the storage modules
    and the read stalled the window for ~150 ms at 20 years (Home already on screen).
    """
    from desktop_app.ui.readable_palette import fit_application_indicators

    session = startup.session
    found: list[list[ProfileInfo]] = []
    steps: list[Callable[[], object]] = [
        fit_application_indicators,  # before any screen with a check box is shown
        lambda: session.profiles,  # the storage modules
        lambda: found.append(session.profiles.refresh()),
        lambda: session.templates,  # parsed here rather than while Home is read
        _import_what_home_reads,
        lambda: _open_unless_opened(startup, options, settings, found[0]),
    ]
    # Not in this turn: Home's shortcuts and notice bars may have just been made in it.
    next_turn(startup, lambda: in_turns(startup, steps, lambda: _show_opened(startup, options)))


def in_turns(startup: Startup, steps: list[Callable[[], object]],
             then: Callable[[], object]) -> None:
    """Run ``steps`` one per event-loop turn, then ``then``; none once the app shut down."""

    if startup.stopped:
        return
    if steps:
        steps.pop(0)()
        next_turn(startup, lambda: in_turns(startup, steps, then))
        return
    then()


def next_turn(startup: Startup, step: Callable[[], object]) -> None:
    """Run ``step`` at a later turn of the event loop, after input, paints and timers due.

    A zero-delay single shot is a posted event: a chain of them runs back to back, with
    input and timers let in only every second link or so. A timer takes its turn with them.
    """
    from PySide6.QtCore import QTimer

    QTimer.singleShot(1, startup.window, step)


def _import_what_home_reads() -> None:
    import desktop_app.services.home_inputs  # noqa: F401  (journal, assessments, focus)


def _open_unless_opened(startup: Startup, options: Options, settings: QSettings,
                        profiles: list[ProfileInfo]) -> None:
    session = startup.session
    if session.repo is not None or session.locked_profile_id is not None:
        return  # opened or made from a menu between two steps: that one stays
    startup.notices = _open_first_profile(session, options, settings, profiles)


def _show_opened(startup: Startup, options: Options) -> None:
    from PySide6.QtCore import QTimer

    window = startup.window
    window.start_showing_session()
    startup.ready = True
    recovery = startup.session.privacy.take_recovery_key()
    if recovery:  # a profile just made with --passphrase-file: its key is shown once
        QTimer.singleShot(0, window, lambda: window.privacy.show_recovery_key(recovery, False))
    # Home is built right after this returns; reading every list to find the records it left
    # out costs tens of milliseconds at 20 years, so that waits until Home is on screen.
    QTimer.singleShot(0, window, lambda: _after_home_painted(startup))
    if options.start:
        # With no profile yet, the wizard opens once the welcome screen has made one.
        window.start_template_when_ready(options.start)


def _after_home_painted(startup: Startup) -> None:
    from desktop_app.ui.after_paint import after_next_paint

    window = startup.window
    shown = window.pages.currentWidget()
    if shown is window.workspace:
        shown = window.stack.currentWidget()
    after_next_paint(shown or window, lambda: _report_notices(startup))


def _report_notices(startup: Startup) -> None:
    """Say, in one message, what could not be opened and which records Home left out."""
    # With the collector off, everything the start made stayed young: its first passes
    # would walk all of it (50 ms in three pauses at 20 years). It is kept, so it is frozen.
    gc.freeze()
    gc.enable()

    from desktop_app.services.records import reading_steps
    from desktop_app.ui import instance_beacon

    # Made once Home is on screen (QtNetwork is not needed to paint it); a second start
    # before this says "switch to the open window" instead of bringing it forward.
    if startup.beacon is None:
        name = instance_beacon.beacon_name(startup.lock.path)
        startup.beacon = instance_beacon.Beacon(name, startup.window)
    repo = startup.session.repo
    steps = reading_steps(startup.session) if repo is not None else []
    # The beacon (QtNetwork) was this turn's work; the first read waits for the next.
    next_turn(startup, lambda: _read_then_report(startup, steps, repo))


def _read_then_report(startup: Startup, steps: list[Callable[[], object]], repo: object) -> None:
    """Every list read, one per event-loop turn (together they stalled the window for up to
    140 ms at 20 years), then the notices. Another profile opened meanwhile: read at once."""

    if startup.stopped:
        return
    if steps and startup.session.repo is repo:
        steps.pop(0)()
        next_turn(startup, lambda: _read_then_report(startup, steps, repo))
        return
    _say_notices(startup, read=bool(steps))


def _say_notices(startup: Startup, read: bool) -> None:
    from desktop_app.services.records import skipped_notice
    from desktop_app.ui.screens.home import HomeScreen

    startup.notices += filter(None, [skipped_notice(startup.session, read=read)])
    if startup.home_copy is not None:
        # What Home has just drawn from the profile, rather than reading it all again.
        shown = next((s.drawn_from_profile() for s in startup.window.stack.built()
                      if isinstance(s, HomeScreen)), None)
        startup.home_copy.keep(shown)
        startup.home_copy.follow()
    startup.notices_said = True
    import threading

    threading.Thread(target=_load_formatting, name="load-formatting", daemon=True).start()
    if startup.notices:
        window = startup.window
        window.report_unreadable("\n\n".join(startup.notices))


def _load_formatting() -> None:
    """Babel and the language's dates, loaded off the UI thread once start-up is done.

    Home is drawn with the dates its copy kept, so nothing at start needs them; without this
    the first screen to write a date would wait ~40 ms for them on the UI thread.
    """
    from datetime import date, time

    from desktop_app.locale_format import format_clock, format_day

    format_day(date(2000, 1, 1), "long")
    format_clock(time(12))


def _open_first_profile(session: Session, options: Options, settings: QSettings,
                        profiles: list[ProfileInfo]) -> list[str]:
    """Open the profile asked for, else the last one used; returns messages for the person.

    ``profiles``: what the scan of the profiles folder found."""
    from desktop_app.services.set_aside_notice import take_notices

    notices: list[str] = []
    try:
        notices += _open_one(session, options, settings, profiles)
    finally:
        # Files found unreadable while scanning, and while opening the profile too.
        notices[:0] = take_notices(session.profiles)
    return notices


def _open_one(
    session: Session, options: Options, settings: QSettings, profiles: list[ProfileInfo]
) -> list[str]:
    from desktop_app.storage.schema import ProfileFileError

    notices: list[str] = []
    try:
        if options.demo:
            from desktop_app.services.demo import open_demo_profile

            mismatch = open_demo_profile(session, years=options.demo_years)
            if mismatch:
                say(mismatch)  # about an option typed in a terminal, so it is said there
            return notices
        if options.profile:
            found = session.profiles.find(options.profile)
            if found is None:
                session.create_profile(options.profile, options.passphrase)
            else:
                _open_with_passphrase(session, found.id, options.passphrase)
            return notices
        last = settings.value("last_profile")
        candidates = [p for p in profiles if p.id == last] + [p for p in profiles if p.id != last]
        for info in candidates:
            try:
                _open_with_passphrase(session, info.id, options.passphrase)
                break
            except ProfileFileError as error:
                notices.append(str(error))
    except ProfileFileError as error:
        notices.append(str(error))
    except OSError as error:
        notices.append(
            _("Groundwork could not save the profile: {error}").format(
                error=error.strerror or error
            )
        )
    return notices


def _open_with_passphrase(session: Session, profile_id: str, passphrase: str | None) -> None:
    """Open a profile; a protected one with ``passphrase`` (--passphrase-file), else it is
    left locked (``session.locked_profile_id``) for the person to unlock."""
    from desktop_app.services.privacy import PrivacyError

    privacy = session.privacy
    if not privacy.is_protected(profile_id):
        session.open_profile(profile_id)
        return
    session.locked_profile_id = profile_id
    if passphrase is None:
        return
    try:
        key = privacy.unlock(profile_id, passphrase)
    except PrivacyError as error:
        # Said where the option was typed; the profile stays locked for the person to unlock.
        say(str(error))
        return
    session.open_profile(profile_id, key)

