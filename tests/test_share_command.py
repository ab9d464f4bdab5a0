"""``groundwork share`` and ``groundwork receive``: headless, one line per failure, exit codes,
and a refused file changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.app import main
from desktop_app.domain.answers import GapAnswer
from desktop_app.paths import resources_dir
from desktop_app.services.assessments import AssessmentService
from desktop_app.services.session import Session
from tests.conftest import TEST_DEVICE, FakeClock

Run = Callable[..., tuple[int, str, str]]


pytestmark = pytest.mark.usefixtures("light_kdf")  # Argon2id at tiny costs: tests/conftest.py


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], clock: FakeClock) -> Run:
    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args), clock)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def folder_with(tmp_path: Path, clock: FakeClock, name: str, answered: bool = True) -> Path:
    data = tmp_path / name.lower()
    data.mkdir()
    session = Session(data, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile(name)
    if answered:
        template = session.templates.get("us")
        assert template is not None
        answers = {q.id: GapAnswer(4, 8) for q in template.questions if q.type == "gap"}
        AssessmentService(session).complete(template, answers, clock.now)
    session.close()
    return data


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def secret_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / f"secret-{len(text)}-{abs(hash(text)) % 1000}.txt"
    path.write_text(text + "\n")
    return str(path)


def test_share_then_receive_plain(run: Run, tmp_path: Path, clock: FakeClock) -> None:
    sam, alex = folder_with(tmp_path, clock, "Sam"), folder_with(tmp_path, clock, "Alex")
    out = tmp_path / "sam.groundwork-share"
    code, said, err = run("share", "--profile", "Sam", "--data-dir", str(sam), "--out", str(out))
    assert code == 0 and "Wrote 1 result of “Sam”" in said
    assert "not protected" in err and out.exists()
    code, said, err = run("receive", str(out), "--profile", "Alex", "--data-dir", str(alex))
    assert (code, err) == (0, "") and "Kept Sam's view" in said
    before = snapshot(alex)
    code, said, _err = run("receive", str(out), "--profile", "Alex", "--data-dir", str(alex))
    assert code == 0 and "already in" in said
    assert snapshot(alex) == before


def test_a_protected_share_needs_the_agreed_passphrase(
    run: Run, tmp_path: Path, clock: FakeClock,
) -> None:
    sam, alex = folder_with(tmp_path, clock, "Sam"), folder_with(tmp_path, clock, "Alex")
    out = tmp_path / "sam.groundwork-share"
    agreed = secret_file(tmp_path, "our kitchen table")
    code, _said, err = run("share", "--profile", "Sam", "--data-dir", str(sam), "--out",
                           str(out), "--share-passphrase-file", agreed)
    assert code == 0 and err == ""
    before = snapshot(alex)
    code, _said, err = run("receive", str(out), "--profile", "Alex", "--data-dir", str(alex))
    assert code == 2 and "--share-passphrase-file" in err
    wrong = secret_file(tmp_path, "something else")
    code, _said, err = run("receive", str(out), "--profile", "Alex", "--data-dir", str(alex),
                           "--share-passphrase-file", wrong)
    assert code == 1 and "does not open this share file" in err and "Nothing was changed" in err
    assert snapshot(alex) == before
    code, said, _err = run("receive", str(out), "--profile", "Alex", "--data-dir", str(alex),
                           "--share-passphrase-file", agreed)
    assert code == 0 and "Kept Sam's view" in said


def test_ones_own_share_is_refused_and_changes_nothing(
    run: Run, tmp_path: Path, clock: FakeClock,
) -> None:
    sam = folder_with(tmp_path, clock, "Sam")
    out = tmp_path / "sam.groundwork-share"
    assert run("share", "--profile", "Sam", "--data-dir", str(sam), "--out", str(out))[0] == 0
    before = snapshot(sam)
    code, _said, err = run("receive", str(out), "--profile", "Sam", "--data-dir", str(sam))
    assert code == 1 and "your own result" in err
    assert snapshot(sam) == before


@pytest.mark.parametrize("content", [b"", b"\x00\x01garbage", b'{"format": "groundwork-share"'])
def test_damaged_files_are_one_line_never_a_traceback(
    run: Run, tmp_path: Path, clock: FakeClock, content: bytes,
) -> None:
    alex = folder_with(tmp_path, clock, "Alex")
    bad = tmp_path / "bad.groundwork-share"
    bad.write_bytes(content)
    code, said, err = run("receive", str(bad), "--profile", "Alex", "--data-dir", str(alex))
    assert code == 1 and said == ""
    assert err.count("\n") == 1 and err.startswith("groundwork: ") and "Traceback" not in err


def test_nothing_to_share_is_a_usage_error(run: Run, tmp_path: Path, clock: FakeClock) -> None:
    sam = folder_with(tmp_path, clock, "Sam", answered=False)
    out = tmp_path / "x.groundwork-share"
    code, _said, err = run("share", "--profile", "Sam", "--data-dir", str(sam), "--out", str(out))
    assert code == 2 and "take “Us” first" in err and not out.exists()
    code, _said, err = run("share", "--profile", "Sam", "--data-dir", str(sam), "--out", str(out),
                           "--template", "life-areas")
    assert code == 2 and "cannot be shared" in err
    code, _said, err = run("share", "--profile", "Nobody", "--data-dir", str(sam), "--out",
                           str(out))
    assert code == 2 and "no profile called" in err


def test_the_help_names_both_commands(run: Run) -> None:
    code, said, _err = run("--help")
    assert code == 0 and "groundwork share" in said and "groundwork receive" in said
    for command in ("share", "receive"):
        code, said, _err = run(command, "--help")
        assert code == 0 and "Exit codes" in said


def test_receive_into_a_protected_profile(run: Run, tmp_path: Path, clock: FakeClock) -> None:
    sam = folder_with(tmp_path, clock, "Sam")
    alex = tmp_path / "alex-protected"
    alex.mkdir()
    session = Session(alex, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Alex", passphrase="alex's own")
    session.close()
    out = tmp_path / "sam.groundwork-share"
    assert run("share", "--profile", "Sam", "--data-dir", str(sam), "--out", str(out))[0] == 0
    code, _said, err = run("receive", str(out), "--profile", "Alex", "--data-dir", str(alex))
    assert code == 2 and "--passphrase-file" in err
    own = secret_file(tmp_path, "alex's own")
    code, said, err = run("receive", str(out), "--profile", "Alex", "--data-dir", str(alex),
                          "--passphrase-file", own)
    assert code == 0 and "Kept Sam's view" in said, err


def test_the_report_shows_a_partners_view_only_when_asked(
    run: Run, tmp_path: Path, clock: FakeClock, qapp: object,
) -> None:
    from tests.services.test_report import pdf_text, pdftotext

    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    sam, alex = folder_with(tmp_path, clock, "Sam"), folder_with(tmp_path, clock, "Alex")
    share = tmp_path / "sam.groundwork-share"
    assert run("share", "--profile", "Sam", "--data-dir", str(sam), "--out", str(share))[0] == 0
    assert run("receive", str(share), "--profile", "Alex", "--data-dir", str(alex))[0] == 0
    out = tmp_path / "report.pdf"
    code, _said, err = run("export", "--profile", "Alex", "--format", "pdf", "--out", str(out),
                           "--data-dir", str(alex))
    assert code == 0, err
    assert "Sam's now" not in pdf_text(out)  # another person's answers: never by default
    code, _said, err = run("export", "--profile", "Alex", "--format", "pdf", "--out", str(out),
                           "--data-dir", str(alex), "--parts", "together")
    assert code == 0, err
    text = pdf_text(out)
    assert "Us: my view beside my partner's" in text
    assert "Sam's now" in text and "How we talk 4 8 4 8" in text
