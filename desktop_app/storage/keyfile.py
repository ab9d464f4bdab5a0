"""The wrapped data key of an encrypted profile: one small plain-JSON file per device folder.

``profiles/<profile>/<device>/key.json`` is written only by its device (one writer per file).
It holds the data key wrapped by a key derived from the passphrase (Argon2id, parameters
beside it) and wrapped again by the recovery key, plus the display name. The newest file
across devices wins (its ``_updated_at``, ties by device id), like a record: a passphrase
change on one computer reaches the others through the synced folder, and only the newest
wrap opens the profile. A removed passphrase leaves ``protected: false`` and the data key in
the clear, so other computers can still read their encrypted files and rewrite them plain.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_app.i18n import _
from desktop_app.storage.atomic import atomic_write_bytes
from desktop_app.storage.crypto import KEY_BYTES, KEY_ID_BYTES, FileCipher
from desktop_app.storage.device import is_device_id
from desktop_app.storage.reading import read_profile_file
from desktop_app.storage.schema import ProfileFileError

KEY_FILE = "key.json"
KEY_APP = "groundwork-key"
KEY_FORMAT = 1
MAX_KEY_FILE = 64 * 1024
# Measured on the development machine: 0.34-0.46 s per guess (see docs/privacy.md).
# Stored beside each wrap, so a later change of these never locks anyone out.
ARGON2 = {"time_cost": 3, "memory_cost": 131072, "parallelism": 1}
_ARGON2_MAX = (64, 1024 * 1024, 16)  # passes, KiB (1 GiB), lanes
RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
RECOVERY_BYTES = 20  # 160 bits: 32 base32 letters, shown as 8 groups of 4


class KeyFileError(ProfileFileError):
    """A key file that cannot be used: not JSON, tampered with, unknown fields."""


@dataclass
class KeyFile:
    """One device's key file, checked."""

    path: Path
    device: str
    updated_at: datetime
    protected: bool
    key_id: bytes
    doc: dict[str, Any] = field(repr=False)

    @property
    def order(self) -> tuple[datetime, str]:
        return (self.updated_at, self.device)

    @property
    def name(self) -> tuple[str, str] | None:
        """(name stamp, display name), when the file carries one."""
        name, at = self.doc.get("name"), self.doc.get("name_at")
        return (at, name) if isinstance(name, str) and isinstance(at, str) else None


def _b64(data: bytes | bytearray) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def _unb64(path: Path, value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise KeyFileError(path, _("the key file has no valid {what}").format(what=what))
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise KeyFileError(
            path, _("the key file has no valid {what}").format(what=what)
        ) from None


def parse_key_file(path: Path, raw: bytes) -> KeyFile:
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):
        raise KeyFileError(path, _("the key file is damaged or cut short")) from None
    if not isinstance(doc, dict) or doc.get("app") != KEY_APP:
        raise KeyFileError(path, _("the file is not a Groundwork key file"))
    if doc.get("format") != KEY_FORMAT:
        raise KeyFileError(
            path, _("the key file is of a newer format; please update Groundwork")
        )
    try:
        stamp = datetime.fromisoformat(str(doc.get("_updated_at")))
    except ValueError:
        raise KeyFileError(path, _("the key file has no valid date")) from None
    if stamp.tzinfo is None:
        raise KeyFileError(path, _("the key file has no valid date"))
    key_id = _unb64(path, doc.get("key_id"), "key id")
    protected = doc.get("protected")
    if len(key_id) != KEY_ID_BYTES or not isinstance(protected, bool):
        raise KeyFileError(path, _("the key file is damaged"))
    if protected and not isinstance(doc.get("passphrase"), dict):
        raise KeyFileError(path, _("the key file holds no wrapped key"))
    return KeyFile(path, path.parent.name, stamp.astimezone(UTC), protected, key_id, doc)


def read_key_files(folder: Path) -> tuple[list[KeyFile], list[KeyFileError]]:
    """Every device's key file of a profile folder, and those that could not be read."""
    found: list[KeyFile] = []
    bad: list[KeyFileError] = []
    try:
        devices = sorted(e.path for e in os.scandir(folder) if is_device_id(e.name))
    except OSError:
        return found, bad
    for device in devices:
        path = Path(device) / KEY_FILE
        try:
            raw = read_profile_file(path)
            if len(raw) > MAX_KEY_FILE:
                raise KeyFileError(path, _("the key file is far too large"))
            found.append(parse_key_file(path, raw))
        except (FileNotFoundError, NotADirectoryError):
            continue
        except KeyFileError as error:
            bad.append(error)
        except ProfileFileError as error:
            bad.append(KeyFileError(path, error.reason))
    return found, bad


def newest(files: list[KeyFile]) -> KeyFile | None:
    return max(files, key=lambda f: f.order, default=None)


def display_name(files: list[KeyFile]) -> str | None:
    names = [n for n in (f.name for f in files) if n is not None]
    return max(names)[1] if names else None


def next_stamp(now: datetime, files: list[KeyFile]) -> datetime:
    """Strictly after every key file seen, so this write wins even with a clock behind."""
    latest = newest(files)
    if latest is not None and now.astimezone(UTC) <= latest.updated_at:
        return latest.updated_at + timedelta(microseconds=1)
    return now.astimezone(UTC)


# --- wrapping ------------------------------------------------------------------------------


def _aad(key_id: bytes, kind: str) -> bytes:
    # The key id ties the wrap to the files sealed with that key (their header names it).
    return b"groundwork key wrap\0" + key_id + kind.encode()


def _derive(wrap: dict[str, Any], secret: str, path: Path) -> bytes:
    # Imported here: opening a plain profile at start never pays for argon2 or cryptography.
    from argon2.low_level import Type, hash_secret_raw
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    salt = _unb64(path, wrap.get("salt"), "salt")
    kdf = wrap.get("kdf")
    if kdf == "argon2id":
        params = [wrap.get(k) for k in ("time_cost", "memory_cost", "parallelism")]
        # Bounded, so a tampered file cannot make one try take hours or gigabytes.
        if not all(isinstance(p, int) and not isinstance(p, bool) and 1 <= p <= top
                   for p, top in zip(params, _ARGON2_MAX, strict=True)):
            raise KeyFileError(path, _("the key file's parameters are damaged"))
        t, m, p = (int(x) for x in params)  # type: ignore[arg-type]
        if m < 8 * p:
            raise KeyFileError(path, _("the key file's parameters are damaged"))
        return hash_secret_raw(secret.encode("utf-8"), salt, time_cost=t, memory_cost=m,
                               parallelism=p, hash_len=KEY_BYTES, type=Type.ID)
    if kdf == "hkdf-sha256":  # the recovery key is 160 random bits: no stretching needed
        return HKDF(hashes.SHA256(), KEY_BYTES, salt, b"groundwork recovery").derive(
            secret.encode("ascii"))
    raise KeyFileError(path, _("the key file names an unknown key derivation"))


def derive_key(params: dict[str, Any], secret: str, path: Path) -> bytes:
    """The key ``secret`` gives with the derivation ``params`` names (a share file uses it too);
    :class:`KeyFileError` when the parameters are damaged or out of bounds."""
    return _derive(params, secret, path)


def make_wrap(cipher: FileCipher, secret: str, kind: str) -> dict[str, Any]:
    """The data key wrapped by ``secret`` (``kind``: "passphrase" or "recovery")."""
    wrap: dict[str, Any] = {"salt": _b64(os.urandom(16))}
    if kind == "passphrase":
        wrap |= {"kdf": "argon2id", **ARGON2}
    else:
        wrap["kdf"] = "hkdf-sha256"
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = _derive(wrap, secret, Path(KEY_FILE))
    nonce = os.urandom(12)
    sealed = AESGCM(kek).encrypt(nonce, bytes(cipher.key), _aad(cipher.key_id, kind))
    return wrap | {"nonce": _b64(nonce), "wrapped": _b64(sealed)}


def unwrap(key_file: KeyFile, secret: str, kind: str) -> FileCipher | None:
    """The data key behind ``secret``; None when the secret is wrong."""
    wrap = key_file.doc.get(kind)
    if not isinstance(wrap, dict):
        return None
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = _derive(wrap, secret, key_file.path)
    nonce = _unb64(key_file.path, wrap.get("nonce"), "nonce")
    sealed = _unb64(key_file.path, wrap.get("wrapped"), "wrapped key")
    try:
        key = bytearray(AESGCM(kek).decrypt(nonce, sealed,
                                            _aad(key_file.key_id, kind)))
    except (InvalidTag, ValueError):
        return None
    try:
        return FileCipher(key, key_file.key_id)
    finally:
        key[:] = bytes(len(key))


def plain_cipher(key_file: KeyFile) -> FileCipher | None:
    """The data key a removed passphrase left in the clear (to read old encrypted files)."""
    raw = key_file.doc.get("plain_key")
    if key_file.protected or raw is None:
        return None
    key = _unb64(key_file.path, raw, "key")
    return FileCipher(key, key_file.key_id) if len(key) == KEY_BYTES else None


# --- recovery keys -------------------------------------------------------------------------


def new_recovery_key() -> str:
    letters = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))


def as_recovery_key(text: str) -> str | None:
    """``text`` as a recovery key (spaces, dashes and case ignored), or None if it is not one."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != 32 or any(c not in RECOVERY_ALPHABET for c in cleaned):
        return None
    return cleaned


# --- writing -------------------------------------------------------------------------------


def key_doc(*, profile_id: str, device: str, stamp: datetime, cipher: FileCipher,
            protected: bool, wraps: dict[str, dict[str, Any]],
            name: tuple[str, str] | None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "app": KEY_APP, "format": KEY_FORMAT, "profile": profile_id, "device": device,
        "_updated_at": stamp.isoformat(), "protected": protected,
        "key_id": _b64(cipher.key_id),
    }
    if protected:
        doc |= wraps
    else:
        doc["plain_key"] = _b64(cipher.key)
    if name is not None:
        doc["name_at"], doc["name"] = name
    return doc


def write_key_file(path: Path, doc: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, json.dumps(doc, indent=1, sort_keys=True).encode("utf-8"))


def own_copy(keys: list[KeyFile], device: str, *, name: tuple[str, str] | None = None
             ) -> dict[str, Any] | None:
    """This device's key file as it should be: the newest wrap (same stamp) and the newest
    name (or ``name``); None when the one on disk is that already."""
    latest = newest(keys)
    if latest is None:
        return None
    doc = {k: v for k, v in latest.doc.items() if k not in ("name", "name_at")}
    doc["device"] = device
    names = [n for n in (f.name for f in keys) if n is not None]
    if name is not None:
        names.append(name)
    if names:
        doc["name_at"], doc["name"] = max(names)
    mine = next((k for k in keys if k.device == device), None)
    if mine is not None and mine.key_id != latest.key_id and (
            mine.protected or latest.protected):
        # Another data key (two computers protected the profile at once): keeping this
        # wrap is the only way left to read the files sealed with it. See docs/privacy.md.
        return None
    return None if mine is not None and mine.doc == doc else doc
