"""The profiles folder: list, create, rename, delete, and set aside unreadable files."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.storage.repository import ProfileRepository
from desktop_app.storage.schema import ProfileFileError, Tables, meta_of, parse_profile_bytes


@dataclass(frozen=True)
class ProfileInfo:
    """What the profile list shows: the id (file stem) and the display name."""

    id: str
    name: str
    path: Path
    created_at: str


@dataclass(frozen=True)
class SetAside:
    """A file that could not be opened and was moved, untouched, out of the way."""

    original: Path
    moved_to: Path
    reason: str


class ProfileStore:
    """Profiles live in ``<data>/profiles/<id>.json``; ids are random, never display names."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "profiles"
        self.set_aside_folder = self.folder / "set-aside"
        self.backup_folder = self.folder / "backups"
        # What the last scan parsed, so opening a profile right after does not parse it twice
        # (a five-year profile is megabytes of JSON). Keyed by path; checked against stat.
        self._parsed: dict[Path, tuple[tuple[int, int], Tables]] = {}

    def ensure(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def scan(self, now: datetime) -> tuple[list[ProfileInfo], list[SetAside]]:
        """Readable profiles by name, and the unreadable files just set aside."""
        profiles: list[ProfileInfo] = []
        set_aside: list[SetAside] = []
        self._parsed.clear()
        if not self.folder.is_dir():
            return profiles, set_aside
        for path in sorted(self.folder.glob("*.json")):
            try:
                stamp = _stamp(path)
                tables = parse_profile_bytes(path, path.read_bytes())
            except ProfileFileError as error:
                set_aside.append(self.set_aside(path, error.reason, now))
                continue
            self._parsed[path] = (stamp, tables)
            meta = meta_of(tables)
            profiles.append(
                ProfileInfo(
                    id=path.stem,
                    name=str(meta.get("profile_name") or path.stem),
                    path=path,
                    created_at=str(meta.get("created_at", "")),
                )
            )
        profiles.sort(key=lambda p: p.name.casefold())
        return profiles, set_aside

    def set_aside(self, path: Path, reason: str, now: datetime) -> SetAside:
        """Move an unreadable file aside, byte for byte, so nothing can overwrite it."""
        self.set_aside_folder.mkdir(parents=True, exist_ok=True)
        target = self.set_aside_folder / f"{path.stem}.{now.strftime('%Y%m%dT%H%M%S')}.json"
        counter = 1
        while target.exists():
            counter += 1
            target = target.with_name(f"{path.stem}.{now.strftime('%Y%m%dT%H%M%S')}-{counter}.json")
        os.replace(path, target)
        return SetAside(path, target, reason)

    def create(self, name: str, now: datetime) -> ProfileRepository:
        self.ensure()
        while True:
            path = self.folder / f"profile-{secrets.token_hex(4)}.json"
            if not path.exists():
                return ProfileRepository.create(path, name, now)

    def open(self, profile_id: str, now: datetime) -> ProfileRepository:
        path = self.path_of(profile_id)
        cached = self._parsed.pop(path, None)
        self._parsed.clear()  # one profile is open at a time; let the others go
        parsed = cached[1] if cached is not None and cached[0] == _stamp(path) else None
        return ProfileRepository.open(
            path, now=now, backup_dir=self.backup_folder, parsed=parsed
        )

    def path_of(self, profile_id: str) -> Path:
        path = self.folder / f"{profile_id}.json"
        if path.parent != self.folder or not profile_id:
            raise ValueError(f"not a profile id: {profile_id!r}")
        return path

    def delete(self, profile_id: str) -> None:
        self.path_of(profile_id).unlink()


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size
