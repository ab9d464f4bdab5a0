"""Reading another app's export safely: size limits, zip archives, text and CSV rows.

Every failure is a :class:`PeerFileError` whose text is one sentence for a person; nothing
here writes anything.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.i18n import _

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Far above a real export (20 years of daily entries with long notes is a few MB)."""
MAX_ROWS = 250_000
MAX_FIELD_CHARS = 100_000


class PeerFileError(Exception):
    """The file cannot be imported; ``str()`` says why, in plain words."""


def read_bytes(path: Path, what: str) -> bytes:
    """The file's bytes, or a clear refusal for a missing, special or huge file."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise PeerFileError(_("{path} is not a file.").format(path=path))
        if info.st_size > MAX_FILE_BYTES:
            raise PeerFileError(
                _("{file} is far larger than any {app} export ({size} MB), so Groundwork "
                  "did not read it.").format(
                    file=path.name, app=what, size=info.st_size // (1024 * 1024)
                )
            )
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PeerFileError(_("There is no file {path}.").format(path=path)) from None
    except OSError as error:
        raise PeerFileError(
            _("{file} could not be read: {error}.").format(
                file=path.name, error=error.strerror or error
            )
        ) from None


def zip_members(raw: bytes, name: str, what: str) -> dict[str, bytes]:
    """The CSV files of a zip archive by their path inside it (limits checked first)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members: dict[str, bytes] = {}
            total = 0
            for info in archive.infolist():
                if info.is_dir() or not info.filename.lower().endswith(".csv"):
                    continue
                total += info.file_size
                if info.file_size > MAX_FILE_BYTES or total > 4 * MAX_FILE_BYTES:
                    raise PeerFileError(
                        _("{file} unpacks to far more than any {app} export, so Groundwork "
                          "did not read it.").format(file=name, app=what)
                    )
                with archive.open(info) as member:
                    data = member.read(MAX_FILE_BYTES + 1)
                if len(data) > MAX_FILE_BYTES:
                    raise PeerFileError(
                        _("{file} holds a file larger than it says.").format(file=name)
                    )
                members[info.filename.replace("\\", "/")] = data
            return members
    except PeerFileError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError):
        raise PeerFileError(
            _("{file} is a damaged or unreadable zip archive.").format(file=name)
        ) from None


def text_of(raw: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is fine); anything else is refused."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PeerFileError(
            _("{file} is not a text file in UTF-8, so it is not the export Groundwork "
              "expects.").format(file=name)
        ) from None
    if "\x00" in text:
        raise PeerFileError(
            _("{file} holds binary data, so it is not a CSV export.").format(file=name)
        )
    return text


@dataclass(frozen=True)
class Table:
    """A CSV file: its header (trimmed, lower case; and as written) and its rows, each
    padded to the widest row."""

    name: str
    header: list[str]
    rows: list[list[str]]
    raw_header: list[str]

    def column(self, *names: str) -> int | None:
        """The position of the first of ``names`` in the header, if any is there."""
        for wanted in names:
            if wanted in self.header:
                return self.header.index(wanted)
        return None


def read_table(text: str, name: str) -> Table:
    """Parse CSV text; quoted fields may hold commas and line breaks."""
    rows: list[list[str]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        for row in _limited(reader, name):
            if any(cell.strip() for cell in row):
                rows.append(row)
    except csv.Error as error:
        raise PeerFileError(
            _("{file} is damaged: it is not valid CSV ({error}).").format(file=name, error=error)
        ) from None
    if not rows:
        raise PeerFileError(_("{file} is empty.").format(file=name))
    raw = [cell.lstrip("\ufeff") for cell in rows[0]]
    width = max(len(row) for row in rows)
    body = [row + [""] * (width - len(row)) for row in rows[1:]]
    return Table(name, [cell.strip().lower() for cell in raw], body, raw)


def _limited(reader: Iterator[list[str]], name: str) -> Iterator[list[str]]:
    for count, row in enumerate(reader):
        if count > MAX_ROWS:
            raise PeerFileError(
                _("{file} has more rows than any real export, so it was left alone.").format(
                    file=name
                )
            )
        if any(len(cell) > MAX_FIELD_CHARS for cell in row):
            raise PeerFileError(
                _("{file} has a field far longer than any note, so it was left alone.").format(
                    file=name
                )
            )
        yield row
