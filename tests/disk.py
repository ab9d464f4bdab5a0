"""What a profile holds on disk, read afresh (the shape the old one-file profile had)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.storage.profile_files import read_merged


def _folder(where: Any) -> Path:
    """The profile folder, once every write acknowledged so far has landed in it."""
    if isinstance(where, Path):
        return where
    repo = where.require_repo() if hasattr(where, "require_repo") else where
    repo.flush()  # saves land on the writer thread: wait for them, as a reader must
    return Path(repo.path)


def stored(where: Any) -> dict[str, Any]:
    """``{table: {id: fields}}`` merged from every file, and ``meta`` as ``{"1": {...}}``."""
    merged = read_merged(_folder(where))
    tables: dict[str, Any] = {
        kind: merged.get(kind, {})
        for kind in ("assessments", "drafts", "checkins", "focus", "lapses", "wins", "topics")
    }
    tables["meta"] = {"1": {k: f.get("value") for k, f in merged.get("profile", {}).items()}}
    return tables


def folder_bytes(where: Any) -> dict[str, bytes]:
    """Every file of the profile folder by relative path: equal means nothing was written."""
    folder = _folder(where)
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def profile_folders(data_dir: Path) -> list[Path]:
    """The profile folders of a data folder (``profiles/p-…``)."""
    return sorted(p for p in (data_dir / "profiles").glob("p-*") if p.is_dir())


def stored_names(data_dir: Path) -> list[str]:
    return sorted(str(stored(p)["meta"]["1"]["profile_name"]) for p in profile_folders(data_dir))


def land(where: Any) -> None:
    """Wait for every save made so far (a session's or a repository's). On a failed write,
    read the disk again, as the window does, and raise the write's error."""
    try:
        where.ticket().result()
    except BaseException:
        where.recover()
        raise
