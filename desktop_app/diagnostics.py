"""The log folder: a rotating log, Python's exception hooks and faulthandler's crash file.

No Qt here: the Qt message handler and the error dialog attach from ``ui/`` through
:meth:`Diagnostics.add_listener` and :meth:`Diagnostics.on_uninstall`.

Nothing the person wrote may reach these files. An exception's message or locals can repeat an
answer or a name, so an error is logged as its type and its frames (file, line, function) only;
the one message kept is an ``OSError``'s number and system text, never its file name.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
import sys
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from desktop_app import __version__
from desktop_app.i18n import _

LOG_NAME = "groundwork.log"
CRASH_NAME = "crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
LOGGER_NAME = "groundwork"
# Qt text is scrubbed of anything quoted (object names, strings) and cut to this length.
QT_MESSAGE_LIMIT = 300

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'|“[^”]*”|‘[^’]*’")
ExcInfo = tuple[type[BaseException], BaseException | None, TracebackType | None]


@dataclass(frozen=True)
class ErrorReport:
    """What a listener (the error dialog) learns about an error: no message, no locals."""

    kind: str
    where: str
    times: int
    thread: str | None = None


ErrorListener = Callable[[ErrorReport], None]

# What main() installed, so Help ▸ About can name the log folder without being handed it.
_active: list[Diagnostics] = []


def _short_path(filename: str) -> str:
    path = Path(filename)
    try:
        return path.resolve().relative_to(_PACKAGE_ROOT).as_posix()
    except (ValueError, OSError):
        pass
    parts = path.parts
    if "site-packages" in parts:
        return Path(*parts[parts.index("site-packages") + 1 :]).as_posix()
    return filename


def _type_name(kind: type[BaseException]) -> str:
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _safe_detail(error: BaseException | None) -> str:
    """The part of a message that cannot carry what the person wrote, or nothing."""
    if isinstance(error, OSError) and isinstance(error.errno, int):
        # The system's own wording for the number: code may have built strerror from a name.
        return f": [Errno {error.errno}] {os.strerror(error.errno)}"
    return ""


def _frames(tb: TracebackType | None) -> list[tuple[str, int, str]]:
    return [
        (_short_path(frame.filename), frame.lineno or 0, frame.name)
        for frame in traceback.extract_tb(tb)
    ]


def describe(
    kind: type[BaseException], error: BaseException | None, tb: TracebackType | None
) -> str:
    """A traceback without messages, locals or source lines; chained causes included."""
    blocks: list[list[str]] = []
    seen: set[int] = set()
    link = ""
    while True:
        block = ["Traceback (messages and values are never logged):"]
        block += [f'  File "{f}", line {n}, in {name}' for f, n, name in _frames(tb)]
        block.append(f"{_type_name(kind)}{_safe_detail(error)}")
        if isinstance(error, BaseExceptionGroup):
            inner = ", ".join(_type_name(type(sub)) for sub in error.exceptions)
            block.append(f"  (a group of: {inner})")
        if link:
            block.append(link)
        blocks.append(block)
        if error is None:
            break
        seen.add(id(error))
        if error.__cause__ is not None:
            after, link = error.__cause__, "The above was the direct cause of:"
        elif error.__context__ is not None and not error.__suppress_context__:
            after, link = error.__context__, "While handling the above, another error happened:"
        else:
            break
        if id(after) in seen:
            break
        kind, error, tb = type(after), after, after.__traceback__
    return "\n".join(line for block in reversed(blocks) for line in block)


def scrub_qt_message(text: str) -> str:
    """Qt's text with anything quoted removed (it may be an object name or a string)."""
    cleaned = _QUOTED.sub("\"…\"", text).replace("\n", " ")
    return cleaned if len(cleaned) <= QT_MESSAGE_LIMIT else cleaned[:QT_MESSAGE_LIMIT] + "…"


def _echo(text: str) -> None:
    """Python's own hooks print the message too, and a desktop session may keep stderr in
    its journal: the terminal gets the same scrubbed text as the log."""
    stream = sys.stderr
    if stream is not None:
        with suppress(Exception):
            print(text, file=stream)


def _should_log_repeat(times: int) -> bool:
    # A slot that fails on every repaint must not flush the first traceback out of the log.
    return times <= 10 or str(times).rstrip("0") == "1"


class Diagnostics:
    """The installed hooks and open files; :meth:`uninstall` puts everything back."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.log_file: Path | None = None
        self.crash_file: Path | None = None
        self.logger = logging.getLogger(LOGGER_NAME)
        self._handler: logging.Handler | None = None
        self._crash_stream: IO[str] | None = None
        self._listeners: list[ErrorListener] = []
        self._cleanups: list[Callable[[], None]] = []
        self._seen: Counter[tuple[str, tuple[tuple[str, int, str], ...]]] = Counter()
        self._lock = threading.Lock()
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        self._previous_unraisable_hook = sys.unraisablehook
        self._faulthandler_was_on = faulthandler.is_enabled()
        self._previous_level = self.logger.level
        self._previous_propagate = self.logger.propagate

    # --- set-up -------------------------------------------------------------------------
    def _open_files(self) -> None:
        try:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            # Imported here: it brings socket, pickle and queue, ~12 ms before the window.
            import logging.handlers

            handler = logging.handlers.RotatingFileHandler(
                self.log_dir / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        except OSError as error:
            told = _("cannot write the log in {folder}").format(folder=self.log_dir)
            print(f"groundwork: {told}{_safe_detail(error)}", file=sys.stderr)
            return
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(process)d] %(message)s")
        )
        self._handler = handler
        self.log_file = self.log_dir / LOG_NAME
        crash = self.log_dir / CRASH_NAME
        try:
            if crash.is_file() and crash.stat().st_size > MAX_BYTES:
                os.replace(crash, crash.with_name(CRASH_NAME + ".1"))
            # Kept open for the life of the process: faulthandler writes to its descriptor.
            self._crash_stream = open(crash, "a", encoding="utf-8")  # noqa: SIM115
            self.crash_file = crash
        except OSError as error:
            self.logger.warning("no crash file%s", _safe_detail(error))

    def _install(self) -> None:
        self.logger.setLevel(logging.INFO)
        self.logger.propagate = False
        self._open_files()
        if self._handler is not None:
            self.logger.addHandler(self._handler)
        if self._crash_stream is not None:
            faulthandler.enable(file=self._crash_stream, all_threads=True)
        sys.excepthook = self._excepthook
        threading.excepthook = self._threading_hook
        sys.unraisablehook = self._unraisable_hook
        # Not platform.platform(): it reads the whole Python binary for the libc version
        # (~45 ms on a busy machine, before the window); the About box still shows it.
        import platform

        system = platform.uname()
        self.logger.info(
            "Groundwork %s started: Python %s, %s %s %s", __version__,
            platform.python_version(), system.system, system.release, system.machine,
        )

    def add_listener(self, listener: ErrorListener) -> None:
        """Call ``listener`` after each unexpected error is logged (from any thread)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: ErrorListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def on_uninstall(self, cleanup: Callable[[], None]) -> None:
        self._cleanups.append(cleanup)

    def uninstall(self) -> None:
        """Restore the hooks found at install time and close the files."""
        if self in _active:
            _active.remove(self)
        for cleanup in reversed(self._cleanups):
            cleanup()
        self._cleanups.clear()
        self._listeners.clear()
        if sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_excepthook
        if threading.excepthook == self._threading_hook:
            threading.excepthook = self._previous_threading_hook
        if sys.unraisablehook == self._unraisable_hook:
            sys.unraisablehook = self._previous_unraisable_hook
        if self._crash_stream is not None:
            faulthandler.disable()
            if self._faulthandler_was_on and sys.__stderr__ is not None:
                faulthandler.enable(file=sys.__stderr__, all_threads=True)
            self._crash_stream.close()
            self._crash_stream = None
        if self._handler is not None:
            self.logger.info("Groundwork stopped")
            self.logger.removeHandler(self._handler)
            self._handler.close()
            self._handler = None
        self.logger.setLevel(self._previous_level)
        self.logger.propagate = self._previous_propagate

    # --- recording ----------------------------------------------------------------------
    def record(self, kind: type[BaseException], error: BaseException | None,
               tb: TracebackType | None, thread: str | None = None) -> ErrorReport:
        """Log an error once in full, its repeats as a count; returns what a listener sees."""
        frames = _frames(tb)
        signature = (_type_name(kind), tuple(frames))
        with self._lock:
            self._seen[signature] += 1
            times = self._seen[signature]
        where = f"{frames[-1][0]}:{frames[-1][1]} in {frames[-1][2]}" if frames else "?"
        place = f" in thread {thread}" if thread else ""
        if times == 1:
            self.logger.error("Unexpected error%s\n%s", place, describe(kind, error, tb))
        elif _should_log_repeat(times):
            self.logger.error("The same %s at %s%s again (%d times so far)",
                              _type_name(kind), where, place, times)
        return ErrorReport(_type_name(kind), where, times, thread)

    def _tell_listeners(self, report: ErrorReport) -> None:
        for listener in list(self._listeners):
            try:
                listener(report)
            except Exception as failure:  # a broken listener must not loop back here
                self.logger.warning("error listener failed: %s", type(failure).__name__)

    def _excepthook(self, kind: type[BaseException], error: BaseException,
                    tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_excepthook(kind, error, tb)
            return
        self._tell_listeners(self.record(kind, error, tb))
        if self._previous_excepthook is sys.__excepthook__:
            _echo(describe(kind, error, tb))
        else:  # someone else's hook (a test harness): let it see the error too
            with suppress(Exception):
                self._previous_excepthook(kind, error, tb)

    def _threading_hook(self, args: Any) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else None
        self._tell_listeners(self.record(args.exc_type, args.exc_value, args.exc_traceback, name))
        if self._previous_threading_hook is threading.__excepthook__:
            _echo(describe(args.exc_type, args.exc_value, args.exc_traceback))
        else:
            with suppress(Exception):
                self._previous_threading_hook(args)

    def _unraisable_hook(self, unraisable: Any) -> None:
        # Errors in __del__ and finalisers: logged, but not worth a dialog.
        self.record(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback)


def install(log_dir: Path) -> Diagnostics:
    """Log to ``log_dir`` and route Python's exception hooks and faulthandler there."""
    diagnostics = Diagnostics(log_dir)
    diagnostics._install()
    _active.append(diagnostics)
    return diagnostics


def active() -> Diagnostics | None:
    """The diagnostics installed last and still in place, if any."""
    return _active[-1] if _active else None


@contextmanager
def installed(log_dir: Path | None) -> Iterator[Diagnostics | None]:
    """:func:`install` for the length of a ``with``; ``None`` leaves every hook alone."""
    if log_dir is None:
        yield None
        return
    diagnostics = install(log_dir)
    try:
        yield diagnostics
    except BaseException as error:
        if not isinstance(error, SystemExit | KeyboardInterrupt):
            diagnostics.record(type(error), error, error.__traceback__)
        raise
    finally:
        diagnostics.uninstall()
