"""The hand-written codec: the reference :mod:`codec` falls back to, and is checked against.

Field names become keys; aware datetimes become ISO 8601 with offset; dates ISO dates;
enums their value; tuples lists. Decoding follows the dataclass's type hints
(``typing.get_type_hints``, so postponed annotations are fine).

Everything msgspec cannot take, or would read differently, goes through here, so this is
what defines the codec's behaviour; :mod:`codec` only makes the common case fast.
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
def hints(cls: type) -> dict[str, Any]:
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
    types_of = hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in mapping:
            kwargs[f.name] = _decode(types_of[f.name], mapping[f.name])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise KeyError(f"missing field {f.name!r}")
    return cls(**kwargs)


def _expect(data: Any, tp: type[T]) -> T:
    if not isinstance(data, tp):
        raise TypeError(f"expected {tp.__name__}, got {type(data).__name__}")
    return data
