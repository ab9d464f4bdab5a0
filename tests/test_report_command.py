"""``groundwork export --format pdf``: the report for a period, headless, with no display."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services.test_report import needs_pdftotext, pdf_text
from tests.services.test_report import session as session  # the fixture, used by name

ROOT = Path(__file__).resolve().parents[1]


@needs_pdftotext
def test_the_headless_pdf_export_needs_no_display(session: object, data_dir: Path,
                                                  tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY",
                                                           "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    out = tmp_path / "report.pdf"
    before = sorted(p.relative_to(data_dir) for p in data_dir.rglob("*"))
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "export", "--profile", "sam", "--format", "pdf",
         "--since", "2026-03-01", "--until", "2026-03-10", "--paper", "letter",
         "--out", str(out), "--data-dir", str(data_dir)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "from 2026-03-01 to 2026-03-10 (Letter)" in done.stdout
    text = pdf_text(out)
    assert "Kept my boundary at work" in text and "Snapped at a colleague" in text
    assert "Win from February" not in text and "after the period" not in text
    assert sorted(p.relative_to(data_dir) for p in data_dir.rglob("*")) == before
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                              check=True).stdout
        assert "612 x 792 pts" in info  # Letter


def test_a_report_without_dates_runs_since_the_last_report(
    session: object, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    qapp: object,
) -> None:
    from desktop_app.app import main
    from tests.conftest import FakeClock

    out = tmp_path / "report.pdf"
    code = main(["export", "--profile", "Sam", "--format", "pdf", "--out", str(out),
                 "--data-dir", str(data_dir)], FakeClock())
    said = capsys.readouterr()
    assert code == 0, said.err
    # No report yet: the last four weeks, to today (the fixed clock's 14 March 2026).
    assert "from 2026-02-15 to 2026-03-14 (A4)" in said.out
    assert out.read_bytes().startswith(b"%PDF")


@needs_pdftotext
def test_only_the_parts_asked_for(session: object, data_dir: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str], qapp: object) -> None:
    from desktop_app.app import main
    from tests.conftest import FakeClock

    out = tmp_path / "report.pdf"
    code = main(["export", "--profile", "Sam", "--format", "pdf", "--out", str(out),
                 "--since", "2026-03-01", "--until", "2026-03-10", "--parts", "slips, wins",
                 "--data-dir", str(data_dir)], FakeClock())
    assert code == 0, capsys.readouterr().err
    text = pdf_text(out)
    assert "Kept my boundary at work" in text and "Snapped at a colleague" in text
    assert "Assessment scores" not in text and "Answer from calm" not in text
    code = main(["export", "--profile", "Sam", "--format", "pdf", "--out", str(out),
                 "--parts", "wins,diary", "--data-dir", str(data_dir)], FakeClock())
    err = capsys.readouterr().err
    assert code == 2 and "--parts takes some of focus,topics,wins" in err and "'diary'" in err


def test_a_key_on_stdin_that_is_not_one_is_a_usage_error(
    session: object, data_dir: Path, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "export", "--profile", "Sam", "--format", "pdf",
         "--out", str(tmp_path / "r.pdf"), "--data-dir", str(data_dir), "--key-stdin"],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, input="not a key\n",
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 2 and "no data key came on stdin" in done.stderr
    assert not (tmp_path / "r.pdf").exists()
