"""``groundwork export --format pdf``: the report for a period, with no window.

Only a QGuiApplication (fonts, painting) is made, on the offscreen platform, so it runs
without a display (over ssh, from cron).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import BinaryIO

from desktop_app.services import report
from desktop_app.services.clock import Clock
from desktop_app.storage.repository import ProfileRepository


def ensure_gui_app() -> object:
    """The running QGuiApplication, or a new offscreen one (kept for the process)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        # -platform beats QT_QPA_PLATFORM: a headless command never needs a display.
        app = QGuiApplication(["groundwork", "-platform", "offscreen"])
    return app


def export_pdf(repo: ProfileRepository, data_dir: Path, resources: Path, clock: Clock,
               since: date | None, until: date | None, out: Path, paper: str = "A4",
               parts: tuple[str, ...] | None = None, since_last: bool = False,
               ) -> report.Report:
    """Build the report (``parts``, default all but a partner's view) and write it to ``out``.

    Without dates: since the last report (as the app counts it) until today; with only
    --since: until today; with only --until: the four weeks before it. The last report's
    day is not moved: the export only reads. ``since_last``: the dates given are the
    period since the last report (the app's own choice), titled so.
    """
    made = _build(repo, data_dir, resources, clock, (since, until), parts, since_last)
    from desktop_app.ui.report.render import write_pdf

    write_pdf(made, out, paper)
    return made


def export_preview(repo: ProfileRepository, data_dir: Path, resources: Path, clock: Clock,
                   days: tuple[date | None, date | None], form: tuple[str, int],
                   parts: tuple[str, ...] | None, since_last: bool, out: BinaryIO,
                   ) -> report.Report:
    """The report's pages as pictures ``form[1]`` pixels wide on ``form[0]`` paper, each
    written to ``out`` as soon as it is drawn (the app's preview reads them: see
    ``page_stream``)."""
    made = _build(repo, data_dir, resources, clock, days, parts, since_last)
    from desktop_app.ui.report.page_stream import MAGIC, write_page
    from desktop_app.ui.report.render import page_images, report_blocks

    paper, width = form
    out.write(MAGIC)
    out.flush()
    page_images(made, report_blocks(made), paper, width, lambda image: write_page(out, image))
    return made


def _build(repo: ProfileRepository, data_dir: Path, resources: Path, clock: Clock,
           days: tuple[date | None, date | None], parts: tuple[str, ...] | None,
           since_last: bool) -> report.Report:
    ensure_gui_app()
    since, until = days
    frozen = report.FrozenProfile(repo, clock())
    inputs = report.read_inputs(frozen, report.load_templates(resources, data_dir), clock)
    if since is None and until is None:
        period = report.since_last_period(inputs.last_report, inputs.today)
        since_last = True
    else:
        end = until if until is not None else max(since or inputs.today, inputs.today)
        start = since if since is not None else end - timedelta(days=report.FIRST_REPORT_DAYS - 1)
        period = report.chosen_period(start, end, inputs.today)
    return report.build(inputs, period, parts or report.DEFAULT_PARTS, since_last)
