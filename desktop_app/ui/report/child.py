"""Save the report as PDF in a child process: ``groundwork export --format pdf``.

Decoding twenty years of records and laying out two hundred pages takes seconds of Python
and of Qt calls that hold the interpreter lock; on a busy computer a thread doing it still
stalls the window now and then. A child process shares nothing with the window: the window
only waits for it to finish. The child reads the profile read-only from disk, as the
headless export does; for a protected profile it gets the data key through a pipe (its
stdin), never in its arguments, its environment or a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

import desktop_app
from desktop_app.i18n import _
from desktop_app.services.privacy import UnlockedKey
from desktop_app.services.report_parts import Period
from desktop_app.storage.crypto import key_line

PREFIX = "groundwork: "


def export_command(data_dir: Path, profile: str, period: Period, parts: tuple[str, ...],
                   paper: str, target: Path, key_on_stdin: bool = False,
                   ) -> tuple[str, list[str]]:
    """The program and arguments that write this report."""
    base: list[str] = [] if getattr(sys, "frozen", False) else ["-m", "desktop_app"]
    return sys.executable, [
        *base, "export", "--profile", profile, "--format", "pdf", "--out", str(target),
        "--since", period.start.isoformat(), "--until", period.end.isoformat(),
        "--paper", paper, "--parts", ",".join(parts), "--data-dir", str(data_dir),
        *(["--key-stdin"] if key_on_stdin else []),
    ]


class PdfChild(QObject):
    """One ``export --format pdf`` at a time; ``done`` or ``failed`` (a sentence)."""

    done = Signal(Path)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None
        self.target: Path | None = None

    @property
    def busy(self) -> bool:
        return self.process is not None

    def start(self, data_dir: Path, profile: str, period: Period, parts: tuple[str, ...],
              paper: str, target: Path, key: UnlockedKey | None = None) -> None:
        """Start the child; ``key``: the open profile's, when it is protected."""
        program, args = export_command(data_dir, profile, period, parts, paper, target,
                                       key is not None)
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
        self.process, self.target = process, target
        process.start(program, args)
        if key is not None:
            line = key_line(key.cipher)
            process.write(bytes(line))  # Qt's buffer is freed once the pipe took it
            line[:] = bytes(len(line))
        process.closeWriteChannel()

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process, target = self.process, self.target
        self.process = None
        if process is None or target is None:
            return
        said = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        process.deleteLater()
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            self.done.emit(target)
            return
        line = said.splitlines()[-1] if said else ""
        line = line.removeprefix(PREFIX)
        self.failed.emit(_("The report could not be saved: {reason}.").format(reason=line) if line
                         else _("The report could not be saved."))

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.process is not None:
            self.process.deleteLater()
            self.process = None
            self.failed.emit(_("The report could not be saved: Groundwork could not start "
                               "the program that writes it."))

    def wait(self, msecs: int = 30_000) -> bool:
        return self.process is None or self.process.waitForFinished(msecs)
