"""Start-up after the first paint: Home from its copy (a turn per step), the profile read on
a worker (``start_read``) and switched to on the UI thread, the lists decoded on a worker and
read a turn each, then the notices (``app.prepare`` shows the window and hands over here)."""

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
    from desktop_app.start_read import FirstRead, ReadJob


def finish_start(startup: Startup, options: Options, settings: QSettings,
                 state_dir: Path) -> None:
    """Home from this computer's copy when it still holds, then the profile (below)."""
    from desktop_app.home_copy import HomeCopy
    from desktop_app.home_snapshot import snapshot_file
    from desktop_app.paths import data_dir_key

    session, window = startup.session, startup.window
    startup.home_copy = HomeCopy(snapshot_file(state_dir, data_dir_key(session.data_dir)),
                                 session)
    last = settings.value("last_profile")
    remembered = (startup.home_copy.for_start(last) if isinstance(last, str) and last
                  and not options.demo and not options.profile else None)
    if remembered is None:
        _open_and_show(startup, options, settings)
        return
    # Home's modules, then Home drawn from the copy, each in a turn of its own: in one turn
    # with the copy's read they held the window for 30-60 ms right after its first paint.
    # (On a worker, Home showed 10-15 ms later: each event of the window waited for it.)
    window.expect_preview()
    next_turn(startup, lambda: _import_home(startup, options, settings, remembered))


def _import_home(startup: Startup, options: Options, settings: QSettings,
                 remembered: HomeInputs) -> None:
    if startup.stopped:
        return
    import desktop_app.ui.screens.home  # noqa: F401  (built in the next turn)

    next_turn(startup, lambda: _show_copy(startup, options, settings, remembered))


def _show_copy(startup: Startup, options: Options, settings: QSettings,
               remembered: HomeInputs) -> None:
    if startup.stopped:
        return
    window, session, home_copy = startup.window, startup.session, startup.home_copy
    if session.repo is not None or session.locked_profile_id is not None or home_copy is None:
        window.preview_decided()  # a profile was opened from a menu meanwhile
        _open_and_show(startup, options, settings)
        return
    from desktop_app.ui.after_paint import after_next_paint

    home = window.show_home_preview(remembered, home_copy.texts)
    window.preview_decided()
    after_next_paint(home, lambda: _open_and_show(startup, options, settings))


def _open_and_show(startup: Startup, options: Options, settings: QSettings) -> None:
    """Open the first profile, show it, then any notices and the ``--start`` wizard.

    The storage modules, the folder scan, the templates and the read run on a worker
    (``start_read``): on the UI thread, even a step per turn, each stalled the window for
    35-90 ms at 20 years (Home already on screen). The UI thread only switches to the read.
    """
    from desktop_app.ui.readable_palette import fit_application_indicators

    steps: list[Callable[[], object]] = [
        fit_application_indicators,  # before any screen with a check box is shown
    ]
    # Not in this turn: Home's shortcuts and notice bars may have just been made in it.
    next_turn(startup, lambda: in_turns(
        startup, steps, lambda: _read_first(startup, options, settings)))


def _read_first(startup: Startup, options: Options, settings: QSettings) -> None:
    from desktop_app.start_read import ReadJob, read_first
    from desktop_app.ui.background import run_in_background

    session = startup.session
    job = startup.first_read = ReadJob()
    last = settings.value("last_profile")
    run_in_background(
        startup.window,
        lambda: job.run(lambda: read_first(
            session, profile=options.profile, last=last, passphrase=options.passphrase,
            demo=options.demo)),
        lambda _read: _open_read(startup, options, job),
        lambda error: _read_failed(startup, options, error),
        lambda _read: job.abandon(0),  # the window went first
    )


def _open_read(startup: Startup, options: Options, job: ReadJob) -> None:
    read = job.take()
    if startup.stopped or read is None:
        return  # closed meanwhile: the shutdown let go of what was read
    _open_unless_opened(startup, options, read)
    next_turn(startup, lambda: _show_opened(startup, options))


def _read_failed(startup: Startup, options: Options, error: BaseException) -> None:
    """Not a damaged file (that is a notice): a fault. The window still shows what it can,
    and the error goes where every unexpected one goes."""
    if not startup.stopped:
        next_turn(startup, lambda: _show_opened(startup, options))
    raise error


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


def _open_unless_opened(startup: Startup, options: Options, read: FirstRead) -> None:
    session = startup.session
    if session.repo is not None or session.locked_profile_id is not None:
        read.let_go()
        return  # opened or made from a menu while it was read: that one stays
    for line in read.said:
        say(line)
    startup.notices = read.notices
    if options.demo or read.create is not None:
        startup.notices += _make_first_profile(session, options, read.create)
    elif read.repo is not None:
        session.open_profile(read.repo.profile_id, read.key, read=read.repo)
    elif read.locked is not None:
        session.locked_profile_id = read.locked


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
    session = startup.session
    repo = session.repo
    steps = reading_steps(session) if repo is not None else []
    if repo is None:
        # The beacon (QtNetwork) was this turn's work; the notices wait for the next.
        next_turn(startup, lambda: _read_then_report(startup, steps, repo))
        return
    from desktop_app.start_read import warm_lists
    from desktop_app.ui.background import run_in_background

    def read_then_report(_got: object) -> None:
        next_turn(startup, lambda: _read_then_report(startup, steps, repo))

    # Decoded on a worker (up to 70 ms a list at 20 years); the steps then find them ready.
    # Started a turn later: the beacon's import beside a worker took twice its time, each
    # file read handing the interpreter to the worker for a switch interval.
    next_turn(startup, lambda: None if startup.stopped else run_in_background(
        startup.window, lambda: warm_lists(session, repo), read_then_report, read_then_report))


def _read_then_report(startup: Startup, steps: list[Callable[[], object]], repo: object) -> None:
    """Every list read, one per event-loop turn (a worker decoded them first: together they
    stalled the window for up to 140 ms at 20 years), then the notices. Another profile
    opened meanwhile: read at once."""

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


def _make_first_profile(session: Session, options: Options, name: str | None) -> list[str]:
    """The demo (made or opened), or the profile ``--profile NAME`` names; returns messages
    for the person."""
    from desktop_app.services.set_aside_notice import take_notices
    from desktop_app.storage.schema import ProfileFileError

    notices: list[str] = []
    try:
        if options.demo:
            from desktop_app.services.demo import open_demo_profile

            mismatch = open_demo_profile(session, years=options.demo_years)
            if mismatch:
                say(mismatch)  # about an option typed in a terminal, so it is said there
        elif name is not None:
            session.create_profile(name, options.passphrase)
    except ProfileFileError as error:
        notices.append(str(error))
    except OSError as error:
        notices.append(
            _("Groundwork could not save the profile: {error}").format(
                error=error.strerror or error
            )
        )
    finally:
        notices[:0] = take_notices(session.profiles)  # files found unreadable meanwhile
    return notices
