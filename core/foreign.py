"""Other libraries' own English words (argparse's messages, Textual's commands) in the chosen language."""

from __future__ import annotations

from .i18n import t


def foreign_word(words: dict[str, str], text: str) -> str:
    """`text`, a library's own word or message, translated when `words` maps it to a catalogue key;
    anything else passes through as the library wrote it."""
    key = words.get(text)
    return t(key) if key else text
