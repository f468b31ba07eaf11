"""Turn the model's dataclasses into JSON-ready documents and back."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing

from . import model


@functools.cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls, vars(model))


def to_doc(obj: object) -> object:
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


def _convert(hint: object, value: object) -> object:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner[0], value)
    if hint is dt.date:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    if origin is tuple:
        (item, *_rest) = typing.get_args(hint)
        return tuple(_convert(item, v) for v in value)
    if dataclasses.is_dataclass(hint):
        return value if isinstance(value, hint) else from_doc(hint, value)
    return value


def from_doc(cls: type, doc: dict) -> object:
    """Build `cls` from a document made by `to_doc`, ignoring keys it does not know."""
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: _convert(hints[k], v) for k, v in doc.items() if k in names})
