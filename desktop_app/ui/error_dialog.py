"""A calm dialog for an unexpected error: what happened, that saved work is safe, where the log is.

The exception hooks run deep inside Qt's dispatch of the failing slot, possibly on another
thread. They only log and emit a queued signal; the dialog is built later, on the UI thread,
from the event loop, and opened with ``open()`` (window-modal, no nested event loop), so
nothing re-enters the code that just failed. While one dialog is open, later errors are
counted on it and in the log instead of stacking up more dialogs.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.diagnostics import Diagnostics, ErrorReport
from desktop_app.i18n import _, ngettext
from desktop_app.ui.copy_details import CopyDetails
from desktop_app.ui.version_details import version_details
from desktop_app.ui.widgets import heading, paragraph


class ErrorDialog(QDialog):
    def __init__(
        self, report: ErrorReport, diagnostics: Diagnostics, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(_("Something went wrong"))
        self.setObjectName("errorDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Something went wrong"), 2))
        layout.addWidget(paragraph(_(
            "Groundwork ran into a problem it did not expect. "
            "What you have already saved is safe."
        )))
        layout.addWidget(paragraph(_(
            "This screen may be incomplete. Try what you were doing again; if the problem "
            "comes back, close Groundwork and start it again."
        )))
        self.log_location = QLineEdit()
        self.log_location.setObjectName("logLocation")
        self.log_location.setReadOnly(True)
        self.log_location.setAccessibleName(_("Log file"))
        if diagnostics.log_file is not None:
            layout.addWidget(paragraph(_(
                "A note about the problem was written to this file. It holds what went wrong "
                "in the program, never anything you wrote:"
            )))
            self.log_location.setText(str(diagnostics.log_file))
            layout.addWidget(self.log_location)
        else:
            layout.addWidget(paragraph(_(
                "Groundwork could not write its log in {folder}, "
                "so there is no note of this problem."
            ).format(folder=diagnostics.log_dir)))
            self.log_location.hide()
        self.more = paragraph("")
        self.more.setObjectName("moreErrors")
        self.more.hide()
        layout.addWidget(self.more)
        self.copy = CopyDetails(
            self, layout,
            _("Copies the versions of Groundwork, Qt, PySide6 and Python, the platform and the "
              "kind of error: useful in a bug report"),
            self.details, _("Copied. Paste it into an e-mail or a bug report."),
        )
        self.copied, self.copy_button = self.copy.copied, self.copy.button
        close = self.copy.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()
        self.later_errors = 0
        self.resize(520, 0)
        self.copy.fit()

    def details(self) -> str:
        return version_details([f"Error: {self.report.kind} at {self.report.where}"])

    def copy_details(self) -> None:
        self.copy.copy()

    def count_another(self) -> None:
        self.later_errors += 1
        self.more.setText(ngettext(
            "A problem happened once more since this message opened; see the log.",
            "A problem happened {n} more times since this message opened; see the log.",
            self.later_errors,
        ).format(n=self.later_errors))
        self.more.show()
        self.copy.fit()


class ErrorReporter(QObject):
    """Turns errors logged by :class:`Diagnostics` into at most one open :class:`ErrorDialog`."""

    _happened = Signal(object)

    def __init__(self, diagnostics: Diagnostics, window: QWidget) -> None:
        super().__init__(window)
        self.diagnostics = diagnostics
        self.window = window
        self.dialog: ErrorDialog | None = None
        self.dialogs_opened = 0
        self._broken = False
        # Queued even from the UI thread: the dialog is built after the failing slot unwound.
        self._happened.connect(self._show, Qt.ConnectionType.QueuedConnection)
        listener = self._listen
        diagnostics.add_listener(listener)
        self.destroyed.connect(lambda: diagnostics.remove_listener(listener))

    def _listen(self, report: ErrorReport) -> None:
        self._happened.emit(report)

    def _show(self, report: ErrorReport) -> None:
        if self._broken:
            return
        if self.dialog is not None:
            self.dialog.count_another()
            return
        try:
            dialog = ErrorDialog(report, self.diagnostics, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(self._closed)
            self.dialog = dialog
            self.dialogs_opened += 1
            dialog.open()
        except Exception as failure:
            # Raising here would come straight back through the hook: log it and stop trying.
            self._broken = True
            self.dialog = None
            self.diagnostics.record(type(failure), failure, failure.__traceback__)

    def _closed(self) -> None:
        self.dialog = None


def report_errors(diagnostics: Diagnostics, window: QWidget) -> ErrorReporter:
    """Show :class:`ErrorDialog` over ``window`` for each unexpected error, one at a time."""
    return ErrorReporter(diagnostics, window)
