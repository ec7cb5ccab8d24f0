"""Reading a contributor's file: the file itself, never what a link points at."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file that is not a link, at most `limit` of them.

    Opened without following links and without blocking, then checked on the open file,
    so nothing swapped in after the folder was listed (a link, a FIFO) is read or waited on."""
    if os.path.islink(path):
        raise OSError("refused: it is a symbolic link; only files themselves are read")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError("not a regular file")
        if info.st_size > limit:
            raise OSError(f"the file is {info.st_size:,} bytes; the limit is {limit:,}")
        return file.read(limit + 1)[:limit]
