"""Simulated computers for the sync tests: each its own HOME, XDG folders and data folder.

Every use of the app is a subprocess with that computer's environment, so nothing (device id,
instance lock, window state, caches) leaks between "computers" through the test process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
RUN_TIMEOUT = 60  # seconds: one start of the app, a few saves, quit

# What identifies a record in a JSON export when ids differ between storages: the text the
# driver wrote into it (see driver.py).
TAG_OF = {
    "assessments": lambda r: r["answers"]["work_ideal"],
    "checkins": lambda r: r["answers"]["note"],
    "wins": lambda r: r["text"],
    "slips": lambda r: r["old_pattern"],
}


@dataclass
class Computer:
    name: str
    root: Path
    passphrase_file: Path | None = None  # the profile is encrypted with its first line

    @property
    def data(self) -> Path:
        return self.root / "data"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        folders = {
            "HOME": "home",
            "XDG_CONFIG_HOME": "home/.config",
            "XDG_DATA_HOME": "home/.local/share",
            "XDG_STATE_HOME": "home/.local/state",
            "XDG_CACHE_HOME": "home/.cache",
            "XDG_RUNTIME_DIR": "run",
        }
        for key, rel in folders.items():
            path = self.root / rel
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
            env[key] = str(path)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
        env["QT_QPA_PLATFORM"] = "offscreen"
        return env

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args],
            env=self.env(),
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
            check=False,
        )

    def use(self, profile: str, *actions: dict[str, Any]) -> dict[str, Any]:
        """Start the app on ``profile``, do ``actions``, quit; the driver's report."""
        done = self._run(
            ["-m", "tests.sync.driver", str(self.data), profile, json.dumps(list(actions)),
             *self._secret()]
        )
        assert done.returncode == 0, f"{self.name}: the app failed:\n{done.stderr[-3000:]}"
        return dict(json.loads(done.stdout))

    def export(self, profile: str) -> dict[str, Any]:
        """``groundwork export --format json`` of ``profile``, parsed."""
        out = self.root / f"export-{profile}.json"
        done = self._run(
            ["-m", "desktop_app", "export", "--profile", profile, "--format", "json",
             "--out", str(out), "--data-dir", str(self.data),
             *(["--passphrase-file", *self._secret()] if self.passphrase_file else [])]
        )
        assert done.returncode == 0, (
            f"{self.name}: groundwork export failed ({done.returncode}): {done.stderr.strip()}"
        )
        return dict(json.loads(out.read_text(encoding="utf-8")))


    def _secret(self) -> list[str]:
        return [] if self.passphrase_file is None else [str(self.passphrase_file)]


def exported_tags(export: dict[str, Any]) -> dict[str, list[str]]:
    """``kind -> sorted tags`` of an export, like the driver's ``seen``."""
    assert export.get("format") == "groundwork-export", export.get("format")
    return {kind: sorted(tag(r) for r in export.get(kind, [])) for kind, tag in TAG_OF.items()}


def exported_ids(export: dict[str, Any]) -> set[tuple[str, str]]:
    return {(kind, str(r["id"])) for kind in TAG_OF for r in export.get(kind, [])}


def expected_tags(*reports: dict[str, Any]) -> dict[str, list[str]]:
    """Every record the drivers were told was saved, as ``kind -> sorted tags``."""
    tags: dict[str, list[str]] = {kind: [] for kind in TAG_OF}
    for report in reports:
        for ack in report["acked"]:
            tags[ack["kind"]].append(ack["tag"])
    return {kind: sorted(found) for kind, found in tags.items()}


def conflict_copies(folder: Path) -> list[str]:
    """Sync-engine conflict copies anywhere under ``folder``."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if ".sync-conflict-" in p.name or "conflicted copy" in p.name
    )


PROFILE = "Sam"
Sync = Callable[[], object]

def two_computers(root: Path, passphrase: str | None = None) -> tuple[Computer, Computer]:
    """Two computers; with ``passphrase``, each uses the profile through a passphrase file
    (the first to start it makes it encrypted)."""
    secret = None
    if passphrase is not None:
        secret = root / "passphrase.txt"
        root.mkdir(parents=True, exist_ok=True)
        secret.write_text(passphrase + "\n", "utf-8")
    return (Computer("laptop", root / "laptop", secret),
            Computer("desktop", root / "desktop", secret))


def work_on_two_computers(laptop: Computer, desktop: Computer, sync: Sync) -> list[dict[str, Any]]:
    """Both computers write through the app before and between syncs, some of it at the same
    time on the same profile; returns the drivers' reports (what each acknowledged)."""
    reports = []
    # The laptop starts the profile; the desktop gets it with the first sync.
    reports.append(laptop.use(
        PROFILE,
        {"do": "assessment", "tag": "lap-assessment-1"},
        {"do": "checkin", "tag": "lap-checkin-1", "win": "lap-win-1", "slip": "lap-slip-1"},
        {"do": "win", "tag": "lap-win-2"},
    ))
    sync()
    # Both write before the next sync: the same profile changes on two computers at once.
    reports.append(desktop.use(
        PROFILE,
        {"do": "assessment", "tag": "desk-assessment-1"},
        {"do": "checkin", "tag": "desk-checkin-1", "win": "desk-win-1"},
        {"do": "win", "tag": "desk-win-2"},
    ))
    reports.append(laptop.use(
        PROFILE,
        {"do": "checkin", "tag": "lap-checkin-2"},
        {"do": "slip", "tag": "lap-slip-2"},
    ))
    sync()
    # And once more, each on top of what the other sent.
    reports.append(desktop.use(PROFILE, {"do": "checkin", "tag": "desk-checkin-2"}))
    reports.append(laptop.use(PROFILE, {"do": "assessment", "tag": "lap-assessment-2"}))
    sync()
    # Opening the profile may tidy up (e.g. merge a conflict copy into its own files);
    # whatever that writes must reach the other side too.
    laptop.use(PROFILE)
    desktop.use(PROFILE)
    sync()
    return reports


def assert_every_record_everywhere(
    computers: tuple[Computer, Computer], reports: list[dict[str, Any]]
) -> None:
    """Each computer shows and exports every acknowledged record, and no conflict copy."""
    everything = expected_tags(*reports)
    for computer in computers:
        shown = computer.use(PROFILE)
        assert shown["seen"] == everything, f"{computer.name} does not show every record"
        assert shown["notices"] == [], f"{computer.name} complained at start"
    for computer in computers:
        assert conflict_copies(computer.data) == [], f"conflict copies on {computer.name}"

    exports = [computer.export(PROFILE) for computer in computers]
    for computer, export in zip(computers, exports, strict=True):
        assert exported_tags(export) == everything, f"{computer.name}'s export misses records"
        assert export["profile"]["name"] == PROFILE
    assert exported_ids(exports[0]) == exported_ids(exports[1])
    acked_ids = {(a["kind"], a["id"]) for r in reports for a in r["acked"] if "id" in a}
    assert acked_ids <= exported_ids(exports[0]), "a record's id changed on the way"
