"""The writer thread: order kept, batches whole, a failure fails what follows until the
repository has read the disk again, and nothing of it blocks the caller's thread."""

from __future__ import annotations

import errno
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.storage import pending_writes
from desktop_app.storage.atomic import StorageWriteError
from desktop_app.storage.profile_files import read_merged
from desktop_app.storage.repository import ProfileRepository
from desktop_app.storage.shards import commit_bytes
from desktop_app.storage.writer import Writer
from tests.storage.helpers import NOW, Note, new_profile

TIMEOUT = 30  # a gate left shut by a failing test must not hang the suite


class Gate:
    """Stands in for the commit step: holds each write until opened, records what came."""

    def __init__(self, *, fail_with: OSError | None = None) -> None:
        self.open = threading.Event()
        self.open.set()
        self.fail_with = fail_with
        self.seen: list[tuple[Path, bytes]] = []
        self.threads: set[str] = set()

    def commit(self, path: Path, payload: bytes) -> object:
        assert self.open.wait(TIMEOUT)
        self.threads.add(threading.current_thread().name)
        self.seen.append((path, payload))
        if self.fail_with is not None:
            raise StorageWriteError(self.fail_with.errno, str(self.fail_with))
        return commit_bytes(path, payload)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    found = Gate()
    monkeypatch.setattr(pending_writes, "commit_bytes", found.commit)
    yield found
    found.open.set()


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[ProfileRepository]:
    made = new_profile(tmp_path)
    yield made
    made.close(timeout=TIMEOUT)


def texts(repo: ProfileRepository) -> list[str]:
    return [s.item.text for s in repo.collection("wins", Note).all()]


def on_disk(repo: ProfileRepository) -> list[str]:
    return sorted(f["text"] for f in read_merged(repo.path).get("wins", {}).values())


def test_jobs_land_in_the_order_they_were_submitted(tmp_path: Path) -> None:
    writer = Writer()
    landed: list[int] = []
    tickets = [writer.submit(tmp_path / f"{n}.json", str(n).encode(),
                             lambda _p, raw: landed.append(int(raw)))
               for n in range(300)]
    assert writer.flush(TIMEOUT)
    assert landed == list(range(300))
    assert all(t.done() and t.exception() is None for t in tickets)
    assert writer.close(TIMEOUT)


def test_many_quick_saves_keep_their_order_and_all_land(
    repo: ProfileRepository, gate: Gate
) -> None:
    gate.open.clear()  # every save queues behind the first
    for n in range(120):
        repo.collection("wins", Note).add(Note(NOW, f"win {n:03d}"))
    assert texts(repo) == [f"win {n:03d}" for n in range(120)]  # memory: at once
    gate.open.set()
    assert repo.flush(TIMEOUT)
    # Each job carries the file as it was when submitted: one more record each time.
    counts = [len(json.loads(raw)["wins"]) for _path, raw in gate.seen]
    assert counts == list(range(1, 121))
    assert on_disk(repo) == [f"win {n:03d}" for n in range(120)]


def test_a_batch_is_one_job_and_later_changes_do_not_leak_into_it(
    repo: ProfileRepository, gate: Gate
) -> None:
    gate.open.clear()
    with repo.batch():
        repo.collection("wins", Note).add(Note(NOW, "one"))
        repo.collection("lapses", Note).add(Note(NOW, "two"))
        repo.set_meta(milestones_seen=["first-win"])
    batch = repo.ticket()
    repo.collection("wins", Note).add(Note(NOW, "after the batch"))
    gate.open.set()
    batch.result(TIMEOUT)
    assert repo.flush(TIMEOUT)
    first, second = (json.loads(raw) for _path, raw in gate.seen)
    assert [d["text"] for d in first["wins"].values()] == ["one"]
    assert [d["text"] for d in first["lapses"].values()] == ["two"]
    assert [d["_id"] for d in first["profile"].values()] == ["milestones_seen"]
    assert [d["text"] for d in second["wins"].values()] == ["one", "after the batch"]


def test_a_failed_write_fails_every_later_one_until_cleared(tmp_path: Path) -> None:
    writer = Writer()
    gate = threading.Event()

    def commit(path: Path, _raw: bytes) -> None:
        assert gate.wait(TIMEOUT)
        if path.name == "2":
            raise OSError(errno.ENOSPC, "No space left on device")

    tickets = [writer.submit(tmp_path / str(n), b"", commit) for n in range(1, 5)]
    gate.set()
    assert not writer.flush(TIMEOUT)
    assert tickets[0].exception() is None
    assert [t.exception().errno for t in tickets[1:]] == [errno.ENOSPC] * 3  # type: ignore[union-attr]
    refused = writer.submit(tmp_path / "5", b"", commit)
    assert refused.done() and isinstance(refused.exception(), OSError)
    writer.clear()
    assert writer.submit(tmp_path / "6", b"", commit).result(TIMEOUT) is None
    assert writer.close(TIMEOUT)


def test_a_full_disk_then_memory_is_the_disk_again_and_the_next_save_works(
    repo: ProfileRepository, gate: Gate
) -> None:
    repo.collection("wins", Note).add(Note(NOW, "kept"))
    assert repo.flush(TIMEOUT)
    gate.fail_with = OSError(errno.ENOSPC, "No space left on device")
    repo.collection("wins", Note).add(Note(NOW, "lost"))
    assert texts(repo) == ["kept", "lost"]  # the screens show it at once
    with pytest.raises(StorageWriteError):
        repo.ticket().result(TIMEOUT)
    assert isinstance(repo.recover(), StorageWriteError)
    assert texts(repo) == on_disk(repo) == ["kept"]  # memory equals disk again
    assert repo.recover() is None  # collected once
    gate.fail_with = None  # space is back
    repo.collection("wins", Note).add(Note(NOW, "saved"))
    assert repo.flush(TIMEOUT)
    assert on_disk(repo) == ["kept", "saved"] and texts(repo) == ["kept", "saved"]


def test_a_new_save_after_a_failure_reads_the_disk_first(
    repo: ProfileRepository, gate: Gate
) -> None:
    gate.fail_with = OSError(errno.ENOSPC, "No space left on device")
    repo.collection("wins", Note).add(Note(NOW, "lost"))
    assert not repo.flush(TIMEOUT)
    gate.fail_with = None
    repo.collection("wins", Note).add(Note(NOW, "next"))  # collects the failure first
    assert repo.flush(TIMEOUT)
    assert texts(repo) == on_disk(repo) == ["next"]


def test_refresh_leaves_this_computer_s_files_alone_while_writes_are_on_their_way(
    repo: ProfileRepository, gate: Gate
) -> None:
    gate.open.clear()
    repo.collection("wins", Note).add(Note(NOW, "not on disk yet"))
    assert repo.refresh_from_disk() is False  # the stale or missing file hides nothing
    assert texts(repo) == ["not on disk yet"]
    gate.open.set()
    assert repo.flush(TIMEOUT)
    assert repo.refresh_from_disk() is False  # its own write is not news either
    assert texts(repo) == on_disk(repo) == ["not on disk yet"]


def test_saves_fsync_on_the_writer_thread_only(
    repo: ProfileRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (threads.append(threading.current_thread()),
                                                 real(fd))[1])
    for n in range(5):
        repo.collection("wins", Note).add(Note(NOW, f"win {n}"))
    repo.set_meta(checkin_settings={"cadence": "daily"})
    assert repo.flush(TIMEOUT)
    assert threads and threading.main_thread() not in threads


def test_closing_with_a_blocked_writer_returns_within_its_bound(
    repo: ProfileRepository, gate: Gate
) -> None:
    gate.open.clear()
    repo.collection("wins", Note).add(Note(NOW, "stuck behind a slow disk"))
    assert repo.flush(timeout=0.05) is False
    assert repo.close(timeout=0.05) is False  # it returns; the write is still on its way
    gate.open.set()
    assert repo.close(TIMEOUT)  # once the disk answers, it lands
    assert on_disk(repo) == ["stuck behind a slow disk"]


def test_an_idle_thread_ends_and_the_next_write_starts_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.storage import writer as writer_module

    monkeypatch.setattr(writer_module, "IDLE_S", 0.01)
    writer = Writer()
    threads: list[threading.Thread] = []

    def commit(path: Path, payload: bytes) -> object:
        threads.append(threading.current_thread())
        return commit_bytes(path, payload)

    writer.submit(tmp_path / "a.json", b"{}", commit).result(TIMEOUT)
    threads[0].join(TIMEOUT)  # nothing more to write: it ends by itself
    assert not threads[0].is_alive()
    writer.submit(tmp_path / "b.json", b"{}", commit).result(TIMEOUT)
    assert threads[1] is not threads[0]
    assert (tmp_path / "b.json").read_bytes() == b"{}"
    assert writer.close(TIMEOUT)
