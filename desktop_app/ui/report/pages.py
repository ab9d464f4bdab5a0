"""Lay the report's blocks out on pages (A4 or Letter) of any paged device (a QPdfWriter, the
QPrinter of printing), or as page pictures for the preview. QtGui only, so it runs headless,
and on the report's worker thread (painting on QImage and QPrinter is allowed there).

Text is real text (QTextDocument drawn by QPainter: selectable, searchable, extractable);
charts are SVG painted by QSvgRenderer, so they stay vectors in the PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from desktop_app.i18n import _
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


def _document(html: str, device: QPaintDevice, width: float) -> QTextDocument:
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

    def __init__(self, block: Block, device: QPaintDevice, width: float) -> None:
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


class _Surface:
    """Pages of a paged device (a QPdfWriter, a QPrinter): one painter throughout."""

    def __init__(self, device: QPagedPaintDevice) -> None:
        self.layout_device: QPaintDevice = device
        self.device = device
        self.resolution = device.resolution()  # type: ignore[attr-defined]
        self.layout = device.pageLayout()
        self.painter = QPainter(device)

    def new_page(self) -> None:
        self.device.newPage()

    def end(self) -> None:
        self.painter.end()


class _Images(_Surface):
    """Pages as pictures (the preview), laid out exactly as on paper at ``RESOLUTION`` and
    drawn scaled to ``width`` pixels; each finished page goes to ``take``. Painting on a
    QImage is allowed on any thread, so this runs on the report's worker."""

    def __init__(self, paper: str, width: int, take: Callable[[QImage], None]) -> None:
        self.layout = page_layout(paper)
        self.resolution = RESOLUTION
        self.layout_device = _blank(1, 1)
        full = self.layout.fullRectPixels(RESOLUTION)
        self.scale = width / full.width()
        self.size = (width, round(full.height() * self.scale))
        self.margins = self.layout.paintRectPixels(RESOLUTION).topLeft()
        self.take = take
        self.painter = QPainter()
        self._begin()

    def _begin(self) -> None:
        self.image = _blank(*self.size)
        self.image.fill(QColor("white"))
        self.painter.begin(self.image)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.painter.scale(self.scale, self.scale)
        self.painter.translate(self.margins.x(), self.margins.y())

    def new_page(self) -> None:
        self.end()
        self._begin()

    def end(self) -> None:
        self.painter.end()
        self.take(self.image)


def _blank(width: int, height: int) -> QImage:
    """An image whose fonts measure as on paper at ``RESOLUTION`` dpi."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    per_metre = round(RESOLUTION / 0.0254)
    image.setDotsPerMeterX(per_metre)
    image.setDotsPerMeterY(per_metre)
    return image


def paint(blocks: Sequence[Block], device: QPagedPaintDevice, footer: str) -> int:
    """Paint every block on ``device`` (its page layout already set); returns the pages."""
    return _paint(blocks, _Surface(device), footer)


def page_images(blocks: Sequence[Block], paper: str, footer: str, width: int,
                take: Callable[[QImage], None]) -> int:
    """Lay the report out as on ``paper`` and hand each page, as a picture ``width`` pixels
    wide, to ``take`` as soon as it is drawn; returns the pages."""
    return _paint(blocks, _Images(paper, width, take), footer)


def _paint(blocks: Sequence[Block], surface: _Surface, footer: str) -> int:
    try:
        return _paint_pages(blocks, surface, footer)
    finally:
        if surface.painter.isActive():
            surface.end()


def _paint_pages(blocks: Sequence[Block], surface: _Surface, footer: str) -> int:
    device = surface.layout_device
    resolution = surface.resolution
    rect = surface.layout.paintRectPixels(resolution)
    width, height = float(rect.width()), float(rect.height())
    scale = resolution / 72.0
    gap = GAP_PT * scale
    footer_doc = _document(f'<p style="font-size:8pt; color:#666666">{footer}</p>', device,
                           width)
    room = height - footer_doc.size().height() - gap
    placed = [_Placed(b, device, width) for b in blocks]
    page, top = 1, 0.0

    def finish_page() -> None:
        painter = surface.painter
        painter.save()
        painter.translate(0, height - footer_doc.size().height())
        line = _("{footer} · page {page}").format(footer=footer, page=page)
        footer_doc.setHtml(f'<p style="font-size:8pt; color:#666666">{line}</p>')
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
            surface.new_page()
            page += 1
            top = 0.0
        item.draw(surface.painter, top)
        top += item.height + gap
    finish_page()
    surface.end()
    # One at a time, on this thread: hundreds of documents freed at once hold the
    # interpreter (and, on a worker, the UI thread) for tens of milliseconds.
    while placed:
        placed.pop()
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
