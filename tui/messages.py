"""Messages widgets post upward; the screens and the app act on them."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenUnit(Message):
    """The user chose a unit to look into."""

    code: str


@dataclass
class OpenTask(Message):
    """The user chose a task to look into."""

    task: str


@dataclass
class ViewChanged(Message):
    """A fresh view of the database (or another as-of date) is in place; screens redraw from it."""

    generation: int
