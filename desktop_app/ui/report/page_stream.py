"""The preview's pages as a stream of pictures, from the child process that draws them.

Laying out and painting a long report is a few seconds of Qt calls that hold Python's
interpreter lock for milliseconds each; on a worker thread they made the window wait for
the lock at every paint and every page that arrived (stalls of 50–80 ms, more on a busy
computer). The child (``groundwork export --format pdf --preview-width N``, see ``child``)
writes the pages to its stdout; the window only reads them.

The stream: ``MAGIC``, then per page its width, height and length (``HEADER``) and its
RGB32 pixels compressed by zlib.
"""

from __future__ import annotations

import struct
import zlib
from typing import BinaryIO

from PySide6.QtGui import QImage

MAGIC = b"GWPAGES1\n"
HEADER = struct.Struct(">III")
# Far beyond a page of the preview (820 px wide): a larger number is a damaged stream.
MAX_SIDE = 20_000
MAX_PACKED = 256 * 1024 * 1024

Page = tuple[bytes, int, int]  # packed pixels, width, height


class PageStreamError(Exception):
    """The child's output is not a stream of pages."""


def pack(image: QImage) -> bytes:
    """A page kept small (a long report has hundreds): its pixels compressed by zlib."""
    return zlib.compress(bytes(image.constBits()), 1)


def write_page(stream: BinaryIO, image: QImage) -> None:
    """One page onto ``stream`` (the child's stdout), at once: the window shows it."""
    packed = pack(image)
    stream.write(HEADER.pack(image.width(), image.height(), len(packed)))
    stream.write(packed)
    stream.flush()


class PageReader:
    """Cuts the bytes read from the child into pages, however the pipe split them."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._started = False

    def feed(self, data: bytes) -> list[Page]:
        """The pages completed by ``data``; raises PageStreamError on a damaged stream."""
        self._buffer += data
        if not self._started:
            if len(self._buffer) < len(MAGIC):
                if not MAGIC.startswith(bytes(self._buffer)):
                    raise PageStreamError("not a stream of pages")
                return []
            if not self._buffer.startswith(MAGIC):
                raise PageStreamError("not a stream of pages")
            del self._buffer[:len(MAGIC)]
            self._started = True
        pages: list[Page] = []
        while len(self._buffer) >= HEADER.size:
            width, height, length = HEADER.unpack_from(self._buffer)
            if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE and length <= MAX_PACKED):
                raise PageStreamError("a page of an impossible size")
            end = HEADER.size + length
            if len(self._buffer) < end:
                break
            pages.append((bytes(self._buffer[HEADER.size:end]), width, height))
            del self._buffer[:end]
        return pages

    @property
    def complete(self) -> bool:
        """True when no page was left half-read (the child ended between two pages)."""
        return self._started and not self._buffer
