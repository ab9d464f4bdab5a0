"""Importing Loop Habit Tracker and Daylio exports (tests/peer_samples, see its README)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.consistency import practice_days
from desktop_app.domain.journal import Cadence, CadenceKind, CheckInSettings
from desktop_app.paths import resources_dir
from desktop_app.services.import_peers import PeerFileError, PeerImportService
from desktop_app.services.journal import JournalService
from desktop_app.services.peer_files import MAX_FILE_BYTES
from desktop_app.services.session import Session
from tests.conftest import TEST_DEVICE, FakeClock
from tests.disk import folder_bytes
from tests.disk import stored as disk_tables

SAMPLES = Path(__file__).parent.parent / "peer_samples"
PARIS = CheckInSettings(timezone="Europe/Paris")
MEDITATE = {1, 2, 3, 5, 6, 8, 9, 10, 12, 13}
WALK = {2, 4, 9, 11}
CALL = {7}


@pytest.fixture
def session(data_dir: Path, clock: FakeClock) -> Session:
    session = Session(data_dir, resources_dir(), clock, TEST_DEVICE)
    session.load_templates()
    session.create_profile("Sam")
    JournalService(session).save_settings(PARIS)
    return session


@pytest.fixture
def peers(session: Session) -> PeerImportService:
    return PeerImportService(session)


def landed_bytes(session: Session) -> dict[str, bytes]:
    """The data folder's files once every write made so far is on disk."""
    assert session.flush(10)
    return folder_bytes(session.data_dir)


def loop_zip(tmp_path: Path, with_folders: bool = True) -> Path:
    """The sample as Loop ships it: one zip, with per-habit folders and a Scores.csv."""
    target = tmp_path / "Loop Habits CSV 2026-03-14.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.write(SAMPLES / "loop" / "Habits.csv", "Habits.csv")
        archive.write(SAMPLES / "loop" / "Checkmarks.csv", "Checkmarks.csv")
        archive.writestr("Scores.csv", "Date,Meditate,Walk, outside,Call a friend,\n"
                                       "2026-03-14,0.5,0.2,0.1,\n")
        if with_folders:
            archive.writestr("001 Meditate/Checkmarks.csv", "Date,Value,Notes\n2026-03-13,2,\n")
    return target


def stored(session: Session) -> dict[str, Any]:
    assert session.repo is not None
    return disk_tables(session.repo)


def days(numbers: set[int]) -> set[date]:
    return {date(2026, 3, n) for n in numbers}


@pytest.mark.parametrize("chosen", ["zip", "both csv", "checkmarks only"])
def test_loop_habits_become_practices_and_their_done_days(
    session: Session, peers: PeerImportService, tmp_path: Path, chosen: str
) -> None:
    if chosen == "zip":
        paths = [loop_zip(tmp_path)]
    elif chosen == "both csv":
        paths = [SAMPLES / "loop" / "Checkmarks.csv", SAMPLES / "loop" / "Habits.csv"]
    else:  # Habits.csv is found beside it
        paths = [SAMPLES / "loop" / "Checkmarks.csv"]
    plan = peers.read_loop(paths)
    assert plan.summary() == (
        "3 habits with 15 done days from 1 Mar 2026 to 13 Mar 2026, as practices and "
        "13 check-ins."
    )
    outcome = peers.add(plan)
    assert outcome.added == 13 and outcome.period_added

    data = stored(session)
    [period] = data["focus"].values()
    [area] = period["areas"]
    assert area["area"] == "habits"
    names = [p["what"] for p in area["practices"]]
    assert names == ["Meditate", "Walk, outside", "Call a friend"]
    cadences = [Cadence(**p["cadence"]) for p in area["practices"]]
    assert cadences == [Cadence.daily(), Cadence.per_week(3), Cadence.weekly()]
    assert period["ended_at"] is not None  # history: never replaces the current focus
    assert period["started_at"].startswith("2026-03-01T00:00:00+01:00")

    journal = JournalService(session)
    checkins = [s.item for s in journal.checkins_between(date(2026, 3, 1), date(2026, 3, 14))]
    assert len(checkins) == 13
    zone = PARIS.zone()
    keys = [p["key"] for p in area["practices"]]
    for key, expected in zip(keys, (MEDITATE, WALK, CALL), strict=True):
        assert practice_days(checkins, key, zone) == days(expected)
    assert all(c.answers == {"practices": True, "note": "From Loop Habit Tracker"}
               for c in checkins)
    assert {c.at.time().isoformat() for c in checkins} == {"12:00:00"}


def test_reimporting_adds_nothing_and_a_newer_export_adds_only_the_new(
    session: Session, peers: PeerImportService, tmp_path: Path
) -> None:
    peers.add(peers.read_loop([loop_zip(tmp_path)]))
    before = landed_bytes(session)
    again = peers.read_loop([loop_zip(tmp_path)])
    assert peers.preview(again).summary() == (
        "Everything in this file is already in this profile; nothing will change."
    )
    outcome = peers.add(again)
    assert (outcome.added, outcome.updated, outcome.already_there) == (0, 0, 13)
    assert len(stored(session)["checkins"]) == 13
    assert landed_bytes(session) == before  # nothing was written at all

    # A later export: one more habit done on the 13th, and the 14th done.
    newer = tmp_path / "newer"
    shutil.copytree(SAMPLES / "loop", newer)
    text = (newer / "Checkmarks.csv").read_text()
    text = text.replace("2026-03-14,NO,NO,NO,", "2026-03-14,YES_MANUAL,NO,NO,")
    text = text.replace("2026-03-13,YES_MANUAL,YES_AUTO,", "2026-03-13,YES_MANUAL,YES_MANUAL,")
    (newer / "Checkmarks.csv").write_text(text)
    outcome = peers.add(peers.read_loop([newer / "Checkmarks.csv"]))
    assert (outcome.added, outcome.updated, outcome.already_there) == (1, 1, 12)
    data = stored(session)
    assert len(data["checkins"]) == 14
    [period] = data["focus"].values()
    assert period["ended_at"].startswith("2026-03-14")


def test_a_deleted_import_stays_deleted(
    session: Session, peers: PeerImportService, tmp_path: Path
) -> None:
    peers.add(peers.read_daylio(SAMPLES / "daylio_export.csv"))
    journal = JournalService(session)
    first = journal.checkins_between(date(2026, 3, 10), date(2026, 3, 10))[0]
    journal.delete_checkin(first.id)
    outcome = peers.add(peers.read_daylio(SAMPLES / "daylio_export.csv"))
    assert (outcome.added, outcome.deleted_here, outcome.already_there) == (0, 1, 3)
    assert "1 record you deleted stay deleted" in outcome.summary()


def test_daylio_entries_become_checkins_with_mood_and_note(
    session: Session, peers: PeerImportService
) -> None:
    plan = peers.read_daylio(SAMPLES / "daylio_export.csv")
    assert plan.summary() == (
        "4 check-ins from 10 Mar 2026 to 13 Mar 2026, with mood and notes. "
        "1 row could not be used and will be left out."
    )
    peers.add(plan)
    journal = JournalService(session)
    found = journal.checkins_between(date(2026, 3, 1), date(2026, 3, 14))
    by_time = {s.item.at.isoformat(): s.item.answers["note"] for s in found}
    assert by_time["2026-03-13T22:15:00+01:00"] == (
        "Mood in Daylio: good\nActivities: friends, walk, cooking\n\nA good evening\n"
        "Dinner with Sam, then a walk.\nWe talked about \"the plan\" and it felt lighter."
    )
    assert by_time["2026-03-10T21:40:00+01:00"] == "Mood in Daylio: rad\n\nFinished the course!"
    # Two entries in the same minute stay two check-ins.
    same_minute = [s for s in found if s.item.at.isoformat() == "2026-03-12T08:00:00+01:00"]
    assert len(same_minute) == 2
    assert all(s.item.template_id == "check-in" for s in found)
    assert all(s.id.startswith("daylio-") for s in found)


def test_old_daylio_layout_in_any_column_order(peers: PeerImportService) -> None:
    plan = peers.read_daylio(SAMPLES / "daylio_old.csv")
    notes = sorted((c.at.isoformat(), c.answers["note"]) for _id, c in plan.checkins)
    assert notes == [
        ("2025-05-17T22:21:00+02:00", "Mood in Daylio: average\nActivities: cook, stressed"),
        ("2025-05-18T23:54:00+02:00", "Mood in Daylio: sad\n\nDid nothing today."),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "is not a text file in UTF-8"),
        (b"name,age\nSam,3\n", "is not a Daylio export"),
        (b"", "is empty"),
        (b'full_date,mood,note\n2026-03-01,good,"never closed\n', "not valid CSV"),
        (b"full_date,mood\nyesterday,good\n", "has no entries Groundwork can use"),
        (b"full_date,mood\n2030-01-01,good\n", "has no entries Groundwork can use"),
    ],
)
def test_daylio_refuses_foreign_or_damaged_files_and_changes_nothing(
    session: Session, peers: PeerImportService, tmp_path: Path, content: bytes, message: str
) -> None:
    before = landed_bytes(session)
    bad = tmp_path / "export.csv"
    bad.write_bytes(content)
    with pytest.raises(PeerFileError, match=message):
        peers.read_daylio(bad)
    assert landed_bytes(session) == before


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"Checkmarks.csv": b"Habit,Value\nx,1\n"}, "is not a Loop Habit Tracker export"),
        ({"export.zip": b"PK\x03\x04 cut short"}, "damaged or unreadable zip"),
        ({"Checkmarks.csv": b"Date,Meditate,\n2026-03-01,NO,\n"}, "no days on which a habit"),
        ({"Checkmarks.csv": b"Date,A,\n2026-03-01,YES_MANUAL,YES_MANUAL,YES_MANUAL\n"},
         "more values than it names habits"),
    ],
)
def test_loop_refuses_foreign_or_damaged_files(
    session: Session, peers: PeerImportService, tmp_path: Path,
    files: dict[str, bytes], message: str,
) -> None:
    before = landed_bytes(session)
    paths = []
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        paths.append(tmp_path / name)
    with pytest.raises(PeerFileError, match=message):
        peers.read_loop(paths)
    assert landed_bytes(session) == before


def test_huge_files_and_zip_bombs_are_refused_unread(
    peers: PeerImportService, tmp_path: Path
) -> None:
    huge = tmp_path / "daylio.csv"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    with pytest.raises(PeerFileError, match="far larger than any Daylio export"):
        peers.read_daylio(huge)
    bomb = tmp_path / "loop.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Checkmarks.csv", b"0" * (MAX_FILE_BYTES + 1))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(PeerFileError, match="unpacks to far more"):
        peers.read_loop([bomb])


def test_a_current_focus_is_left_as_it_is(
    session: Session, peers: PeerImportService, tmp_path: Path
) -> None:
    from desktop_app.services.focus import AreaDraft, FocusService, PracticeDraft

    focus = FocusService(session)
    focus.change_focus([AreaDraft("work", "Leave on time", (PracticeDraft("Stop at six",
                                                                      Cadence.daily()),))])
    peers.add(peers.read_loop([loop_zip(tmp_path)]))
    current = focus.current()
    assert current is not None and current.item.areas[0].area == "work"
    assert len(focus.history()) == 1


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    content=st.one_of(
        st.binary(max_size=400),
        st.text(alphabet=st.sampled_from(list('full_date,mood,time,note"\n\r|:0123456789-ap m')),
                max_size=300).map(lambda t: ("full_date,time,mood,note\n" + t).encode()),
        st.text(alphabet=st.sampled_from(list('Date,YES_MANUAL,NO,2"\n2026-03-1 ')),
                max_size=300).map(lambda t: ("Date,A,B,\n" + t).encode()),
    ),
)
def test_fuzzed_files_never_raise_anything_but_a_clear_refusal(
    peers: PeerImportService, tmp_path: Path, content: bytes
) -> None:
    target = tmp_path / "fuzz.csv"
    target.write_bytes(content)
    for read in (lambda: peers.read_daylio(target), lambda: peers.read_loop([target])):
        try:
            plan = read()
        except PeerFileError as error:
            assert str(error).strip()
        else:
            assert plan.summary()
            peers.preview(plan)


def test_cadences_follow_loop_frequencies() -> None:
    from desktop_app.services.peer_loop import cadence_of

    assert cadence_of("1", "1") == Cadence.daily()
    assert cadence_of("7", "7") == Cadence.daily()
    assert cadence_of("1", "7") == Cadence.weekly()
    assert cadence_of("2", "3").kind is CadenceKind.TIMES_PER_WEEK
    assert cadence_of("1", "30") == Cadence.weekly()
    assert cadence_of("x", "") == Cadence.daily()


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    habits=st.text(alphabet=st.sampled_from(list('Name,Interval,NumRepetitions"\n1237 ab')),
                   max_size=200),
    checks=st.text(alphabet=st.sampled_from(list('Date,A,B,YES_MANUAL"\n2026-03-01 0001-9')),
                   max_size=300),
    rows=st.lists(
        st.tuples(st.dates(), st.sampled_from(["10:00 pm", "22:00", "", "25:99", "x"]),
                  st.text(max_size=20), st.text(max_size=60)),
        max_size=8,
    ),
)
def test_fuzzed_exports_in_the_right_shape_never_raise_anything_else(
    peers: PeerImportService, tmp_path: Path, habits: str, checks: str,
    rows: list[tuple[date, str, str, str]],
) -> None:
    import csv

    archive = tmp_path / "loop.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("Habits.csv", "Position,Name,NumRepetitions,Interval\n" + habits)
        out.writestr("Checkmarks.csv", "Date," + checks)
    daylio = tmp_path / "daylio.csv"
    with open(daylio, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["note", "time", "mood", "full_date"])
        for day, at, mood, note in rows:
            writer.writerow([note, at, mood, day.isoformat()])
    for read in (lambda: peers.read_loop([archive]), lambda: peers.read_daylio(daylio)):
        try:
            plan = read()
        except PeerFileError as error:
            assert str(error).strip()
        else:
            assert plan.summary()
            peers.preview(plan)
