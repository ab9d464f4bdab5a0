"""Damaged and hostile files that an import must refuse: shared by the headless command's
tests and the menu's, so both face the same files."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from desktop_app.services.import_file import MAX_IMPORT_BYTES

HEAD = {"format": "groundwork-export", "version": 2, "profile": {"name": "Bad"}}


def _json(content: object) -> Callable[[Path], None]:
    return lambda path: path.write_text(json.dumps(content), "utf-8")


def _raw(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def _huge(path: Path) -> None:
    with open(path, "wb") as handle:  # sparse: nothing of it is really written
        handle.truncate(MAX_IMPORT_BYTES + 1)


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _truncated(good: Path) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        data = good.read_bytes()
        path.write_bytes(data[: len(data) * 2 // 3])

    return make


def _check_in(**fields: object) -> dict[str, object]:
    return {"id": "c1", "at": "2026-03-01T20:00:00+00:00", "template_id": "daily",
            "template_version": 1, "answers": {}, "practices_done": [], **fields}


# (what it is, how to write it, a words the refusal says)
BAD: list[tuple[str, Callable[[Path], None], str]] = [
    ("empty", _raw(b""), "damaged"),
    ("binary", _raw(b"\x00\xff\xfe garbage \x80"), "not"),
    ("foreign JSON", _json({"hello": "world"}), "not a Groundwork export"),
    ("a list", _json([1, 2, 3]), "not a Groundwork export"),
    ("newer version", _json({**HEAD, "version": 99}), "newer Groundwork"),
    ("no version", _json({**HEAD, "version": "2"}), "no valid export version"),
    ("deep nesting", _raw(b'{"format": "groundwork-export", "x": ' + _nested(200_000)
                          + b"}"), "damaged"),
    ("deep nesting in a record",
     _json({**HEAD, "checkins": [_check_in(answers={"q": json.loads(_nested(500))})]}),
     "damaged"),
    ("a list that is not a list", _json({**HEAD, "checkins": {"c1": {}}}), "not a list"),
    ("a wrong type", _json({**HEAD, "checkins": [_check_in(at=5)]}), "expected shape"),
    ("a record without id", _json({**HEAD, "wins": [{"text": "x"}]}), "has no id"),
    ("duplicate ids", _json({**HEAD, "checkins": [_check_in(), _check_in()]}),
     "repeats the id"),
    ("an unknown list", _json({**HEAD, "secrets": []}), "unknown list"),
    ("huge", _huge, "far larger"),
]


def write_bad(kind: str, path: Path, good: Path | None = None) -> None:
    """Write the bad file ``kind`` (one of :data:`BAD`, or "truncated" of ``good``)."""
    if kind == "truncated":
        assert good is not None
        _truncated(good)(path)
        return
    [make] = [make for name, make, _says in BAD if name == kind]
    make(path)
    assert os.path.getsize(path) >= 0


KINDS = [name for name, _make, _says in BAD] + ["truncated"]
SAYS = {name: says for name, _make, says in BAD} | {"truncated": "damaged or cut short"}
