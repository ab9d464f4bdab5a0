"""``groundwork export --format pdf``: the report for a period, with no window.

Only a QGuiApplication (fonts, painting) is made, on the offscreen platform, so it runs
without a display (over ssh, from cron).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

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
               parts: tuple[str, ...] | None = None) -> report.Report:
    """Build the report (``parts``, default all but a partner's view) and write it to ``out``.

    Without dates: since the last report (as the app counts it) until today; with only
    --since: until today; with only --until: the four weeks before it. The last report's
    day is not moved: the export only reads.
    """
    ensure_gui_app()
    from desktop_app.ui.report.render import write_pdf

    frozen = report.FrozenProfile(repo, clock())
    inputs = report.read_inputs(frozen, report.load_templates(resources, data_dir), clock)
    if since is None and until is None:
        period = report.since_last_period(inputs.last_report, inputs.today)
        since_last = True
    else:
        end = until if until is not None else max(since or inputs.today, inputs.today)
        start = since if since is not None else end - timedelta(days=report.FIRST_REPORT_DAYS - 1)
        period = report.chosen_period(start, end, inputs.today)
        since_last = False
    made = report.build(inputs, period, parts or report.DEFAULT_PARTS, since_last)
    write_pdf(made, out, paper)
    return made
