"""A report as a PDF, or painted on a printer: the one place the parts meet.

Needs a QGuiApplication (fonts), not widgets: the headless ``groundwork export --format pdf``
makes one with the offscreen platform.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QImage, QPagedPaintDevice

from desktop_app.i18n import _
from desktop_app.services.report import Report
from desktop_app.storage.atomic import atomic_write_bytes
from desktop_app.ui.dates import short_date
from desktop_app.ui.report import charts, content, pages

PAPERS = tuple(pages.PAPERS)


def report_blocks(report: Report) -> list[content.Block]:
    """The report's blocks with its charts drawn (matplotlib: the slow part after reading)."""
    return content.blocks(report, charts.trend_svg, charts.gaps_svg, charts.together_svg)


def _footer(report: Report) -> str:
    period = report.period
    return _("{name} · {start} to {end} · Groundwork").format(
        name=report.profile_name, start=short_date(period.start), end=short_date(period.end))


def title_of(report: Report) -> str:
    return _("{name}: since my last session ({date})").format(
        name=report.profile_name, date=short_date(report.period.end))


def pdf_bytes(report: Report, paper: str, blocks: list[content.Block] | None = None) -> bytes:
    return pages.pdf_bytes(blocks if blocks is not None else report_blocks(report), paper,
                           title_of(report), _footer(report))


def write_pdf(report: Report, target: Path, paper: str = "A4",
              blocks: list[content.Block] | None = None) -> None:
    """Write the PDF atomically: the old file or the new one, never half of one."""
    atomic_write_bytes(target, pdf_bytes(report, paper, blocks))


def paint_on(device: QPagedPaintDevice, report: Report, blocks: list[content.Block]) -> int:
    """Paint on a printer (print or preview) whose page layout is already chosen."""
    return pages.paint(blocks, device, _footer(report))


def page_images(report: Report, blocks: list[content.Block], paper: str, width: int,
                take: Callable[[QImage], None]) -> int:
    """The pages as pictures ``width`` pixels wide, each to ``take`` once drawn (preview)."""
    return pages.page_images(blocks, paper, _footer(report), width, take)
