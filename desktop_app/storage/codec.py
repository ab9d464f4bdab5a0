"""The one place where domain dataclasses become JSON-safe values and back.

Field names become keys; aware datetimes become ISO 8601 with offset; dates ISO dates;
enums their value; tuples lists. Decoding follows the dataclass's type hints, read with
``typing.get_type_hints``, so modules may use ``from __future__ import annotations``.

msgspec does the work (``python -m tests.benchmarks.codec`` measures it against the plain
codec); the hand-written :mod:`plain_codec` defines the behaviour and takes every case msgspec
would treat differently: a document msgspec refuses, or whose dates it would read otherwise
(more than six fraction digits, offsets in seconds, a "Z", a form ``fromisoformat`` reads
and RFC 3339 does not), is decoded again by the plain codec, which accepts it or says why
not. Datetimes are always written by ``isoformat`` ("+00:00", never "Z"), and a class with a
field type msgspec would write differently (sets, bytes, ...) goes through the plain codec.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar

import msgspec

from desktop_app.storage import msgspec_plans as plans
from desktop_app.storage import plain_codec
from desktop_app.storage.plain_codec import JSON, DecodeError, hints

__all__ = ["JSON", "DecodeError", "from_json", "keep_unknown", "to_json"]

T = TypeVar("T")



def to_json(value: Any) -> Any:
    """Turn a dataclass (or any supported value) into JSON-safe data."""
    kind: type = type(value)
    if not (dataclasses.is_dataclass(kind) and plans.fast(kind)):
        return plain_codec.to_json(value)
    try:
        out = msgspec.to_builtins(value)
    except (TypeError, ValueError, OverflowError):
        return plain_codec.to_json(value)  # raises as it always did, with its message
    write = plans.writer(kind)
    return out if write is None else write(value, out)


def from_json(cls: type[T], data: Any) -> T:
    """Rebuild a ``cls`` from what :func:`to_json` produced.

    Raises :class:`DecodeError` when ``data`` does not have the shape of a ``cls``.
    """
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and plans.fast(cls):
        try:
            value = msgspec.convert(data, cls)
        except Exception:  # the plain codec decides, and raises as it always did
            return plain_codec.from_json(cls, data)
        check = plans.checker(cls)
        if check is None or check(data, value):
            return value
    return plain_codec.from_json(cls, data)


# --- keeping what this version does not know ---------------------------------------------------


def keep_unknown(cls: type, stored: Any, fresh: Any) -> Any:
    """``fresh`` (the encoded new version of a record) plus the fields of ``stored`` that
    ``cls`` does not know: written by a newer Groundwork, or by hand, they are not ours to drop.

    Only field names are merged. A known field takes its new value, ``None`` included, and
    the keys *inside* a dict-valued field (answers by question id, scores by scale id) are
    data, not fields: a cleared answer must disappear, so such a dict is replaced whole.
    Nested records are merged the same way, list items matched by their ``key``.
    """
    if not (isinstance(stored, dict) and isinstance(fresh, dict)):
        return fresh
    if not (dataclasses.is_dataclass(cls) and isinstance(cls, type)):
        return fresh
    known = hints(cls)
    merged = dict(fresh)
    for name, value in stored.items():
        if name not in known:
            merged[name] = value
        elif name in fresh:
            merged[name] = _keep_nested(known[name], value, fresh[name])
    return merged


def _keep_nested(tp: Any, stored: Any, fresh: Any) -> Any:
    record = _record_type(tp)
    if record is not None:
        return keep_unknown(record, stored, fresh)
    if typing.get_origin(tp) in (list, tuple) and isinstance(stored, list):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        item = _record_type(args[0]) if len(args) == 1 else None
        if item is None or not isinstance(fresh, list):
            return fresh
        by_key = {d.get("key"): d for d in stored if isinstance(d, dict) and "key" in d}
        return [
            keep_unknown(item, by_key[d["key"]], d)
            if isinstance(d, dict) and d.get("key") in by_key
            else d
            for d in fresh
        ]
    return fresh


def _record_type(tp: Any) -> type | None:
    """The dataclass in ``tp`` (``X`` or ``X | None``), or None."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        found = [a for a in typing.get_args(tp) if a is not type(None)]
        tp = found[0] if len(found) == 1 else None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp
    return None
