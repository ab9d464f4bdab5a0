"""Odd entries a profiles folder can hold, made on demand (shared by storage and UI tests)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.storage.profile_store import MAX_PROFILE_BYTES


@dataclass(frozen=True)
class Odd:
    """How to make one odd entry, and what must happen to it."""

    make: Callable[[Path, pytest.MonkeyPatch], None]
    moved: bool  # True: readable bytes, set aside byte for byte; False: left where it is
    words: str  # what the message must say about it


def _write(raw: bytes) -> Callable[[Path, pytest.MonkeyPatch], None]:
    return lambda path, _mp: path.write_bytes(raw)


def _dangling(path: Path, _mp: pytest.MonkeyPatch) -> None:
    path.symlink_to(path.parent / "gone-elsewhere.json")


def _folder(path: Path, _mp: pytest.MonkeyPatch) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("mine")


def _fifo(path: Path, _mp: pytest.MonkeyPatch) -> None:
    os.mkfifo(path)  # reading it would block start-up for ever


def _dev_zero(path: Path, _mp: pytest.MonkeyPatch) -> None:
    path.symlink_to("/dev/zero")  # reading it would exhaust memory


def _huge(path: Path, _mp: pytest.MonkeyPatch) -> None:
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_PROFILE_BYTES + 1)


def _unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, which ignores chmod, so the refusal is simulated at the open.
    path.write_bytes(b'{"meta": {}}')
    real_open = os.open

    def refuse(name: os.PathLike[str] | str, flags: int, *args: int, **kw: int) -> int:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args, **kw)

    monkeypatch.setattr(os, "open", refuse)


def _link_to_garbage(path: Path, _mp: pytest.MonkeyPatch) -> None:
    target = path.parent.parent / "elsewhere.json"
    target.write_bytes(b"not json at all")
    path.symlink_to(target)


ODD: dict[str, Odd] = {
    "nested 100,000 deep": Odd(_write(b"[" * 100_000 + b"]" * 100_000), True, "nested"),
    "number of 5,000 digits": Odd(
        _write(b'{"meta": {"1": {"app": "groundwork", "n": ' + b"7" * 5000 + b"}}}"),
        True, "number",
    ),
    "dangling link": Odd(_dangling, False, "does not exist"),
    "folder named .json": Odd(_folder, False, "a folder"),
    "fifo": Odd(_fifo, False, "a pipe"),
    "link to /dev/zero": Odd(_dev_zero, False, "a device"),
    "larger than the limit": Odd(_huge, False, "larger"),
    "unreadable": Odd(_unreadable, False, "Permission denied"),
    "link to a damaged file": Odd(_link_to_garbage, False, "damaged"),
}


def fingerprint(path: Path) -> tuple[object, ...]:
    """What must not change about an entry left in place (not following it)."""
    info = os.lstat(path)
    target = os.readlink(path) if path.is_symlink() else None
    small_file = path.is_file() and not path.is_symlink() and info.st_size <= 4096
    content = path.read_bytes() if small_file else info.st_size
    return info.st_mode, info.st_ino, target, content
