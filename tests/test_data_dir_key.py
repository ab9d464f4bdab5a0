"""The data-folder key (``paths.data_dir_key``) names the lock and the window state, so it
must stay what it was: SHA-256 of the resolved path, computed without OpenSSL at start."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from desktop_app.paths import data_dir_key


def test_the_key_is_the_same_as_hashlibs_sha256(tmp_path: Path) -> None:
    for name in ("data", "Dätä ordner", "with space", "\udcff-undecodable"):
        folder = tmp_path / name
        resolved = os.path.realpath(folder)
        wanted = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        assert data_dir_key(folder) == wanted


def test_a_link_to_the_folder_has_the_same_key(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    link = tmp_path / "link"
    link.symlink_to(folder)
    assert data_dir_key(link) == data_dir_key(folder)
    assert data_dir_key(tmp_path / "other") != data_dir_key(folder)


def test_the_key_does_not_load_openssl() -> None:
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from desktop_app.paths import data_dir_key; "
            "data_dir_key(Path('.')); print('_hashlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ})
    assert done.stdout.strip() == "False"
