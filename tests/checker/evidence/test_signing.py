"""Key pairs: never overwritten, and never left empty or half-written."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from checker.errors import UsageError
from checker.evidence import signing


def test_a_failed_keygen_leaves_no_key_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, stream: Any) -> None:
            self.stream = stream

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(signing.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    with pytest.raises(UsageError, match="No space left on device"):
        signing.generate_key_pair(tmp_path / "team")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_key_is_never_overwritten(tmp_path: Path) -> None:
    private, _ = signing.generate_key_pair(tmp_path / "team")
    before = private.read_bytes()
    with pytest.raises(UsageError, match="exists"):
        signing.generate_key_pair(tmp_path / "team")
    assert private.read_bytes() == before
    assert private.stat().st_mode & 0o077 == 0
