"""The report in a child process: ``groundwork export --format pdf``, writing a PDF file
(Save as PDF…) or, with ``--preview-width``, the preview's pages to its stdout.

Decoding twenty years of records and laying out two hundred pages takes seconds of Python
and of Qt calls that hold the interpreter lock; on a busy computer a thread doing it still
stalls the window now and then. A child process shares nothing with the window: the window
only waits for it, or reads the pages it draws (``page_stream``). The child reads the
profile read-only from disk, as the headless export does; for a protected profile it gets
the data key through a pipe (its stdin), never in its arguments, its environment or a file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

import desktop_app
from desktop_app.i18n import _
from desktop_app.services.privacy import UnlockedKey
from desktop_app.services.report_parts import Period
from desktop_app.storage.crypto import key_line
from desktop_app.ui.report.page_stream import PageReader, PageStreamError

PREFIX = "groundwork: "


@dataclass(frozen=True)
class Request:
    """Which report: whose, which days and parts, on which paper."""

    data_dir: Path
    profile: str
    period: Period
    parts: tuple[str, ...]
    paper: str
    since_last: bool = False  # titled "Since my last session"


def export_command(request: Request, out: str, key_on_stdin: bool = False,
                   preview_width: int | None = None) -> tuple[str, list[str]]:
    """The program and arguments that write this report (to ``out``, or its pages to
    stdout with ``preview_width``)."""
    base: list[str] = [] if getattr(sys, "frozen", False) else ["-m", "desktop_app"]
    period = request.period
    return sys.executable, [
        *base, "export", "--profile", request.profile, "--format", "pdf", "--out", out,
        "--since", period.start.isoformat(), "--until", period.end.isoformat(),
        "--paper", request.paper, "--parts", ",".join(request.parts),
        "--data-dir", str(request.data_dir),
        *(["--since-last"] if request.since_last else []),
        *(["--key-stdin"] if key_on_stdin else []),
        *(["--preview-width", str(preview_width)] if preview_width is not None else []),
    ]


class _Child(QObject):
    """One child at a time; ``failed`` says why in a sentence."""

    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None

    @property
    def busy(self) -> bool:
        return self.process is not None

    def _launch(self, program: str, args: list[str], key: UnlockedKey | None) -> QProcess:
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        if not getattr(sys, "frozen", False):
            # The child imports the same package as this process, wherever it came from.
            package_root = str(Path(desktop_app.__file__).resolve().parents[1])
            paths = [package_root, environment.value("PYTHONPATH")]
            environment.insert("PYTHONPATH", ":".join(p for p in paths if p))
        process.setProcessEnvironment(environment)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self.process = process
        process.start(program, args)
        if key is not None:
            line = key_line(key.cipher)
            process.write(bytes(line))  # Qt's buffer is freed once the pipe took it
            line[:] = bytes(len(line))
        process.closeWriteChannel()
        return process

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        said = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        ok = status == QProcess.ExitStatus.NormalExit and code == 0
        self._ended(process, ok, said.splitlines()[-1].removeprefix(PREFIX) if said else "")
        process.deleteLater()

    def _ended(self, process: QProcess, ok: bool, line: str) -> None:
        raise NotImplementedError

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.process is not None:
            self.process.deleteLater()
            self.process = None
            self.failed.emit(self._not_started())

    def _failure(self, reason: str) -> str:
        raise NotImplementedError

    def _not_started(self) -> str:
        raise NotImplementedError

    def stop(self) -> None:
        """End the child now (its result is no longer wanted); nothing is said."""
        process, self.process = self.process, None
        if process is not None:
            # Not waited for here (this may run inside one of its own signals): Qt reaps it.
            process.finished.disconnect(self._finished)
            process.finished.connect(process.deleteLater)
            process.kill()

    def wait(self, msecs: int = 30_000) -> bool:
        return self.process is None or self.process.waitForFinished(msecs)


class PdfChild(_Child):
    """``export --format pdf`` to a file; ``done`` (the file) or ``failed``."""

    done = Signal(Path)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.target: Path | None = None

    def start(self, request: Request, target: Path, key: UnlockedKey | None = None) -> None:
        """Start the child; ``key``: the open profile's, when it is protected."""
        self.target = target
        self._launch(*export_command(request, str(target), key is not None), key)

    def _ended(self, process: QProcess, ok: bool, line: str) -> None:
        if ok and self.target is not None:
            self.done.emit(self.target)
        else:
            self.failed.emit(self._failure(line))

    def _failure(self, reason: str) -> str:
        return (_("The report could not be saved: {reason}.").format(reason=reason) if reason
                else _("The report could not be saved."))

    def _not_started(self) -> str:
        return _("The report could not be saved: Groundwork could not start the program "
                 "that writes it.")


class PreviewChild(_Child):
    """The preview's pages drawn by a child: ``page`` for each as it comes, then ``done``
    (all of them) or ``failed``."""

    page = Signal(bytes, int, int)  # packed pixels (see page_stream), width, height
    done = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = PageReader()
        self._broken = False

    def start(self, request: Request, width: int, key: UnlockedKey | None = None) -> None:
        self._reader, self._broken = PageReader(), False
        process = self._launch(*export_command(request, "-", key is not None, width), key)
        # A bound method, not a lambda holding the process: that crashed PySide when the
        # process went with this object while a killed child was still being reaped.
        process.readyReadStandardOutput.connect(self._read)

    def _read(self) -> None:
        process = self.process
        if self._broken or process is None:
            return
        try:
            pages = self._reader.feed(bytes(process.readAllStandardOutput().data()))
        except PageStreamError:
            self._broken = True
            self.stop()
            self.failed.emit(self._failure(""))
            return
        for packed, width, height in pages:
            self.page.emit(packed, width, height)

    def _ended(self, process: QProcess, ok: bool, line: str) -> None:
        if not self._broken:
            self.process = process  # what is left in the pipe is read as the child's
            self._read()
            self.process = None
        if self._broken:
            return
        if ok and self._reader.complete:
            self.done.emit()
        else:
            self.failed.emit(self._failure(line))

    def _failure(self, reason: str) -> str:
        return (_("The preview could not be made: {reason}.").format(reason=reason) if reason
                else _("The preview could not be made."))

    def _not_started(self) -> str:
        return _("The preview could not be made: Groundwork could not start the program "
                 "that draws it.")

