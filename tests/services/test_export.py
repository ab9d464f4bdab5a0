"""The export service: what the document holds, the date window, CSV, and reading only."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop_app.domain.journal import Win
from desktop_app.paths import resources_dir
from desktop_app.services import export
from desktop_app.services.demo import open_demo_profile
from desktop_app.services.session import Session
from desktop_app.storage.repository import ProfileRepository, ReadOnlyError
from tests.conftest import TEST_DEVICE, FakeClock


@pytest.fixture
def demo(data_dir: Path, clock: FakeClock) -> Path:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    open_demo_profile(session, years=1)
    session.close()
    return data_dir


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_document_lists_every_record_with_its_id(demo: Path, clock: FakeClock) -> None:
    repo = export.open_read_only(demo, "demo")
    counts = repo.table_counts()
    doc = export.build_export(repo, clock).document
    assert doc["format"] == "groundwork-export" and doc["version"] == 2
    assert doc["exported_at"] == clock().isoformat()
    assert doc["profile"]["name"] == "Demo"
    assert doc["profile"]["checkin_settings"]["cadence"] == "daily"
    for spec in export.LISTS:
        records = doc[spec.name]
        assert len(records) == counts[spec.table]
        assert all(isinstance(r["id"], str) and r["id"] for r in records)
        assert len({r["id"] for r in records}) == len(records)
    result = doc["assessments"][0]
    assert {"template_id", "template_version", "started_at", "completed_at", "answers",
            "scores"} <= set(result)
    assert any(isinstance(v, dict) and set(v) == {"current", "ideal"}
               for r in doc["assessments"] for v in r["answers"].values())
    moments = [r["at"] for r in doc["checkins"]]
    assert moments == sorted(moments, key=lambda at: date.fromisoformat(at[:10]))
    # Pauses are listed apart too, each naming its focus period.
    focus_ids = {r["id"] for r in doc["focus"]}
    assert doc["pauses"] and all(p["focus"] in focus_ids for p in doc["pauses"])


def test_the_window_keeps_records_of_those_days(demo: Path, clock: FakeClock) -> None:
    repo = export.open_read_only(demo, "Demo")
    whole = export.build_export(repo, clock).document
    since, until = date(2025, 9, 1), date(2025, 10, 31)
    doc = export.build_export(repo, clock, export.Window(since, until)).document
    for name in ("checkins", "slips", "wins"):
        inside = [r for r in whole[name] if since <= date.fromisoformat(r["at"][:10]) <= until]
        assert doc[name] == inside and inside
    assert all(since <= date.fromisoformat(r["completed_at"][:10]) <= until
               for r in doc["assessments"])
    # A focus period is kept when it overlaps the window, even if it began before it.
    for period in whole["focus"]:
        start = date.fromisoformat(period["started_at"][:10])
        end = period["ended_at"] and date.fromisoformat(period["ended_at"][:10])
        overlaps = start <= until and (end is None or end >= since)
        assert (period in doc["focus"]) == overlaps


def test_csv_has_a_header_and_one_row_per_record(demo: Path, clock: FakeClock) -> None:
    doc = export.build_export(export.open_read_only(demo, "Demo"), clock).document
    files = export.csv_files(doc)
    assert set(files) == {f"{s.name}.csv" for s in export.LISTS} | {"pauses.csv"}
    rows = list(csv.reader(io.StringIO(files["checkins.csv"].decode("utf-8"))))
    assert rows[0] == ["id", "at", "template_id", "template_version", "answers",
                       "practices_done", "for_day"]
    assert len(rows) == 1 + len(doc["checkins"])
    first = dict(zip(rows[0], rows[1], strict=True))
    record = doc["checkins"][0]
    assert first["id"] == record["id"] and first["at"] == record["at"]
    assert json.loads(first["answers"]) == record["answers"]  # nested values are JSON text
    periods = list(csv.DictReader(io.StringIO(files["focus.csv"].decode("utf-8"))))
    current = next(p for p, r in zip(periods, doc["focus"], strict=True)
                   if r["ended_at"] is None)
    assert current["ended_at"] == ""  # null is an empty cell
    drafts = files["drafts.csv"].decode("utf-8").splitlines()
    assert drafts == [",".join(export.columns("drafts"))]  # a header even with no rows


def own_folder(data: Path) -> Path:
    return next((data / "profiles").glob(f"p-*/{TEST_DEVICE.id}"))


def test_reading_writes_nothing_in_the_data_folder(demo: Path, clock: FakeClock) -> None:
    profiles = demo / "profiles"
    (profiles / "profile-broken.json").write_text("{not json", "utf-8")
    own = own_folder(demo)
    shard = max(own.glob("2*.json"))
    # Debris the app would tidy, set aside or remove: a conflict copy of this computer's
    # file, a damaged month file, a stale temp file and a migration cut short.
    conflict = shard.with_name(f"{shard.stem}.sync-conflict-20260101-101010-ABCDEFG.json")
    conflict.write_bytes(shard.read_bytes())
    (own / "2001-01.json").write_text("{half", "utf-8")
    (own / f".{shard.name}.tmp").write_text("x", "utf-8")
    (profiles / f".p-0000000000000000.{TEST_DEVICE.id}.migrating").mkdir()
    before = snapshot(demo)
    repo = export.open_read_only(demo, "Demo")
    assert repo.read_only
    export.build_export(repo, clock)
    assert not repo.refresh_from_disk()
    with pytest.raises(ReadOnlyError):
        repo.set_meta(profile_name="Other")
    with pytest.raises(ReadOnlyError):
        repo.collection("wins", Win).add(Win(clock(), "no"))
    repo.close()
    # No lock, no backup, nothing set aside, tidied, removed, and no device folder of its own.
    assert snapshot(demo) == before


def test_a_first_format_profile_is_read_through_the_migration_in_memory(
    demo: Path, clock: FakeClock, tmp_path: Path
) -> None:
    repo = export.open_read_only(demo, "Demo")
    whole = export.build_export(repo, clock).document
    v1 = demo / "profiles" / "profile-0123abcd.json"
    v1.write_bytes(repo.export_bytes())  # the same records as one format-1 file
    repo.close()
    shutil.rmtree(own_folder(demo).parent)
    before = snapshot(demo)
    made = export.build_export(export.open_read_only(demo, "Demo"), clock).document
    assert snapshot(demo) == before  # not migrated on disk
    for spec in export.LISTS:
        assert [{k: v for k, v in r.items() if k not in ("id", "source_assessment")}
                for r in made[spec.name]] == [
            {k: v for k, v in r.items() if k not in ("id", "source_assessment")}
            for r in whole[spec.name]]
    # Opening it in the app later migrates it to the very ids the export showed.
    session = Session(demo, resources_dir(), clock, TEST_DEVICE)
    session.profiles.refresh()
    session.profiles.open("profile-0123abcd").close()
    session.close()
    again = export.build_export(export.open_read_only(demo, "Demo"), clock).document
    assert [r["id"] for r in again["wins"]] == [r["id"] for r in made["wins"]]


def test_an_unknown_profile_names_the_ones_there_are(demo: Path) -> None:
    with pytest.raises(export.UnknownProfileError, match=r"“Sam”.*“Demo”\)"):
        export.open_read_only(demo, "Sam")
    (demo / "profiles" / "profile-broken.json").write_text("{not json", "utf-8")
    with pytest.raises(export.UnknownProfileError, match=r"1 profile file.* could not be read"):
        export.open_read_only(demo, "Sam")


def test_records_that_cannot_be_read_are_counted(demo: Path, clock: FakeClock) -> None:
    path = next(p for p in own_folder(demo).glob("2*.json") if '"wins"' in p.read_text("utf-8"))
    tables = json.loads(path.read_bytes())
    tables["wins"]["99999"] = {"_id": "99999", "_updated_at": "2026-01-01T00:00:00+00:00",
                               "at": "yesterday", "text": "?"}
    path.write_text(json.dumps(tables), "utf-8")
    made = export.build_export(export.open_read_only(demo, "Demo"), clock)
    assert made.unreadable == 1
    assert "99999" not in {w["id"] for w in made.document["wins"]}


def test_a_csv_folder_is_replaced_whole_or_refused(tmp_path: Path, demo: Path,
                                                   clock: FakeClock) -> None:
    doc = export.build_export(export.open_read_only(demo, "Demo"), clock).document
    out = tmp_path / "exports" / "csv"
    out.mkdir(parents=True)
    (out / "wins.csv").write_text("old", "utf-8")  # an earlier export: replaced
    export.write_csv_folder(out, doc)
    assert (out / "wins.csv").read_text("utf-8").startswith("id,at,text,focus_area")
    assert [p.name for p in out.parent.iterdir()] == ["csv"]  # no staging left behind
    (out / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(export.ExportError, match="other files"):
        export.write_csv_folder(out, doc)
    assert (out / "notes.txt").read_text("utf-8") == "mine"


def test_put_keeps_the_id_it_is_given_and_never_overwrites(tmp_path: Path,
                                                           clock: FakeClock) -> None:
    repo = ProfileRepository.create(tmp_path / "p-0000000000000001", "Sam", clock(),
                                    device=TEST_DEVICE.id, clock=clock)
    wins = repo.collection("wins", Win)
    assert wins.put("kept-41", Win(clock(), "kept my id"))
    assert not wins.put("kept-41", Win(clock(), "another"))
    assert wins.get("kept-41") == Win(clock(), "kept my id")
    assert [s.id for s in wins.all()][-1] == "kept-41"
    # A deleted id stays deleted: an import does not bring it back.
    wins.remove("kept-41")
    assert not wins.put("kept-41", Win(clock(), "kept my id"))
    assert wins.was_deleted("kept-41") and wins.get("kept-41") is None
    repo.flush()
    # The id is stored as given, so another computer reads it too.
    assert ProfileRepository.open(repo.path, device="d-0000000000000002",
                                  clock=clock).winner("wins", "kept-41") is not None


@pytest.mark.parametrize("bad", ["", "../x", "a b", "x" * 65, "é", "1\n", 41])
def test_put_refuses_an_id_that_is_not_a_short_safe_string(
    tmp_path: Path, clock: FakeClock, bad: object
) -> None:
    repo = ProfileRepository.create(tmp_path / "p-0000000000000001", "Sam", clock(),
                                    device=TEST_DEVICE.id, clock=clock)
    before = snapshot(tmp_path)
    with pytest.raises(ValueError, match="not a usable record id"):
        repo.collection("wins", Win).put(bad, Win(clock(), "x"))  # type: ignore[arg-type]
    assert snapshot(tmp_path) == before


def test_a_file_from_a_newer_groundwork_refuses_the_export(demo: Path) -> None:
    path = next(own_folder(demo).glob("2*.json"))
    tables = json.loads(path.read_bytes())
    tables["meta"]["1"]["schema_version"] = 99
    path.write_text(json.dumps(tables), "utf-8")
    before = snapshot(demo)
    with pytest.raises(export.ExportError, match="“Demo” was saved by a newer Groundwork"):
        export.open_read_only(demo, "Demo")
    assert snapshot(demo) == before


def test_another_computers_records_are_merged_in(demo: Path, clock: FakeClock) -> None:
    repo = export.open_read_only(demo, "Demo")
    folder = repo.path
    repo.close()
    other = ProfileRepository.open(folder, device="d-0000000000000002", clock=clock)
    other.collection("wins", Win).add(Win(clock(), "from the laptop"))
    gone = next(s.id for s in other.collection("wins", Win).all()
                if s.item.text != "from the laptop")
    other.collection("wins", Win).remove(gone)
    other.close()
    doc = export.build_export(export.open_read_only(demo, "Demo"), clock).document
    texts = [w["text"] for w in doc["wins"]]
    assert "from the laptop" in texts
    assert gone not in {w["id"] for w in doc["wins"]}
