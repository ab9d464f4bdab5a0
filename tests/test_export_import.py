"""``groundwork export`` and ``groundwork import``: headless, one line per failure, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.app import main
from desktop_app.domain.journal import Win
from desktop_app.paths import resources_dir
from desktop_app.services.demo import open_demo_profile
from desktop_app.services.session import Session
from tests.conftest import TEST_DEVICE, FakeClock

ROOT = Path(__file__).resolve().parents[1]
LISTS = ("assessments", "drafts", "checkins", "slips", "wins", "focus", "topics", "pauses")

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], clock: FakeClock) -> Run:
    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args), clock)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def demo(data_dir: Path, clock: FakeClock) -> Path:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    open_demo_profile(session, years=1)
    session.close()
    return data_dir


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def records(path: Path) -> dict[str, list[dict[str, object]]]:
    doc = json.loads(path.read_text("utf-8"))
    return {name: doc[name] for name in LISTS}


def content(doc: dict[str, list[dict[str, object]]]) -> dict[str, list[str]]:
    """Each list's records without their ids, in a stable order."""
    return {
        name: sorted(json.dumps({k: v for k, v in r.items() if k != "id"}, sort_keys=True)
                     for r in rows)
        for name, rows in doc.items() if name != "pauses"
    }


def export_json(run: Run, data: Path, name: str, out: Path) -> dict[str, list[dict[str, object]]]:
    code, said, err = run("export", "--profile", name, "--format", "json", "--out", str(out),
                          "--data-dir", str(data))
    assert (code, err) == (0, ""), err
    assert "Exported" in said
    return records(out)


def test_round_trip_through_a_new_profile(run: Run, demo: Path, tmp_path: Path) -> None:
    first = export_json(run, demo, "Demo", tmp_path / "first.json")
    assert sum(map(len, first.values())) > 300
    code, said, err = run("import", str(tmp_path / "first.json"), "--profile", "Copy",
                          "--data-dir", str(demo))
    assert (code, err) == (0, "")
    assert "a new profile “Copy”" in said
    again = export_json(run, demo, "Copy", tmp_path / "again.json")
    assert again == first  # the same records, ids and all
    copy = json.loads((tmp_path / "again.json").read_text("utf-8"))["profile"]
    assert copy["checkin_settings"] == json.loads(
        (tmp_path / "first.json").read_text("utf-8"))["profile"]["checkin_settings"]

    before = snapshot(demo)
    code, said, err = run("import", str(tmp_path / "first.json"), "--profile", "copy",
                          "--data-dir", str(demo))
    assert (code, err) == (0, "")
    assert "Imported 0 records" in said
    assert records(tmp_path / "again.json") == export_json(run, demo, "Copy",
                                                           tmp_path / "third.json")
    assert snapshot(demo).keys() == before.keys()


def test_importing_into_a_profile_with_its_own_records_keeps_both(
    run: Run, demo: Path, tmp_path: Path, clock: FakeClock
) -> None:
    other = tmp_path / "other"
    session = Session(other, resources_dir(), clock, TEST_DEVICE)
    clock.advance(days=-200)
    open_demo_profile(session, years=1)
    session.close()
    clock.advance(days=200)
    mine = export_json(run, demo, "Demo", tmp_path / "mine.json")
    theirs = export_json(run, other, "Demo", tmp_path / "theirs.json")
    # Ids are random, so two profiles never share one; a hand-made file may, though: give
    # their first wins and assessments our ids (their focus periods follow).
    doc = json.loads((tmp_path / "theirs.json").read_text("utf-8"))
    for name in ("wins", "assessments"):
        for ours, record in zip(mine[name][:3], doc[name][:3], strict=True):
            for period in doc["focus"]:
                if period["source_assessment"] == record["id"]:
                    period["source_assessment"] = ours["id"]
            record["id"] = ours["id"]
    (tmp_path / "theirs.json").write_text(json.dumps(doc), "utf-8")
    theirs = records(tmp_path / "theirs.json")

    code, _said, err = run("import", str(tmp_path / "theirs.json"), "--profile", "Demo",
                           "--data-dir", str(demo))
    assert (code, err) == (0, "")
    merged = content(export_json(run, demo, "Demo", tmp_path / "merged.json"))
    for name, rows in content(mine).items():
        expected = sorted(set(rows) | set(content(theirs)[name]))
        if name == "focus":  # their focus periods now name their assessments' new ids
            assert len(merged[name]) == len(expected)
            continue
        assert merged[name] == expected
    after = json.loads((tmp_path / "merged.json").read_text("utf-8"))
    ids = {r["id"] for r in after["assessments"]}
    assert all(p["source_assessment"] in ids for p in after["focus"] if p["source_assessment"])
    code, said, _err = run("import", str(tmp_path / "theirs.json"), "--profile", "Demo",
                           "--data-dir", str(demo))
    assert code == 0 and "Imported 0 records" in said


def test_an_import_does_not_bring_back_what_was_deleted(run: Run, demo: Path,
                                                        tmp_path: Path, clock: FakeClock) -> None:
    first = export_json(run, demo, "Demo", tmp_path / "first.json")
    gone = first["wins"][0]["id"]
    session = Session(demo, resources_dir(), clock, TEST_DEVICE)
    session.profiles.refresh()
    info = session.profiles.find("Demo")
    assert info is not None
    repo = session.profiles.open(info.id)
    repo.collection("wins", Win).remove(str(gone))
    repo.close()
    session.close()
    code, said, err = run("import", str(tmp_path / "first.json"), "--profile", "Demo",
                          "--data-dir", str(demo))
    assert code == 0 and "Imported 0 records" in said
    assert err == "groundwork: 1 record(s) were deleted in this profile and were not brought back\n"
    after = export_json(run, demo, "Demo", tmp_path / "after.json")
    assert [r["id"] for r in after["wins"]] == [r["id"] for r in first["wins"][1:]]


def test_an_unusable_id_gets_one_of_ours(run: Run, demo: Path, tmp_path: Path) -> None:
    at = "2026-01-01T10:00:00+00:00"
    write(tmp_path / "in.json", {
        "format": "groundwork-export", "version": 1, "profile": {"name": "X"},
        "wins": [{"id": "../../etc/passwd", "at": at, "text": "odd id"},
                 {"id": "fine_id-1", "at": at, "text": "good id"}]})
    code, said, err = run("import", str(tmp_path / "in.json"), "--profile", "New",
                          "--data-dir", str(demo))
    assert (code, err) == (0, "") and "Imported 2 records" in said
    wins = export_json(run, demo, "New", tmp_path / "new.json")["wins"]
    assert {w["text"]: w["id"] for w in wins}["good id"] == "fine_id-1"
    odd = {w["text"]: w["id"] for w in wins}["odd id"]
    assert isinstance(odd, str) and len(odd) == 20


def test_csv_export_writes_one_file_per_list(run: Run, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    code, _said, err = run("export", "--profile", "Demo", "--format", "csv", "--out", str(out),
                           "--data-dir", str(demo), "--since", "2025-06-01",
                           "--until", "2025-06-30")
    assert (code, err) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.csv" for n in LISTS)
    lines = (out / "wins.csv").read_text("utf-8").splitlines()
    assert lines[0] == "id,at,text,focus_area"
    assert lines[1:] and all(",2025-06-" in line for line in lines[1:])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--profile", "Nobody", "--format", "json"], "no profile called “Nobody”"),
        (["--profile", "Demo", "--format", "json", "--since", "2025-02-30"], "--since"),
        (["--profile", "Demo", "--format", "json", "--since", "2025-03-01",
          "--until", "2025-02-01"], "--since is after --until"),
        (["--profile", "Demo", "--format", "xml"], "--format must be json, csv or pdf"),
        (["--profile", "Demo", "--format", "pdf", "--paper", "A3"], "--paper must be A4"),
        (["--profile", "Demo", "--format", "pdf", "--out", "{tmp}"], "is a folder"),
        (["--profile", "Demo", "--format", "json", "--no-out"], "--out"),
        (["--profile", "Demo", "--format", "json", "--out", "{tmp}/missing/x.json"],
         "does not exist"),
        (["--profile", "Demo", "--format", "json", "--out", "{tmp}"], "is a folder"),
        (["--profile", "Demo", "--format", "json", "--out", "{data}/x.json"],
         "inside the data folder"),
        (["--profile", "Demo", "--format", "json", "--passphrase-file", "{tmp}/none"],
         "cannot read the passphrase file"),
        (["--format", "json"], "--profile"),
    ],
)
def test_export_usage_errors_say_one_line_and_exit_2(
    run: Run, demo: Path, tmp_path: Path, args: list[str], says: str
) -> None:
    args = [a.format(tmp=tmp_path, data=demo) for a in args]
    if "--out" not in args and "--no-out" not in args:
        args += ["--out", str(tmp_path / "out.json")]
    args = [a for a in args if a != "--no-out"]
    before = snapshot(demo)
    code, said, err = run("export", *args, "--data-dir", str(demo))
    assert code == 2
    assert said == ""
    assert err.count("\n") == 1 and err.startswith("groundwork: ") and says in err
    assert "Traceback" not in err
    assert snapshot(demo) == before
    assert not (tmp_path / "out.json").exists()


def test_a_passphrase_file_is_accepted_while_no_profile_is_encrypted(
    run: Run, demo: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse\n", "utf-8")
    code, said, err = run("export", "--profile", "Demo", "--format", "json", "--out",
                          str(tmp_path / "out.json"), "--data-dir", str(demo),
                          "--passphrase-file", str(secret))
    assert (code, err) == (0, "") and "correct horse" not in said


def write(path: Path, data: object) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ({"format": "something-else", "version": 1}, "not a Groundwork export"),
        ([1, 2, 3], "not a Groundwork export"),
        ('{"format": "groundwork-export", "version": 1, "profile": ', "damaged or cut short"),
        ({"format": "groundwork-export", "version": 3, "profile": {"name": "X"}},
         "made by a newer Groundwork (export version 3"),
        ({"format": "groundwork-export", "version": 1, "profile": {"name": "X"},
          "wins": [{"id": "1", "at": "yesterday", "text": "x"}]},
         "record 1 of “wins” (id '1') is not in the expected shape"),
        ({"format": "groundwork-export", "version": 1, "profile": {"name": "X"},
          "wins": [{"at": "2026-01-01T10:00:00+00:00", "text": "x"}]}, "has no id"),
        ({"format": "groundwork-export", "version": 1, "profile": {}}, "does not name"),
    ],
)
def test_a_foreign_damaged_or_newer_file_is_refused_writing_nothing(
    run: Run, demo: Path, tmp_path: Path, content: object, says: str
) -> None:
    before = snapshot(demo)
    code, said, err = run("import", str(write(tmp_path / "in.json", content)), "--profile",
                          "New", "--data-dir", str(demo))
    assert code == 1 and said == ""
    assert err.count("\n") == 1 and says in err, err
    assert snapshot(demo) == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["{tmp}/nothing.json", "--profile", "New"], "there is no file"),
        (["{tmp}/in.json", "--profile", "a/b"], "cannot use 'a/b' as a name"),
        (["{tmp}/in.json"], "--profile"),
    ],
)
def test_import_usage_errors(run: Run, demo: Path, tmp_path: Path, args: list[str],
                             says: str) -> None:
    write(tmp_path / "in.json", {"format": "groundwork-export", "version": 1,
                                 "profile": {"name": "X"}})
    before = snapshot(demo)
    code, _said, err = run("import", *[a.format(tmp=tmp_path) for a in args],
                           "--data-dir", str(demo))
    assert code in (1, 2) and err.count("\n") == 1 and says in err, err
    assert snapshot(demo) == before


def child(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_commands_never_import_qt(demo: Path, tmp_path: Path) -> None:
    done = child(
        """
        import sys
        from desktop_app.app import main
        data, out = sys.argv[1], sys.argv[2]
        codes = [
            main(["export", "--profile", "Demo", "--format", "json", "--out", out,
                  "--data-dir", data]),
            main(["import", out, "--profile", "Again", "--data-dir", data]),
        ]
        print(codes, sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken"))))
        """,
        str(demo), str(tmp_path / "out.json"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[0, 0] []"


def test_with_the_app_open_export_works_and_import_refuses(demo: Path, tmp_path: Path,
                                                           run: Run) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent("""
            import sys
            from pathlib import Path
            from desktop_app.instance_lock import InstanceLock
            from desktop_app.local_state import LocalFolders
            local = LocalFolders.of_this_computer()
            lock = InstanceLock(local.lock_folders(), local.lock_name(Path(sys.argv[1])))
            print(lock.acquire(), flush=True)
            sys.stdin.readline()
            lock.release()
            """), str(demo)],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        before = snapshot(demo)
        out = tmp_path / "out.json"
        code, _said, err = run("export", "--profile", "Demo", "--format", "json", "--out",
                               str(out), "--data-dir", str(demo))
        assert (code, err) == (0, "")
        code, said, err = run("import", str(out), "--profile", "Other", "--data-dir", str(demo))
        assert code == 3 and said == ""
        assert err.count("\n") == 1 and "Groundwork is open with the data folder" in err
        assert snapshot(demo) == before
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=60)
    code, _said, err = run("import", str(out), "--profile", "Other", "--data-dir", str(demo))
    assert (code, err) == (0, "")


def test_the_app_sees_an_import_in_progress(demo: Path) -> None:
    from desktop_app.lock_file import HeadlessLock, lock_path

    lock = HeadlessLock(demo)
    lock.acquire()
    try:
        done = child(
            """
            import sys
            from pathlib import Path
            from desktop_app.instance_lock import InstanceLock
            from desktop_app.local_state import LocalFolders
            local = LocalFolders.of_this_computer()
            print(InstanceLock(local.lock_folders(), local.lock_name(Path(sys.argv[1]))).acquire())
            """,
            str(demo),
        )
        assert done.stdout.strip() == "False", done.stderr
    finally:
        lock.release()
    assert not lock_path(demo).exists()
