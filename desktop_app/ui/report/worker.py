"""Build a report for printing off the UI thread: decode the records, build the content,
draw the charts, then paint the pages on the printer. Progress and the result come back as
queued signals. (A PDF and the preview's pages are made by a child process, see ``child``.)

The worker decodes a frozen copy of the profile's record lists (taken on the UI thread in a
few milliseconds), so the UI's repository is never touched from two threads, and what was
just saved is in the report even before it reaches the disk.

A ``QThread`` (not a Python thread): QTextDocument and QSvgRenderer want a Qt thread. A
running thread is kept referenced until it finishes, and quitting waits for it, because a
``QThread`` destroyed while it runs aborts the process.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QThread,
    Signal,
)
from PySide6.QtPrintSupport import QPrinter

from desktop_app.diagnostics import LOGGER_NAME
from desktop_app.domain.templates import TemplateSet
from desktop_app.i18n import _
from desktop_app.services import report
from desktop_app.services.clock import Clock
from desktop_app.services.report_parts import Period
from desktop_app.ui.report.content import Block
from desktop_app.ui.worker_calm import gentle

QUIT_WAIT_MS = 10_000
_running: set[QThread] = set()
_hooked = False


@dataclass(frozen=True)
class Job:
    """What to build: the records, the period, the parts, the paper."""

    profile: report.FrozenProfile
    templates: TemplateSet
    clock: Clock
    period: Period
    since_last: bool
    chosen: tuple[str, ...]
    paper: str


@dataclass(frozen=True)
class Built:
    paper: str
    report: report.Report
    blocks: list[Block]


class _Thread(QThread):
    progress = Signal(str)
    done = Signal(object)  # Built
    failed = Signal(str)

    def __init__(self, job: Job | None = None, built: Built | None = None,
                 printer: QPrinter | None = None) -> None:
        super().__init__()
        self.job = job
        self.built = built
        self.printer = printer

    def run(self) -> None:
        # Decoding a long history makes tens of thousands of short-lived objects: see
        # ``ui.worker_calm``. The records read are let go here, not on the UI thread when
        # this thread object is deleted; what stays (the report, for printing) is frozen.
        with gentle():
            try:
                if self.job is not None:
                    self._run(self.job)
                else:
                    self._print()
            finally:
                self.job = self.built = None
                self.printer = None

    def _print(self) -> None:
        """Paint the pages on the printer (allowed on a worker thread: see QPainter)."""
        from desktop_app.ui.report.render import paint_on

        built, printer = self.built, self.printer
        assert built is not None and printer is not None
        try:
            self.progress.emit(_("Sending the report to the printer…"))
            paint_on(printer, built.report, built.blocks)
        except Exception as error:
            logging.getLogger(LOGGER_NAME).exception("the report could not be printed")
            self.failed.emit(_("The report could not be printed ({kind}).").format(
                kind=type(error).__name__))
            return
        self.done.emit(built)

    def _run(self, job: Job) -> None:
        try:
            self.progress.emit(_("Reading your records…"))
            inputs = report.read_inputs(job.profile, job.templates, job.clock)
            made = report.build(inputs, job.period, job.chosen, job.since_last)
            self.progress.emit(_("Drawing the charts…"))
            from desktop_app.ui.report.render import report_blocks

            blocks = report_blocks(made)
            _let_go(inputs)
        except report.ReportError as error:
            self.failed.emit(str(error))
            return
        except OSError as error:
            self.failed.emit(_("The report could not be written: {reason}.").format(
                reason=error.strerror or error))
            return
        except Exception as error:  # a calm sentence; the log has the rest
            logging.getLogger(LOGGER_NAME).exception("the report could not be made")
            self.failed.emit(_("The report could not be made ({kind}).").format(
                kind=type(error).__name__))
            return
        self.done.emit(Built(job.paper, made, blocks))


def _let_go(inputs: report.Inputs) -> None:
    """Free the records read one at a time, here: freed at once (a 20-year history) they
    would hold the interpreter, and so the UI thread, for a hundred milliseconds or more."""
    for name in ("results", "checkins", "focus", "slips", "wins", "topics"):
        records = getattr(inputs, name)
        while records:
            records.pop()


def _wait_for_all() -> None:
    for thread in list(_running):
        thread.wait(QUIT_WAIT_MS)


class ReportWorker(QObject):
    """Runs one job at a time; ``progress`` (a sentence), then ``done`` or ``failed``."""

    progress = Signal(str)
    done = Signal(object)  # Built
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and not self._thread.isFinished()

    def start(self, job: Job) -> None:
        """Build the report (for printing it)."""
        self._run(_Thread(job))

    def print(self, built: Built, printer: QPrinter) -> None:
        """Paint ``built`` on ``printer`` (kept by the caller until ``done`` or ``failed``)."""
        self._run(_Thread(built=built, printer=printer))

    def _run(self, thread: _Thread) -> None:
        self._thread = thread
        global _hooked
        app = QCoreApplication.instance()
        if not _hooked and app is not None:
            app.aboutToQuit.connect(_wait_for_all)
            _hooked = True
        _running.add(thread)
        thread.progress.connect(self.progress)
        thread.done.connect(self.done)
        thread.failed.connect(self.failed)
        # A bound method of this (UI-thread) object: the slot is queued to the UI thread.
        thread.finished.connect(self._forget_finished)
        thread.start()

    def _forget_finished(self) -> None:
        for thread in list(_running):
            if thread.isFinished():
                _running.discard(thread)
                if thread is self._thread:
                    self._thread = None
                thread.deleteLater()

    def wait(self, timeout_ms: int = QUIT_WAIT_MS) -> bool:
        """Wait for the job under way; True when none runs."""
        if self._thread is not None and not self._thread.isFinished():
            return bool(self._thread.wait(timeout_ms))
        return True

