"""Where msgspec and the plain codec differ, and the small fixes that make them agree.

msgspec writes a UTC datetime as "Z", rounds a sub-minute offset, keeps tuples as tuples, and
reads RFC 3339 only (rounding a seventh fraction digit, refusing what ``fromisoformat``
takes). For each dataclass a *writer* and a *checker* are built once from its type hints:
the writer visits only the fields whose type may hold a datetime, a tuple or ``Any``; the
checker only those that may hold a date or datetime, and says whether msgspec read them as
the plain codec would (an aware value whose ``isoformat`` is the stored text).
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

import msgspec

from desktop_app.storage import plain_codec
from desktop_app.storage.plain_codec import hints

# (value, what msgspec wrote) -> what the plain codec writes
Writer = Callable[[Any, Any], Any]
# (stored data, what msgspec read) -> True when the plain codec reads the same
Checker = Callable[[Any, Any], bool]

# Leaf types msgspec writes and reads as the plain codec does (dates are fixed or checked).
_SAME_LEAVES: frozenset[Any] = frozenset({str, int, float, bool, type(None), datetime, date})
_NONE = type(None)


@cache
def fast(cls: type) -> bool:
    """Whether msgspec may take ``cls``: it supports the type, and every field type is one
    whose differences the writer and checker cover."""
    try:
        msgspec.inspect.type_info(cls)
        return _same_type(cls, set())
    except Exception:  # unsupported by msgspec, or hints that do not resolve
        return False


def _same_type(tp: Any, seen: set[type]) -> bool:
    if tp is Any or tp in _SAME_LEAVES:
        return True
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return all(_same_type(a, seen) for a in args)
    if origin is typing.Literal:
        return all(isinstance(a, str | int) and not isinstance(a, bool) for a in args)
    if origin in (list, tuple):
        return all(a is Ellipsis or _same_type(a, seen) for a in args)
    if origin is dict:
        return bool(args) and args[0] is str and _same_type(args[1], seen)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return all(type(m.value) in (str, int) for m in tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if tp in seen:
            return True
        seen.add(tp)
        return all(_same_type(h, seen) for h in hints(tp).values())
    return False  # bare containers, sets, bytes, times, ...: the plain codec's rules


# --- writing -----------------------------------------------------------------------------------


def write_any(value: Any, out: Any) -> Any:
    """The writer for any value, by its run-time type (unions of several kinds, recursion)."""
    if isinstance(value, datetime):
        return _write_datetime(value, out)
    kind: type = type(value)
    if dataclasses.is_dataclass(kind) and isinstance(out, dict):
        write = writer(kind)
        return out if write is None else write(value, out)
    if isinstance(value, list | tuple) and isinstance(out, list | tuple):
        return [write_any(v, o) for v, o in zip(value, out, strict=True)]
    if isinstance(value, dict) and isinstance(out, dict):
        return {key: write_any(v, out[key]) for key, v in value.items()}
    return out


def _write_datetime(value: Any, out: Any) -> Any:
    if not isinstance(value, datetime):
        return write_any(value, out)
    if value.tzinfo is None:
        raise ValueError("refusing to store a datetime without a time zone")
    return value.isoformat()


def _write_plain(value: Any, _out: Any) -> Any:
    return plain_codec.to_json(value)


def _write_list(_value: Any, out: Any) -> Any:
    return list(out)


def _write_each(fix: Writer) -> Writer:
    return lambda v, o: [fix(a, b) for a, b in zip(v, o, strict=True)]


def _write_values(fix: Writer) -> Writer:
    return lambda v, o: {k: fix(x, o[k]) for k, x in v.items()}


@cache
def writer(cls: type) -> Writer | None:
    """The fixes msgspec's output of a ``cls`` needs, or None when it needs none."""
    return _writer(cls, frozenset())


def _writer(tp: Any, busy: frozenset[type]) -> Writer | None:
    if tp is Any:
        return _write_plain
    origin = typing.get_origin(tp)
    args = [a for a in typing.get_args(tp) if a is not Ellipsis]
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in args if a is not _NONE]
        found = [w for a in kinds if (w := _writer(a, busy)) is not None]
        if not found:
            return None
        if len(kinds) == 1:
            write = found[0]
            return lambda v, o: o if v is None else write(v, o)
        return write_any
    if origin is tuple:
        if len(args) != 1:
            return write_any
        each = _writer(args[0], busy)
        return _write_list if each is None else _write_each(each)
    if origin is list:
        each = _writer(args[0], busy) if args else None
        return None if each is None else _write_each(each)
    if origin is dict:
        value = _writer(args[1], busy) if args else None
        return None if value is None else _write_values(value)
    if isinstance(tp, type) and issubclass(tp, datetime):
        return _write_datetime
    if isinstance(tp, type) and issubclass(tp, date):
        # msgspec writes a date as isoformat does; a datetime is a date too
        return lambda v, o: _write_datetime(v, o) if isinstance(v, datetime) else o
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_writer(tp, busy)
    return None


def _dataclass_writer(cls: type, busy: frozenset[type]) -> Writer | None:
    if cls in busy:
        return write_any
    fields = [(n, w) for n, h in hints(cls).items() if (w := _writer(h, busy | {cls})) is not None]
    if not fields:
        return None

    def write(value: Any, out: Any) -> Any:
        if type(value) is not cls or not isinstance(out, dict):
            return write_any(value, out) if type(value) is not cls else out
        for name, fix in fields:
            if name in out:
                out[name] = fix(getattr(value, name), out[name])
        return out

    return write


# --- reading -----------------------------------------------------------------------------------


def read_alike(data: Any, value: Any) -> bool:
    """The checker for any value, by its run-time type."""
    if isinstance(value, datetime):
        return _datetime_alike(data, value)
    if isinstance(value, date):
        return bool(value.isoformat() == data)
    kind: type = type(value)
    if dataclasses.is_dataclass(kind):
        check = checker(kind)
        return check is None or check(data, value)
    if isinstance(value, list | tuple):
        return isinstance(data, list) and all(
            read_alike(d, v) for d, v in zip(data, value, strict=True)
        )
    if isinstance(value, dict):
        return isinstance(data, dict) and all(read_alike(data[k], v) for k, v in value.items())
    return True


def _datetime_alike(data: Any, value: Any) -> bool:
    if not isinstance(value, datetime):
        return read_alike(data, value)
    return value.tzinfo is not None and value.isoformat() == data


@cache
def checker(cls: type) -> Checker | None:
    """What to compare after msgspec read a ``cls``, or None when nothing can differ."""
    return _checker(cls, frozenset())


def _checker(tp: Any, busy: frozenset[type]) -> Checker | None:
    origin = typing.get_origin(tp)
    args = [a for a in typing.get_args(tp) if a is not Ellipsis]
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in args if a is not _NONE]
        found = [c for a in kinds if (c := _checker(a, busy)) is not None]
        if not found:
            return None
        if len(kinds) == 1:
            check = found[0]
            return lambda d, v: v is None or check(d, v)
        return read_alike
    if origin in (list, tuple):
        if origin is tuple and len(args) != 1:
            return read_alike
        each = _checker(args[0], busy) if args else None
        return None if each is None else lambda d, v: all(map(each, d, v))
    if origin is dict:
        item = _checker(args[1], busy) if args else None
        return None if item is None else lambda d, v: all(item(d[k], x) for k, x in v.items())
    if isinstance(tp, type) and issubclass(tp, datetime):
        return _datetime_alike
    if isinstance(tp, type) and issubclass(tp, date):
        return lambda d, v: read_alike(d, v)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_checker(tp, busy)
    return None


def _dataclass_checker(cls: type, busy: frozenset[type]) -> Checker | None:
    if cls in busy:
        return read_alike
    fields = [(n, c) for n, h in hints(cls).items() if (c := _checker(h, busy | {cls})) is not None]
    if not fields:
        return None

    def check(data: Any, value: Any) -> bool:
        if not isinstance(data, dict) or type(value) is not cls:
            return False
        return all(
            name not in data or alike(data[name], getattr(value, name)) for name, alike in fields
        )

    return check
