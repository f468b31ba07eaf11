"""Reading a file a user names on the command line (a plan, a workbook), treating the path as hostile.

Only a regular file is read: a device (/dev/zero), a FIFO or a folder is refused at once, before any
byte is read, since reading one could block forever or never end. The size limit is enforced while
reading, not taken from `stat`, which a growing file (or a special one) does not honour.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import DubanError
from .i18n import t


def read_input(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the regular file at `path`, refused if it is anything else or longer than `limit`."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise DubanError(t("input_unreadable", file=path, problem=exc.strerror or exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DubanError(t("input_not_regular", file=path))
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            total += len(chunk)
            if total > limit:
                raise DubanError(t("input_too_large", file=Path(path).name, limit=limit))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise DubanError(t("input_unreadable", file=path, problem=exc.strerror or exc)) from None
    finally:
        os.close(fd)
