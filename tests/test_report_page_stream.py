"""The preview's pages from a child process (``ui/report/page_stream.py``, ``child.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.ui.report.page_stream import (
    HEADER,
    MAGIC,
    PageReader,
    PageStreamError,
)
from tests.services.test_report import session as session  # the fixture, used by name

ROOT = Path(__file__).resolve().parents[1]


def _stream(pages: list[tuple[int, int, bytes]]) -> bytes:
    out = MAGIC
    for width, height, pixels in pages:
        packed = zlib.compress(pixels, 1)
        out += HEADER.pack(width, height, len(packed)) + packed
    return out


PAGES = [(2, 1, b"\xff" * 8), (3, 2, bytes(range(24))), (1, 1, b"\x00\x01\x02\x03")]


@given(st.lists(st.integers(min_value=1, max_value=40), max_size=12))
def test_pages_come_whole_however_the_pipe_splits_them(cuts: list[int]) -> None:
    data = _stream(PAGES)
    reader, found, at = PageReader(), [], 0
    for size in [*cuts, len(data)]:
        found += reader.feed(data[at:at + size])
        at += size
    assert [(w, h, zlib.decompress(p)) for p, w, h in found] == PAGES
    assert reader.complete


def test_a_stream_cut_inside_a_page_is_not_complete() -> None:
    reader = PageReader()
    assert len(reader.feed(_stream(PAGES)[:-3])) == 2
    assert not reader.complete
    assert not PageReader().complete  # nothing at all came


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\n", b"Traceback (most recent", b"GWPAGES2\n",
    MAGIC + HEADER.pack(0, 10, 5), MAGIC + HEADER.pack(10, 50_000, 5),
    MAGIC + HEADER.pack(10, 10, 2**31),
])
def test_anything_else_is_refused(data: bytes) -> None:
    with pytest.raises(PageStreamError):
        PageReader().feed(data)


def test_the_child_writes_the_pages_of_the_period_to_stdout(
    session: object, data_dir: Path,
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "export", "--profile", "sam", "--format", "pdf",
         "--since", "2026-03-01", "--until", "2026-03-10", "--out", "-",
         "--preview-width", "300", "--data-dir", str(data_dir)],
        env=env, capture_output=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    reader = PageReader()
    pages = reader.feed(done.stdout)
    assert pages and reader.complete and done.stderr == b""
    packed, width, height = pages[0]
    assert width == 300 and height > width  # a portrait page
    assert len(zlib.decompress(packed)) == width * height * 4


def test_a_preview_width_is_only_for_the_report(session: object, data_dir: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                qapp: object) -> None:
    from desktop_app.app import main

    code = main(["export", "--profile", "Sam", "--format", "json", "--out", "-",
                 "--preview-width", "300", "--data-dir", str(data_dir)])
    assert code == 2 and "--preview-width" in capsys.readouterr().err


def test_a_damaged_stream_from_the_child_is_said_and_shows_no_page(qtbot, qapp: object,
                                                                   monkeypatch) -> None:
    from desktop_app.ui.report import child

    made = child.PreviewChild()
    pages: list[int] = []
    made.page.connect(lambda *_a: pages.append(1))
    monkeypatch.setattr(child, "export_command", lambda *_a, **_k: (
        sys.executable, ["-c", "import sys; sys.stdout.buffer.write(b'not pages at all')"]))
    request = child.Request(Path("/nowhere"), "Sam", None, ("wins",), "A4")  # type: ignore[arg-type]
    with qtbot.waitSignal(made.failed, timeout=30_000) as said:
        made.start(request, 300)
    assert said.args == ["The preview could not be made."] and not pages
    qtbot.waitUntil(lambda: not made.busy)


def test_a_child_that_fails_says_why(qtbot, qapp: object, monkeypatch) -> None:
    from desktop_app.ui.report import child

    made = child.PreviewChild()
    monkeypatch.setattr(child, "export_command", lambda *_a, **_k: (
        sys.executable, ["-c", "import sys; sys.stdout.buffer.write(b'GWPAGES1\\n'); "
                               "sys.stderr.write('groundwork: no space left on device\\n'); "
                               "sys.exit(1)"]))
    request = child.Request(Path("/nowhere"), "Sam", None, ("wins",), "A4")  # type: ignore[arg-type]
    with qtbot.waitSignal(made.failed, timeout=30_000) as said:
        made.start(request, 300)
    assert said.args == ["The preview could not be made: no space left on device."]
