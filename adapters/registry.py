"""The sources assaymark collects from, by name: one line adds a source.

Each adapter is named by its module and class and imported only when it is used, so that a
Terraform scan in a pre-commit hook never pays for boto3 or a database driver.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from adapters.base import Adapter


@dataclass(frozen=True)
class AdapterEntry:
    """Where a source's adapter lives."""

    module: str
    name: str

    def load(self) -> type[Adapter]:
        """The adapter class (importing its module)."""
        found = getattr(importlib.import_module(self.module), self.name)
        if not (isinstance(found, type) and issubclass(found, Adapter)):
            raise TypeError(f"{self.module}.{self.name} is not an adapter")
        return found


ADAPTERS: dict[str, AdapterEntry] = {
    "terraform": AdapterEntry("adapters.terraform", "TerraformAdapter"),
    "aws": AdapterEntry("adapters.aws", "AwsAdapter"),
    "db": AdapterEntry("adapters.db", "DatabaseAdapter"),
    "checkov": AdapterEntry("adapters.checkov", "CheckovAdapter"),
}

#: The source names controls may check, in the order reports list them.
SOURCES = tuple(ADAPTERS)


def adapter_class(source: str) -> type[Adapter]:
    """The adapter of one source; KeyError for a source assaymark does not know."""
    return ADAPTERS[source].load()
