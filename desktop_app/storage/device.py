"""This computer ("device"): a random id and a name, kept in the platform *config* folder.

The id names the files this computer alone writes in a synced data folder, so it must never
travel with the data folder: two computers sharing one id would write the same files.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from desktop_app.i18n import _, ngettext
from desktop_app.storage.atomic import atomic_write_bytes

DEVICE_FILE = "device.json"
_ID = re.compile(r"^d-[0-9a-f]{16}$")
MAX_NAME = 60


@dataclass(frozen=True)
class Device:
    id: str
    name: str


def new_device_id() -> str:
    import secrets  # made once per computer: not loaded (with OpenSSL) at every start

    return f"d-{secrets.token_hex(8)}"


def is_device_id(value: object) -> bool:
    return isinstance(value, str) and bool(_ID.match(value))


def default_device_name() -> str:
    import socket  # not at import: start-up loads this module before the window shows

    name = socket.gethostname().split(".")[0].strip()
    return name[:MAX_NAME] or _("This computer")


def clean_device_name(name: str) -> str:
    """The name as stored; raises ValueError with a sentence for a person."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError(_("Please give this computer a name."))
    if len(cleaned) > MAX_NAME:
        raise ValueError(
            ngettext(
                "Please keep the name under {n} character.",
                "Please keep the name under {n} characters.",
                MAX_NAME,
            ).format(n=MAX_NAME)
        )
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in cleaned):
        raise ValueError(_("The name cannot hold control characters."))
    return cleaned


def load_or_create_device(config_dir: Path) -> Device:
    """This computer's identity, made once on first use.

    A damaged file is kept beside (``device.json.damaged``) and a new identity is made: a new
    id only means this computer starts writing new files; nothing it wrote is lost.
    """
    path = config_dir / DEVICE_FILE
    try:
        raw = json.loads(path.read_bytes())
    except FileNotFoundError:
        raw = None
    except (OSError, ValueError):
        _keep_damaged(path)
        raw = None
    if isinstance(raw, dict) and is_device_id(raw.get("id")):
        name = raw.get("name")
        try:
            cleaned = clean_device_name(name) if isinstance(name, str) else default_device_name()
        except ValueError:
            cleaned = default_device_name()
        return Device(str(raw["id"]), cleaned)
    if raw is not None:
        _keep_damaged(path)
    device = Device(new_device_id(), default_device_name())
    save_device(config_dir, device)
    return device


def save_device(config_dir: Path, device: Device) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"id": device.id, "name": device.name}, ensure_ascii=False, indent=1)
    atomic_write_bytes(config_dir / DEVICE_FILE, payload.encode("utf-8"))


def rename_device(config_dir: Path, device: Device, name: str) -> Device:
    renamed = Device(device.id, clean_device_name(name))
    save_device(config_dir, renamed)
    return renamed


def _keep_damaged(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.replace(path.with_name(path.name + ".damaged"))
