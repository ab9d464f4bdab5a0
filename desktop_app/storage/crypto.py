"""Encrypted profile files: one data key per profile, AES-256-GCM per file.

An encrypted file is ``MAGIC | key id (8) | nonce (12) | ciphertext and tag``. The associated
data is the magic, the key id and the file's path relative to the data folder
(``profiles/<profile>/<device>/<name>``): a file moved to another name, device folder or
profile does not decrypt. A sync engine's conflict copy is authenticated as the file it is a
copy of. See docs/privacy.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.i18n import _
from desktop_app.storage.layout import conflict_base
from desktop_app.storage.schema import CorruptProfileError, ProfileFileError

if TYPE_CHECKING:
    # Imported when a key is first used: a plain profile never loads cryptography at start.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"GWENC1\n"  # never the start of a JSON file
KEY_BYTES = 32
KEY_ID_BYTES = 8
NONCE_BYTES = 12
TAG_BYTES = 16
HEAD = len(MAGIC) + KEY_ID_BYTES + NONCE_BYTES


class LockedFileError(ProfileFileError):
    """An encrypted file met without its profile's key (the profile is locked)."""


def is_encrypted(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def relative_name(path: Path) -> str:
    """The path a file is authenticated as: ``profiles/<profile>/<device>/<name>``.

    A conflict copy counts as the file it copies, so it decrypts (and merges) like it.
    """
    name = conflict_base(path.name) or path.name
    return f"profiles/{path.parent.parent.name}/{path.parent.name}/{name}"


class FileCipher:
    """A profile's data key, able to seal and open that profile's files.

    The key is held in a ``bytearray`` that :meth:`wipe` zeroes. Python and OpenSSL may keep
    copies we cannot reach (the AES context); dropping the object frees them.
    """

    def __init__(self, key: bytes | bytearray, key_id: bytes) -> None:
        if len(key) != KEY_BYTES or len(key_id) != KEY_ID_BYTES:
            raise ValueError("a data key is 32 bytes with an 8-byte id")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._key = bytearray(key)
        self.key_id = bytes(key_id)
        self._aead: AESGCM | None = AESGCM(self._key)

    @classmethod
    def new(cls) -> FileCipher:
        return cls(os.urandom(KEY_BYTES), os.urandom(KEY_ID_BYTES))

    @property
    def key(self) -> bytearray:
        """The raw key, for wrapping it (a view of the held bytes, not a copy)."""
        if self._aead is None:
            raise ValueError("the key was wiped")
        return self._key

    def _cipher(self) -> AESGCM:
        if self._aead is None:
            raise ValueError("the key was wiped")
        return self._aead

    def seal(self, path: Path, payload: bytes) -> bytes:
        """``payload`` encrypted for ``path``, with a fresh random nonce."""
        nonce = os.urandom(NONCE_BYTES)
        head = MAGIC + self.key_id + nonce
        body = self._cipher().encrypt(nonce, payload, self._aad(path))
        return head + body

    def open(self, path: Path, raw: bytes) -> bytes:
        """The plain bytes of ``raw`` read from ``path``; ``CorruptProfileError`` if it is
        damaged, cut short, moved from elsewhere, or sealed with another key."""
        if len(raw) < HEAD + TAG_BYTES:
            raise CorruptProfileError(path, _("the encrypted file is cut short"))
        key_id = raw[len(MAGIC):len(MAGIC) + KEY_ID_BYTES]
        if key_id != self.key_id:
            raise CorruptProfileError(
                path, _("the encrypted file was sealed with another key than this profile's "
                        "(was the profile protected on two computers at once?)"))
        nonce = raw[len(MAGIC) + KEY_ID_BYTES:HEAD]
        from cryptography.exceptions import InvalidTag

        try:
            return self._cipher().decrypt(nonce, raw[HEAD:], self._aad(path, key_id))
        except InvalidTag:
            raise CorruptProfileError(
                path, _("the encrypted file is damaged, cut short, or was moved here from "
                        "another place")) from None

    def _aad(self, path: Path, key_id: bytes | None = None) -> bytes:
        return MAGIC + (key_id or self.key_id) + relative_name(path).encode("utf-8")

    def wipe(self) -> None:
        for i in range(len(self._key)):
            self._key[i] = 0
        self._aead = None


KEY_LINE_PREFIX = b"groundwork-data-key "


def key_line(cipher: FileCipher) -> bytearray:
    """The data key as one line, for the stdin of a child process this app starts (never
    its arguments, its environment or a file). The caller zeroes it once written."""
    line = bytearray(KEY_LINE_PREFIX)
    line += cipher.key_id.hex().encode("ascii") + b" "
    line += cipher.key.hex().encode("ascii") + b"\n"
    return line


def cipher_from_line(line: bytes | bytearray) -> FileCipher:
    """The key :func:`key_line` wrote; ValueError if ``line`` is not one."""
    if not line.startswith(KEY_LINE_PREFIX):
        raise ValueError("not a data key")
    parts = bytes(line[len(KEY_LINE_PREFIX):]).split()
    if len(parts) != 2:
        raise ValueError("not a data key")
    key = bytearray(bytes.fromhex(parts[1].decode("ascii")))
    try:
        return FileCipher(key, bytes.fromhex(parts[0].decode("ascii")))
    finally:
        key[:] = bytes(len(key))


def decode_raw(path: Path, raw: bytes, cipher: FileCipher | None) -> bytes:
    """The plain bytes of a profile file: decrypted when encrypted, as is when plain."""
    if not is_encrypted(raw):
        return raw
    if cipher is None:
        raise LockedFileError(path, _("the file is encrypted and the profile is locked"))
    return cipher.open(path, raw)


def encode_payload(path: Path, payload: bytes, cipher: FileCipher | None) -> bytes:
    """The bytes to commit for ``path``: sealed when the profile has a key."""
    return payload if cipher is None else cipher.seal(path, payload)
