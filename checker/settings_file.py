"""Reading a YAML settings file (configuration, waivers) with errors that name the option."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from checker.errors import UsageError


def read_settings(path: Path, option: str) -> Any:
    """The parsed YAML of a file given with `option`; a clean usage error if it cannot be read."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{option} {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise UsageError(f"{option} {path}: not valid YAML: {exc}") from exc
