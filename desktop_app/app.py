"""Start-up: options, data folder, single instance, profile choice, main window."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.app_id import APP_ID
from desktop_app.cli import Options, UsageError, parse_options, printable
from desktop_app.i18n import _, pgettext
from desktop_app.local_state import LocalFolders
from desktop_app.paths import default_data_dir, resources_dir
from desktop_app.started import Startup, say

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtCore import QSettings

    from desktop_app.services.clock import Clock
    from desktop_app.storage.device import Device

# Documented in ``groundwork --help``: 2 covers bad options and an unusable data folder.
EXIT_USAGE = 2
EXIT_ALREADY_RUNNING = 3


class StartupError(Exception):
    """A problem with how Groundwork was started; exit code 2."""


def usable_data_dir(options: Options) -> Path:
    data_dir = (options.data_dir or default_data_dir()).expanduser().absolute()
    shown = printable(str(data_dir))
    try:
        str(data_dir).encode("utf-8")
    except UnicodeEncodeError:
        # Qt silently drops what it cannot decode, so the lock would land in another folder.
        raise StartupError(
            _("the data folder {folder} has a name that is not valid text (UTF-8); "
              "please choose another folder").format(folder=shown)
        ) from None
    try:
        if data_dir.exists() and not data_dir.is_dir():
            raise StartupError(
                _("the data folder {folder} is a file, not a folder").format(folder=shown)
            )
        data_dir.mkdir(parents=True, exist_ok=True)
        usable = os.access(data_dir, os.R_OK | os.W_OK | os.X_OK)
    except OSError as error:
        raise StartupError(
            _("cannot create the data folder {folder}: {error}").format(
                folder=shown, error=error.strerror or error
            )
        ) from None
    if not usable:
        raise StartupError(_("cannot read and write the data folder {folder}").format(folder=shown))
    return data_dir


def prepare(
    options: Options, clock: Clock | None = None, folders: LocalFolders | None = None
) -> Startup | int:
    """Build the application and show the window; returns an exit code instead on failure.

    ``clock``: the system's unless given. ``folders`` are this computer's config, state and
    runtime folders (the platform's).
    """
    # Start-up makes hundreds of thousands of objects and frees few: the collector's passes
    # over them cost tens of milliseconds before Home shows. It is on again once Home painted.
    gc.disable()
    startup = _prepare(options, clock or _system_clock(), folders)
    if isinstance(startup, int):
        gc.enable()
    return startup


def _prepare(options: Options, clock: Clock, folders: LocalFolders | None) -> Startup | int:
    try:
        data_dir = usable_data_dir(options)
    except StartupError as error:
        say(str(error))
        return EXIT_USAGE
    local = folders or LocalFolders.of_this_computer()

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop_app.instance_lock import InstanceLock, LockUnavailableError
    from desktop_app.services.session import Session
    from desktop_app.ui.main_window import MainWindow

    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        # No options reach Qt: an unknown -platform makes it abort (see --help).
        else QApplication(sys.argv[:1])
    )
    app.setApplicationName("Groundwork")
    app.setApplicationDisplayName("Groundwork")
    app.setDesktopFileName(APP_ID)
    from desktop_app.i18n.catalogs import setup
    from desktop_app.ui.qt_translations import install_qt_translations

    install_qt_translations(app, setup(local.config))
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "groundwork.svg")))
    from desktop_app.ui.readable_palette import make_text_readable

    # Help text and captions at 4.5:1, light or dark; check boxes once the window painted.
    make_text_readable(indicators=False)

    lock = InstanceLock(local.lock_folders(), local.lock_name(data_dir))
    try:
        acquired = lock.acquire()
    except LockUnavailableError as error:
        from PySide6.QtWidgets import QMessageBox

        say(str(error))
        QMessageBox.critical(
            None,
            _("Groundwork cannot start"),
            printable(str(error), limit=2000) + "\n\n"
            + _("Groundwork has changed nothing. "
                "Please free some space or choose a folder you can write to.") + "\n\n"
            + _("Data folder: {folder}").format(folder=printable(str(data_dir))),
        )
        return EXIT_USAGE
    if not acquired:
        from PySide6.QtWidgets import QMessageBox

        from desktop_app.ui.instance_beacon import ask_to_raise, beacon_name

        brought = ask_to_raise(beacon_name(lock.path))
        where = printable(str(data_dir))
        say(_("Groundwork is already running with the data folder {folder}; its window was "
              "brought to the front").format(folder=where) if brought
            else _("Groundwork is already running with the data folder {folder}").format(
                folder=where))
        switch = (
            _("Its window has been brought to the front.") if brought
            else _("Please switch to the open window.")
        )
        QMessageBox.information(
            None,
            _("Groundwork is already running"),
            _("Groundwork is already open with this data, so a second copy would risk "
              "overwriting what you write there. {switch}").format(switch=switch)
            + "\n\n" + _("Data folder: {folder}").format(folder=where),
        )
        return EXIT_ALREADY_RUNNING

    device = _this_device(local)
    if device is None:
        lock.release()
        return EXIT_USAGE
    session = Session(data_dir, resources_dir(), clock, device=device, state_dir=local.state)
    if options.start and session.templates.get(options.start) is None:
        known = ", ".join(t.id for t in session.templates.templates) or pgettext(
            "no templates", "none")
        wanted = printable(options.start, 80)
        say(_("there is no template with the id '{id}' (known ids: {known})").format(
            id=wanted, known=known))
        lock.release()
        return EXIT_USAGE

    if options.profile:
        from desktop_app.domain.profiles import ProfileNameError, clean_profile_name

        try:
            clean_profile_name(options.profile)
        except ProfileNameError as error:
            say(_("cannot use '{name}' as a name: {error}").format(
                name=printable(options.profile, 80), error=error))
            lock.release()
            return EXIT_USAGE

    from desktop_app.local_state import open_ui_state

    settings = open_ui_state(local, data_dir)
    window = MainWindow(session, settings, local.config)
    window.show()
    startup = Startup(app, window, session, lock)
    # The profile is read once the window is on screen: a five-year profile is megabytes.
    # (So are check boxes fitted: neither the blank first page nor Home has any.)
    window.when_painted(lambda: _finish_start(startup, options, settings, local.state))
    return startup


def _finish_start(startup: Startup, options: Options, settings: QSettings,
                  state_dir: Path) -> None:
    # Imported once the window is on screen: nothing in it is needed to paint it.
    from desktop_app.start_steps import finish_start

    finish_start(startup, options, settings, state_dir)


def _system_clock() -> Clock:
    return _now


def _now() -> datetime:
    """The system clock, imported at its first reading: datetime is not needed to show the
    first window."""
    from desktop_app.services.clock import system_clock

    return system_clock()


def _this_device(local: LocalFolders) -> Device | None:
    """This computer's identity, made on first start; None (after saying why) if it cannot be."""
    from desktop_app.storage.device import load_or_create_device

    try:
        return load_or_create_device(local.config)
    except OSError as error:
        from PySide6.QtWidgets import QMessageBox

        message = (
            _("Groundwork could not keep this computer's name and id in {folder}: {error}").format(
                folder=local.config, error=str(error.strerror or error).lower())
        )
        say(message)
        QMessageBox.critical(
            None, _("Groundwork cannot start"),
            printable(message, limit=2000) + "\n\n" + _("Groundwork has changed nothing."),
        )
        return None



def main(
    argv: list[str] | None = None, clock: Clock | None = None, log_dir: Path | None = None
) -> int:
    """Run Groundwork; returns the exit code.

    ``log_dir`` receives the error log and crash file (``run`` passes the platform's log
    folder); without it Python's and Qt's own error handling are left as they are.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    clock = clock or _system_clock()
    from desktop_app.i18n.catalogs import setup

    setup(LocalFolders.of_this_computer().config)  # --help and the commands' messages too
    if args and args[0] in ("share", "receive"):
        from desktop_app.share_commands import run_share_command

        return run_share_command(args, clock)  # headless: no Qt, no window
    if args and args[0] in ("export", "import"):
        from desktop_app.commands import run_command

        return run_command(args, clock)  # headless: no Qt, no window
    try:
        options = parse_options(args)
    except UsageError as error:
        say(_("{error} (try 'groundwork --help')").format(error=error))
        return EXIT_USAGE
    except SystemExit as done:  # --help and --version
        return int(done.code or 0)
    from desktop_app import diagnostics  # its logging.handlers is not needed by prepare()

    with diagnostics.installed(log_dir) as logged:
        if logged is not None:
            from desktop_app.ui.qt_messages import route_qt_messages

            route_qt_messages(logged)
        startup = prepare(options, clock)
        if isinstance(startup, int):
            return startup
        if logged is not None:
            from desktop_app.ui.error_dialog import report_errors

            report_errors(logged, startup.window)
        try:
            return int(startup.app.exec())
        finally:
            startup.shutdown()
            # The process usually ends here; called in-process, nothing of it may linger.
            startup.window.close()
            startup.window.deleteLater()
            from desktop_app.ui.language import restart_if_asked

            restart_if_asked(startup.app)  # Settings ▸ Language: the lock is released now


def run() -> None:
    from desktop_app.paths import default_log_dir

    sys.exit(main(log_dir=default_log_dir()))
