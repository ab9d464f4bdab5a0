"""The one place where domain dataclasses become JSON-safe values and back.

Field names become keys; aware datetimes become ISO 8601 with offset; dates ISO dates;
enums their value; tuples lists. Decoding follows the dataclass's type hints.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

JSON = dict[str, Any] | list[Any] | str | int | float | bool | None


class DecodeError(ValueError):
    """A stored document does not match the shape the code expects."""


def to_json(value: Any) -> Any:
    """Turn a dataclass (or any supported value) into JSON-safe data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("refusing to store a datetime without a time zone")
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot store a {type(value).__name__}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(cls: type[T], data: Any) -> T:
    """Rebuild a ``cls`` from what :func:`to_json` produced."""
    try:
        return typing.cast(T, _decode(cls, data))
    except (TypeError, ValueError, KeyError) as error:
        raise DecodeError(f"not a valid {getattr(cls, '__name__', cls)}: {error}") from error


def _decode(tp: Any, data: Any) -> Any:
    if tp is Any:
        return data
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _decode_union(typing.get_args(tp), data)
    if origin is typing.Literal:
        if data not in typing.get_args(tp):
            raise ValueError(f"{data!r} is not one of {typing.get_args(tp)}")
        return data
    if origin in (list, tuple, dict):
        return _decode_container(tp, origin, data)
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return _decode_dataclass(tp, data)
        if issubclass(tp, enum.Enum):
            return tp(data)
        if tp is datetime:
            value = datetime.fromisoformat(_expect(data, str))
            if value.tzinfo is None:
                raise ValueError(f"{data!r} has no time zone")
            return value
        if tp is date:
            return date.fromisoformat(_expect(data, str))
        if tp is float and isinstance(data, int) and not isinstance(data, bool):
            return float(data)
        if tp in (str, int, float, bool):
            if isinstance(data, bool) and tp is not bool:
                raise TypeError(f"expected {tp.__name__}, got a boolean")
            return _expect(data, tp)
    raise TypeError(f"unsupported type {tp!r}")


def _decode_container(tp: Any, origin: Any, data: Any) -> Any:
    args = typing.get_args(tp)
    if origin is dict:
        value_type = args[1] if args else Any
        return {str(k): _decode(value_type, v) for k, v in _expect(data, dict).items()}
    items = _expect(data, list)
    if origin is list:
        item_type = args[0] if args else Any
        return [_decode(item_type, item) for item in items]
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(args[0], item) for item in items)
    if args and len(args) != len(items):
        raise ValueError(f"expected {len(args)} items, got {len(items)}")
    return tuple(_decode(a, item) for a, item in zip(args, items, strict=False))


def _decode_union(args: tuple[Any, ...], data: Any) -> Any:
    if data is None:
        if type(None) in args:
            return None
        raise TypeError("missing value")
    errors: list[str] = []
    # Try exact primitive matches first so an int answer is never read as a float or bool.
    for arg in args:
        if isinstance(arg, type) and arg in (bool, int, float, str) and type(data) is arg:
            return data
    for arg in args:
        if arg is type(None):
            continue
        try:
            return _decode(arg, data)
        except (TypeError, ValueError, KeyError) as error:
            errors.append(str(error))
    raise TypeError("; ".join(errors) or f"cannot decode {data!r}")


def _decode_dataclass(cls: type, data: Any) -> Any:
    mapping = _expect(data, dict)
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in mapping:
            kwargs[f.name] = _decode(hints[f.name], mapping[f.name])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise KeyError(f"missing field {f.name!r}")
    return cls(**kwargs)


def _expect(data: Any, tp: type[T]) -> T:
    if not isinstance(data, tp):
        raise TypeError(f"expected {tp.__name__}, got {type(data).__name__}")
    return data


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
    hints = _hints(cls)
    merged = dict(fresh)
    for name, value in stored.items():
        if name not in hints:
            merged[name] = value
        elif name in fresh:
            merged[name] = _keep_nested(hints[name], value, fresh[name])
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
