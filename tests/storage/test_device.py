"""This computer's identity: made once, kept, renamed, and remade when its file is damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.storage.device import (
    is_device_id,
    load_or_create_device,
    rename_device,
)


def test_made_once_and_kept(tmp_path: Path) -> None:
    first = load_or_create_device(tmp_path / "config")
    again = load_or_create_device(tmp_path / "config")
    assert is_device_id(first.id)
    assert again == first
    assert first.name


def test_rename_is_kept_and_checked(tmp_path: Path) -> None:
    device = load_or_create_device(tmp_path)
    renamed = rename_device(tmp_path, device, "  Kitchen   laptop ")
    assert renamed.name == "Kitchen laptop"
    assert load_or_create_device(tmp_path) == renamed
    for bad in ("", "   ", "x" * 61, "a\x1bb"):
        with pytest.raises(ValueError):
            rename_device(tmp_path, device, bad)
    assert load_or_create_device(tmp_path) == renamed


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"id": "nope", "name": "x"}'])
def test_a_damaged_file_is_kept_beside_and_a_new_identity_made(
    tmp_path: Path, content: bytes
) -> None:
    (tmp_path / "device.json").write_bytes(content)
    device = load_or_create_device(tmp_path)
    assert is_device_id(device.id)
    assert (tmp_path / "device.json.damaged").read_bytes() == content
    assert load_or_create_device(tmp_path) == device
