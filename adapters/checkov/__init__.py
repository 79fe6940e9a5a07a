"""checkov as an isolated evidence source: run from its own virtual environment, read as JSON."""

from adapters.checkov.adapter import CheckovAdapter, with_native_tags
from adapters.checkov.install import default_home, install

__all__ = ["CheckovAdapter", "default_home", "install", "with_native_tags"]
