"""Two real Syncthing instances on loopback: what a real sync engine does to our folders.

The first tests pin down Syncthing's own behaviour (the simulated copier in copier.py is
checked against it here); the last runs the two-computer scenario through the app.
Everything that could reach the network is off (see syncthing.py); every wait has a deadline.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.sync.computers import (
    assert_every_record_everywhere,
    two_computers,
    work_on_two_computers,
)
from tests.sync.copier import SyncFolder, conflict_name, sync
from tests.sync.syncthing import Pair, binary, running_pair, synced_files, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        binary() is None,
        reason="the syncthing program is not installed (Debian package `syncthing`; .ci/run "
        "installs it)",
    ),
]

SECOND = 1_000_000_000
BASE_NS = 1_790_000_000 * SECOND
CONFLICT = re.compile(r"^plain\.sync-conflict-(\d{8}-\d{6})-([A-Z2-7]{7})\.txt$")


def write(path: Path, text: str, at: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, ns=(BASE_NS + at * SECOND, BASE_NS + at * SECOND))


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    with running_pair(tmp_path, tmp_path / "laptop", tmp_path / "desktop") as started:
        yield started


Step = Callable[[], None]


def test_the_instances_talk_over_loopback_only(pair: Pair) -> None:
    for instance in pair:
        config = instance.get("/rest/config")
        options = config["options"]
        assert options["listenAddresses"] == [f"tcp://127.0.0.1:{instance.sync_port}"]
        assert not options["globalAnnounceEnabled"]
        assert not options["localAnnounceEnabled"]
        assert not options["relaysEnabled"]
        assert not options["natEnabled"]
        assert options["stunKeepaliveStartS"] == 0
        assert options["urAccepted"] == -1
        assert not options["crashReportingEnabled"]
        assert options["autoUpgradeIntervalH"] == 0
        assert not options["startBrowser"]
        assert config["gui"]["address"] == f"127.0.0.1:{instance.gui_port}"
        for device in config["devices"]:
            assert all(a.startswith("tcp://127.0.0.1:") or a == "dynamic"
                       for a in device["addresses"])
        connections = instance.get("/rest/system/connections")["connections"]
        peers = [c["address"] for c in connections.values() if c["connected"]]
        assert [address.split(":")[0] for address in peers] == ["127.0.0.1"]


def scenario(
    a: Path, b: Path, sync_now: Callable[[], object], apart: Callable[[Step], None]
) -> None:
    """File operations on two sides; ``apart`` runs a step while the sides cannot talk."""
    write(a / "plain.txt", "one", at=1)
    (a / "plain.txt").chmod(0o600)
    write(a / "sub/deep/x.json", "x", at=1)
    sync_now()
    write(b / "plain.txt", "two", at=2)
    sync_now()

    def both_edit() -> None:  # a conflict: the desktop's edit is newer
        write(a / "plain.txt", "from laptop", at=10)
        write(b / "plain.txt", "from desktop", at=20)

    apart(both_edit)
    sync_now()
    write(a / "gone.txt", "base", at=1)
    sync_now()

    def delete_and_edit() -> None:  # an edit beats a concurrent delete
        (a / "gone.txt").unlink()
        write(b / "gone.txt", "edited", at=30)

    apart(delete_and_edit)
    sync_now()
    (a / "sub/deep/x.json").unlink()  # a delete on one side only
    sync_now()


def test_a_plain_file_both_ways_and_a_real_conflict_copy(pair: Pair) -> None:
    a, b = pair.a.folder, pair.b.folder
    took: list[float] = []

    def apart(step: Step) -> None:
        pair.offline()
        step()
        pair.online()

    scenario(a, b, lambda: took.append(pair.sync()), apart)

    files = synced_files(a)
    assert files == synced_files(b)
    copies = [name for name in files if CONFLICT.match(name)]
    assert len(copies) == 1, files
    match = CONFLICT.match(copies[0])
    assert match is not None
    stamp, device = match.groups()
    assert files == {
        "plain.txt": b"from desktop",  # the newer edit won
        copies[0]: b"from laptop",  # the older one kept beside it, on both computers
        "gone.txt": b"edited",  # the edit beat the delete, and no conflict copy for it
    }
    # The copy is named after the device whose change WON, not the one whose text it holds.
    assert device == pair.b.device_id[:7]
    when = datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    assert copies[0] == conflict_name("plain.txt", when, device)  # the copier's spelling
    for side in (a, b):
        copy = (side / copies[0]).stat()
        assert copy.st_mtime_ns == BASE_NS + 10 * SECOND  # the losing file's own mtime
        assert copy.st_mode & 0o777 == 0o600  # and its permissions
        assert (side / "plain.txt").stat().st_mtime_ns == BASE_NS + 20 * SECOND
        assert (side / ".stfolder").is_dir()  # Syncthing's marker, inside the shared folder
        assert (side / "sub/deep").is_dir()  # a folder emptied by a delete stays
        assert not (side / ".stversions").exists()  # no versioning: a delete is gone
    # Loopback syncs of small files take well under a second; only a hang trips the deadline.
    print(f"real Syncthing: {len(took)} syncs, slowest {max(took):.2f} s")


def test_the_simulated_copier_ends_where_real_syncthing_does(
    pair: Pair, tmp_path: Path
) -> None:
    real_a, real_b = pair.a.folder, pair.b.folder

    def apart_real(step: Step) -> None:
        pair.offline()
        step()
        pair.online()

    scenario(real_a, real_b, pair.sync, apart_real)
    sim_a = SyncFolder(tmp_path / "sim-a", pair.a.device_id[:7])
    sim_b = SyncFolder(tmp_path / "sim-b", pair.b.device_id[:7])
    scenario(sim_a.root, sim_b.root, lambda: sync(sim_a, sim_b), lambda step: step())

    def normal(folder: Path) -> dict[str, bytes]:
        return {
            re.sub(r"sync-conflict-\d{8}-\d{6}", "sync-conflict-TIME", name): data
            for name, data in synced_files(folder).items()
        }

    assert normal(sim_a.root) == normal(sim_b.root) == normal(real_a) == normal(real_b)


def test_a_file_in_flight_is_a_full_length_hidden_temp_file(pair: Pair) -> None:
    a, b = pair.a.folder, pair.b.folder
    # Slow the desktop's downloads so the half-pulled state can be seen.
    pair.b.request(
        "PATCH", "/rest/config/options", {"maxRecvKbps": 256, "limitBandwidthInLan": True}
    )
    data = os.urandom(1 << 20)
    (a / "profiles").mkdir()
    (a / "profiles" / "big.json").write_bytes(data)
    temp = b / "profiles" / ".syncthing.big.json.tmp"
    pair.a.scan()
    wait_for("the temp file to appear", temp.exists)
    size = temp.stat().st_size
    started = time.monotonic()
    wait_for("the file to arrive", lambda: (b / "profiles" / "big.json").exists())
    assert size == len(data)  # full length at once: the blocks not yet pulled are holes/zeros
    assert not temp.exists()  # renamed into place
    assert (b / "profiles" / "big.json").read_bytes() == data
    print(f"1 MiB at ~256 KiB/s: temp file visible for {time.monotonic() - started:.1f} s")


@pytest.mark.parametrize("passphrase", [None, "shared words"], ids=["plain", "encrypted"])
def test_two_computers_through_real_syncthing_end_with_every_record(
    tmp_path: Path, passphrase: str | None
) -> None:
    laptop, desktop = two_computers(tmp_path, passphrase)
    with running_pair(tmp_path, laptop.data, desktop.data) as pair:
        pair.offline()

        def sync_now() -> None:  # meet, sync, part again
            pair.online()
            pair.sync()
            pair.offline()

        reports = work_on_two_computers(laptop, desktop, sync_now)
    assert_every_record_everywhere((laptop, desktop), reports)
    if passphrase is not None:  # what Syncthing carried between them was sealed
        for computer in (laptop, desktop):
            files = [p for p in (computer.data / "profiles").rglob("*.json")
                     if p.parent.name.startswith("d-") and p.name != "key.json"]
            assert files and all(p.read_bytes().startswith(b"GWENC1") for p in files)
