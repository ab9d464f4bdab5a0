"""The report's preview: its pages as pictures drawn on the report's worker, shown as they
come. The UI thread only decodes the pages that are on screen, so a 200-page report opens
at once and scrolls smoothly; Print… asks the report dialog to print (on the worker too).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

KEEP_DECODED = 6  # pages kept as pictures (the ones on screen, and a few around them)


class _Page(QWidget):
    """One page: its PNG, decoded when it is painted, let go when far from the view."""

    def __init__(self, number: int, png: bytes, size: QSize, preview: ReportPreview) -> None:
        super().__init__()
        self.number = number
        self.png = png
        self.image: QImage | None = None
        self.preview = preview
        self.setFixedSize(size)
        self.setAccessibleName(f"Page {number}")

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self.image is None:
            self.image = QImage.fromData(self.png)
            self.preview.decoded(self)
        painter = QPainter(self)
        painter.drawImage(self.rect(), self.image)
        painter.end()


class ReportPreview(QDialog):
    """Pages are added with :meth:`add_page`; :meth:`finish` says there are no more."""

    print_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.setWindowTitle(f"Preview: {title}")
        self.resize(900, 1000)
        self.pages: list[_Page] = []
        self._decoded: list[_Page] = []
        layout = QVBoxLayout(self)
        self.area = QScrollArea()
        self.area.setObjectName("previewPages")
        self.area.setWidgetResizable(True)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        holder = QWidget()
        holder.setStyleSheet("background: palette(mid);")
        self.column = QVBoxLayout(holder)
        self.column.setSpacing(16)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.area.setWidget(holder)
        layout.addWidget(self.area, 1)
        row = QHBoxLayout()
        self.status = QLabel("Laying out the pages…")
        self.status.setObjectName("previewStatus")
        row.addWidget(self.status, 1)
        self.print_button = QPushButton("&Print…")
        self.print_button.setObjectName("printFromPreview")
        self.print_button.setEnabled(False)  # once every page is laid out
        self.print_button.clicked.connect(self.print_requested)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        row.addWidget(self.print_button)
        row.addWidget(close)
        layout.addLayout(row)

    def add_page(self, png: bytes) -> None:
        number = len(self.pages) + 1
        size = self.pages[0].size() if self.pages else QImage.fromData(png).size()
        page = _Page(number, png, size, self)
        self.pages.append(page)
        self.column.addWidget(page)
        self.status.setText(f"{number} pages so far…")

    def finish(self, pages: int | None = None) -> None:
        count = pages if pages is not None else len(self.pages)
        self.status.setText(f"{count} page{'s' if count != 1 else ''}")
        self.print_button.setEnabled(True)

    def failed(self, message: str) -> None:
        self.status.setText(message)

    def decoded(self, page: _Page) -> None:
        """Keep only the last few decoded pages: a long report's pictures would fill memory."""
        if page in self._decoded:
            self._decoded.remove(page)
        self._decoded.append(page)
        while len(self._decoded) > KEEP_DECODED:
            self._decoded.pop(0).image = None
