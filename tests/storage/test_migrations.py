from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop_app.storage.repository import ProfileRepository
from desktop_app.storage.schema import NewerSchemaError, ProfileFileError

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


def make_profile(tmp_path: Path, version: int) -> Path:
    repo = ProfileRepository.create(tmp_path / "p.json", "Sam", NOW)
    data = json.loads(repo.path.read_text())
    data["meta"]["1"]["schema_version"] = version
    data["wins"] = {"1": {"text": "old shape"}}
    repo.path.write_text(json.dumps(data))
    return repo.path


def rename_text(tables: dict[str, Any]) -> None:
    for doc in tables["wins"].values():
        doc["words"] = doc.pop("text")


def add_field(tables: dict[str, Any]) -> None:
    for doc in tables["wins"].values():
        doc["focus_area"] = None


def test_runs_every_step_after_a_backup(tmp_path: Path) -> None:
    path = make_profile(tmp_path, 1)
    original = path.read_bytes()
    ProfileRepository.open(
        path, now=NOW, migrations={1: rename_text, 2: add_field}, target_version=3
    )
    data = json.loads(path.read_text())
    assert data["meta"]["1"]["schema_version"] == 3
    assert data["wins"]["1"] == {"words": "old shape", "focus_area": None}
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1
    assert backups[0].read_bytes() == original
    assert "v1" in backups[0].name


def test_current_version_is_not_rewritten_or_backed_up(tmp_path: Path) -> None:
    path = make_profile(tmp_path, 1)
    before = path.stat().st_mtime_ns, path.read_bytes()
    ProfileRepository.open(path, now=NOW, migrations={}, target_version=1)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    assert not (tmp_path / "backups").exists()


def test_newer_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = make_profile(tmp_path, 7)
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer Groundwork"):
        ProfileRepository.open(path, now=NOW)
    assert path.read_bytes() == before


def test_missing_step_is_refused_without_writing(tmp_path: Path) -> None:
    path = make_profile(tmp_path, 1)
    before = path.read_bytes()
    with pytest.raises(ProfileFileError, match="upgrade"):
        ProfileRepository.open(path, now=NOW, migrations={}, target_version=2)
    assert path.read_bytes() == before
