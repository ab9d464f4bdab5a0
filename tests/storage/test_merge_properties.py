"""Property tests of the merge: 2-3 computers, each with its own copy of the data folder, kept
in step by a random, lagging, duplicating "sync engine".

Random adds, edits and deletes happen on each computer; files travel one at a time, in random
order, sometimes an older version than the newest (never older than what the receiver already
has: a sync engine moves a file forward), sometimes twice, sometimes as a conflict copy. After
every step a computer's state must equal a tiny reference model: last writer wins over exactly
the versions it holds, read from the raw JSON. At the end everything is
delivered: every computer holds the same state, the last-writer-wins result of every
acknowledged write.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.storage.profile_store import ProfileStore
from desktop_app.storage.repository import ProfileRepository
from tests.storage.helpers import D1, D2, D3, NOW, Note, StillClock

DEVICES = (D1, D2, D3)
Key = tuple[datetime, str]  # the merge order: instant, then device


@dataclass
class Computer:
    device: str
    data: Path
    clock: StillClock
    repo: ProfileRepository
    # (writer, file name) -> index of the version of that file this computer has
    has: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass
class World:
    root: Path
    profile_id: str
    computers: list[Computer]
    history: dict[tuple[str, str], list[bytes]] = field(default_factory=dict)
    acked: list[tuple[Key, str, str | None]] = field(default_factory=list)  # key, id, text
    copies_made: int = 0

    def folder(self, c: Computer) -> Path:
        return c.data / "profiles" / self.profile_id

    def snapshot(self, c: Computer) -> None:
        """Record every file this computer's last write changed (its own folder only).

        A write counts as acknowledged once it is on disk (its ticket done)."""
        assert c.repo.flush()
        own = self.folder(c) / c.device
        for path in sorted(own.glob("*.json")):
            versions = self.history.setdefault((c.device, path.name), [])
            raw = path.read_bytes()
            if not versions or versions[-1] != raw:
                versions.append(raw)


def versions_in(raw: bytes, device: str) -> list[tuple[Key, str, str | None]]:
    """The reference reading of a file: plain JSON, no storage code."""
    found = []
    for doc in json.loads(raw).get("wins", {}).values():
        at = datetime.fromisoformat(doc["_updated_at"]).astimezone(UTC)
        found.append(((at, device), doc["_id"], None if doc.get("_deleted") else doc["text"]))
    return found


def last_writer_wins(versions: list[tuple[Key, str, str | None]]) -> dict[str, str]:
    best: dict[str, tuple[Key, str | None]] = {}
    for key, rid, text in versions:
        if rid not in best or key > best[rid][0]:
            best[rid] = (key, text)
    return {rid: text for rid, (_k, text) in best.items() if text is not None}


def shown(c: Computer) -> dict[str, str]:
    return {s.id: s.item.text for s in c.repo.collection("wins", Note).all()}


def make_world(root: Path, count: int, skews: list[int]) -> World:
    computers: list[Computer] = []
    first_store = ProfileStore(root / "c0", DEVICES[0], StillClock())
    repo = first_store.create("Sam", NOW)
    profile_id = repo.profile_id
    for n in range(count):
        data = root / f"c{n}"
        clock = StillClock(NOW + timedelta(seconds=skews[n]))
        if n:
            shutil.copytree(root / "c0" / "profiles" / profile_id / D1,
                            data / "profiles" / profile_id / D1)
            repo = ProfileRepository.open(data / "profiles" / profile_id,
                                          device=DEVICES[n], clock=clock)
        else:
            repo = ProfileRepository.open(repo.path, device=D1, clock=clock)
        computers.append(Computer(DEVICES[n], data, clock, repo))
    world = World(root, profile_id, computers)
    world.snapshot(computers[0])
    for c in computers[1:]:
        c.has[(D1, "profile.json")] = 0
    return world


def deliver(world: World, src: Computer, dst: Computer, pick: int, ahead: int,
            conflict: bool) -> None:
    files = sorted(k for k in world.history if k[0] == src.device)
    if not files:
        return
    writer, name = files[pick % len(files)]
    versions = world.history[(writer, name)]
    if conflict:
        raw = versions[ahead % len(versions)]  # any version, older ones included
        world.copies_made += 1
        stem = name[:-5]
        target = (world.folder(dst) / writer /
                  f"{stem}.sync-conflict-20260501-{world.copies_made:06d}-ABCDEFG.json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    else:
        if dst is src:
            return
        now = dst.has.get((writer, name), -1)
        # Forward, maybe not to the newest; ``ahead`` < 0: the newest.
        index = len(versions) - 1 if ahead < 0 else min(len(versions) - 1, max(now, 0) + ahead)
        target = world.folder(dst) / writer / name
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".syncthing.{name}.tmp")
        temp.write_bytes(versions[index])
        os.replace(temp, target)
        dst.has[(writer, name)] = index
    dst.repo.refresh_from_disk()
    if dst is src:
        world.snapshot(src)  # tidying may have rewritten the base


def check(world: World, c: Computer) -> None:
    """What the computer shows is last writer wins over every file it holds, read as JSON."""
    versions = []
    for path in sorted(world.folder(c).glob("d-*/*.json")):
        versions += versions_in(path.read_bytes(), path.parent.name)
    assert shown(c) == last_writer_wins(versions)


step = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 2), st.text("abc", min_size=1, max_size=3)),
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 9), st.text("xyz", max_size=3)),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 9)),
    st.tuples(st.just("tick"), st.integers(0, 2), st.sampled_from([0, 0, 1, 3600, 40 * 86400])),
    st.tuples(st.just("deliver"), st.integers(0, 2), st.integers(0, 2), st.integers(0, 20),
              st.integers(0, 2), st.booleans()),
)


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(2, 3),
    skews=st.lists(st.sampled_from([0, 0, -5, 7, -3600]), min_size=3, max_size=3),
    steps=st.lists(step, max_size=35),
)
def test_every_computer_converges_to_last_writer_wins(
    tmp_path_factory: Any, count: int, skews: list[int], steps: list[tuple[Any, ...]]
) -> None:
    world = make_world(tmp_path_factory.mktemp("sync"), count, skews)
    computers = world.computers
    for op, who, *args in steps:
        c = computers[who % count]
        notes = c.repo.collection("wins", Note)
        if op == "add":
            rid = notes.add(Note(NOW, args[0]))
            world.acked.append(_acked(c, rid))
        elif op in ("edit", "delete"):
            ids = sorted(shown(c))
            if not ids:
                continue
            rid = ids[args[0] % len(ids)]
            if op == "edit":
                notes.update(rid, Note(NOW, args[1]))
            else:
                notes.remove(rid)
            world.acked.append(_acked(c, rid))
        elif op == "tick":
            c.clock.now += timedelta(seconds=args[0])
            continue
        else:
            deliver(world, c, computers[args[0] % count], args[1], args[2], args[3])
            check(world, computers[args[0] % count])
            continue
        world.snapshot(c)
        check(world, c)

    # The sync engine catches up: every file, newest version, everywhere.
    for src in computers:
        for dst in computers:
            for pick in range(len(world.history)):
                deliver(world, src, dst, pick, -1, False)
    states = [shown(c) for c in computers]
    assert all(state == states[0] for state in states)
    assert states[0] == last_writer_wins(world.acked)  # no acknowledged write lost
    for c in computers:
        assert not list((world.folder(c) / c.device).glob("*sync-conflict*"))  # tidied


def _acked(c: Computer, rid: str) -> tuple[Key, str, str | None]:
    version = c.repo.winner("wins", rid)
    assert version is not None and version.device == c.device
    return ((version.at, version.device), rid,
            None if version.deleted else str(version.doc["text"]))


def test_a_delete_is_not_undone_by_an_older_edit_arriving_late(tmp_path: Path) -> None:
    world = make_world(tmp_path, 2, [0, 0])
    one, two = world.computers
    rid = one.repo.collection("wins", Note).add(Note(NOW, "walked"))
    world.snapshot(one)
    deliver(world, one, two, 0, -1, False)
    deliver(world, one, two, 1, -1, False)
    two.clock.now += timedelta(minutes=1)
    two.repo.collection("wins", Note).update(rid, Note(NOW, "walked far"))  # the older edit
    world.snapshot(two)
    one.clock.now += timedelta(minutes=2)
    one.repo.collection("wins", Note).remove(rid)  # the later delete
    world.snapshot(one)
    for src, dst in ((two, one), (one, two)):
        for pick in range(3):
            deliver(world, src, dst, pick, -1, False)
    assert shown(one) == shown(two) == {}
