"""Journal ▸ Report for my next session…: the period, the parts, the paper; preview, print,
or save as PDF. The person decides what the other sees: only ticked parts go in.

The preview's pages and a PDF are made by a child process (``child``), a print on a worker
thread (``worker``); the dialog shows a busy bar and what is happening, and stays
responsive.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QSize, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import N_, _, ngettext
from desktop_app.services import report
from desktop_app.services.journal import JournalService
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.dates import short_date
from desktop_app.ui.plain_export import may_write_plain_copy
from desktop_app.ui.report.child import PdfChild, PreviewChild, Request
from desktop_app.ui.report.pages import PAPERS, page_layout
from desktop_app.ui.report.preview import ReportPreview
from desktop_app.ui.report.worker import Built, Job, ReportWorker
from desktop_app.ui.widgets import paragraph

INTRO = N_(
    "A summary to bring to the person on your side: a therapist, a partner, a friend. "
    "You choose what goes in; nothing is sent anywhere."
)


PREVIEW_WIDTH = 820  # pixels across a page of the preview


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def default_paper() -> str:
    imperial = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "Letter" if imperial else "A4"


class ReportDialog(QDialog):
    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportDialog")
        self.setWindowTitle(_("Report for my next session"))
        self.journal = JournalService(ctx.session)
        self.today = self.journal.today()
        self.last_report = report.last_report_day(ctx.session.require_repo())
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(_(INTRO)))
        layout.addWidget(self._period_box())
        layout.addWidget(self._parts_box())
        form = QFormLayout()
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        self.paper.setAccessibleName(_("Paper size"))
        self.paper.addItems(list(PAPERS))
        self.paper.setCurrentText(default_paper())
        form.addRow(_("&Paper:"), self.paper)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setAccessibleName(_("Making the report"))
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = paragraph("")
        self.status.setObjectName("reportStatus")
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(self._buttons())
        self.worker = ReportWorker(self)
        self.worker.progress.connect(self.status.setText)
        self.worker.done.connect(self._built)
        self.worker.failed.connect(self._failed)
        self.preview: ReportPreview | None = None
        self.printer: QPrinter | None = None  # kept while the worker paints on it
        self.child = PdfChild(self)
        self.child.done.connect(self._saved)
        self.child.failed.connect(self._failed)
        self.preview_child = PreviewChild(self)
        self.preview_child.page.connect(self._page)
        self.preview_child.done.connect(self._previewed)
        self.preview_child.failed.connect(self._failed)
        self.period_made: report.Period | None = None
        self.action = "preview"
        self.last_built: Built | None = None
        self.previewed: Request | None = None
        self.saved_to: Path | None = None

    # --- building the form ---------------------------------------------------------
    def _period_box(self) -> QGroupBox:
        box = QGroupBox(_("Which days"))
        grid = QVBoxLayout(box)
        self.since_last = QRadioButton(self._since_text())
        self.since_last.setObjectName("sinceLast")
        self.chosen = QRadioButton(_("&These days:"))
        self.chosen.setObjectName("chosenDates")
        self.since_last.setChecked(True)
        start = report.since_last_period(self.last_report, self.today).start
        self.start = self._date_edit("reportFrom", _("First day of the report"), start)
        self.end = self._date_edit("reportUntil", _("Last day of the report"), self.today)
        row = QHBoxLayout()
        row.addWidget(self.chosen)
        row.addWidget(self.start)
        # Translators: between the first and the last day, "1 Mar 2026 to 31 Mar 2026".
        row.addWidget(QLabel(_("to")))
        row.addWidget(self.end)
        row.addStretch(1)
        grid.addWidget(self.since_last)
        grid.addLayout(row)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self.chosen.setChecked(True))
        return box

    def _since_text(self) -> str:
        if self.last_report is None:
            return ngettext("Since my &last report (none yet: the last {n} day)",
                            "Since my &last report (none yet: the last {n} days)",
                            report.FIRST_REPORT_DAYS).format(n=report.FIRST_REPORT_DAYS)
        return _("Since my &last report ({date})").format(date=short_date(self.last_report))

    def _date_edit(self, name: str, accessible: str, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMaximumDate(_qdate(self.today + timedelta(days=366)))
        return edit

    def _parts_box(self) -> QGroupBox:
        box = QGroupBox(_("What goes in (the other person sees only what you tick)"))
        grid = QVBoxLayout(box)
        self.parts: dict[str, QCheckBox] = {}
        for key, title in report.PARTS.items():
            check = QCheckBox(_(title))
            check.setObjectName(f"part_{key}")
            check.setChecked(key in report.DEFAULT_PARTS)  # a partner's view: only if asked
            grid.addWidget(check)
            self.parts[key] = check
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.preview_button = QPushButton(_("Pre&view…"))
        self.preview_button.setObjectName("previewReport")
        self.preview_button.clicked.connect(lambda: self.start_job("preview"))
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("printReport")
        self.print_button.clicked.connect(lambda: self.start_job("print"))
        self.save_button = QPushButton(_("&Save as PDF…"))
        self.save_button.setObjectName("saveReport")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.start_job("save"))
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.preview_button, self.print_button, self.save_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        return row

    # --- choices -------------------------------------------------------------------
    def chosen_parts(self) -> tuple[str, ...]:
        return tuple(key for key, check in self.parts.items() if check.isChecked())

    def period(self) -> tuple[report.Period, bool]:
        if self.since_last.isChecked():
            return report.since_last_period(self.last_report, self.today), True
        return report.chosen_period(_day(self.start.date()), _day(self.end.date()),
                                    self.today), False

    def ask_target(self, period: report.Period) -> Path | None:
        """Where to save; tests replace this (a file dialog is a native modal)."""
        name = self.ctx.session.profile.name if self.ctx.session.profile else "Groundwork"
        suggested = str(Path.home() / f"{name} - report {period.end.isoformat()}.pdf")
        target, _filter = QFileDialog.getSaveFileName(
            self, _("Save the report as PDF"), suggested, _("PDF document (*.pdf)")
        )
        if not target:
            return None
        path = Path(target)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    # --- running -------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.worker.busy or self.child.busy or self.preview_child.busy

    def start_job(self, action: str) -> None:
        if self.busy:
            return
        try:
            period, since_last = self.period()
            chosen = self.chosen_parts()
            if not chosen:
                raise report.ReportError(_("Tick at least one part to put in the report."))
        except report.ReportError as error:
            self._say(str(error))
            return
        target = None
        if action == "save":
            target = self.ask_target(period)
            if target is None or not may_write_plain_copy(self, self.ctx.session, "report",
                                                          target):
                return
        session = self.ctx.session
        assert session.profile is not None
        self.action = action
        if action == "print":
            self._build_for_print(period, since_last, chosen, self.paper.currentText())
            return
        # The PDF and the preview's pages are made by a child process that reads the
        # profile from disk: what was just saved must be there first.
        if not session.flush(5.0):
            self._say(_("Your latest changes are still being saved. Please try again "
                        "in a moment."))
            return
        request = Request(session.data_dir, session.profile.name, period, chosen,
                          self.paper.currentText(), since_last)
        self._busy(True)
        if target is not None:
            self.period_made = period
            self._say(_("Writing the PDF…"))
            self.child.start(request, target, session.key)
            return
        if self.preview is not None:
            self.preview.close()
            self.preview = None
        self.last_built = None
        self.previewed = request  # printed from the preview: what it shows
        self._say(_("Laying out the pages…"))
        self.preview_child.start(request, PREVIEW_WIDTH, session.key)

    def _build_for_print(self, period: report.Period, since_last: bool,
                         chosen: tuple[str, ...], paper: str) -> None:
        """Build the report on the worker; then the print dialog (``_built``)."""
        session = self.ctx.session
        frozen = report.FrozenProfile(session.require_repo(), session.clock())
        self._busy(True)
        self.worker.start(Job(frozen, session.templates, session.clock, period, since_last,
                              chosen, paper))

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.printer = None
        self._say(message)
        if self.preview is not None:
            self.preview.failed(message)

    def _page(self, packed: bytes, width: int, height: int) -> None:
        if self.preview is None:
            preview = ReportPreview(_("Since my last session"), self)
            preview.print_requested.connect(self._print_from_preview)
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            preview.destroyed.connect(lambda _o=None: self._preview_gone(preview))
            self.preview = preview
            preview.open()
            self._say(_("The preview is open; you can print from it."))
        self.preview.add_page(packed, QSize(width, height))

    def _preview_gone(self, preview: ReportPreview) -> None:
        if self.preview is preview:
            self.preview = None
            if self.preview_child.busy:  # closed while its pages were still coming
                self.preview_child.stop()
                self._busy(False)
                self._say("")

    def _previewed(self) -> None:
        self._busy(False)
        if self.preview is not None:
            self.preview.finish()

    def _built(self, built: Built) -> None:
        self._busy(False)
        if self.action == "printing":
            self.printer = None
            self._made(built.report.period)
            self._say(_("The report was sent to the printer."))
            return
        self.last_built = built
        self._print(built)

    def _saved(self, target: Path) -> None:
        self._busy(False)
        self.saved_to = target
        if self.period_made is not None:
            self._made(self.period_made)
        self._say(_("Saved the report to {target}.").format(target=target))

    def _made(self, period: report.Period) -> None:
        """Remember the report, for the next "since my last report"."""
        repo = self.ctx.session.repo
        if repo is not None:
            now = self.ctx.session.clock()
            report.remember_report(repo, now, period)
            self.last_report = report.last_report_day(repo)
            self.since_last.setText(self._since_text())

    def _printer(self, built: Built) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(built.paper))
        printer.setDocName(_("Since my last session"))
        return printer

    def ask_printer(self, printer: QPrinter) -> bool:
        """The print dialog; tests replace this (it is a modal of the platform's)."""
        dialog = QPrintDialog(printer, self.preview or self)
        dialog.setWindowTitle(_("Print the report"))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _print_from_preview(self) -> None:
        if self.busy:
            return
        if self.last_built is not None:
            self._print(self.last_built)
        elif self.previewed is not None:  # built for printing first; the preview stays
            shown = self.previewed
            self.action = "print"
            self._build_for_print(shown.period, shown.since_last, shown.parts, shown.paper)

    def done(self, result: int) -> None:
        self.preview_child.stop()  # its pages would have nowhere to go
        super().done(result)

    def _print(self, built: Built) -> None:
        """Ask where, warn when the copy is plain, then paint on the worker; the report
        counts as made (for "since my last report") once it went to the printer."""
        printer = self._printer(built)
        if not self.ask_printer(printer):
            return
        target = printer.outputFileName() or _("the printer “{name}”").format(
            name=printer.printerName())
        if not may_write_plain_copy(self.preview or self, self.ctx.session, "report", target):
            return
        self.action = "printing"
        self.printer = printer
        self._busy(True)
        self.worker.print(built, printer)


def open_report_dialog(ctx: ScreenContext, parent: QWidget) -> ReportDialog | None:
    if ctx.session.repo is None:
        return None
    dialog = ReportDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
