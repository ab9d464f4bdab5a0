from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_app.storage.profile_store import ProfileStore

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


def test_profiles_are_listed_by_name_with_random_file_names(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    for name in ("zoe", "Adam", "../../x"):
        store.create(name, NOW).close()
    profiles, moved = store.scan(NOW)
    assert [p.name for p in profiles] == ["../../x", "Adam", "zoe"]
    assert moved == []
    assert all(p.path.parent == store.folder for p in profiles)
    assert all(p.path.name.startswith("profile-") for p in profiles)


def test_open_after_scan_sees_a_change_made_in_between(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    repo = store.create("Sam", NOW)
    repo.close()
    (info,), _ = store.scan(NOW)
    data = json.loads(info.path.read_text())
    data["meta"]["1"]["profile_name"] = "Changed outside"
    info.path.write_text(json.dumps(data))
    stat = info.path.stat()
    os.utime(info.path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert store.open(info.id, NOW).name == "Changed outside"


def test_ids_cannot_escape_the_folder(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    with pytest.raises(ValueError):
        store.path_of("../outside")
    with pytest.raises(ValueError):
        store.path_of("")
