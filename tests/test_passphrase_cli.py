"""``--passphrase-file`` for the app and the headless commands: an encrypted profile is made
with it, opened with it, and refused in one line (never a prompt) without it."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.app import main
from desktop_app.paths import resources_dir
from desktop_app.services.demo import open_demo_profile
from desktop_app.services.session import Session
from desktop_app.storage.crypto import MAGIC
from tests.conftest import TEST_DEVICE, FakeClock

Run = Callable[..., tuple[int, str, str]]


pytestmark = pytest.mark.usefixtures("light_kdf")  # Argon2id at tiny costs: tests/conftest.py


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], clock: FakeClock,
        monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: nothing may ask

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args), clock)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def secret_file(tmp_path: Path, text: str, name: str = "pass.txt") -> str:
    path = tmp_path / name
    path.write_text(text + "\n", "utf-8")
    return str(path)


def sealed_files(data: Path) -> list[bytes]:
    return [p.read_bytes() for p in (data / "profiles").glob("p-*/d-*/*.json")
            if p.name != "key.json"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def encrypted(run: Run, data_dir: Path, tmp_path: Path, clock: FakeClock) -> Path:
    """The demo's records imported into a new profile "Vault" made with a passphrase file."""
    demo_dir = tmp_path / "demo"
    session = Session(demo_dir, resources_dir(), clock, TEST_DEVICE)
    open_demo_profile(session, years=1)
    session.close()
    code, _, err = run("export", "--profile", "Demo", "--format", "json",
                       "--out", str(tmp_path / "demo.json"), "--data-dir", str(demo_dir))
    assert (code, err) == (0, "")
    code, said, err = run("import", str(tmp_path / "demo.json"), "--profile", "Vault",
                          "--data-dir", str(data_dir),
                          "--passphrase-file", secret_file(tmp_path, "vault words"))
    assert (code, err) == (0, ""), err
    assert "a new profile “Vault”" in said
    # Its recovery key is shown once, on stdout: kept here for the test that uses it.
    [line] = [ln for ln in said.splitlines() if ln.startswith("Recovery key for “Vault”: ")]
    (tmp_path / "recovery.txt").write_text(line.split(": ", 1)[1] + "\n", "utf-8")
    return data_dir


def test_import_with_a_passphrase_file_makes_an_encrypted_profile(
    encrypted: Path, tmp_path: Path
) -> None:
    files = sealed_files(encrypted)
    assert len(files) >= 2 and all(raw.startswith(MAGIC) for raw in files)
    demo = json.loads((tmp_path / "demo.json").read_text("utf-8"))
    win = demo["wins"][0]["text"].encode()
    assert all(win not in raw for raw in files)


def test_the_recovery_key_an_import_printed_opens_the_profile(
    run: Run, encrypted: Path, tmp_path: Path
) -> None:
    out = tmp_path / "by-recovery.json"
    code, said, _err = run("export", "--profile", "Vault", "--format", "json", "--out",
                           str(out), "--data-dir", str(encrypted),
                           "--passphrase-file", str(tmp_path / "recovery.txt"))
    assert code == 0 and "Exported" in said and out.exists()


def test_export_of_an_encrypted_profile_needs_the_passphrase(
    run: Run, encrypted: Path, tmp_path: Path
) -> None:
    before = snapshot(encrypted)
    out = tmp_path / "vault.json"
    code, said, err = run("export", "--profile", "Vault", "--format", "json", "--out", str(out),
                          "--data-dir", str(encrypted))
    assert code == 2 and said == ""
    assert err.count("\n") == 1 and "protected by a passphrase" in err
    assert "--passphrase-file" in err and "Traceback" not in err
    assert not out.exists()

    code, said, err = run("export", "--profile", "Vault", "--format", "json", "--out", str(out),
                          "--data-dir", str(encrypted),
                          "--passphrase-file", secret_file(tmp_path, "wrong words", "w.txt"))
    assert code == 1 and said == "" and not out.exists()
    assert err.count("\n") == 1 and "does not open this profile" in err
    assert "wrong words" not in err

    code, said, err = run("export", "--profile", "Vault", "--format", "json", "--out", str(out),
                          "--data-dir", str(encrypted),
                          "--passphrase-file", secret_file(tmp_path, "vault words"))
    assert code == 0 and "Exported" in said
    # The export itself is plain: said on stderr, with where it went.
    assert err.count("\n") == 1 and "encrypted, but this export is not" in err
    assert str(out) in err
    mine = json.loads(out.read_text("utf-8"))
    demo = json.loads((tmp_path / "demo.json").read_text("utf-8"))
    assert mine["wins"] == demo["wins"] and mine["checkins"] == demo["checkins"]
    assert snapshot(encrypted) == before  # an export never writes into the data folder


def test_import_into_an_encrypted_profile_without_the_passphrase_changes_nothing(
    run: Run, encrypted: Path, tmp_path: Path
) -> None:
    before = snapshot(encrypted)
    code, said, err = run("import", str(tmp_path / "demo.json"), "--profile", "Vault",
                          "--data-dir", str(encrypted))
    assert code == 2 and said == ""
    assert err.count("\n") == 1 and "protected by a passphrase" in err
    assert snapshot(encrypted) == before
    code, said, err = run("import", str(tmp_path / "demo.json"), "--profile", "Vault",
                          "--data-dir", str(encrypted),
                          "--passphrase-file", secret_file(tmp_path, "vault words"))
    assert (code, err) == (0, "") and "Imported 0 records" in said


@pytest.mark.parametrize(("content", "says"), [
    (b"", "is empty"),
    (b"\n\nsecond line", "is empty"),
    (b"\xff\xfe\x00bad", "not UTF-8"),
])
def test_an_unusable_passphrase_file_is_a_usage_error(
    run: Run, encrypted: Path, tmp_path: Path, content: bytes, says: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, said, err = run("export", "--profile", "Vault", "--format", "json",
                          "--out", str(tmp_path / "x.json"), "--data-dir", str(encrypted),
                          "--passphrase-file", str(bad))
    assert code == 2 and said == "" and says in err and err.count("\n") == 1


# --- the app ------------------------------------------------------------------------------


def start_new_protected(qtbot: Any, start_app: Callable[..., Any], *args: str,
                        ) -> tuple[Any, str]:
    """Start the app on a profile it makes with ``--passphrase-file``; it and the recovery
    key the app shows once."""
    from desktop_app.ui.recovery_key import RecoveryKeyDialog
    from tests.ui.privacy_helpers import when_dialog

    shown: list[str] = []

    def keep(dialog: RecoveryKeyDialog) -> None:
        shown.append(dialog.key_label.text())
        dialog.kept.setChecked(True)
        dialog.done_button.click()

    when_dialog(RecoveryKeyDialog, keep)
    startup = start_app(*args)
    qtbot.waitUntil(lambda: len(shown) == 1)
    return startup, shown[0]


def test_the_app_creates_and_opens_an_encrypted_profile_with_a_passphrase_file(
    qtbot: Any, start_app: Callable[..., Any], data_dir: Path, tmp_path: Path
) -> None:
    phrase = secret_file(tmp_path, "app words")
    first, recovery = start_new_protected(qtbot, start_app, "--profile", "Sam",
                                          "--passphrase-file", phrase)
    pid = first.session.profile.id
    assert first.session.privacy.unlock(pid, recovery).profile_id == pid
    assert first.session.profile.name == "Sam"  # type: ignore[attr-defined]
    assert first.session.privacy.is_protected(first.session.profile.id)  # type: ignore[attr-defined]
    assert all(raw.startswith(MAGIC) for raw in sealed_files(data_dir))
    first.window.close()  # type: ignore[attr-defined]
    first.shutdown()  # type: ignore[attr-defined]

    second = start_app("--profile", "sam", "--passphrase-file", phrase)
    assert second.session.repo is not None  # type: ignore[attr-defined]
    assert second.session.profile.name == "Sam"  # type: ignore[attr-defined]
    assert second.window.windowTitle() == "Sam — Groundwork"  # type: ignore[attr-defined]


def test_the_app_leaves_an_encrypted_profile_locked_without_the_right_passphrase(
    qtbot: Any, start_app: Callable[..., object], data_dir: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, _ = start_new_protected(qtbot, start_app, "--profile", "Sam", "--passphrase-file",
                                   secret_file(tmp_path, "right"))
    pid = first.session.profile.id  # type: ignore[attr-defined]
    first.window.close()  # type: ignore[attr-defined]
    first.shutdown()  # type: ignore[attr-defined]
    before = snapshot(data_dir)

    locked = start_app("--profile", "Sam")
    assert locked.session.repo is None  # type: ignore[attr-defined]
    assert locked.session.locked_profile_id == pid  # type: ignore[attr-defined]
    locked.window.close()  # type: ignore[attr-defined]
    locked.shutdown()  # type: ignore[attr-defined]

    wrong = start_app("--profile", "Sam", "--passphrase-file",
                      secret_file(tmp_path, "wrong", "w.txt"))
    assert wrong.session.repo is None  # type: ignore[attr-defined]
    assert "does not open this profile" in capsys.readouterr().err
    assert snapshot(data_dir) == before
