"""The share file: one result set for a partner, plain JSON or sealed with a shared passphrase.

```
{"format": "groundwork-share", "version": 1, "protected": false, "share": {...}}
{"format": "groundwork-share", "version": 1, "protected": true,
 "kdf": {"kdf": "argon2id", "salt": ..., "time_cost": ..., ...}, "nonce": ..., "sealed": ...}
```

Sealed: AES-256-GCM with a key derived from the passphrase the two partners agreed on
(Argon2id, the parameters of profile passphrases as they are when the file is made,
stored beside it); the format line is the
associated data, so a changed byte anywhere refuses the file. A plain file is readable by
anyone who has it, and only its shape can be checked.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.sharing import Share
from desktop_app.i18n import _
from desktop_app.storage import keyfile
from desktop_app.storage.codec import DecodeError, from_json, to_json
from desktop_app.storage.keyfile import KeyFileError, derive_key

FORMAT = "groundwork-share"
VERSION = 1
SUFFIX = ".groundwork-share"
MAX_SHARE_FILE = 4 * 1024 * 1024
_AAD = b"groundwork share 1"


class ShareFileError(ValueError):
    """A share file that cannot be opened; the message says why in plain words."""


class WrongSharePassphrase(ShareFileError):
    """A protected share file and a passphrase that does not open it."""


@dataclass(frozen=True)
class ShareEnvelope:
    """A share file read but not yet opened: whether it needs the shared passphrase."""

    protected: bool
    doc: dict[str, Any]


def encode(share: Share, passphrase: str | None) -> bytes:
    """The bytes of a share file for ``share``; sealed when a passphrase is given."""
    inner = to_json(share)
    if passphrase is None:
        doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "protected": False,
                               "share": inner}
    else:
        if not passphrase:
            raise ValueError("an empty shared passphrase")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kdf: dict[str, Any] = {"kdf": "argon2id", "salt": _b64(os.urandom(16)),
                               **keyfile.ARGON2}
        key = derive_key(kdf, passphrase, Path(SUFFIX))
        nonce = os.urandom(12)
        payload = json.dumps(inner, ensure_ascii=False).encode("utf-8")
        sealed = AESGCM(key).encrypt(nonce, payload, _AAD)
        doc = {"format": FORMAT, "version": VERSION, "protected": True, "kdf": kdf,
               "nonce": _b64(nonce), "sealed": _b64(sealed)}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_envelope(raw: bytes) -> ShareEnvelope:
    """The file's outer shape; :class:`ShareFileError` if it is not a share file."""
    if len(raw) > MAX_SHARE_FILE:
        raise ShareFileError(_("This file is far too large to be a share file."))
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ShareFileError(_("This is not a Groundwork share file, or it is cut short "
                               "or damaged.")) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ShareFileError(_("This is not a Groundwork share file."))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ShareFileError(_("This share file is damaged."))
    if version > VERSION:
        raise ShareFileError(_("This share file was made by a newer Groundwork: update "
                               "Groundwork to open it."))
    protected = doc.get("protected")
    if not isinstance(protected, bool) or version != VERSION:
        raise ShareFileError(_("This share file is damaged."))
    return ShareEnvelope(protected, doc)


def open_share(envelope: ShareEnvelope, passphrase: str | None) -> Share:
    """The share inside; :class:`WrongSharePassphrase` or :class:`ShareFileError`."""
    doc = envelope.doc
    if not envelope.protected:
        return _share(doc.get("share"))
    if not passphrase:
        raise WrongSharePassphrase(_("This share file is protected: enter the passphrase "
                                     "the two of you agreed on."))
    kdf = doc.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("kdf") != "argon2id" or not _bounded(kdf):
        raise ShareFileError(_("This share file is damaged."))
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        key = derive_key(kdf, passphrase, Path(SUFFIX))
        nonce, sealed = _unb64(doc.get("nonce")), _unb64(doc.get("sealed"))
        payload = AESGCM(key).decrypt(nonce, sealed, _AAD)
    except KeyFileError:
        raise ShareFileError(_("This share file is damaged.")) from None
    except (InvalidTag, ValueError):
        raise WrongSharePassphrase(_("That passphrase does not open this share file (or the "
                                     "file was changed after it was made).")) from None
    try:
        inner = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ShareFileError(_("This share file is damaged.")) from None
    return _share(inner)


def _share(inner: Any) -> Share:
    try:
        share = from_json(Share, inner)
    except (DecodeError, TypeError, ValueError, RecursionError):
        raise ShareFileError(_("This share file is damaged or incomplete.")) from None
    ids = [result.result_id for result in share.results]
    safe = all(isinstance(i, str) and 0 < len(i) <= 64 for i in [share.share_id, *ids])
    if not safe or len(set(ids)) != len(ids):
        raise ShareFileError(_("This share file is damaged or incomplete."))
    return share


def _bounded(kdf: dict[str, Any]) -> bool:
    # A changed file must not make one try take minutes or gigabytes: at most twice the
    # parameters this version writes.
    return all(isinstance(kdf.get(k), int) and kdf[k] <= 2 * v for k, v in keyfile.ARGON2.items())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError("not base64")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not base64") from None
