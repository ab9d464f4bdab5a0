"""Lay the report's blocks out on pages (A4 or Letter) of any paged device: a QPdfWriter,
or the QPrinter of printing and of the preview. QtGui only, so it runs headless.

Text is real text (QTextDocument drawn by QPainter: selectable, searchable, extractable);
charts are SVG painted by QSvgRenderer, so they stay vectors in the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from desktop_app.ui.report.content import Block

PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 18.0
RESOLUTION = 300
GAP_PT = 6.0  # space between blocks
STYLE = (
    "body { font-size: 10.5pt; color: #222222; } h1 { font-size: 20pt; font-weight: 600; }"
    " h2 { font-size: 14pt; font-weight: 600; margin-top: 10pt; } p { margin: 2pt 0; }"
    " th { font-weight: 600; }"
)


def page_layout(paper: str) -> QPageLayout:
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def _document(html: str, device: QPagedPaintDevice, width: float) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultStyleSheet(STYLE)
    font = QFont()
    font.setPointSizeF(10.5)
    # No "fi"/"ff" ligatures: with them pdftotext and screen readers get one odd glyph
    # instead of two letters, and a search for "off" misses "oﬀ".
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(f"<body>{html}</body>")
    doc.setTextWidth(width)
    return doc


class _Placed:
    """A block made ready for a device: its height there, and how to draw it."""

    def __init__(self, block: Block, device: QPagedPaintDevice, width: float) -> None:
        self.block = block
        self.doc: QTextDocument | None = None
        self.svg: QSvgRenderer | None = None
        self.width = width
        if block.svg is not None:
            self.svg = QSvgRenderer(QByteArray(block.svg))
            size = self.svg.defaultSize()
            ratio = size.height() / size.width() if size.width() else 0.5
            self.height = width * ratio
        else:
            self.doc = _document(block.html, device, width)
            self.height = self.doc.size().height()

    def draw(self, painter: QPainter, top: float) -> None:
        if self.svg is not None:
            self.svg.render(painter, QRectF(0, top, self.width, self.height))
            return
        assert self.doc is not None
        painter.save()
        painter.translate(0, top)
        self.doc.drawContents(painter, QRectF(0, 0, self.width, self.height + 1))
        painter.restore()


def paint(blocks: Sequence[Block], device: QPagedPaintDevice, footer: str) -> int:
    """Paint every block on ``device`` (its page layout already set); returns the pages."""
    painter = QPainter(device)
    try:
        return _paint(blocks, device, painter, footer)
    finally:
        painter.end()


def _paint(blocks: Sequence[Block], device: QPagedPaintDevice, painter: QPainter,
           footer: str) -> int:
    resolution = device.resolution()  # type: ignore[attr-defined]
    rect = device.pageLayout().paintRectPixels(resolution)
    width, height = float(rect.width()), float(rect.height())
    scale = resolution / 72.0
    gap = GAP_PT * scale
    footer_doc = _document(f'<p style="font-size:8pt; color:#666666">{footer}</p>', device,
                           width)
    room = height - footer_doc.size().height() - gap
    placed = [_Placed(b, device, width) for b in blocks]
    page, top = 1, 0.0

    def finish_page() -> None:
        painter.save()
        painter.translate(0, height - footer_doc.size().height())
        footer_doc.setHtml(f'<p style="font-size:8pt; color:#666666">{footer} · page {page}</p>')
        footer_doc.drawContents(painter)
        painter.restore()

    for index, item in enumerate(placed):
        needed = item.height
        if item.block.keep_with_next and index + 1 < len(placed):
            following = placed[index + 1].height
            # A heading goes with what it heads: all of it when that fits on a page.
            needed += gap + (following if following <= room - needed - gap else room / 3)
        if top > 0 and top + needed > room:
            finish_page()
            device.newPage()
            page += 1
            top = 0.0
        item.draw(painter, top)
        top += item.height + gap
    finish_page()
    return page


def pdf_bytes(blocks: Sequence[Block], paper: str, title: str, footer: str) -> bytes:
    """The report as the bytes of a PDF file (the caller writes them atomically)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout(paper))
    writer.setTitle(title)
    writer.setCreator("Groundwork")
    paint(blocks, writer, footer)
    del writer  # the PDF is finished when the writer goes
    return bytes(buffer.data().data())


def paper_size_mm(paper: str) -> QSizeF:
    return QPageSize(PAPERS[paper]).size(QPageSize.Unit.Millimeter)
