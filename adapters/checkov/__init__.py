"""checkov as an isolated evidence source: run from its own virtual environment, read as JSON."""

from adapters.checkov.adapter import CheckovAdapter, with_native_tags
from adapters.checkov.install import default_home, install
from adapters.checkov.skips import with_checkov_skips

__all__ = [
    "CheckovAdapter",
    "default_home",
    "install",
    "with_checkov_skips",
    "with_native_tags",
]
