"""Turn the model's dataclasses into JSON-ready documents and back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

from . import model


def to_doc(obj: object) -> Any:
    """A dataclass (or value) as plain JSON types: dates as ISO strings, tuples as lists."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_doc(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_doc(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_doc(v) for k, v in obj.items()}
    return obj


def _date(value):
    return value if isinstance(value, dt.date) or value is None else dt.date.fromisoformat(value)


def _converter(hint: object) -> Callable | None:
    """A function turning a JSON value into `hint`'s type; built once per field, not per value."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        convert = _converter(inner[0])
        return None if convert is None else (lambda v: None if v is None else convert(v))
    if hint is dt.date:
        return _date
    if origin is tuple:
        item = _converter(typing.get_args(hint)[0])
        return tuple if item is None else (lambda v: tuple(map(item, v)))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda v: v if isinstance(v, hint) else from_doc(hint, v)
    return None  # taken as it is


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Callable | None], ...]:
    hints = typing.get_type_hints(cls, localns=vars(model))
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


def from_doc(cls: type, doc: dict) -> Any:
    """Build `cls` from a document made by `to_doc`, ignoring keys it does not know."""
    kwargs = {}
    for name, convert in _fields(cls):
        if name in doc:
            kwargs[name] = doc[name] if convert is None else convert(doc[name])
    return cls(**kwargs)
