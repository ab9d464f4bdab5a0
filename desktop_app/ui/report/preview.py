"""The report's preview: its pages as pictures drawn on the report's worker, shown as they
come. The UI thread only decodes the pages that are on screen, so a 200-page report opens
at once and scrolls smoothly; Print… asks the report dialog to print (on the worker too).
"""

from __future__ import annotations

import zlib

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _, ngettext

KEEP_DECODED = 6  # pages kept as pictures (the ones on screen, and a few around them)
GAP = 16  # pixels around each page


class _Pages(QWidget):
    """Every page, one under the other; only those on screen are decoded and painted, and
    adding a page only makes this widget taller (no layout of hundreds of widgets)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("previewPageColumn")
        self.setAccessibleName(_("Pages of the report"))
        self.packed: list[bytes] = []
        self.page_size = QSize(0, 0)
        self._decoded: dict[int, QImage] = {}

    def add(self, packed: bytes, size: QSize) -> None:
        if not self.packed:
            self.page_size = size
        self.packed.append(packed)
        self.setFixedSize(self.page_size.width() + 2 * GAP,
                          len(self.packed) * (self.page_size.height() + GAP) + GAP)

    def top_of(self, index: int) -> int:
        return GAP + index * (self.page_size.height() + GAP)

    def image(self, index: int) -> QImage:
        """Page ``index`` decoded; only the last few stay decoded (memory)."""
        found = self._decoded.pop(index, None)
        if found is None:
            width, height = self.page_size.width(), self.page_size.height()
            found = QImage(zlib.decompress(self.packed[index]), width, height, width * 4,
                           QImage.Format.Format_RGB32).copy()
        self._decoded[index] = found  # the newest last
        while len(self._decoded) > KEEP_DECODED:
            del self._decoded[next(iter(self._decoded))]
        return found

    def decoded(self) -> list[int]:
        return list(self._decoded)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.packed:
            return
        painter = QPainter(self)
        step = self.page_size.height() + GAP
        area = event.rect()
        first = max(0, (area.top() - GAP) // step)
        last = min(len(self.packed) - 1, area.bottom() // step)
        for index in range(first, last + 1):
            painter.drawImage(GAP, self.top_of(index), self.image(index))
        painter.end()


class ReportPreview(QDialog):
    """Pages are added with :meth:`add_page`; :meth:`finish` says there are no more."""

    print_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.setWindowTitle(_("Preview: {title}").format(title=title))
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(900, screen.width() - 40), min(1000, screen.height() - 80))
        layout = QVBoxLayout(self)
        self.area = QScrollArea()
        self.area.setObjectName("previewPages")
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.area.setBackgroundRole(QPalette.ColorRole.Mid)
        self.pages = _Pages()
        self.area.setWidget(self.pages)
        layout.addWidget(self.area, 1)
        row = QHBoxLayout()
        self.status = QLabel(_("Laying out the pages…"))
        self.status.setObjectName("previewStatus")
        row.addWidget(self.status, 1)
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("printFromPreview")
        self.print_button.setEnabled(False)  # once every page is laid out
        self.print_button.clicked.connect(self.print_requested)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        row.addWidget(self.print_button)
        row.addWidget(close)
        layout.addLayout(row)

    def add_page(self, packed: bytes, size: QSize) -> None:
        """A page as the worker packs it: its RGB32 pixels, zlib-compressed."""
        self.pages.add(packed, size)
        self.status.setText(ngettext("{n} page so far…", "{n} pages so far…", self.count())
                            .format(n=self.count()))

    def count(self) -> int:
        return len(self.pages.packed)

    def finish(self) -> None:
        count = self.count()
        self.status.setText(ngettext("{n} page", "{n} pages", count).format(n=count))
        self.print_button.setEnabled(True)

    def failed(self, message: str) -> None:
        self.status.setText(message)
