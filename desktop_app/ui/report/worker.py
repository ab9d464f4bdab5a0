"""Build a report off the UI thread: read the profile, build the content, draw the charts,
and (for a PDF) write the file. Progress and the result come back as queued signals.

The worker opens its own read-only copy of the profile from disk, so the UI's repository is
never touched from two threads. It is a daemon Python thread, like the chart loader: quitting
never waits on it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, SignalInstance

from desktop_app.diagnostics import LOGGER_NAME
from desktop_app.domain.templates import TemplateSet
from desktop_app.services import report
from desktop_app.services.clock import Clock
from desktop_app.services.report_parts import Period
from desktop_app.ui.report.content import Block


@dataclass(frozen=True)
class Job:
    """What to build: the profile, the period, the parts, and where to write (None: keep)."""

    data_dir: Path
    profile_id: str
    templates: TemplateSet
    clock: Clock
    period: Period
    since_last: bool
    chosen: tuple[str, ...]
    paper: str
    target: Path | None = None


@dataclass(frozen=True)
class Built:
    job: Job
    report: report.Report
    blocks: list[Block]


class ReportWorker(QObject):
    """Runs one job at a time; ``progress`` (a sentence), then ``done`` or ``failed``."""

    progress = Signal(str)
    done = Signal(object)  # Built
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, job: Job) -> None:
        self._thread = threading.Thread(target=self._run, args=(job,), name="report",
                                        daemon=True)
        self._thread.start()

    def wait(self, timeout: float) -> bool:
        """Wait at most ``timeout`` seconds for the job under way; True when none runs."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.busy

    def _emit(self, signal: SignalInstance, value: object) -> None:
        # RuntimeError: the dialog is gone already, and nobody waits for the answer.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)

    def _run(self, job: Job) -> None:
        try:
            self._emit(self.progress, "Reading your records…")
            repo = report.open_read_only(job.data_dir, job.profile_id)
            try:
                inputs = report.read_inputs(repo, job.templates, job.clock)
            finally:
                repo.close()
            made = report.build(inputs, job.period, job.chosen, job.since_last)
            self._emit(self.progress, "Drawing the charts…")
            from desktop_app.ui.report.render import report_blocks, write_pdf

            blocks = report_blocks(made)
            if job.target is not None:
                self._emit(self.progress, "Writing the PDF…")
                write_pdf(made, job.target, job.paper, blocks)
        except report.ReportError as error:
            self._emit(self.failed, str(error))
            return
        except OSError as error:
            self._emit(self.failed, f"The report could not be written: {error.strerror or error}.")
            return
        except Exception as error:  # a calm sentence; the log has the rest
            logging.getLogger(LOGGER_NAME).exception("the report could not be made")
            self._emit(self.failed, f"The report could not be made ({type(error).__name__}).")
            return
        self._emit(self.done, Built(job, made, blocks))
