"""Full-width forms as a Chinese input method types them (２０２０／１０／１０, ９０％), read as ASCII."""

from __future__ import annotations

#: U+FF01…U+FF5E are ASCII 0x21…0x7E in full width; U+3000 is the ideographic space. Nothing else is
#: folded: NFKC would also turn '²' or '①' into digits, which nobody types as a number.
_TABLE = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}


def halfwidth(text: str) -> str:
    """`text` with full-width ASCII forms replaced by their ASCII characters."""
    return text.translate(_TABLE)
