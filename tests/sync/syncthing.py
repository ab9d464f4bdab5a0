"""Real Syncthing instances for tests: loopback only, nothing leaves the machine.

Each instance gets its own ``--home`` under the test's temp folder, a GUI/REST address and a
sync listen address on 127.0.0.1 with ports chosen at run time. Global and local discovery,
relays, NAT traversal (UPnP and STUN), usage reporting, crash reporting, auto-upgrade and the
browser launch are all switched off in config.xml *before* the first start, so not even the
first second of a run reaches out. Each knows the other's device id and loopback address
from config.xml; the shared folder is added through the REST API, which fills in Syncthing's
own defaults.

Waiting is always bounded: :func:`wait_for` polls with short waits until a deadline (this
harness has no Qt event loop to wait on), and :func:`running_pair` ends both processes.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.sync.copier import is_ignored

FOLDER_ID = "groundwork"
DEADLINE = 60.0  # seconds for any one wait
POLL = 0.05  # seconds between two looks at the REST API inside a deadline

OFF_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "stunKeepaliveStartS": "0",  # STUN (NAT traversal) off
    "urAccepted": "-1",  # usage reporting declined, and never asked
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "restartOnWakeup": "false",
    "setLowPriority": "false",
    # Redial a peer that was not listening yet after seconds, not the default minute.
    "reconnectionIntervalS": "1",
}


def binary() -> str | None:
    return shutil.which("syncthing")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(what: str, check: Callable[[], bool], deadline: float = DEADLINE) -> float:
    """Poll ``check`` until true; returns the seconds it took, or fails after ``deadline``."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > deadline:
            raise TimeoutError(f"gave up after {deadline:.0f} s waiting for {what}")
        time.sleep(POLL)
    return time.monotonic() - start


@dataclass
class Instance:
    """One Syncthing process with its own home, sharing ``folder``."""

    name: str
    home: Path
    folder: Path
    gui_port: int = field(default_factory=free_port)
    sync_port: int = field(default_factory=free_port)
    api_key: str = field(default_factory=lambda: secrets.token_hex(16))
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self.home / "syncthing.log"

    def generate(self) -> None:
        exe = binary()
        assert exe is not None
        subprocess.run(
            [exe, "generate", f"--home={self.home}", "--no-default-folder",
             "--skip-port-probing"],
            check=True, capture_output=True, timeout=DEADLINE, env=self._env(),
        )
        config = self.home / "config.xml"
        tree = ET.parse(config)
        root = tree.getroot()
        self.device_id = root.findall("device")[0].attrib["id"]
        options = root.find("options")
        assert options is not None
        for key, value in {
            **OFF_OPTIONS, "listenAddress": f"tcp://127.0.0.1:{self.sync_port}"
        }.items():
            element = options.find(key)
            if element is None:
                element = ET.SubElement(options, key)
            element.text = value
        gui = root.find("gui")
        assert gui is not None
        for key, value in {"address": f"127.0.0.1:{self.gui_port}", "apikey": self.api_key}.items():
            element = gui.find(key)
            assert element is not None
            element.text = value
        tree.write(config)

    def add_peer(self, peer: Instance) -> None:
        """Know ``peer`` (its id and loopback address) before the first start: a device added
        later through the REST API is dialled at once, refused by a peer that does not know
        it yet, and then only redialled after a backoff (20 s measured)."""
        config = self.home / "config.xml"
        tree = ET.parse(config)
        element = ET.SubElement(
            tree.getroot(), "device",
            {"id": peer.device_id, "name": peer.name, "compression": "metadata"},
        )
        ET.SubElement(element, "address").text = f"tcp://127.0.0.1:{peer.sync_port}"
        tree.write(config)

    def _env(self) -> dict[str, str]:
        # Its own HOME too, so nothing it might look up lands in the real one.
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "STNOUPGRADE": "1",
            "STNORESTART": "1",
            "STNODEFAULTFOLDER": "1",
        }

    def start(self) -> None:
        exe = binary()
        assert exe is not None
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [exe, "serve", f"--home={self.home}", "--no-browser", "--no-restart",
                 "--no-upgrade", "--no-default-folder", f"--logfile={self.log}"],
                stdout=log, stderr=subprocess.STDOUT, env=self._env(),
                start_new_session=True,  # its own process group, ended as a whole
            )

    def wait_ready(self) -> None:
        wait_for(f"{self.name}'s REST API", self._answers)

    def _answers(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise RuntimeError(f"{self.name} exited: {self.log.read_text()[-2000:]}")
        try:
            self.get("/rest/system/ping")
        except (OSError, urllib.error.URLError):
            return False
        return True

    def terminate(self) -> None:
        """Ask this instance's process group (ours alone) to end."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)

    def stop(self) -> None:
        """End it: kindly, then firmly after 10 s."""
        if self.process is None:
            return
        self.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    # --- REST ------------------------------------------------------------------------
    def request(self, method: str, path: str, body: object = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}", data=data, method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=DEADLINE) as response:
            raw = response.read()
        return json.loads(raw) if raw.strip() else None

    def get(self, path: str) -> Any:
        return self.request("GET", path)

    def post(self, path: str, body: object = None) -> Any:
        return self.request("POST", path, body)

    def scan(self) -> None:
        """Rescan the folder now (the call returns once the scan is done)."""
        self.post(f"/rest/db/scan?folder={FOLDER_ID}")

    def status(self) -> dict[str, Any]:
        return dict(self.get(f"/rest/db/status?folder={FOLDER_ID}"))

    def completion_of(self, other: Instance) -> float:
        answer = self.get(f"/rest/db/completion?folder={FOLDER_ID}&device={other.device_id}")
        return float(answer["completion"])

    def connected_to(self, other: Instance) -> bool:
        connections = self.get("/rest/system/connections")["connections"]
        return bool(connections.get(other.device_id, {}).get("connected"))

    def set_folder_paused(self, paused: bool) -> None:
        self.request("PATCH", f"/rest/config/folders/{FOLDER_ID}", {"paused": paused})


@dataclass
class Pair:
    """Two instances that know each other and share one folder."""

    a: Instance
    b: Instance

    def __iter__(self) -> Iterator[Instance]:
        return iter((self.a, self.b))

    def share(self, **folder_options: object) -> None:
        """Add the shared folder on both (through the REST API, so Syncthing's defaults apply)."""
        for me, peer in ((self.a, self.b), (self.b, self.a)):
            me.post("/rest/config/folders", {
                "id": FOLDER_ID, "label": "Groundwork", "path": str(me.folder),
                "devices": [{"deviceID": me.device_id}, {"deviceID": peer.device_id}],
                # Scans are asked for explicitly, so each step of a test is deterministic.
                "fsWatcherEnabled": False, "rescanIntervalS": 3600,
                **folder_options,
            })
        wait_for("the two instances to connect", self.connected)

    def connected(self) -> bool:
        return self.a.connected_to(self.b) and self.b.connected_to(self.a)

    def in_sync(self) -> bool:
        """Both idle and needing nothing, with the same global view and the same files.

        The files are compared too because ``/rest/db/completion`` says 100 % for a peer that
        has not yet heard of a change just scanned. Under load a conflict may be half-resolved
        while the files are read; that counts as not yet in sync.
        """
        statuses = [instance.status() for instance in self]
        for status in statuses:
            if status["state"] != "idle" or status["needTotalItems"] != 0:
                return False
        keys = ("globalFiles", "globalDeleted", "globalBytes")
        if any(statuses[0][k] != statuses[1][k] for k in keys):
            return False
        try:
            return synced_files(self.a.folder) == synced_files(self.b.folder)
        except FileNotFoundError:
            # Syncthing resolves a conflict in two renames (the loser to its conflict copy,
            # then the temp file into place): a file listed a moment ago may be gone.
            return False

    def offline(self) -> None:
        """Both stop syncing the folder, as two computers apart would.

        The folder is paused rather than the device: a resumed device is redialled only after
        Syncthing's reconnect backoff (5 s and growing, measured), a resumed folder at once.
        """
        for instance in self:
            instance.set_folder_paused(True)

    def online(self) -> None:
        """Resume the folder on both: each rescans it, then they exchange what changed."""
        for instance in self:
            instance.set_folder_paused(False)

    def sync(self) -> float:
        """Scan both, then wait until they agree; the seconds it took."""
        start = time.monotonic()
        for instance in self:
            instance.scan()
        wait_for("the folders to be in sync", self.in_sync)
        return time.monotonic() - start


def synced_files(folder: Path) -> dict[str, bytes]:
    """What Syncthing syncs in ``folder``: every file but its marker and its temp files."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".stfolder" not in p.parts and not is_ignored(p.name)
    }


@contextlib.contextmanager
def running_pair(root: Path, folder_a: Path, folder_b: Path) -> Iterator[Pair]:
    """Two configured, connected instances sharing the folders; both ended afterwards."""
    pair = Pair(
        Instance("laptop", root / "st-laptop", folder_a),
        Instance("desktop", root / "st-desktop", folder_b),
    )
    try:
        for instance in pair:
            instance.folder.mkdir(parents=True, exist_ok=True)
            instance.generate()
        pair.a.add_peer(pair.b)
        pair.b.add_peer(pair.a)
        for instance in pair:
            instance.start()
        for instance in pair:  # both start up at the same time
            instance.wait_ready()
        pair.share()
        wait_for("the first sync", pair.in_sync)
        yield pair
    finally:
        for instance in pair:
            instance.terminate()  # both at once; each takes about a second to stop
        for instance in pair:
            instance.stop()
