"""When this computer's copy of Home (``home_snapshot``) is used, written and removed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.home_snapshot import HomeInputs, load_with_texts, remove, snapshot_key, store

if TYPE_CHECKING:
    from desktop_app.services.session import Session


class HomeCopy:
    """The copy for one data folder; ``path`` is in this computer's state folder."""

    def __init__(self, path: Path, session: Session) -> None:
        self.path = path
        self.session = session
        # The profile (id, name) the file on disk is of, once known.
        self.of: tuple[str, str] | None = None
        # Home's dates and times as written, read with the copy and kept with the next one.
        self.texts: dict[str, str] = {}

    def for_start(self, profile_id: str) -> HomeInputs | None:
        """Home's inputs for ``profile_id`` if the copy still holds for every file."""
        session = self.session
        found = load_with_texts(self.path, profile_id,
                                snapshot_key(session.data_dir, session.resources, profile_id))
        if found is None:
            return None
        inputs, self.texts = found
        self.of = (inputs.profile_id, inputs.name)
        return inputs

    def keep(self, shown: HomeInputs | None = None) -> None:
        """Write what Home shows now (``shown``: what it has just drawn from the profile),
        unless the profile is protected (then remove it)."""
        session = self.session
        repo = session.repo
        if repo is None or session.key is not None or repo.write_cipher is not None:
            self.forget()
            return
        if not session.flush(0):
            return  # the files are about to change: the copy is written at quit instead
        from desktop_app.services.home_inputs import home_inputs

        # The files' key before the inputs: a file landing between the two makes a copy
        # that is never used, rather than one that shows less than the files hold.
        key = snapshot_key(session.data_dir, session.resources, repo.profile_id)
        inputs = shown if shown is not None else home_inputs(session)
        from desktop_app.ui.screens.home_time import home_texts

        self.texts = home_texts(inputs, session.clock(), self.texts)
        store(self.path, inputs, key, self.texts)
        self.of = (inputs.profile_id, inputs.name)

    def follow(self) -> None:
        """From now on, remove the copy as soon as it is of no open, plain profile."""
        if self.of is None:
            self.of = _peek(self.path)
        self.session.subscribe(self._changed)
        self._changed()

    def _changed(self) -> None:
        session, profile = self.session, self.session.profile
        if session.key is not None or (self.of is not None and (
                profile is None or (profile.id, profile.name) != self.of)):
            self.forget()  # protected, deleted, renamed, or another profile opened

    def forget(self) -> None:
        remove(self.path)
        self.of = None


def _peek(path: Path) -> tuple[str, str] | None:
    """Which profile a copy on disk is of (whatever else it holds)."""
    try:
        inputs = json.loads(path.read_bytes())["inputs"]
        found = (inputs["profile_id"], inputs["name"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return found if all(isinstance(v, str) for v in found) else None
