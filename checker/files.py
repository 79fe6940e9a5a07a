"""Writing the files a run produces whole or not at all."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def default_mode(*, directory: bool = False) -> int:
    """The mode a plain open() or mkdir() would give under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o777 if directory else 0o666) & ~umask


@contextmanager
def replaced_whole(path: Path) -> Iterator[TextIO]:
    """A text stream whose content replaces `path` only once it is completely written.

    The text goes to a hidden file beside `path`, renamed over it at the end; on any error that
    file is removed and `path` keeps what it had. A device or pipe (`/dev/stdout`, a FIFO) is
    written in place: renaming a file over it would replace the device.
    """
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        with path.open("w", encoding="utf-8") as stream:
            yield stream
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    partial = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            yield stream
        partial.chmod(default_mode())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
