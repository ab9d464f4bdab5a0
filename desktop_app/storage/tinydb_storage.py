"""The bytes of a TinyDB file as Groundwork writes it."""

from __future__ import annotations

import json
from typing import Any


def encode_tables(data: dict[str, dict[str, Any]]) -> bytes:
    """The exact bytes a file holds (compact, UTF-8, readable by TinyDB and any JSON tool).

    Files are replaced atomically by :mod:`desktop_app.storage.shards`, never through
    TinyDB's own storage, which writes in place.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
